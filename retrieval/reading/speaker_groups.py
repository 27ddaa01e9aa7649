"""Interviews grouped by their speaker's name, kept as two arrays, not a dict of lists.

Who speaks in which interviews is what the engine needs of every interview
at start. Naming the speaker of each interview (decoding its key, looking up
the person) and grouping the numbers by name in Python took ~0.75 s of a
restart at a million paragraphs (497,671 interviews); the groups read back
from an entry (the distinct names, and each interview's name number) take a
few tens of milliseconds, the numbers grouped by a stable sort in numpy.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from fangtan.retrieval.entries import read_entry, write_entry

log = logging.getLogger(__name__)

# An interview's name number when no one named speaks in it.
NOBODY = -1

# Where a corpus's groups are kept: the entry's path and the header it is written under.
GroupsEntry = tuple[Path, str]


class SpeakerGroups(Mapping[str, list[int]]):
    """Each named speaker's interviews, in order; names in order of first interview."""

    __slots__ = ("_group", "_names", "_numbers", "_order", "_starts")

    def __init__(self, names: list[str], numbers: array[int]) -> None:
        self._names = names
        self._numbers = numbers
        self._group = {name: g for g, name in enumerate(names)}
        # Interview numbers sorted by name number (nobody first), and where each begins.
        values = np.frombuffer(numbers, dtype=np.int32) if len(numbers) else np.empty(0, np.int32)
        self._order = np.argsort(values, kind="stable").astype(np.int32)
        counts = np.bincount(values - NOBODY, minlength=len(names) + 1)
        self._starts = array("q", np.concatenate(([0], np.cumsum(counts))).tolist())

    @classmethod
    def of(cls, speaker_names: Iterable[str | None]) -> SpeakerGroups:
        """The groups of each interview's speaker's name (None for nobody)."""
        group: dict[str, int] = {}
        numbers = array(
            "i", (group.setdefault(n, len(group)) if n else NOBODY for n in speaker_names)
        )
        return cls(list(group), numbers)

    def __getitem__(self, name: str) -> list[int]:
        g = self._group[name] - NOBODY
        starts = self._starts
        found: list[int] = self._order[starts[g] : starts[g + 1]].tolist()
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._group

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def named(self) -> list[bool]:
        """Whether each interview has a named speaker, in order."""
        if not self._numbers:
            return []
        found: list[bool] = (np.frombuffer(self._numbers, dtype=np.int32) != NOBODY).tolist()
        return found

    def plain(self) -> tuple[list[str], bytes]:
        return (self._names, self._numbers.tobytes())

    @classmethod
    def from_plain(cls, plain: Any, interviews: int) -> SpeakerGroups:
        """Raises ValueError or TypeError unless ``plain`` is groups of ``interviews``."""
        names, raw = plain
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise TypeError("names are not a list of names")
        numbers = array("i")
        numbers.frombytes(raw)
        if len(numbers) != interviews:
            raise ValueError(f"groups of {len(numbers)} interviews, not {interviews}")
        values = np.frombuffer(numbers, dtype=np.int32) if interviews else None
        if values is not None and not NOBODY <= values.min() <= values.max() < len(names):
            raise ValueError("a name number out of range")
        if len(set(names)) != len(names):
            raise ValueError("a name twice")
        return cls(names, numbers)


def kept_groups(
    entry: GroupsEntry | None, interviews: int, make: Callable[[], SpeakerGroups]
) -> SpeakerGroups:
    """The groups from ``entry`` when it holds them, else made and kept there."""
    if entry is None:
        return make()
    path, header = entry
    plain = read_entry(path, header)
    if plain is not None:
        try:
            return SpeakerGroups.from_plain(plain, interviews)
        except (ValueError, TypeError) as exc:
            log.warning("speaker cache %s is damaged (%s); naming the speakers again", path, exc)
    groups = make()
    write_entry(path, header, groups.plain())
    return groups
