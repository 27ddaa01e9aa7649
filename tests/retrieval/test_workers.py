"""A build spread over worker processes gives exactly what one process gives."""

from __future__ import annotations

import gc
import json
import logging
import os
import time
from pathlib import Path

import numpy as np
import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.loading import load_engine
from fangtan.retrieval import workers
from fangtan.retrieval.reading.corpus import load_corpus, read_file
from fangtan.retrieval.search import tokenize
from fangtan.retrieval.search.index import BM25Index
from fangtan.retrieval.search.tokenize import Tokenizer
from tests.conftest import ROOT

OWN = ROOT / "tests" / "articles"


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for any job: two cores, no size floor, no other threads to worry about."""
    monkeypatch.setattr(workers, "MIN_WORK", 0)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers, "_alone", lambda: True)


def test_workers_build_what_one_process_builds(
    forced: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus_dir = OWN / "pages"
    cold = load_corpus(corpus_dir)
    cold_index = BM25Index(cold)
    with caplog.at_level(logging.DEBUG, logger=workers.__name__):
        loaded = load_engine(corpus_dir, tmp_path / "cache")
    # Both the reading and the tokenising went to workers.
    assert caplog.text.count("worker processes") == 2
    assert loaded.how == "built"
    corpus = loaded.corpus
    assert (corpus.files, corpus.interviews, corpus.chunks) == (
        cold.files,
        cold.interviews,
        cold.chunks,
    )
    assert loaded.index is not None
    ours, theirs = loaded.index.postings_data, cold_index.postings_data
    assert ours.terms == theirs.terms and ours.headlines == theirs.headlines
    for name in ("docs", "tfs", "offsets", "doc_len"):
        np.testing.assert_array_equal(getattr(ours, name), getattr(theirs, name))
    engine = Engine(cold_index)
    asked = [json.loads(line)["q"] for line in (OWN / "questions.jsonl").read_text().splitlines()]
    for question in asked:
        assert loaded.engine.answer(question) == engine.answer(question), question
    # What the workers built was cached: a restart reads it back.
    assert load_engine(corpus_dir, tmp_path / "cache").how == "cached"


def test_corpus_without_cache_is_read_by_workers(
    forced: None, caplog: pytest.LogCaptureFixture
) -> None:
    corpus_dir = OWN / "pages"
    with caplog.at_level(logging.DEBUG, logger=workers.__name__):
        spread = load_corpus(corpus_dir)
    assert "worker processes" in caplog.text
    one = load_corpus(corpus_dir, read_file)
    assert (spread.files, spread.interviews, spread.chunks, spread.people) == (
        one.files,
        one.interviews,
        one.chunks,
        one.people,
    )


def _square(n: int) -> int:
    return n * n


_CALLER = os.getpid()


def _square_or_die(n: int) -> int:
    if n == 5 and os.getpid() != _CALLER:
        os._exit(3)  # the worker process dies mid-job, as one killed for memory would
    return n * n


def test_results_come_one_at_a_time_in_order(forced: None) -> None:
    items = list(range(40))
    each = workers.spread_each(items, _square, work=1)
    assert next(each) == 0  # the first result, before the rest are asked for
    assert [0, *each] == [n * n for n in items]


def test_workers_that_break_leave_the_rest_to_this_process(
    forced: None, caplog: pytest.LogCaptureFixture
) -> None:
    items = list(range(12))
    with caplog.at_level(logging.WARNING, logger=workers.__name__):
        got = list(workers.spread_each(items, _square_or_die, work=1))
    assert got == [n * n for n in items]
    assert "working in one" in caplog.text


def _touch(job: tuple[str, int]) -> int:
    folder, n = job
    (Path(folder) / str(n)).touch()
    time.sleep(0.01)
    return n


def test_stopping_early_stops_the_workers(forced: None, tmp_path: Path) -> None:
    jobs = [(str(tmp_path), n) for n in range(1000)]
    each = workers.spread_each(jobs, _touch, work=1)
    assert next(each) == 0
    each.close()  # the jobs still queued are cancelled, not run to the end
    assert list(each) == []
    assert len(list(tmp_path.iterdir())) < 100


def test_a_tokenizers_words_are_cut_by_workers_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = load_corpus(OWN / "pages", read_file)
    words = {w for i in corpus.interviews for w in (i.speaker.name, i.speaker.organisation) if w}
    words |= {f"{s}{g}" for s in "王李张欧阳" for g in ("建国", "明华", "代表", "小满")}
    one = Tokenizer(words, cache_dir=tmp_path)
    monkeypatch.setattr(workers, "MIN_WORK", 0)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers, "_alone", lambda: True)
    monkeypatch.setattr(tokenize, "_WORDS_PER_JOB", 7)
    with caplog.at_level(logging.DEBUG, logger=workers.__name__):
        spread = Tokenizer(words, cache_dir=tmp_path)
    assert "worker processes" in caplog.text
    assert len(one.added) > 20 and any(parts for _, _, parts in one.added)
    assert spread.added == one.added


def _frozen(_: int) -> int:
    return gc.get_freeze_count()


def test_workers_keep_what_they_inherit_out_of_the_collectors_reach(forced: None) -> None:
    inherited = [[n] for n in range(1000)]  # objects the collector tracks, made before the fork
    counts = list(workers.spread_each(list(range(4)), _frozen, work=1))
    assert all(count >= len(inherited) for count in counts)
