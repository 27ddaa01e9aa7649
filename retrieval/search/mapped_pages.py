"""Handing back the pages of a mapped cache file that were read only to check it.

A cache is checked before it is used (a CRC-32 per array of the index, a
SHA-256 over jieba's word table), and that reads every page of the file.
Each page read stays mapped into the process and counts in its resident
memory, 57 MiB at a hundred thousand paragraphs, though a question reads a
few hundred of them. Dropping them from the mapping after the check loses
nothing: the file's data stays in the system's page cache, and the next read
of a page maps it in again.
"""

from __future__ import annotations

import contextlib
import mmap


def hand_back(mapped: mmap.mmap, start: int = 0) -> None:
    """Unmap the pages holding ``mapped[start:]``, where the system allows it."""
    advice = getattr(mmap, "MADV_DONTNEED", None)
    end = len(mapped)
    first = start - start % mmap.PAGESIZE
    if advice is None or end <= first:
        return
    with contextlib.suppress(OSError, ValueError):
        mapped.madvise(advice, first, end - first)
