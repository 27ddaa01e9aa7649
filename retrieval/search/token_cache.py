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
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import count, groupby
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.records import Chunk, ChunkColumns, Corpus, Interview
from fangtan.retrieval.search.added_words import AddedWord, AddedWords
from fangtan.retrieval.search.index import IntArray, Postings
from fangtan.retrieval.search.tokenize import Tokenizer
from fangtan.retrieval.workers import spread_each

# 2: with a digest of each chunk's text and each headline, so an edited file's
#    unchanged paragraphs are not cut again.
# 3: keyed by the added words' digest (see ``AddedWords.digest``).
FORMAT = 3
# Bytes of each text's digest: enough to tell a file's few thousand texts apart.
SEEN = 8
# The added words' entry: columns (see AddedWords.plain) since format 3; without the
# words' prefixes since 4.
ADDED_FORMAT = 4
ADDED = "tokenizer.added"


@dataclass
class FileTokens:
    """One file's chunks as (local term id, tf) entries, in the order tokenising met them."""

    terms: list[str] = field(default_factory=list)
    entries: list[int] = field(default_factory=list)  # per chunk: how many (term, tf) pairs
    term_ids: list[int] = field(default_factory=list)
    freqs: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    headlines: list[tuple[str, ...]] = field(default_factory=list)
    seen: list[bytes] = field(default_factory=list)  # each chunk's text's, then headline's

    def plain(self) -> tuple[object, ...]:
        return (
            tuple(self.terms),
            np.asarray(self.entries, dtype=np.int32).tobytes(),
            np.asarray(self.term_ids, dtype=np.int32).tobytes(),
            np.asarray(self.freqs, dtype=np.int32).tobytes(),
            np.asarray(self.lengths, dtype=np.int32).tobytes(),
            tuple(self.headlines),
            b"".join(self.seen),
        )


@dataclass
class FileArrays:
    """A token entry as read: ``FileTokens`` as arrays."""

    terms: tuple[str, ...]
    entries: IntArray
    term_ids: IntArray
    freqs: IntArray
    lengths: IntArray
    headlines: tuple[tuple[str, ...], ...]
    seen: bytes


def vocabulary_key(vocabulary: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(sorted(vocabulary)).encode("utf-8")).hexdigest()


def load_added(folder: Path, version: str, vocabulary: str) -> AddedWords | None:
    """The added words of the vocabulary whose ``vocabulary_key`` is ``vocabulary``."""
    header = f"added:{ADDED_FORMAT}:{version}:{vocabulary}"
    return AddedWords.from_plain(read_entry(folder / ADDED, header))


def save_added(
    folder: Path, version: str, vocabulary: str, added: Sequence[AddedWord] | AddedWords
) -> None:
    header = f"added:{ADDED_FORMAT}:{version}:{vocabulary}"
    try:
        table = added if isinstance(added, AddedWords) else AddedWords.of(added)
    except ValueError:
        return  # words no entry can hold: they are cut again next time
    write_entry(folder / ADDED, header, table.plain())


@dataclass
class TokenCache:
    """Per-file token entries of one corpus folder; ``fresh`` names the files tokenised."""

    folder: Path
    version: str
    tokenizer: Tokenizer
    fresh: list[str] = field(default_factory=list)
    _vocabulary: str = ""

    def __post_init__(self) -> None:
        self._vocabulary = self.tokenizer.added_digest()

    def postings(self, corpus: Corpus, progress: Callable[[int], None] | None = None) -> Postings:
        """The corpus's postings (with headline tokens), tokenising only files without entries
        (side by side in worker processes when there are many)."""
        digests = {report.path: report.digest for report in corpus.files}
        files, texts_of = _files(corpus)
        found = [
            self._cached(file.source, digests.get(file.source, ""), file.chunks, file.interviews)
            for file in files
        ]
        missing = [at for at, arrays in enumerate(found) if arrays is None]
        chars = sum(files[at].chars for at in missing)
        with self.tokenizer.cutting(chars):
            # Workers are given a file's number and read its texts from the corpus they
            # inherited: sending every text to them cost the calling process ~10 s at 1M.
            tokenised = spread_each(
                [files[at].number for at in missing],
                lambda number: tokenize_file(self.tokenizer, texts_of(number)),
                chars,
            )
            return self._merge(
                corpus, files, self._kept(files, found, digests, tokenised), progress
            )

    def _kept(
        self,
        files: list[_File],
        found: list[FileArrays | None],
        digests: dict[str, str],
        tokenised: Iterator[tuple[object, ...]],
    ) -> Iterator[FileArrays]:
        """Each file's arrays, a tokenised one (the next of ``tokenised``) kept as it comes:
        merged while the workers cut the files after it."""
        for file, arrays in zip(files, found, strict=True):
            if arrays is None:
                plain = next(tokenised)
                self.fresh.append(file.source)
                digest = digests.get(file.source, "")
                if digest:
                    write_entry(self.entry(file.source), self._header(file.source, digest), plain)
                arrays = _arrays(plain)
                assert arrays is not None
            yield arrays

    def _merge(
        self,
        corpus: Corpus,
        files: list[_File],
        found: Iterable[FileArrays],
        progress: Callable[[int], None] | None,
    ) -> Postings:
        """One corpus's postings from its files' entries (in the files' order), numbered
        as one pass would."""
        global_ids = _numbering()
        term_parts, doc_parts, tf_parts, length_parts = [], [], [], []
        headlines: list[tuple[str, ...]] = []
        done = 0
        for file, arrays in zip(files, found, strict=True):
            terms = arrays.terms
            mapping = np.fromiter(map(global_ids.__getitem__, terms), np.int32, len(terms))
            term_parts.append(mapping[arrays.term_ids])
            first = file.first
            doc_parts.append(
                np.repeat(np.arange(first, first + file.chunks, dtype=np.int32), arrays.entries)
            )
            tf_parts.append(arrays.freqs)
            length_parts.append(arrays.lengths)
            headlines.extend(arrays.headlines)
            done += file.chunks
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

    def file_tokens(
        self,
        source: str,
        digest: str,
        chunks: Sequence[Chunk],
        interviews: Sequence[Interview],
        earlier: str = "",
    ) -> FileArrays:
        """One file's tokens: from its entry, or tokenised here and kept. Texts the file
        held when its bytes' digest was ``earlier`` are taken from that entry, if it is
        still there."""
        arrays = self._cached(source, digest, len(chunks), len(interviews))
        if arrays is not None:
            return arrays
        before = _arrays(read_entry(self.entry(source), self._header(source, earlier)))
        job = (tuple(c.text for c in chunks), tuple(i.headline for i in interviews), None)
        plain = tokenize_file(self.tokenizer, job, before)
        self.fresh.append(source)
        if digest:
            write_entry(self.entry(source), self._header(source, digest), plain)
        arrays = _arrays(plain)
        assert arrays is not None
        return arrays

    def terms_of(self, source: str, digest: str) -> tuple[str, ...] | None:
        """The terms of one file's entry, in the order the file first uses them."""
        arrays = _arrays(read_entry(self.entry(source), self._header(source, digest)))
        return None if arrays is None else arrays.terms

    def entry(self, source: str) -> Path:
        return self.folder / f"{hashlib.sha256(source.encode()).hexdigest()[:24]}.tokens"

    def _header(self, source: str, digest: str) -> str:
        return f"tokens:{FORMAT}:{self.version}:{self._vocabulary}:{source}:{digest}"

    def _cached(self, source: str, digest: str, chunks: int, interviews: int) -> FileArrays | None:
        if not digest:
            return None
        arrays = _arrays(read_entry(self.entry(source), self._header(source, digest)))
        if (
            arrays is not None
            and len(arrays.lengths) == chunks
            and len(arrays.headlines) == interviews
        ):
            return arrays
        return None


@dataclass(frozen=True)
class _File:
    """A file with chunks, as its postings need it."""

    source: str
    number: int  # what its texts are asked for by
    first: int  # its first chunk's id
    chunks: int
    interviews: int
    chars: int  # about how much text it holds, to size the work


# A file's texts to tokenise: its chunks' texts, its interviews' headlines and, when the
# corpus keeps them, its chunks' texts squeezed (most are their normal form as they are).
TokenJob = tuple[Sequence[str], Sequence[str], Sequence[str] | None]


def _files(corpus: Corpus) -> tuple[list[_File], Callable[[int], TokenJob]]:
    """The corpus's files with chunks, and their texts by number: from the columns when
    the corpus keeps them, so no chunk is made."""
    chunks = corpus.chunks
    files: list[_File] = []
    if isinstance(chunks, ChunkColumns):
        first = 0
        for number, (source, n, m) in enumerate(chunks.file_sizes()):
            if n:
                files.append(_File(source, number, first, n, m, chunks.file_chars(number)))
            first += n
        return files, lambda number: (*chunks.file_texts(number), chunks.file_squeezed(number))
    interviews_of = {
        source: list(group) for source, group in groupby(corpus.interviews, key=lambda i: i.source)
    }
    jobs: list[TokenJob] = []
    for source, group in groupby(chunks, key=lambda c: c.source):
        grouped = list(group)
        heads = interviews_of.get(source, [])
        chars = sum(len(c.text) for c in grouped)
        files.append(_File(source, len(jobs), grouped[0].id, len(grouped), len(heads), chars))
        jobs.append(([c.text for c in grouped], [i.headline for i in heads], None))
    return files, jobs.__getitem__


def tokenize_file(
    tokenizer: Tokenizer, job: TokenJob, earlier: FileArrays | None = None
) -> tuple[object, ...]:
    """One file's entry: its chunks' (term, tf) entries and its headlines' tokens; texts
    the ``earlier`` entry of the file holds are taken from it rather than cut again."""
    texts, headlines, squeezed = job
    known = _Known(earlier)
    tokens = FileTokens()
    local = _numbering()
    # A text said twice in a file (a headline every interview of an article shares, a
    # paragraph repeated) is cut once; the texts to cut are normalised together.
    seens = [_seen(text) for text in texts]
    earlier_counts = [known.chunk(seen) for seen in seens]
    to_cut = list(dict.fromkeys(t for t, c in zip(texts, earlier_counts, strict=True) if not c))
    if squeezed is not None:
        squeezed_of = dict(zip(texts, squeezed, strict=True))
        squeezed = [squeezed_of[text] for text in to_cut]
    # A Counter keeps the order tokens first occur in, as an entry does.
    counts = dict(
        zip(to_cut, map(_counted, tokenizer.tokens_of_all(to_cut, squeezed)), strict=True)
    )
    for text, seen, earlier_count in zip(texts, seens, earlier_counts, strict=True):
        tokens.seen.append(seen)
        counted = earlier_count or counts[text]
        tokens.lengths.append(counted.length)
        tokens.entries.append(len(counted.terms))
        tokens.term_ids.extend(map(local.__getitem__, counted.terms))
        tokens.freqs.extend(counted.freqs)
    tokens.terms = list(local)
    cuts: dict[str, tuple[str, ...]] = {}
    for headline in headlines:
        seen = _seen(headline)
        tokens.seen.append(seen)
        cut = cuts.get(headline) or known.headline(seen)
        if cut is None:
            cut = cuts[headline] = tuple(tokenizer.tokens(headline))
        tokens.headlines.append(cut)
    return tokens.plain()


def _numbering() -> defaultdict[str, int]:
    """Terms' numbers, a new term given the next as it is first looked up (``[term]``):
    what ``setdefault(term, len(numbers))`` gives, with no Python frame per term and one
    lookup of each (a million paragraphs' files hold tens of millions of them). Read
    with ``get`` or ``in`` to leave a term unnumbered."""
    return defaultdict(count().__next__)


class _Counted(NamedTuple):
    """A chunk's distinct terms in the order they first occur, their counts, and how many
    tokens it has."""

    terms: Collection[str]
    freqs: Collection[int]
    length: int


def _counted(cut: list[str]) -> _Counted:
    counts = Counter(cut)
    return _Counted(counts.keys(), counts.values(), len(cut))


def _seen(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=SEEN).digest()


class _Known:
    """The texts of an earlier entry of a file, by their digests."""

    def __init__(self, earlier: FileArrays | None) -> None:
        self._earlier = earlier
        self._chunks: dict[bytes, int] = {}
        self._headlines: dict[bytes, int] = {}
        self._starts: list[int] = []
        if earlier is None:
            return
        seen, chunks = earlier.seen, len(earlier.lengths)
        digests = [seen[at : at + SEEN] for at in range(0, len(seen), SEEN)]
        self._chunks = {d: n for n, d in enumerate(digests[:chunks])}
        self._headlines = {d: n for n, d in enumerate(digests[chunks:])}
        self._starts = [0, *np.cumsum(earlier.entries).tolist()]

    def chunk(self, seen: bytes) -> _Counted | None:
        at = self._chunks.get(seen)
        if at is None or self._earlier is None:
            return None
        earlier, first, end = self._earlier, self._starts[at], self._starts[at + 1]
        terms = earlier.terms
        return _Counted(
            [terms[t] for t in earlier.term_ids[first:end].tolist()],
            earlier.freqs[first:end].tolist(),
            int(earlier.lengths[at]),
        )

    def headline(self, seen: bytes) -> tuple[str, ...] | None:
        at = self._headlines.get(seen)
        return None if at is None or self._earlier is None else self._earlier.headlines[at]


def _arrays(plain: Any) -> FileArrays | None:
    try:
        terms, entries, term_ids, freqs, lengths, headlines, seen = plain
        arrays = FileArrays(
            tuple(terms),
            np.frombuffer(entries, dtype=np.int32),
            np.frombuffer(term_ids, dtype=np.int32),
            np.frombuffer(freqs, dtype=np.int32),
            np.frombuffer(lengths, dtype=np.int32),
            tuple(tuple(h) for h in headlines),
            bytes(seen),
        )
    except (TypeError, ValueError):
        return None
    if len(arrays.seen) != SEEN * (len(arrays.lengths) + len(arrays.headlines)):
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
