"""The on-disk index cache: used when valid, rebuilt when anything it depends on changes."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

import fangtan.retrieval.cache as cache
from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.cache import build_index, cache_file
from fangtan.retrieval.corpus import load_corpus
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
