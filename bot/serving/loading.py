"""Building an engine from a corpus folder, with failures as one clear error."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.progress import Progress
from fangtan.bot.texts import serving as serving_texts
from fangtan.bot.texts.wording import issue_text
from fangtan.retrieval.heap import release_free_heap
from fangtan.retrieval.reading.corpus import (
    CorpusNotFound,
    CorpusUnreadable,
    default_corpus_dir,
    load_corpus,
)
from fangtan.retrieval.reading.parsed_cache import ParsedCache, parsed_dir
from fangtan.retrieval.records import Corpus, IssueKind, LoadIssue
from fangtan.retrieval.search.cache import build_index
from fangtan.retrieval.search.index import BM25Index

# Files that were there but could not be read: worth a warning wherever a corpus is served.
NOT_READ = (IssueKind.UNDECODABLE, IssueKind.UNREADABLE, IssueKind.UNPARSED)


class CorpusError(Exception):
    """The corpus cannot serve questions; the message says why, for people."""


@dataclass(frozen=True)
class Loaded:
    """A loaded corpus with the engine over it, and how the index was had (``how``)."""

    corpus: Corpus
    engine: Engine
    how: str = "uncached"
    seconds: float = 0.0
    # The index the engine answers from, for benchmarks that time search alone.
    index: BM25Index | None = None


def resolve_corpus_dir(path: Path | None) -> Path:
    return path.expanduser() if path is not None else default_corpus_dir()


def read_corpus(path: Path | None, cache_dir: Path | None = None) -> Corpus:
    """The corpus at ``path``; with ``cache_dir``, files unchanged since the last load are
    taken from the parsed-corpus cache instead of being read again."""
    root = resolve_corpus_dir(path)
    try:
        if cache_dir is None:
            return load_corpus(root)
        return load_corpus(root, read_many=ParsedCache(parsed_dir(cache_dir, root)).read_many)
    except CorpusNotFound as exc:
        raise CorpusError(serving_texts.ERR_CORPUS_MISSING.format(path=root)) from exc
    except CorpusUnreadable as exc:
        reason = exc.strerror or str(exc)
        raise CorpusError(
            serving_texts.ERR_CORPUS_UNREADABLE.format(path=root, reason=reason)
        ) from exc


def not_read(corpus: Corpus) -> list[LoadIssue]:
    """Files and folders that were skipped because they could not be read or decoded."""
    return [issue for issue in corpus.warnings if issue.kind in NOT_READ]


def load_engine(path: Path | None, cache_dir: Path | None = None, use_cache: bool = True) -> Loaded:
    """Load, index (from the cache when it is valid) and wrap ``path`` in an engine."""
    started = time.perf_counter()
    corpus = read_corpus(path, cache_dir if use_cache else None)
    if not corpus.usable:
        skipped = not_read(corpus)
        if skipped:
            reasons = "；".join(issue_text(issue) for issue in skipped)
            raise CorpusError(
                serving_texts.ERR_CORPUS_EMPTY_BECAUSE.format(path=corpus.root, reasons=reasons)
            )
        raise CorpusError(serving_texts.ERR_CORPUS_EMPTY.format(path=corpus.root))
    index, how = build_index(corpus, cache_dir, use_cache, Progress(len(corpus.chunks)))
    engine = Engine(index)
    release_free_heap(len(corpus.chunks))
    return Loaded(corpus, engine, how, time.perf_counter() - started, index)
