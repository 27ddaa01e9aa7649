"""The parsed corpus on disk, one entry per file, so a restart reads no article twice.

Reading a file (sorting its lines, attributing every sentence, finding its
people) costs far more than loading what it yielded. Each file's ``FileLoad``
is kept as marshal of plain data (never pickle: loading it runs no code),
behind a SHA-256 of the entry, and keyed by the file's bytes and the
retrieval code: a file whose bytes changed is read again alone, the others
come from their entries. An entry that is damaged, or written by other code,
is ignored and rewritten. Entries are written to a temporary file and
renamed, so a crash mid-write leaves the old entry or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

from retrieval.cache import code_version, folder_key
from retrieval.corpus import FileLoad, read_file
from retrieval.records import FileReport

log = logging.getLogger(__name__)

FORMAT = 1
_MAGIC = b"fangtan-parsed\0"
_DIGEST = 32


def parsed_dir(cache_dir: Path, root: Path) -> Path:
    """The entries of one corpus folder."""
    return cache_dir / f"parsed-{folder_key(root)}"


@dataclass
class ParsedCache:
    """Reads corpus files through their entries; ``fresh`` names the files read anew."""

    folder: Path
    version: str = field(default_factory=code_version)
    fresh: list[str] = field(default_factory=list)
    reused: int = 0

    def read(self, path: Path, name: str) -> FileLoad:
        try:
            raw = path.read_bytes()
        except OSError:
            self.fresh.append(name)
            return read_file(path, name)  # reported as unreadable, never cached
        digest = hashlib.sha256(raw).hexdigest()
        entry = self.entry(name)
        cached = self._load(entry, name, digest)
        if cached is not None:
            self.reused += 1
            return cached
        self.fresh.append(name)
        load = read_file(path, name, raw)
        if load.report.error is None:
            self._save(entry, name, digest, load)
        return load

    def entry(self, name: str) -> Path:
        return self.folder / f"{hashlib.sha256(name.encode()).hexdigest()[:24]}.parsed"

    def _load(self, entry: Path, name: str, digest: str) -> FileLoad | None:
        try:
            data = entry.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            log.warning("parsed-corpus cache %s is unreadable (%s); reading the file", entry, exc)
            return None
        try:
            body = _unwrap(data)
            version, kept_name, kept_digest, plain = marshal.loads(body)
            if (version, kept_name, kept_digest) != (f"{FORMAT}:{self.version}", name, digest):
                return None
            return _from_plain(name, plain)
        except (ValueError, TypeError, EOFError, KeyError, IndexError) as exc:
            log.warning("parsed-corpus cache %s is damaged (%s); reading the file", entry, exc)
            return None

    def _save(self, entry: Path, name: str, digest: str, load: FileLoad) -> None:
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        try:
            body = marshal.dumps((f"{FORMAT}:{self.version}", name, digest, _to_plain(load)))
            entry.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(_MAGIC + hashlib.sha256(body).digest() + body)
            os.replace(temporary, entry)
        except (OSError, ValueError) as exc:
            log.warning("could not write the parsed-corpus cache %s: %s", entry, exc)
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _unwrap(data: bytes) -> bytes:
    """The entry's body, if its digest says it is whole and unchanged."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a parsed-corpus entry")
    start = len(_MAGIC) + _DIGEST
    body = data[start:]
    if hashlib.sha256(body).digest() != data[len(_MAGIC) : start]:
        raise ValueError("checksum mismatch")
    return body


def _to_plain(load: FileLoad) -> tuple[Any, ...]:
    report = tuple(str(v) if isinstance(v, str) else v for v in astuple(load.report))
    return (
        report,
        load.warnings,
        load.articles,
        load.interviews,
        load.chunks,
        load.people,
        load.speaking,
    )


def _from_plain(name: str, plain: tuple[Any, ...]) -> FileLoad:
    report, warnings, articles, interviews, chunks, people, speaking = plain
    return FileLoad(
        name,
        FileReport(*report),
        warnings,
        articles,
        interviews,
        chunks,
        people,
        speaking,
    )
