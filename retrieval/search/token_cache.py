"""Each file's tokens on disk, so changing one file re-tokenises that file alone.

The postings of a corpus are merged from per-file entries: for every chunk
of the file, its terms and frequencies, and each interview's headline
tokens. Entries are keyed by the file's bytes, the retrieval code and the
words the tokenizer added for the corpus (a new name can change how other
text is cut, so a changed vocabulary re-tokenises every file). Merging keeps
the order a single pass over the corpus gives, so the postings are the same
as a cold build's. The tokenizer's added words are kept too, keyed by the
vocabulary, so a rebuild need not cut every name again.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.search.index import IntArray, Postings
from fangtan.retrieval.records import Chunk, Corpus, Interview
from fangtan.retrieval.search.tokenize import AddedWord, Tokenizer

FORMAT = 1


@dataclass
class FileTokens:
    """One file's chunks as (local term id, tf) entries, in the order tokenising met them."""

    terms: list[str] = field(default_factory=list)
    entries: list[int] = field(default_factory=list)  # per chunk: how many (term, tf) pairs
    term_ids: list[int] = field(default_factory=list)
    freqs: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    headlines: list[tuple[str, ...]] = field(default_factory=list)

    def plain(self) -> tuple[object, ...]:
        return (
            tuple(self.terms),
            np.asarray(self.entries, dtype=np.int32).tobytes(),
            np.asarray(self.term_ids, dtype=np.int32).tobytes(),
            np.asarray(self.freqs, dtype=np.int32).tobytes(),
            np.asarray(self.lengths, dtype=np.int32).tobytes(),
            tuple(self.headlines),
        )


@dataclass
class _Arrays:
    terms: tuple[str, ...]
    entries: IntArray
    term_ids: IntArray
    freqs: IntArray
    lengths: IntArray
    headlines: tuple[tuple[str, ...], ...]


def vocabulary_key(vocabulary: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(sorted(vocabulary)).encode("utf-8")).hexdigest()


def load_added(folder: Path, version: str, vocabulary: set[str]) -> list[AddedWord] | None:
    header = f"added:{FORMAT}:{version}:{vocabulary_key(vocabulary)}"
    table = read_entry(folder / "tokenizer.added", header)
    if not isinstance(table, tuple):
        return None
    return [(str(w), int(f), tuple(str(p) for p in parts)) for w, f, parts in table]


def save_added(
    folder: Path, version: str, vocabulary: set[str], added: Sequence[AddedWord]
) -> None:
    header = f"added:{FORMAT}:{version}:{vocabulary_key(vocabulary)}"
    write_entry(folder / "tokenizer.added", header, tuple(added))


@dataclass
class TokenCache:
    """Per-file token entries of one corpus folder; ``fresh`` names the files tokenised."""

    folder: Path
    version: str
    tokenizer: Tokenizer
    fresh: list[str] = field(default_factory=list)
    _vocabulary: str = ""

    def __post_init__(self) -> None:
        self._vocabulary = hashlib.sha256(
            json.dumps(self.tokenizer.added, ensure_ascii=False).encode("utf-8")
        ).hexdigest()

    def postings(self, corpus: Corpus, progress: Callable[[int], None] | None = None) -> Postings:
        """The corpus's postings (with headline tokens), tokenising only files without entries."""
        digests = {report.path: report.digest for report in corpus.files}
        global_ids: dict[str, int] = {}
        term_parts, doc_parts, tf_parts, length_parts = [], [], [], []
        headlines: list[tuple[str, ...]] = []
        done = 0
        interviews_of = {
            source: list(group)
            for source, group in groupby(corpus.interviews, key=lambda i: i.source)
        }
        for source, group in groupby(corpus.chunks, key=lambda c: c.source):
            chunks = list(group)
            interviews = interviews_of.get(source, [])
            arrays = self._file(source, digests.get(source, ""), chunks, interviews)
            mapping = np.fromiter(
                (global_ids.setdefault(t, len(global_ids)) for t in arrays.terms),
                dtype=np.int32,
                count=len(arrays.terms),
            )
            term_parts.append(mapping[arrays.term_ids])
            first = chunks[0].id
            doc_parts.append(
                np.repeat(np.arange(first, first + len(chunks), dtype=np.int32), arrays.entries)
            )
            tf_parts.append(arrays.freqs)
            length_parts.append(arrays.lengths)
            headlines.extend(arrays.headlines)
            done += len(chunks)
            if progress is not None:
                progress(done)
        # Interviews of files without chunks have no headline entry; cut them here.
        if len(headlines) != len(corpus.interviews):
            headlines = [tuple(self.tokenizer.tokens(i.headline)) for i in corpus.interviews]
        postings = Postings.from_entries(
            tuple(global_ids),
            _join(term_parts),
            _join(doc_parts),
            _join(tf_parts),
            _join(length_parts),
        )
        return Postings(
            postings.terms,
            postings.docs,
            postings.tfs,
            postings.offsets,
            postings.doc_len,
            tuple(headlines),
        )

    def entry(self, source: str) -> Path:
        return self.folder / f"{hashlib.sha256(source.encode()).hexdigest()[:24]}.tokens"

    def _file(
        self, source: str, digest: str, chunks: list[Chunk], interviews: list[Interview]
    ) -> _Arrays:
        header = f"tokens:{FORMAT}:{self.version}:{self._vocabulary}:{source}:{digest}"
        cached = read_entry(self.entry(source), header) if digest else None
        if cached is not None:
            arrays = _arrays(cached)
            if (
                arrays is not None
                and len(arrays.lengths) == len(chunks)
                and len(arrays.headlines) == len(interviews)
            ):
                return arrays
        self.fresh.append(source)
        tokens = FileTokens()
        local: dict[str, int] = {}
        for chunk in chunks:
            cut = self.tokenizer.tokens(chunk.text)
            tokens.lengths.append(len(cut))
            counted = Counter(cut)
            tokens.entries.append(len(counted))
            for term, tf in counted.items():
                tokens.term_ids.append(local.setdefault(term, len(local)))
                tokens.freqs.append(tf)
        tokens.terms = list(local)
        tokens.headlines = [tuple(self.tokenizer.tokens(i.headline)) for i in interviews]
        plain = tokens.plain()
        if digest:
            write_entry(self.entry(source), header, plain)
        arrays = _arrays(plain)
        assert arrays is not None
        return arrays


def _arrays(plain: Any) -> _Arrays | None:
    try:
        terms, entries, term_ids, freqs, lengths, headlines = plain
        arrays = _Arrays(
            tuple(terms),
            np.frombuffer(entries, dtype=np.int32),
            np.frombuffer(term_ids, dtype=np.int32),
            np.frombuffer(freqs, dtype=np.int32),
            np.frombuffer(lengths, dtype=np.int32),
            tuple(tuple(h) for h in headlines),
        )
    except (TypeError, ValueError):
        return None
    total = int(arrays.entries.sum()) if len(arrays.entries) else 0
    if total != len(arrays.term_ids) or len(arrays.term_ids) != len(arrays.freqs):
        return None
    if len(arrays.term_ids) and (
        int(arrays.term_ids.min()) < 0 or int(arrays.term_ids.max()) >= len(arrays.terms)
    ):
        return None
    if len(arrays.entries) != len(arrays.lengths):
        return None
    return arrays


def _join(parts: list[IntArray]) -> IntArray:
    return np.concatenate(parts).astype(np.int32) if parts else np.empty(0, dtype=np.int32)
