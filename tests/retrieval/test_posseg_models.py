"""posseg's model read from the cache folder tags exactly as posseg's own modules do."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fangtan.retrieval.entries import write_entry
from fangtan.retrieval.search.posseg_models import MODULES, NAME, _read, model_key

# Made-up phrases: unknown names and runs of single characters send posseg to its model.
QUESTIONS = ["谁提了冰湖渔业？", "哪位委员说过要修好乡道", "欧阳晓峰说了什么", "有谁关心旱塬种粮"]

SCRIPT = """
import json, sys
from pathlib import Path
from fangtan.retrieval.search.tokenize import Tokenizer

tokenizer = Tokenizer(cache_dir=Path(sys.argv[1]))
tokenizer._function_words("")  # makes the tagger, importing posseg
tagged = [[tuple(p) for p in tokenizer._pos.lcut(q)] for q in json.loads(sys.argv[2])]
models = [sys.modules["jieba.posseg." + m] for m in json.loads(sys.argv[3])]
stand_ins = [not hasattr(model, "__file__") for model in models]
print(json.dumps({"tagged": tagged, "stand_ins": stand_ins}, ensure_ascii=False))
"""


def _tag(folder: Path) -> dict[str, list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder), json.dumps(QUESTIONS), json.dumps(MODULES)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def blocked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that cannot hold the model file, with jieba's dictionary made in it."""
    folder = tmp_path_factory.mktemp("blocked")
    (folder / NAME).mkdir()  # a folder where the file would go: never read, never written
    return folder


@pytest.fixture(scope="module")
def reference(blocked: Path) -> list[object]:
    """Tags with posseg's own modules."""
    first = _tag(blocked)
    assert first["stand_ins"] == [False] * len(MODULES)
    return first["tagged"]


@pytest.fixture
def folder(tmp_path: Path, blocked: Path, reference: list[object]) -> Path:
    """A cache folder with jieba's dictionary but no model file: each start is quicker."""
    for made in blocked.iterdir():
        if made.is_file():
            shutil.copy(made, tmp_path / made.name)
    return tmp_path


def _tags_from_jieba_and_writes_the_file(folder: Path, reference: list[object]) -> None:
    """A start without a usable file: posseg's own modules, then the file is there."""
    made = _tag(folder)
    assert made["stand_ins"] == [False] * len(MODULES)
    assert made["tagged"] == reference
    key = model_key()
    assert key is not None
    assert _read(folder / NAME, key) is not None


def test_the_model_file_is_made_then_used_and_tags_the_same(
    folder: Path, reference: list[object]
) -> None:
    _tags_from_jieba_and_writes_the_file(folder, reference)
    used = _tag(folder)
    assert used["stand_ins"] == [True] * len(MODULES)
    assert used["tagged"] == reference


def _entry(header: str | None, payload: object) -> Callable[[Path], None]:
    """Writes ``payload`` as an entry under ``header`` (None: the model's own key)."""
    return lambda path: write_entry(path, header or model_key() or "", payload)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(b"not marshal at all"),
        lambda path: path.write_bytes(b""),
        _entry("another jieba", {m: {"x": 1} for m in MODULES}),
        _entry(None, [1, 2, 3]),
    ],
    ids=["garbage", "empty", "other-key", "other-shape"],
)
def test_a_bad_model_file_is_made_again(
    folder: Path, reference: list[object], spoil: Callable[[Path], None]
) -> None:
    spoil(folder / NAME)
    _tags_from_jieba_and_writes_the_file(folder, reference)


def test_only_complete_tables_of_the_key_are_read(tmp_path: Path) -> None:
    path = tmp_path / NAME
    whole = {m: {"a": 1.0} for m in MODULES}
    write_entry(path, "k", whole)
    assert _read(path, "k") == whole
    assert _read(path, "other") is None
    write_entry(path, "k", {m: {"a": 1.0} for m in MODULES[:-1]})
    assert _read(path, "k") is None
    write_entry(path, "k", {**whole, MODULES[0]: {}})
    assert _read(path, "k") is None
    assert _read(tmp_path / "missing", "k") is None
