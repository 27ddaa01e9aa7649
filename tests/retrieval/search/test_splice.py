"""A rebuild after one file changed replaces that file's rows: the index equals a cold build's."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

import fangtan.retrieval.search.cache as cache
from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.entries import read_entry
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.search.cache import build_index, code_version, entries_dir
from fangtan.retrieval.search.index import BM25Index, Postings
from fangtan.retrieval.search.normalize import squeeze_all
from fangtan.retrieval.search.token_cache import TokenCache, tokenize_file
from fangtan.retrieval.search.tokenize import Tokenizer
from tests.conftest import OTHER_PAGE, write

PAGES = Path(__file__).resolve().parents[2] / "articles" / "pages"
QUESTIONS = ("冰雪旅游", "湿地保护的建议", "谁提到了养老护理", "冷库", "上市培育库", "从未出现的词")
EXTRA = "\n——访市政协委员刘芳\n\n刘芳说，冷库和冰雪旅游都要上市培育库，新增湖泊栈道。\n"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write(folder, "a-other.txt", OTHER_PAGE)
    for page in sorted(PAGES.glob("*.txt")):
        shutil.copy(page, folder / page.name)
    write(folder, "z-other.txt", OTHER_PAGE.replace("湿地保护", "湿地修复"))
    return folder


@pytest.fixture
def spliced(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each build replaced one file's rows (rather than merging every file)."""
    calls: list[bool] = []
    real = cache.splice

    def spy(*args: object, **kwargs: object) -> Postings | None:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(result is not None)
        return result

    monkeypatch.setattr(cache, "splice", spy)
    return calls


def assert_same(ours: BM25Index, cold: BM25Index) -> None:
    mine, theirs = ours.postings_data, cold.postings_data
    assert list(mine.terms) == list(theirs.terms)
    assert mine.headline_tokens() == theirs.headline_tokens()
    for name in ("docs", "tfs", "offsets", "doc_len"):
        np.testing.assert_array_equal(getattr(mine, name), getattr(theirs, name))
    assert mine.tables is not None and theirs.tables is not None
    for name, array in theirs.tables.arrays().items():
        np.testing.assert_array_equal(mine.tables.arrays()[name], array, err_msg=name)
    terms = list(cold.term_ids)
    np.testing.assert_array_equal(ours.get_scores(terms), cold.get_scores(terms))
    for question in QUESTIONS:
        assert Engine(ours).answer(question) == Engine(cold).answer(question), question


def edit(name: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return apply


def _clause(text: str) -> str:
    at = text.rstrip().rfind("。")
    return text[:at] + "，并且还要继续努力。" + text[at + 1 :]


EDITS = {
    "a clause added": edit("profile.txt", _clause),
    "the first file loses its paragraphs": edit("a-other.txt", lambda t: t.split("守护")[0]),
    "the first file gains words used later": edit("a-other.txt", lambda t: t + EXTRA),
    "the last file changes": edit("z-other.txt", lambda t: t.replace("污水处理", "雨水收集")),
    "a middle file gains a paragraph": edit("meetings.txt", lambda t: t + EXTRA),
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_one_changed_file_is_spliced_as_a_cold_build(
    change: Callable[[Path], None], corpus_dir: Path, tmp_path: Path, spliced: list[bool]
) -> None:
    cache_dir = tmp_path / "cache"
    build_index(load_corpus(corpus_dir), cache_dir)
    change(corpus_dir)
    corpus = load_corpus(corpus_dir)
    ours, how = build_index(corpus, cache_dir)
    assert how == "built" and spliced == [True]
    cold, _ = build_index(load_corpus(corpus_dir), tmp_path / "cold", use_cache=False)
    assert_same(ours, cold)
    # What was written is what a restart reads, and what a further edit builds on.
    again, how = build_index(load_corpus(corpus_dir), cache_dir)
    assert how == "cached"
    assert_same(again, cold)
    edit("speech.txt", _clause)(corpus_dir)
    ours, _ = build_index(load_corpus(corpus_dir), cache_dir)
    assert spliced == [True, True]
    assert_same(ours, build_index(load_corpus(corpus_dir), None, use_cache=False)[0])


def test_two_changed_files_are_merged_again(
    corpus_dir: Path, tmp_path: Path, spliced: list[bool]
) -> None:
    cache_dir = tmp_path / "cache"
    build_index(load_corpus(corpus_dir), cache_dir)
    EDITS["a clause added"](corpus_dir)
    EDITS["the last file changes"](corpus_dir)
    ours, how = build_index(load_corpus(corpus_dir), cache_dir)
    assert how == "built" and spliced == []
    assert_same(ours, build_index(load_corpus(corpus_dir), None, use_cache=False)[0])


def test_a_new_name_tokenises_every_file_again(
    corpus_dir: Path, tmp_path: Path, spliced: list[bool]
) -> None:
    cache_dir = tmp_path / "cache"
    build_index(load_corpus(corpus_dir), cache_dir)
    edit("profile.txt", lambda t: t + "\n——访市人大代表欧阳明月\n\n欧阳明月说，好。\n")(corpus_dir)
    ours, how = build_index(load_corpus(corpus_dir), cache_dir)
    assert how == "built" and spliced == []
    assert_same(ours, build_index(load_corpus(corpus_dir), None, use_cache=False)[0])


def test_an_edited_file_cuts_only_its_changed_texts(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    build_index(load_corpus(corpus_dir), cache_dir)
    EDITS["a clause added"](corpus_dir)
    cut: list[str] = []
    real, real_all = Tokenizer.tokens, Tokenizer.tokens_of_all

    def spy(self: Tokenizer, text: str) -> list[str]:
        cut.append(text)
        return real(self, text)

    def spy_all(
        self: Tokenizer, texts: Sequence[str], squeezed: Sequence[str] | None = None
    ) -> Iterator[list[str]]:
        cut.extend(texts)
        return real_all(self, texts, squeezed)

    monkeypatch.setattr(Tokenizer, "tokens", spy)
    monkeypatch.setattr(Tokenizer, "tokens_of_all", spy_all)
    ours, _ = build_index(load_corpus(corpus_dir), cache_dir)
    assert len(cut) == 1 and cut[0].endswith("并且还要继续努力。")
    monkeypatch.undo()
    assert_same(ours, build_index(load_corpus(corpus_dir), None, use_cache=False)[0])
    # The entry written is the one tokenising the whole file writes.
    corpus = load_corpus(corpus_dir)
    source = "profile.txt"
    chunks = [c for c in corpus.chunks if c.source == source]
    interviews = [i for i in corpus.interviews if i.source == source]
    job = (tuple(c.text for c in chunks), tuple(i.headline for i in interviews), None)
    tokens = TokenCache(entries_dir(cache_dir, corpus_dir), code_version(), ours.tokenizer)
    digest = next(r.digest for r in corpus.files if r.path == source)
    entry = read_entry(tokens.entry(source), tokens._header(source, digest))
    assert entry == tokenize_file(ours.tokenizer, job)
    # Given the texts' squeezed forms, as the corpus keeps them: the same entry.
    assert entry == tokenize_file(ours.tokenizer, (*job[:2], squeeze_all(job[0])))
