"""What answering a question loads: a served engine answers from its caches and the
question, and reads nothing more (jieba's word lists for reading names cost ~20 MiB)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from fangtan.retrieval.reading.corpus import default_corpus_dir

QUESTIONS = [
    "谁提了数据安全？",
    "有没有人说年轻人不愿意干照顾老年人的活儿",
    "代灿丽咋看校企合作",
    "李书记怎么看",
    "张总的儿子说了什么",
    "他还说了啥",
]

SCRIPT = """
import json, sys
from pathlib import Path
from fangtan.bot.serving.loading import load_engine
from fangtan.retrieval.reading import common_words

loaded = load_engine(Path(sys.argv[1]), Path(sys.argv[2]))
for question in json.loads(sys.argv[3]):
    loaded.engine.answer(question)
print(json.dumps({"how": loaded.how, "words": common_words._words_now is not None}))
"""


def _serve(corpus: Path, cache: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(corpus), str(cache), json.dumps(QUESTIONS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_answering_from_warm_caches_reads_no_word_lists(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(default_corpus_dir(), corpus)
    # The first load reads the corpus (and so the words) and fills the caches.
    assert _serve(corpus, tmp_path / "cache")["words"] is True
    served = _serve(corpus, tmp_path / "cache")
    assert served["how"] == "cached"
    assert served["words"] is False
