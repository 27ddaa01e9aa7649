"""Corpus files known unchanged by their metadata alone, so a restart need not hash them.

The parsed entries are keyed by a SHA-256 of each file's bytes. Reading and
hashing every file to find that key was the largest single cost of a restart
with nothing changed (338 MB at a million paragraphs, ~0.7 s). A file whose
size, modification and change times and inode number are those recorded when
its bytes were last hashed has the digest recorded then, as git's index and
make trust the same facts.

The change time (``st_ctime``) cannot be set by a program: any write, rename
over the file or ``utime`` moves it, so an edit that keeps the size and puts
the old modification time back is still seen. What metadata cannot show is a
second write within the same tick of the file system's clock as the one that
was stamped; a file changed that recently (``SETTLE``) is not stamped, and is
hashed again next time (git's "racy clean" rule).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fangtan.retrieval.entries import read_entry, write_entry

FORMAT = 1
STAMPS_ENTRY = "corpus.stamps"
_HEADER = f"stamps:{FORMAT}"
# A file changed less than this long before it was looked at is not stamped (seconds;
# two covers the coarsest clocks of common file systems).
SETTLE = 2.0

# What the metadata of a file says of its bytes: size, mtime, ctime (ns), inode.
Stamp = tuple[int, int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


@dataclass
class FileStamps:
    """The stamps of one corpus folder's files, read from and kept in ``folder``."""

    folder: Path
    known: dict[str, tuple[Stamp, str]] = field(default_factory=dict)
    seen: dict[str, tuple[Stamp, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> FileStamps:
        return cls(folder, _valid(read_entry(folder / STAMPS_ENTRY, _HEADER)))

    def digest(self, name: str, status: os.stat_result | None) -> str | None:
        """The digest of ``name``'s bytes if its metadata is as stamped (the stamp is then
        kept for the next start), else None."""
        kept = self.known.get(name)
        if kept is None or status is None or kept[0] != stamp_of(status):
            return None
        self.seen[name] = kept
        return kept[1]

    def hashed(self, name: str, status: os.stat_result | None, digest: str) -> None:
        """``name`` was read and hashed after ``status`` was taken: stamp it if it has
        not changed too recently for its metadata to tell a further change."""
        if status is None:
            return
        settled = time.time_ns() - int(SETTLE * 1e9)
        if status.st_mtime_ns < settled and status.st_ctime_ns < settled:
            self.seen[name] = (stamp_of(status), digest)

    def save(self) -> None:
        """Keep the stamps of the files seen this time, if they differ from those read."""
        if self.seen != self.known:
            write_entry(self.folder / STAMPS_ENTRY, _HEADER, self.seen)


def status_of(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _valid(plain: Any) -> dict[str, tuple[Stamp, str]]:
    """The stamps of an entry, or none if it does not hold stamps (a damaged entry
    already failed its checksum: this guards against a foreign payload)."""
    if not isinstance(plain, dict):
        return {}
    kept: dict[str, tuple[Stamp, str]] = {}
    for name, value in plain.items():
        if (
            isinstance(name, str)
            and isinstance(value, tuple)
            and len(value) == 2
            and isinstance(value[1], str)
            and isinstance(value[0], tuple)
            and len(value[0]) == 4
            and all(isinstance(n, int) for n in value[0])
        ):
            kept[name] = (value[0], value[1])
    return kept
