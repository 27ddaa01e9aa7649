"""The index's terms as one UTF-8 blob with a hash table over it.

A tuple of a quarter of a million strings and a dict numbering them took a
tenth of a second to make at every restart, and a question looks up only a
few dozen words. Here the terms stay bytes as the cache holds them: a term is
decoded when it is asked for by number, and found by number through an
open-addressing table keyed by its CRC-32, which the cache keeps too.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping, Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

Arrays = dict[str, npt.NDArray[np.generic]]

# Words looked up are remembered, found or not (a question's words recur);
# a bound keeps made-up questions from growing it without end.
REMEMBERED = 100_000
_EMPTY = -1


def _slot_count(terms: int) -> int:
    """A power of two at least twice ``terms``: probes stay short."""
    size = 8
    while size < 2 * terms:
        size *= 2
    return size


def _key(term: str) -> bytes:
    # A lone surrogate cannot be among the terms; surrogatepass keeps it unmatched.
    return term.encode("utf-8", "surrogatepass")


class Vocabulary(Sequence[str]):
    """Term ``i`` is ``blob[starts[i]:starts[i + 1]]``; ``slots`` number them by hash."""

    def __init__(
        self, blob: bytes, starts: npt.NDArray[np.int64], slots: npt.NDArray[np.int32]
    ) -> None:
        self._blob = blob
        self._starts_array = starts
        self._slots_array = slots
        # Memory views index to Python ints without making numpy scalars.
        self._starts = starts.data.cast("B").cast("q")
        self._slots = slots.data.cast("B").cast("i")
        self._mask = len(slots) - 1
        self._known: dict[str, int | None] = {}
        self.ids = TermIds(self)

    @classmethod
    def build(cls, terms: Sequence[str]) -> Vocabulary:
        """The table of ``terms`` (distinct), numbered in their order."""
        encoded = [_key(t) for t in terms]
        lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
        starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        slots = [_EMPTY] * _slot_count(len(encoded))
        mask = len(slots) - 1
        for number, data in enumerate(encoded):
            at = zlib.crc32(data) & mask
            while slots[at] != _EMPTY:
                at = (at + 1) & mask
            slots[at] = number
        return cls(b"".join(encoded), starts, np.array(slots, dtype=np.int32))

    def number(self, term: str) -> int | None:
        """The number of ``term``; None if the corpus never uses it."""
        known = self._known
        if term in known:
            return known[term]
        data = _key(term)
        blob, starts, slots, mask = self._blob, self._starts, self._slots, self._mask
        at = zlib.crc32(data) & mask
        found: int | None = None
        while (candidate := slots[at]) != _EMPTY:
            if blob[starts[candidate] : starts[candidate + 1]] == data:
                found = candidate
                break
            at = (at + 1) & mask
        if len(known) < REMEMBERED:
            known[term] = found
        return found

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("term number out of range")
        return self._blob[self._starts[index] : self._starts[index + 1]].decode("utf-8")

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __iter__(self) -> Iterator[str]:
        blob, starts = self._blob, self._starts
        for i in range(len(self)):
            yield blob[starts[i] : starts[i + 1]].decode("utf-8")

    def arrays(self) -> Arrays:
        return {
            "terms": np.frombuffer(self._blob, dtype=np.uint8),
            "term_starts": self._starts_array,
            "term_slots": self._slots_array,
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, npt.NDArray[np.generic]]) -> Vocabulary:
        """The table ``arrays`` gave; KeyError or ValueError when it is not there or not whole."""
        starts = np.ascontiguousarray(data["term_starts"], dtype=np.int64)
        slots = np.ascontiguousarray(data["term_slots"], dtype=np.int32)
        blob = bytes(data["terms"])
        count = len(starts) - 1
        if count < 0 or int(starts[0]) != 0 or int(starts[-1]) != len(blob):
            raise ValueError("term offsets do not match the terms")
        if np.any(np.diff(starts) < 0):
            raise ValueError("term offsets are inconsistent")
        if len(slots) != _slot_count(count):
            raise ValueError("the term table has the wrong size")
        filled = slots[slots != _EMPTY]
        whole = len(filled) == count and (
            not count
            or (
                int(filled.min()) >= 0
                and int(filled.max()) < count
                and int(np.bincount(filled, minlength=count).max()) == 1
            )
        )
        if not whole:
            raise ValueError("the term table does not number every term once")
        return cls(blob, starts, slots)


class TermIds(Mapping[str, int]):
    """The vocabulary by term: what a dict of the terms' numbers would be."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary

    def __getitem__(self, term: str) -> int:
        number = self._vocabulary.number(term)
        if number is None:
            raise KeyError(term)
        return number

    def get(self, term: str, default: int | None = None) -> int | None:  # type: ignore[override]
        number = self._vocabulary.number(term)
        return default if number is None else number

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._vocabulary.number(term) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocabulary)

    def __len__(self) -> int:
        return len(self._vocabulary)
