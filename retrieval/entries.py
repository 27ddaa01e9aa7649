"""Cache entries on disk: marshal of plain data behind a SHA-256, written atomically.

marshal rather than pickle, so loading an entry never runs code; the digest
in front of it means a damaged entry is noticed before it is unmarshalled,
and the header it is written under (what it was computed from) must match
for it to be used at all. Entries are written to a temporary file and
renamed, so a crash mid-write leaves the old entry or none.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
from pathlib import Path
from typing import Any

from fangtan.retrieval.unwritable import write_cache

log = logging.getLogger(__name__)

_MAGIC = b"fangtan-cache\0"
_DIGEST = 32


def read_entry(entry: Path, header: str) -> Any:
    """The payload written under ``header``; None if absent, for other keys, or damaged."""
    try:
        data = entry.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        log.warning("cache entry %s is unreadable (%s); rebuilding it", entry, exc)
        return None
    try:
        kept, payload = marshal.loads(_unwrap(data))
    except (ValueError, TypeError, EOFError) as exc:
        log.warning("cache entry %s is damaged (%s); rebuilding it", entry, exc)
        return None
    return payload if kept == header else None


def write_entry(entry: Path, header: str, payload: Any) -> None:
    """Write atomically; a folder that cannot be written only costs the speed-up."""
    try:
        body = marshal.dumps((header, payload))
    except ValueError as exc:
        log.warning("could not write the cache entry %s: %s", entry, exc)
        return
    data = _MAGIC + hashlib.sha256(body).digest() + body
    # Entries sit one folder below the cache folder: the folder that refused is that one,
    # told once with the index cache and jieba's, not once per entry.
    write_cache(entry, lambda temporary: temporary.write_bytes(data), entry.parent.parent)


def _unwrap(data: bytes) -> memoryview:
    """The entry's body, if its digest says it is whole and unchanged (not copied: an
    entry can be tens of megabytes)."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a cache entry")
    start = len(_MAGIC) + _DIGEST
    body = memoryview(data)[start:]
    if hashlib.sha256(body).digest() != data[len(_MAGIC) : start]:
        raise ValueError("checksum mismatch")
    return body
