"""A set of chunk ids as a sorted array, made once and searched within many times.

A question naming a role ("委员们谁说了…") is searched among that role's
paragraphs: at a hundred thousand paragraphs, tens of thousands of ids.
Turning a Python collection of them into an array took longer than the
search itself, so the engine keeps each role's paragraphs as a ``ChunkSet``
and the index tests candidates against it by binary search. The related-word
forms keep the numbers of the corpus words that are names the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

Ids = npt.NDArray[np.int64]


class ChunkSet:
    """Distinct chunk ids, ascending; a read-only collection of ints."""

    __slots__ = ("ids",)

    def __init__(self, ids: Iterable[int]) -> None:
        self.ids: Ids = np.unique(np.fromiter(ids, dtype=np.int64))
        self.ids.setflags(write=False)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self.ids.tolist())

    def __contains__(self, chunk_id: object) -> bool:
        if not isinstance(chunk_id, int | np.integer):
            return False
        at = int(np.searchsorted(self.ids, chunk_id))
        return at < len(self.ids) and int(self.ids[at]) == chunk_id

    def holds(self, candidates: npt.NDArray[np.integer]) -> npt.NDArray[np.bool_]:
        """Which of ``candidates`` are in the set."""
        return members(self.ids, candidates)


def members(
    ascending: npt.NDArray[np.integer], values: npt.NDArray[np.integer]
) -> npt.NDArray[np.bool_]:
    """Which of ``values`` are in ``ascending`` (sorted, distinct), by binary search."""
    if not len(ascending):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(ascending, values), len(ascending) - 1)
    return np.asarray(ascending[at] == values)
