"""Lookup tables the index derives from its postings, kept as flat arrays.

Deriving them means a pass over every term and every headline in Python,
which at a hundred thousand paragraphs was most of a restart; as arrays they
are saved beside the postings under the same key and loaded in a few
milliseconds. Terms are numbered as in the postings; headline tokens no
paragraph uses are numbered after them.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int32]
Offsets = npt.NDArray[np.int64]
Arrays = dict[str, npt.NDArray[np.generic]]

# Longest made-up word searched for the corpus words inside it.
MADE_UP_MAX = 8
# Made-up words a part may be found in before it counts as a mere fragment.
INSIDE_MAX = 200
# Decoded titles kept for taking them out of paragraphs (a few hundred KiB at most).
TITLES_KEPT = 4096


def _check_offsets(offsets: Offsets, groups: int, entries: int, what: str) -> None:
    if len(offsets) != groups + 1 or int(offsets[0]) != 0:
        raise ValueError(f"{what} offsets do not match")
    if int(offsets[-1]) != entries or np.any(np.diff(offsets) < 0):
        raise ValueError(f"{what} offsets are inconsistent")


def _check_range(values: IntArray, limit: int, what: str) -> None:
    if len(values) and (int(values.min()) < 0 or int(values.max()) >= limit):
        raise ValueError(f"{what} point outside their table")


@dataclass(frozen=True)
class Headlines:
    """Each interview's headline tokens, and the interviews whose headline holds each token.

    ``tokens[starts[i]:starts[i + 1]]`` are interview ``i``'s tokens in order;
    ``interviews[offsets[t]:offsets[t + 1]]`` the interviews (ascending)
    whose headline holds token number ``t``.
    """

    extra: tuple[str, ...]
    tokens: IntArray
    starts: Offsets
    interviews: IntArray
    offsets: Offsets

    @classmethod
    def build(cls, headlines: Sequence[Sequence[str]], term_ids: Mapping[str, int]) -> Headlines:
        known = len(term_ids)
        extra: dict[str, int] = {}
        flat = array("i")
        starts = [0]
        for tokens in headlines:
            for token in tokens:
                number = term_ids.get(token)
                if number is None:
                    number = known + extra.setdefault(token, len(extra))
                flat.append(number)
            starts.append(len(flat))
        tokens_of = np.frombuffer(flat, dtype=np.int32).copy()
        return cls.of_numbers(tokens_of, np.array(starts, dtype=np.int64), known, tuple(extra))

    @classmethod
    def of_numbers(
        cls, tokens: IntArray, starts: Offsets, known: int, extra: tuple[str, ...]
    ) -> Headlines:
        """From the headlines' tokens already numbered (``extra`` after ``known`` terms)."""
        owner = np.repeat(np.arange(len(starts) - 1, dtype=np.int32), np.diff(starts))
        # Tokens are in interview order: a stable sort by token keeps each token's
        # interviews ascending, and a token said twice in a headline is kept once.
        order = np.argsort(tokens, kind="stable")
        numbers, owners = tokens[order], owner[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (numbers[1:] != numbers[:-1]) | (owners[1:] != owners[:-1])
        per_token = np.bincount(numbers[first], minlength=known + len(extra))
        return cls(
            extra=extra,
            tokens=tokens,
            starts=starts,
            interviews=owners[first].astype(np.int32),
            offsets=np.concatenate(([0], np.cumsum(per_token))).astype(np.int64),
        )

    def holding(self, number: int) -> IntArray:
        """Interviews (ascending) whose headline holds token ``number``."""
        if not 0 <= number < len(self.offsets) - 1:
            return self.interviews[:0]
        return self.interviews[self.offsets[number] : self.offsets[number + 1]]

    def lists(self, terms: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        """Each interview's tokens as words again, as tokenising gave them."""
        words = (*terms, *self.extra)
        flat = [words[t] for t in self.tokens.tolist()]
        return tuple(tuple(flat[a:b]) for a, b in pairwise(self.starts.tolist()))

    def check(self, interviews: int, terms: int) -> None:
        numbers = terms + len(self.extra)
        _check_offsets(self.starts, interviews, len(self.tokens), "headline")
        _check_offsets(self.offsets, numbers, len(self.interviews), "headline term")
        _check_range(self.tokens, numbers, "headline tokens")
        _check_range(self.interviews, max(interviews, 1), "headline terms")


@dataclass(frozen=True)
class WordsInside:
    """Corpus words found inside words jieba made up ("托育" inside "托育点").

    Search-mode cutting splits dictionary words into their parts, but a word
    jieba's guesser made up stays whole; a question about a part would never
    reach it. ``words[starts[i]:starts[i + 1]]`` are the made-up words
    holding term ``parts[i]`` (``parts`` ascending).
    """

    parts: IntArray
    starts: Offsets
    words: IntArray
    # Every made-up word's number, ascending: a question word the corpus never
    # uses on its own is looked for inside them (see ``MadeUpWords``).
    made_up: IntArray

    @classmethod
    def find(
        cls,
        terms: Sequence[str],
        term_ids: Mapping[str, int],
        in_dictionary: Callable[[str], bool],
    ) -> WordsInside:
        inside: dict[int, list[int]] = {}
        found: dict[int, int] = {}  # times found, a word holding it twice counted twice
        made_up: list[int] = []
        for number, term in enumerate(terms):
            if not 3 <= len(term) <= MADE_UP_MAX or in_dictionary(term):
                continue
            made_up.append(number)
            for size in range(2, len(term)):
                for start in range(len(term) - size + 1):
                    part = term_ids.get(term[start : start + size])
                    if part is None:
                        continue
                    found[part] = found.get(part, 0) + 1
                    words = inside.setdefault(part, [])
                    if not words or words[-1] != number:
                        words.append(number)
        # A part inside very many made-up words is a generic fragment, not a topic.
        kept = sorted(p for p, times in found.items() if times <= INSIDE_MAX)
        words = [w for p in kept for w in inside[p]]
        lengths = [len(inside[p]) for p in kept]
        return cls(
            parts=np.array(kept, dtype=np.int32),
            starts=np.concatenate(([0], np.cumsum(lengths, dtype=np.int64))).astype(np.int64),
            words=np.array(words, dtype=np.int32),
            made_up=np.array(made_up, dtype=np.int32),
        )

    def of(self, number: int) -> IntArray:
        """The made-up words holding term ``number``."""
        at = int(np.searchsorted(self.parts, number))
        if at == len(self.parts) or int(self.parts[at]) != number:
            return self.words[:0]
        return self.words[self.starts[at] : self.starts[at + 1]]

    def check(self, terms: int) -> None:
        _check_offsets(self.starts, len(self.parts), len(self.words), "inside")
        _check_range(self.parts, terms, "parts")
        _check_range(self.words, terms, "made-up words")
        _check_range(self.made_up, terms, "made-up words")
        if np.any(np.diff(self.parts) <= 0) or np.any(np.diff(self.made_up) <= 0):
            raise ValueError("parts or made-up words are not in order")


@dataclass(frozen=True)
class Titles:
    """Speakers' titles as the index matches them (squeezed), each once, and per chunk
    the numbers of its speaker's affiliation and organisation (-1 for none).

    Taking a speaker's titles out of a paragraph then needs neither the
    chunk's record nor squeezing its titles again.
    """

    blob: bytes
    starts: Offsets
    of_chunk: npt.NDArray[np.int32]  # (chunks, 2)
    # Titles decoded so far, by number: a search takes the same speakers'
    # titles out of paragraph after paragraph, question after question.
    _decoded: dict[int, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, pairs: Sequence[tuple[str | None, str | None]]) -> Titles:
        """From each chunk's (affiliation, organisation), squeezed; None where it has none."""
        numbers: dict[str, int] = {}
        flat = array("i")
        for pair in pairs:
            for title in pair:
                flat.append(-1 if title is None else numbers.setdefault(title, len(numbers)))
        encoded = [t.encode("utf-8") for t in numbers]
        lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
        return cls(
            blob=b"".join(encoded),
            starts=np.concatenate(([0], np.cumsum(lengths))).astype(np.int64),
            of_chunk=np.frombuffer(flat, dtype=np.int32).reshape(len(pairs), 2).copy(),
        )

    def untitled(self, chunks: list[int], texts: list[str]) -> list[str]:
        """``texts`` (of ``chunks``) without their speakers' titles, as ``BM25Index``
        takes them out. Many at once: reading the tables one chunk at a time cost
        more than the replacing."""
        rows = self.of_chunk[chunks].tolist()
        title = self._decoded
        used = {n for row in rows for n in row if n >= 0}
        numbers = sorted(used.difference(title))
        if numbers:
            if len(title) + len(numbers) > TITLES_KEPT:
                title.clear()
                numbers = sorted(used)
            at = np.array(numbers, dtype=np.intp)
            blob = self.blob
            title.update(
                (n, blob[a:b].decode("utf-8"))
                for n, a, b in zip(
                    numbers, self.starts[at].tolist(), self.starts[at + 1].tolist(), strict=True
                )
            )
        found = []
        for text, row in zip(texts, rows, strict=True):
            for number in row:
                if number >= 0:
                    text = text.replace(title[number], "")
            found.append(text)
        return found

    def check(self, documents: int) -> None:
        count = len(self.starts) - 1
        if count < 0 or int(self.starts[0]) != 0 or int(self.starts[-1]) != len(self.blob):
            raise ValueError("title offsets do not match the titles")
        if np.any(np.diff(self.starts) < 0):
            raise ValueError("title offsets are inconsistent")
        if self.of_chunk.shape != (documents, 2):
            raise ValueError("chunks' titles do not match the corpus")
        if self.of_chunk.size and (
            int(self.of_chunk.min()) < -1 or int(self.of_chunk.max()) >= count
        ):
            raise ValueError("chunks' titles point outside their table")


@dataclass(frozen=True)
class Tables:
    """What the index derives from its postings and the corpus, kept beside them in
    the cache so a restart need not derive it again."""

    headlines: Headlines
    inside: WordsInside
    # Per chunk: does its text hold its speaker's title (which its own words leave out)?
    titled: npt.NDArray[np.bool_]
    # Per chunk: its interview; whether it answers a prompt; its speaker's titles.
    interviews: IntArray
    prompted: npt.NDArray[np.bool_]
    titles: Titles

    def check(self, documents: int, interviews: int, terms: int) -> None:
        """Raise ValueError unless the tables fit ``documents``, ``interviews`` and ``terms``."""
        self.headlines.check(interviews, terms)
        self.inside.check(terms)
        if not len(self.titled) == len(self.interviews) == len(self.prompted) == documents:
            raise ValueError("chunk tables do not match the corpus")
        _check_range(self.interviews, max(interviews, 1), "chunks' interviews")
        self.titles.check(documents)

    def arrays(self) -> Arrays:
        """The tables as named arrays, for a numpy archive."""
        extra = "\0".join(self.headlines.extra).encode("utf-8")
        return {
            "head_extra": np.frombuffer(extra, dtype=np.uint8),
            "head_tokens": self.headlines.tokens,
            "head_starts": self.headlines.starts,
            "head_interviews": self.headlines.interviews,
            "head_offsets": self.headlines.offsets,
            "inside_parts": self.inside.parts,
            "inside_starts": self.inside.starts,
            "inside_words": self.inside.words,
            "inside_made_up": self.inside.made_up,
            "titled": self.titled,
            "chunk_interviews": self.interviews,
            "prompted": self.prompted,
            "titles": np.frombuffer(self.titles.blob, dtype=np.uint8),
            "title_starts": self.titles.starts,
            "chunk_titles": self.titles.of_chunk,
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, npt.NDArray[np.generic]]) -> Tables:
        """The tables ``arrays`` gave; KeyError or ValueError when they are not there."""
        extra = bytes(data["head_extra"]).decode("utf-8")
        return cls(
            Headlines(
                extra=tuple(extra.split("\0")) if extra else (),
                tokens=np.asarray(data["head_tokens"], dtype=np.int32),
                starts=np.asarray(data["head_starts"], dtype=np.int64),
                interviews=np.asarray(data["head_interviews"], dtype=np.int32),
                offsets=np.asarray(data["head_offsets"], dtype=np.int64),
            ),
            WordsInside(
                parts=np.asarray(data["inside_parts"], dtype=np.int32),
                starts=np.asarray(data["inside_starts"], dtype=np.int64),
                words=np.asarray(data["inside_words"], dtype=np.int32),
                made_up=np.asarray(data["inside_made_up"], dtype=np.int32),
            ),
            np.asarray(data["titled"], dtype=np.bool_),
            np.asarray(data["chunk_interviews"], dtype=np.int32),
            np.asarray(data["prompted"], dtype=np.bool_),
            Titles(
                bytes(data["titles"]),
                np.asarray(data["title_starts"], dtype=np.int64),
                np.asarray(data["chunk_titles"], dtype=np.int32),
            ),
        )
