"""The per-file caches (parsed files, tokens): used when valid, redone per changed file,
rebuilt when damaged, and never changing an answer."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.loading import load_engine
from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.reading import parsed_cache
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.reading.merged_people import MergedPeople
from fangtan.retrieval.reading.parsed_cache import ParsedCache, parsed_dir
from fangtan.retrieval.search.cache import build_index, code_version, entries_dir
from fangtan.retrieval.search.index import BM25Index, corpus_vocabulary
from fangtan.retrieval.search.token_cache import TokenCache
from fangtan.retrieval.search.tokenize import Tokenizer
from tests.conftest import ROOT, SECOND_PAGE, SHARED, two_pages, write

EVAL = SHARED / "eval"
OWN = ROOT / "tests" / "articles"
# Every question set with the corpus it is asked of.
SETS = [
    (EVAL / "dev_questions.jsonl", ROOT / "seeds"),
    (EVAL / "natural_dev.jsonl", ROOT / "seeds"),
    (EVAL / "format_questions.jsonl", EVAL / "formats"),
    (OWN / "questions.jsonl", OWN / "pages"),
    (OWN / "shapes" / "questions.jsonl", OWN / "shapes" / "pages"),
]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return two_pages(tmp_path / "corpus")


def read(corpus_dir: Path, cache_dir: Path) -> ParsedCache:
    reader = ParsedCache(parsed_dir(cache_dir, corpus_dir))
    load_corpus(corpus_dir, reader.read)
    return reader


def test_unchanged_files_come_from_the_cache(corpus_dir: Path, tmp_path: Path) -> None:
    first = read(corpus_dir, tmp_path / "cache")
    assert sorted(first.fresh) == ["page.txt", "second.txt"]
    second = read(corpus_dir, tmp_path / "cache")
    assert second.fresh == [] and second.reused == 2
    cold = load_corpus(corpus_dir)
    cached = load_corpus(corpus_dir, ParsedCache(parsed_dir(tmp_path / "cache", corpus_dir)).read)
    assert (cached.files, cached.interviews, cached.chunks) == (
        cold.files,
        cold.interviews,
        cold.chunks,
    )
    assert (cached.people, cached.warnings) == (cold.people, cold.warnings)


def test_only_the_changed_file_is_read_again(corpus_dir: Path, tmp_path: Path) -> None:
    read(corpus_dir, tmp_path / "cache")
    write(corpus_dir, "second.txt", SECOND_PAGE.replace("步道", "栈道"))
    again = read(corpus_dir, tmp_path / "cache")
    assert again.fresh == ["second.txt"] and again.reused == 1
    corpus = load_corpus(corpus_dir, ParsedCache(parsed_dir(tmp_path / "cache", corpus_dir)).read)
    assert any("栈道" in chunk.text for chunk in corpus.chunks)
    assert not any("步道" in chunk.text for chunk in corpus.chunks)


def test_other_code_does_not_reuse_entries(corpus_dir: Path, tmp_path: Path) -> None:
    read(corpus_dir, tmp_path / "cache")
    other = ParsedCache(parsed_dir(tmp_path / "cache", corpus_dir), version="other code")
    load_corpus(corpus_dir, other.read)
    assert sorted(other.fresh) == ["page.txt", "second.txt"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-40] + bytes(40),  # zeroed tail
        lambda data: data[:30] + bytes([data[30] ^ 0xFF]) + data[31:],  # one flipped byte
        lambda data: b"",  # empty
        lambda data: b"\x80\x04garbage" * 10,  # something else entirely
    ],
)
def test_damaged_entry_is_rebuilt(
    corpus_dir: Path, tmp_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir = tmp_path / "cache"
    reader = read(corpus_dir, cache_dir)
    entry = reader.entry("page.txt")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    with caplog.at_level(logging.WARNING):
        again = read(corpus_dir, cache_dir)
    assert again.fresh == ["page.txt"]
    assert "damaged" in caplog.text
    # The rebuilt entry is whole again.
    assert read(corpus_dir, cache_dir).fresh == []


def test_an_entry_of_an_earlier_format_is_replaced_quietly(
    corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An upgrade finds entries an earlier fangtan wrote (behind a SHA-256 then):
    they are made again without warning of damage."""
    cache_dir = tmp_path / "cache"
    reader = read(corpus_dir, cache_dir)
    entry = reader.entry("page.txt")
    body = entry.read_bytes()[len(b"fangtan-cache-crc32\0") + 4 :]
    entry.write_bytes(b"fangtan-cache\0" + hashlib.sha256(body).digest() + body)
    with caplog.at_level(logging.WARNING):
        again = read(corpus_dir, cache_dir)
    assert again.fresh == ["page.txt"]
    assert caplog.text == ""
    assert read(corpus_dir, cache_dir).fresh == []


def test_unwritable_cache_still_loads(corpus_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    reader = read(corpus_dir, blocked)
    assert sorted(reader.fresh) == ["page.txt", "second.txt"]
    assert read(corpus_dir, blocked).reused == 0


def questions(path: Path) -> list[str]:
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.skipif(
    not EVAL.exists(), reason="the shared question sets are not beside this checkout"
)
@pytest.mark.parametrize(("questions_file", "corpus_dir"), SETS, ids=lambda p: Path(p).stem)
def test_cached_loads_answer_as_a_cold_build(
    questions_file: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    cold = Engine(BM25Index(load_corpus(corpus_dir)))
    load_engine(corpus_dir, tmp_path / "cache")
    warm = load_engine(corpus_dir, tmp_path / "cache")
    assert warm.how == "cached"
    asked = questions(questions_file)
    assert asked
    for question in asked:
        assert warm.engine.answer(question) == cold.answer(question), question


def test_a_changed_file_is_the_only_one_tokenised_again(corpus_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert build_index(load_corpus(corpus_dir), cache_dir)[1] == "built"
    write(corpus_dir, "second.txt", SECOND_PAGE.replace("步道", "栈道"))
    corpus = load_corpus(corpus_dir)
    tokenizer = Tokenizer(corpus_vocabulary(corpus))
    tokens = TokenCache(entries_dir(cache_dir, corpus_dir), code_version(), tokenizer)
    merged = tokens.postings(corpus)
    assert tokens.fresh == ["second.txt"]
    # The merged postings are exactly a cold build's.
    cold = BM25Index(corpus, tokenizer).postings_data
    assert merged.terms == cold.terms and merged.headlines == cold.headlines
    for name in ("docs", "tfs", "offsets", "doc_len"):
        np.testing.assert_array_equal(getattr(merged, name), getattr(cold, name))
    index, how = build_index(corpus, cache_dir)
    assert how == "built" and "栈道" in index.term_ids and "步道" not in index.term_ids
    assert build_index(load_corpus(corpus_dir), cache_dir)[1] == "cached"


def test_damaged_token_entry_is_tokenised_again(corpus_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    build_index(load_corpus(corpus_dir), cache_dir)
    corpus = load_corpus(corpus_dir)
    tokens = TokenCache(
        entries_dir(cache_dir, corpus_dir), code_version(), Tokenizer(corpus_vocabulary(corpus))
    )
    entry = tokens.entry("page.txt")
    entry.write_bytes(entry.read_bytes()[:-10])
    tokens.postings(corpus)
    assert tokens.fresh == ["page.txt"]


def test_a_restart_with_no_file_changed_does_not_merge_people(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    first = load_corpus(
        corpus_dir, read_many=ParsedCache(parsed_dir(cache_dir, corpus_dir)).read_many
    )

    def merge(*_: object) -> None:
        raise AssertionError("people merged again")

    monkeypatch.setattr(parsed_cache, "merge_people", merge)
    again = load_corpus(
        corpus_dir, read_many=ParsedCache(parsed_dir(cache_dir, corpus_dir)).read_many
    )
    cold = load_corpus(corpus_dir)
    assert dict(again.people.items()) == dict(first.people.items()) == dict(cold.people.items())
    assert (again.interviews, again.chunks) == (cold.interviews, cold.chunks)


def test_an_edit_that_names_no_one_anew_does_not_merge_people(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(corpus_dir, read_many=ParsedCache(parsed_dir(cache_dir, corpus_dir)).read_many)
    write(corpus_dir, "second.txt", SECOND_PAGE.replace("修好。", "修好，并且还要继续努力。"))

    def merge(*_: object) -> None:
        raise AssertionError("people merged again")

    monkeypatch.setattr(parsed_cache, "merge_people", merge)
    cached = ParsedCache(parsed_dir(cache_dir, corpus_dir))
    warm = load_corpus(corpus_dir, read_many=cached.read_many)
    assert cached.fresh == ["second.txt"]
    monkeypatch.undo()
    cold = load_corpus(corpus_dir)
    assert dict(warm.people.items()) == dict(cold.people.items())
    assert (warm.interviews, warm.chunks) == (cold.interviews, cold.chunks)


def test_people_are_merged_again_when_a_file_changes(corpus_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_corpus(corpus_dir, read_many=ParsedCache(parsed_dir(cache_dir, corpus_dir)).read_many)
    write(corpus_dir, "second.txt", SECOND_PAGE.replace("市政协委员", "省政协委员"))
    cached = ParsedCache(parsed_dir(cache_dir, corpus_dir))
    warm = load_corpus(corpus_dir, read_many=cached.read_many)
    assert cached.fresh == ["second.txt"]
    cold = load_corpus(corpus_dir)
    assert warm.people == cold.people
    assert any(
        "省政协委员" in fact.text for person in warm.people.values() for fact in person.facts
    )


def test_damaged_people_entry_is_merged_again(
    corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir = tmp_path / "cache"
    folder = parsed_dir(cache_dir, corpus_dir)
    load_corpus(corpus_dir, read_many=ParsedCache(folder).read_many)
    entry = folder / parsed_cache.PEOPLE_ENTRY
    data = entry.read_bytes()
    entry.write_bytes(data[:-40] + bytes(40))
    with caplog.at_level(logging.WARNING):
        warm = load_corpus(corpus_dir, read_many=ParsedCache(folder).read_many)
    assert "damaged" in caplog.text
    assert warm.people == load_corpus(corpus_dir).people
    assert entry.read_bytes() == data  # merged and written again


def test_merged_people_that_do_not_hold_together_are_merged_again(
    corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = parsed_dir(tmp_path / "cache", corpus_dir)
    cache = ParsedCache(folder)
    loads = cache.read_many([(corpus_dir / n, n) for n in ("page.txt", "second.txt")])
    plain = list(MergedPeople().plain())
    plain[0] = ("someone",)  # a key without a name, facts or articles
    write_entry(folder / parsed_cache.PEOPLE_ENTRY, cache._people_header(loads), tuple(plain))
    with caplog.at_level(logging.WARNING):
        again = cache.read_many([(corpus_dir / n, n) for n in ("page.txt", "second.txt")])
    assert "damaged" in caplog.text
    assert again.people == loads.people


def test_columns_pointing_outside_their_file_are_read_again(
    corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir = tmp_path / "cache"
    reader = read(corpus_dir, cache_dir)
    entry = reader.entry("page.txt")
    header = reader._header(
        "page.txt", hashlib.sha256((corpus_dir / "page.txt").read_bytes()).hexdigest()
    )
    plain = list(read_entry(entry, header))
    strings, squeezed, chunks, interviews = plain[3]
    rows = np.frombuffer(chunks, dtype=np.int32).copy()
    rows[3] = 10**6  # a passage the file does not have
    plain[3] = (strings, squeezed, rows.tobytes(), interviews)
    write_entry(entry, header, tuple(plain))
    with caplog.at_level(logging.WARNING):
        again = read(corpus_dir, cache_dir)
    assert again.fresh == ["page.txt"]
    assert "damaged" in caplog.text
