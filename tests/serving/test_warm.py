"""A server makes the tables some questions make on first need before those questions come."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.loading import load_engine
from tests.conftest import OTHER_PAGE, write

# A miss (suggestions), a post (credentials), a topic, a list.
QUESTIONS = ("谁提到了火星移民？", "谁是居委会主任？", "谁提到了冰雪旅游？", "有哪些受访者？")
# Credentials are left to the first question about a post: they cost memory.
SLOW_TABLES = ("suggestions", "headlines")


def made(engine: Engine) -> list[str]:
    known = engine._known
    tables = {"suggestions": "suggestions" in vars(known)}
    tables["headlines"] = known.index._headline_strings is not None
    return [name for name in SLOW_TABLES if tables[name]]


def test_a_warmed_engine_has_its_tables_and_answers_as_a_cold_one(
    other_corpus_dir: Path,
) -> None:
    cold, warm = load_engine(other_corpus_dir).engine, load_engine(other_corpus_dir).engine
    assert made(warm) == []
    warm.warm()
    assert made(warm) == list(SLOW_TABLES)
    assert [warm.answer(q) for q in QUESTIONS] == [cold.answer(q) for q in QUESTIONS]
    assert "suggestions" in made(cold)  # the miss needed it
    assert "_credential_tables" in vars(cold._known) and "_credential_tables" in vars(warm._known)


def test_a_rebuilt_engine_is_warm_before_it_serves(tmp_path: Path) -> None:
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    write(corpus, "page.txt", OTHER_PAGE)
    library = Library(load_engine(corpus, cache), source=corpus, cache_dir=cache)
    assert made(library.engine) == []
    library.rebuild()
    assert made(library.engine) == list(SLOW_TABLES)


def test_warming_in_the_background_makes_the_tables(other_corpus_dir: Path) -> None:
    library = Library(load_engine(other_corpus_dir))
    library.warm_in_background().join(timeout=60)
    assert made(library.engine) == list(SLOW_TABLES)


def test_a_failed_warm_up_is_one_line_and_serving_goes_on(
    other_corpus_dir: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(load_engine(other_corpus_dir))

    def broken() -> None:
        raise MemoryError("no room")

    monkeypatch.setattr(library.engine, "warm", broken)
    with caplog.at_level(logging.WARNING):
        library.warm_in_background().join(timeout=60)
    [record] = [r for r in caplog.records if "warming" in r.getMessage()]
    assert "MemoryError: no room" in record.getMessage() and record.exc_info is None
    assert library.engine.answer("谁提到了冰雪旅游？").answered


class _Unread:
    """A headline table that must not be read."""

    def __getitem__(self, number: int) -> str:
        raise AssertionError(f"headline {number} decoded again")


def test_one_chunks_relevance_takes_the_decoded_headline_once_there(
    other_corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = load_engine(other_corpus_dir).index
    assert index is not None
    known = index.term_ids.__contains__
    query = index.expand(index.tokenizer.query("谁提到了冰雪旅游？", known=known))
    cold = [index.relevance(query, doc) for doc in range(index.size)]
    assert any(matched for _, matched in cold)
    index.warm()
    monkeypatch.setattr(index, "headline_text", _Unread())
    assert [index.relevance(query, doc) for doc in range(index.size)] == cold
