"""An array kept in a file and read a range at a time.

The postings are most of the index cache, and a question reads only its own
words' rows. Used through a memory map, every page a question had read stayed
mapped into the serving process: after six hundred questions at a hundred
thousand paragraphs, 40 MiB of its resident memory were postings pages, and
more with every new word asked about. Read with ``pread`` instead, a
question's rows are copied into memory it frees when it is answered, which
also costs no more time per question (measured side by side at 100k). The
file's pages stay in the system's page cache either way.

The reader is given the file the archive mapped and checked, held open: a
cache file replaced while serving (a rebuild writes a new file and renames it
over the old) is still read as it was checked.
"""

from __future__ import annotations

import os
import weakref
from functools import lru_cache, partial
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

# Ranges kept after they are read: a search reads each word's rows to score
# and again to count what it covers, and a follow-up question tests one chunk
# at a time against the same few words' rows.
_RECENT = 8


class Ranged(Protocol):
    """What the index reads postings from: a numpy array, or a ``FileRanges``."""

    def __getitem__(self, where: slice, /) -> npt.NDArray[Any]: ...

    def __len__(self) -> int: ...


class FileRanges:
    """``length`` items of ``dtype`` at byte ``offset`` of open file ``fd`` (which it
    closes when it is gone), sliced like an array; ``name`` names the file in errors."""

    def __init__(self, fd: int, offset: int, dtype: np.dtype[Any], length: int, name: str) -> None:
        self.close = weakref.finalize(self, os.close, fd)
        self.dtype = dtype
        self._length = length
        # Bound to the file alone, not to ``self``: the file closes with its reader.
        self._read = lru_cache(maxsize=_RECENT)(partial(_read_range, name, fd, offset, dtype))

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, where: slice, /) -> npt.NDArray[Any]:
        """The items ``where`` selects (step 1 only), read-only."""
        start, stop, step = where.indices(self._length)
        if step != 1:
            raise ValueError("only contiguous ranges are read")
        return self._read(start, max(start, stop))


def _read_range(
    name: str, fd: int, offset: int, dtype: np.dtype[Any], start: int, stop: int
) -> npt.NDArray[Any]:
    size = (stop - start) * dtype.itemsize
    if not size:
        return np.empty(0, dtype=dtype)
    data = os.pread(fd, size, offset + start * dtype.itemsize)
    if len(data) != size:
        raise OSError(f"{name} is shorter than the array it holds")
    return np.frombuffer(data, dtype=dtype)
