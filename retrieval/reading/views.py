"""Read-only sequences that make each item when it is asked for.

The corpus's chunks and interviews are columns (see ``columns``); a question
needs a few hundred of the hundred thousand chunks, so a ``Chunk`` is made on
access rather than all of them at start. They behave as the lists they stand
for: ``len``, indexing from either end, slices (as lists), iteration in
order, and equality item by item.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, SupportsIndex, TypeVar, overload

Item = TypeVar("Item")

# Items kept once made, so that the candidates of recent questions are not made
# again: up to twice this many, the most recently used.
KEPT = 1 << 14


class Kept(Generic[Item]):
    """Items by number, the least recently used forgotten first, in two generations.

    Cheaper than a true LRU: a hit in the young generation is one lookup;
    when it fills up it becomes the old one, and the old one is dropped.
    """

    __slots__ = ("_old", "_size", "_young")

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._young: dict[int, Item] = {}
        self._old: dict[int, Item] = {}

    def __len__(self) -> int:
        return len(self._young) + len(self._old)

    def get(self, number: int) -> Item | None:
        item = self._young.get(number)
        if item is None:
            item = self._old.get(number)
            if item is not None:
                self.keep(number, item)
        return item

    def keep(self, number: int, item: Item) -> Item:
        if self._size:
            self._young[number] = item
            if len(self._young) >= self._size:
                self._old, self._young = self._young, {}
        return item


class LazySequence(Sequence[Item]):
    """``make(i)`` for every ``i`` below ``size``; the recently made are ``kept``.

    ``scan``, when given, makes all items in order faster than one by one (iteration).
    """

    __slots__ = ("_kept", "_make", "_scan", "_size")

    def __init__(
        self,
        size: int,
        make: Callable[[int], Item],
        kept: int = KEPT,
        scan: Callable[[], Iterator[Item]] | None = None,
    ) -> None:
        self._size = size
        self._make = make
        self._kept: Kept[Item] = Kept(kept)
        self._scan = scan

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: SupportsIndex) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> list[Item]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Item | list[Item]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(self._size))]
        at = operator.index(index)
        if at < 0:
            at += self._size
        if not 0 <= at < self._size:
            raise IndexError(f"index {operator.index(index)} out of range for {self._size} items")
        return self._item(at)

    def __iter__(self) -> Iterator[Item]:
        # A scan of everything keeps nothing: it would push out what questions use.
        if self._scan is not None:
            return self._scan()
        return map(self._make, range(self._size))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._size} items)"

    def _item(self, i: int) -> Item:
        item = self._kept.get(i)
        if item is None:
            item = self._kept.keep(i, self._make(i))
        return item
