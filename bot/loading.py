"""Building an engine from a corpus folder, with failures as one clear error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot import texts
from bot.engine import Engine
from retrieval.corpus import CorpusNotFound, default_corpus_dir, load_corpus
from retrieval.index import BM25Index
from retrieval.records import Corpus


class CorpusError(Exception):
    """The corpus cannot serve questions; the message says why, for people."""


@dataclass(frozen=True)
class Loaded:
    corpus: Corpus
    engine: Engine


def resolve_corpus_dir(path: Path | None) -> Path:
    return path.expanduser() if path is not None else default_corpus_dir()


def read_corpus(path: Path | None) -> Corpus:
    root = resolve_corpus_dir(path)
    try:
        return load_corpus(root)
    except CorpusNotFound as exc:
        raise CorpusError(texts.ERR_CORPUS_MISSING.format(path=root)) from exc


def load_engine(path: Path | None) -> Loaded:
    corpus = read_corpus(path)
    if not corpus.usable:
        raise CorpusError(texts.ERR_CORPUS_EMPTY.format(path=corpus.root))
    return Loaded(corpus=corpus, engine=Engine(BM25Index(corpus)))
