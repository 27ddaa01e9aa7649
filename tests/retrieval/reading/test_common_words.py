"""jieba's common words kept in the cache folder: the dictionary's own, read from
their entry when it is valid, read from the dictionary again when it is not."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.reading import common_words
from fangtan.retrieval.reading.common_words import ENTRY, Words, entry_header
from fangtan.retrieval.reading.parsed_cache import ParsedCache
from fangtan.retrieval.search.cache import code_version
from tests.conftest import two_pages

_DICTIONARY_WORDS = common_words.dictionary_words


@functools.cache
def _from_dictionary() -> Words:
    return _DICTIONARY_WORDS()


class _Reads:
    """``dictionary_words`` that counts how often the dictionary is read."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> Words:
        self.count += 1
        return _from_dictionary()


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common_words, "_words_now", None)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Reads]:
    """A process that has not read the words yet."""
    counter = _Reads()
    _forget(monkeypatch)
    monkeypatch.setattr(common_words, "dictionary_words", counter)
    yield counter


def test_the_entry_holds_the_dictionary_words_and_spares_the_next_read(
    tmp_path: Path, reads: _Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    common_words.keep_in(tmp_path, "v")
    assert reads.count == 1 and (tmp_path / ENTRY).is_file()
    _forget(monkeypatch)
    common_words.keep_in(tmp_path, "v")
    assert reads.count == 1
    assert common_words._words() == _from_dictionary()
    starts, ends, whole = _from_dictionary()
    assert "高兴" in starts and "媒体" in ends and "家门口" in whole
    assert common_words.common_pair("媒体") and common_words.common_triple("家门口")


def test_the_words_come_from_the_entry_when_it_is_valid(
    tmp_path: Path, reads: _Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    common_words.keep_in(tmp_path, "v")
    # An entry written for these keys is believed: what it holds is what is asked.
    made_up: Words = (frozenset({"甲乙"}), frozenset({"丙丁"}), frozenset({"戊己庚"}))
    write_entry(tmp_path / ENTRY, entry_header("v"), made_up)
    _forget(monkeypatch)
    common_words.keep_in(tmp_path, "v")
    assert reads.count == 1
    assert common_words.common_pair("丙丁") and not common_words.common_pair("媒体")
    assert common_words.word_start("甲乙") and common_words.common_triple("戊己庚")


def test_another_version_or_a_damaged_entry_is_read_from_the_dictionary_again(
    tmp_path: Path, reads: _Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    common_words.keep_in(tmp_path, "old")
    _forget(monkeypatch)
    common_words.keep_in(tmp_path, "new")
    assert reads.count == 2 and common_words._words() == _from_dictionary()
    entry = tmp_path / ENTRY
    entry.write_bytes(entry.read_bytes().replace("媒体".encode(), "某某".encode()))
    _forget(monkeypatch)
    common_words.keep_in(tmp_path, "new")
    assert reads.count == 3 and common_words._words() == _from_dictionary()
    # ... and written whole again.
    _forget(monkeypatch)
    common_words.keep_in(tmp_path, "new")
    assert reads.count == 3


def test_a_process_that_has_the_words_reads_no_entry(
    tmp_path: Path, reads: _Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert common_words.word_start("高兴") and reads.count == 1
    common_words.keep_in(tmp_path, "v")
    assert reads.count == 1 and not (tmp_path / ENTRY).exists()


def test_reading_a_file_for_the_cache_keeps_the_words_beside_it(
    tmp_path: Path, reads: _Reads
) -> None:
    corpus = two_pages(tmp_path / "corpus")
    reader = ParsedCache(tmp_path / "cache" / "parsed")
    reader.read_many([(p, p.name) for p in sorted(corpus.glob("*.txt"))])
    assert reader.fresh and (tmp_path / "cache" / ENTRY).is_file()
    # Nothing to read: the entry is not looked at, and the words are not needed.
    again = ParsedCache(tmp_path / "cache2" / "parsed")
    again.read_many([])
    assert not (tmp_path / "cache2" / ENTRY).exists()


def test_the_cache_keys_the_entry_by_the_code(tmp_path: Path, reads: _Reads) -> None:
    reader = ParsedCache(tmp_path / "cache" / "parsed")
    corpus = two_pages(tmp_path / "corpus")
    reader.read_many([(p, p.name) for p in sorted(corpus.glob("*.txt"))])
    kept = read_entry(tmp_path / "cache" / ENTRY, entry_header(code_version()))
    assert kept == _from_dictionary()


def test_corpora_cached_in_one_folder_share_the_entry(
    tmp_path: Path, reads: _Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("first", "second"):
        corpus = two_pages(tmp_path / name)
        _forget(monkeypatch)
        reader = ParsedCache(tmp_path / "cache" / f"parsed-{name}")
        reader.read_many([(p, p.name) for p in sorted(corpus.glob("*.txt"))])
        assert reader.fresh
    assert reads.count == 1
