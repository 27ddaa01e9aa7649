"""A corpus's id: what tells a context left by one corpus from another's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fangtan.bot.engine.knowledge import corpus_id
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.records import Corpus
from tests.conftest import OTHER_PAGE, write


def test_the_same_files_give_the_same_id_and_a_change_another(tmp_path: Path) -> None:
    write(tmp_path, "page.txt", OTHER_PAGE)
    first = corpus_id(load_corpus(tmp_path))
    assert corpus_id(load_corpus(tmp_path)) == first
    write(tmp_path, "page.txt", OTHER_PAGE.replace("冰雪资源", "冰雪旅游"))
    assert corpus_id(load_corpus(tmp_path)) != first


def test_a_corpus_made_without_files_is_told_apart_by_its_chunks(seed_corpus: Corpus) -> None:
    made = replace(seed_corpus, files=[])
    fewer = replace(seed_corpus, files=[], chunks=seed_corpus.chunks[1:])
    assert corpus_id(made) != corpus_id(fewer)
    assert corpus_id(made) == corpus_id(replace(seed_corpus, files=[]))
