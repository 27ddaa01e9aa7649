"""Giving back to the system the heap a corpus load used and freed.

Loading a large corpus makes and drops many temporary objects; glibc keeps
the freed memory in its arenas, where it counts against the process for as
long as it serves. ``malloc_trim`` returns it: about 9 MiB after a restart
on 100,000 paragraphs, and 4 MiB after the thesaurus's tree is read on a first
related-word lookup, in about a millisecond each. Where the C library has no
``malloc_trim`` (not glibc), nothing is done.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

# Below this many chunks a load frees too little to be worth importing ctypes for.
TRIM_FROM = 5000


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # a few milliseconds to import: only for large corpora

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_free_heap(chunks: int) -> bool:
    """After loading ``chunks`` chunks, hand the free heap back; True if it was."""
    if chunks < TRIM_FROM:
        return False
    return trim_heap()


def trim_heap() -> bool:
    """Hand the free heap back now (after a large one-off load); True if it was."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
