"""Interviews grouped by speaker: the same groups whether named anew or read back, and
an entry that does not fit its corpus is made again."""

from __future__ import annotations

import logging
import marshal
from array import array
from pathlib import Path

import pytest

from fangtan.retrieval.entries import _unwrap, read_entry, write_entry
from fangtan.retrieval.reading import parsed_cache
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.reading.parsed_cache import ParsedCache, parsed_dir
from fangtan.retrieval.reading.speaker_groups import SpeakerGroups
from fangtan.retrieval.records import Corpus
from tests.conftest import ROOT


def grouped(names: list[str | None]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for number, name in enumerate(names):
        if name:
            found.setdefault(name, []).append(number)
    return found


def test_groups_keep_each_name_s_interviews_in_order() -> None:
    names = ["乙", None, "甲", "乙", None, "丙", "甲", "乙"]
    groups = SpeakerGroups.of(names)
    assert list(groups) == ["乙", "甲", "丙"]
    assert dict(groups.items()) == grouped(names) == {"乙": [0, 3, 7], "甲": [2, 6], "丙": [5]}
    assert "丁" not in groups and len(groups) == 3
    assert groups.named() == [name is not None for name in names]
    with pytest.raises(KeyError):
        groups["丁"]
    assert dict(SpeakerGroups.of([]).items()) == {}
    assert SpeakerGroups.of([]).named() == []
    assert dict(SpeakerGroups.of([None, None]).items()) == {}


def cached_corpus(corpus_dir: Path, cache_dir: Path) -> Corpus:
    return load_corpus(
        corpus_dir, read_many=ParsedCache(parsed_dir(cache_dir, corpus_dir)).read_many
    )


def test_groups_read_back_are_the_groups_named_anew(tmp_path: Path) -> None:
    seeds = ROOT / "seeds"
    cold = load_corpus(seeds)
    expected = grouped([i.speaker.name for i in cold.interviews])
    assert len(expected) > 3
    first = cached_corpus(seeds, tmp_path / "cache").speaker_groups()
    assert (parsed_dir(tmp_path / "cache", seeds) / parsed_cache.GROUPS_ENTRY).exists()
    again = cached_corpus(seeds, tmp_path / "cache").speaker_groups()
    for groups in (cold.speaker_groups(), first, again):
        assert list(groups) == list(expected)
        assert dict(groups.items()) == expected


def test_groups_that_do_not_fit_the_corpus_are_made_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seeds = ROOT / "seeds"
    cached_corpus(seeds, tmp_path / "cache").speaker_groups()
    entry = parsed_dir(tmp_path / "cache", seeds) / parsed_cache.GROUPS_ENTRY
    header, plain = _header_and_plain(entry)
    names, raw = plain
    numbers = array("i")
    numbers.frombytes(raw)
    expected = grouped(load_corpus(seeds).speaker_names())
    wrong = [
        (names, raw + raw),  # twice the interviews
        (names[:1], raw),  # name numbers past the names
        (names + names[:1], raw),  # a name twice
        ("names", raw),
    ]
    for plain_wrong in wrong:
        write_entry(entry, header, plain_wrong)
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            groups = cached_corpus(seeds, tmp_path / "cache").speaker_groups()
        assert "damaged" in caplog.text
        assert dict(groups.items()) == expected
        assert read_entry(entry, header) == plain  # made and kept again


def _header_and_plain(entry: Path) -> tuple[str, object]:
    header, plain = marshal.loads(_unwrap(entry.read_bytes()))
    return header, plain
