"""The on-disk index cache: used when valid, rebuilt when anything it depends on changes."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np
import pytest

import fangtan.retrieval.search.cache as cache
from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.search.cache import build_index, cache_file
from tests.conftest import OTHER_PAGE, write


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write(folder, "page.txt", OTHER_PAGE)
    return folder


def test_unchanged_corpus_is_read_from_the_cache(corpus_dir: Path, tmp_path: Path) -> None:
    first, how = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    assert how == "built"
    second, how = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    assert how == "cached"
    assert first.term_ids == second.term_ids
    terms = list(first.term_ids)[:50]
    np.testing.assert_array_equal(first.get_scores(terms), second.get_scores(terms))
    question = "谁提到了湿地保护？"
    assert Engine(first).answer(question) == Engine(second).answer(question)


def test_cached_index_is_the_built_one(corpus_dir: Path, tmp_path: Path) -> None:
    """Tables, terms and headline tokens read back from the cache equal those just built."""
    built, _ = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    cached, how = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    assert how == "cached"
    ours, theirs = cached.postings_data, built.postings_data
    assert list(ours.terms) == list(theirs.terms) and ours.headlines == theirs.headlines
    for name in ("docs", "tfs", "offsets", "doc_len"):
        np.testing.assert_array_equal(getattr(ours, name), getattr(theirs, name))
    # A serving index reads its postings from the cache file, a term's rows at a time.
    assert ours.ranges is not None and theirs.ranges is None
    for read, whole in zip(ours.ranges, (theirs.docs, theirs.tfs), strict=True):
        assert len(read) == len(whole)
        np.testing.assert_array_equal(read[0 : len(whole)], whole)
    assert ours.tables is not None and theirs.tables is not None
    for name, array in theirs.tables.arrays().items():
        np.testing.assert_array_equal(ours.tables.arrays()[name], array)
    for question in ("冰雪旅游", "湿地保护的建议", "青少年冰雪运动", "从未出现的词"):
        query = built.expand(built.tokenizer.query(question))
        assert cached.search(query) == built.search(query)


def test_changed_corpus_is_rebuilt(corpus_dir: Path, tmp_path: Path) -> None:
    build_index(load_corpus(corpus_dir), tmp_path / "cache")
    write(corpus_dir, "page.txt", OTHER_PAGE.replace("湿地保护", "湿地修复"))
    index, how = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    assert how == "built"
    assert "修复" in index.term_ids
    write(corpus_dir, "more.txt", "标题\n\n——访市人大代表王小明\n\n王小明说，好。\n")
    assert build_index(load_corpus(corpus_dir), tmp_path / "cache")[1] == "built"


def test_changed_tokeniser_settings_rebuild(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(load_corpus(corpus_dir), tmp_path / "cache")
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert build_index(load_corpus(corpus_dir), tmp_path / "cache")[1] == "built"
    monkeypatch.setattr(cache, "_LIBRARIES", (*cache._LIBRARIES, "rank-bm25"))
    assert build_index(load_corpus(corpus_dir), tmp_path / "cache")[1] == "built"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:200] + bytes(b ^ 0xFF for b in data[200:400]) + data[400:],  # flipped
        lambda data: b"",  # empty
        lambda data: b"not a zip file at all",
    ],
)
def test_damaged_cache_is_rebuilt_not_trusted(
    corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, damage
) -> None:
    corpus = load_corpus(corpus_dir)
    build_index(corpus, tmp_path / "cache")
    path = cache_file(tmp_path / "cache", corpus)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING):
        index, how = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    assert how == "built"
    assert Engine(index).answer("谁提到了湿地保护？").speakers == ("刘芳",)
    assert build_index(load_corpus(corpus_dir), tmp_path / "cache")[1] == "cached"


def test_consistent_but_wrong_arrays_are_rejected(corpus_dir: Path, tmp_path: Path) -> None:
    corpus = load_corpus(corpus_dir)
    build_index(corpus, tmp_path / "cache")
    path = cache_file(tmp_path / "cache", corpus)
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["docs"] = arrays["docs"] + 1000  # points outside the corpus
    np.savez(path, **arrays)
    assert build_index(load_corpus(corpus_dir), tmp_path / "cache")[1] == "built"


def test_unwritable_cache_dir_still_answers(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    index, how = build_index(load_corpus(corpus_dir), blocker / "cache")
    assert how == "built"
    assert Engine(index).answer("谁提到了湿地保护？").answered


def test_cache_can_be_turned_off(corpus_dir: Path, tmp_path: Path) -> None:
    _, how = build_index(load_corpus(corpus_dir), tmp_path / "cache", use_cache=False)
    assert how == "uncached"
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").glob("index-*"))


def test_writing_a_cache_prunes_only_this_corpus_stale_files(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    corpus = load_corpus(corpus_dir)
    build_index(corpus, folder)
    old_format = cache_file(folder, corpus)
    where = old_format.name.split("-")[1]
    first_format = folder / f"index-{where}.npz"  # how the first format named it
    first_format.write_bytes(b"old")
    crashed = folder / f".index-{where}-v1.4242.tmp.npz"
    crashed.write_bytes(b"half")
    os.utime(crashed, (time.time() - 2 * cache.LEFTOVER_SECONDS,) * 2)
    writing = folder / f".index-{where}-v1.4343.tmp.npz"  # another process, writing now
    writing.write_bytes(b"in progress")
    other_corpus = folder / "index-0123456789abcdef-v1.npz"
    other_corpus.write_bytes(b"someone else's corpus")
    not_ours = [folder / name for name in ("notes.txt", f"index-{where}.npz.bak", "index-mine.npz")]
    for path in not_ours:
        path.write_bytes(b"keep")
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert build_index(load_corpus(corpus_dir), folder)[1] == "built"
    current = cache_file(folder, corpus)
    assert current != old_format and current.is_file()
    assert not old_format.exists() and not first_format.exists() and not crashed.exists()
    assert writing.exists() and other_corpus.exists()
    assert all(path.read_bytes() == b"keep" for path in not_ours)
    assert build_index(load_corpus(corpus_dir), folder)[1] == "cached"


def test_unwritable_cache_folder_warns_once_for_both_caches(
    corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    with caplog.at_level(logging.DEBUG):
        for _ in range(2):  # a reload tries again; it is not news the second time
            index, how = build_index(load_corpus(corpus_dir), blocker / "cache")
            assert how == "built" and Engine(index).answer("谁提到了湿地保护？").answered
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        f"cannot write the cache folder {blocker / 'cache'} (Not a directory); "
        "running without the cache"
    ]
    assert all(r.exc_info is None for r in caplog.records)


def test_restart_takes_the_added_words_by_the_cached_vocabulary(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    corpus = load_corpus(corpus_dir)

    def gathered(_: object) -> set[str]:
        raise AssertionError("the vocabulary was gathered again")

    with monkeypatch.context() as patched:
        patched.setattr(cache, "corpus_vocabulary", gathered)
        second, how = build_index(corpus, tmp_path / "cache")
    assert how == "cached"
    assert second.tokenizer.added == first.tokenizer.added
    question = "谁提到了湿地保护？"
    assert Engine(second).answer(question) == Engine(first).answer(question)
    # Without the added words' entry, the vocabulary is gathered and the index still cached.
    (cache.entries_dir(tmp_path / "cache", corpus_dir) / "tokenizer.added").unlink()
    third, how = build_index(load_corpus(corpus_dir), tmp_path / "cache")
    assert how == "cached" and third.tokenizer.added == first.tokenizer.added
