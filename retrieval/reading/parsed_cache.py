"""The parsed corpus on disk, one entry per file, so a restart reads no article twice.

Reading a file (sorting its lines, attributing every sentence, finding its
people) costs far more than loading what it yielded. Each file's ``FileLoad``
is kept as marshal of plain data (never pickle: loading it runs no code),
behind a checksum of the entry, and keyed by a SHA-256 of the file's bytes
and the retrieval code: a file whose bytes changed is read again alone, the
others come from their entries. A file whose metadata is as it was when it
was last hashed is not read at all (``file_stamps``). An entry that is
damaged, or written by other code, is ignored and rewritten. Entries are
written to a temporary file and renamed, so a crash mid-write leaves the old
entry or none.

A file's chunks are kept as columns (``columns``), so loading an entry makes
no object per chunk. The people of all files merged are one more entry,
keyed by every file's people and article count: merging them is slow and
depends on every file, so a restart with no file changed, or with a file
changed that names no one anew, does not merge at all. Each interview's
speaker, grouped by name (``speaker_groups``), is one more, keyed by every
file's bytes.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.reading import common_words
from fangtan.retrieval.reading.columns import FileColumns
from fangtan.retrieval.reading.corpus import FileJob, FileLoad, FileLoads, read_each, read_file
from fangtan.retrieval.reading.file_stamps import FileStamps, status_of
from fangtan.retrieval.reading.merged_people import FilePeople, MergedPeople, merge_people
from fangtan.retrieval.records import FileReport
from fangtan.retrieval.search.cache import code_version, entries_dir, files_key

log = logging.getLogger(__name__)

FORMAT = 2
# 2: keyed by each file's people and article count rather than its bytes.
PEOPLE_FORMAT = 2
# The merged people of the files read last, beside the files' entries.
PEOPLE_ENTRY = "corpus.people"
# Each interview's speaker, grouped (``speaker_groups``).
GROUPS_FORMAT = 1
GROUPS_ENTRY = "corpus.speakers"


def parsed_dir(cache_dir: Path, root: Path) -> Path:
    """The entries of one corpus folder."""
    return entries_dir(cache_dir, root)


@dataclass
class ParsedCache:
    """Reads corpus files through their entries; ``fresh`` names the files read anew."""

    folder: Path
    version: str = field(default_factory=code_version)
    fresh: list[str] = field(default_factory=list)
    reused: int = 0

    @property
    def cache_dir(self) -> Path:
        """The cache folder: a corpus's entries sit one folder below it (``parsed_dir``)."""
        return self.folder.parent

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
        common_words.keep_in(self.cache_dir, self.version)
        load = read_file(path, name, raw)
        if load.report.error is None:
            self._save(entry, name, digest, load)
        return load

    def read_many(self, files: list[tuple[Path, str]]) -> FileLoads:
        """``read`` of every file, in order, with their merged people; the files that must
        be read are read together (by worker processes when there are many)."""
        loads: list[FileLoad | None] = []
        missing: list[tuple[int, str | None, FileJob]] = []
        stamps = FileStamps.read(self.folder)
        for path, name in files:
            status = status_of(path)
            stamped = stamps.digest(name, status)
            if stamped is not None:
                cached = self._load(self.entry(name), name, stamped)
                if cached is not None:
                    self.reused += 1
                    loads.append(cached)
                    continue
            try:
                raw = path.read_bytes()
            except OSError:
                missing.append((len(loads), None, (path, name, None)))
                loads.append(None)
                continue
            digest = hashlib.sha256(raw).hexdigest()
            stamps.hashed(name, status, digest)
            # Under the stamped digest the entry was just found wanting: not read twice.
            cached = None if digest == stamped else self._load(self.entry(name), name, digest)
            if cached is None:
                missing.append((len(loads), digest, (path, name, raw)))
            else:
                self.reused += 1
            loads.append(cached)
        if missing:
            common_words.keep_in(self.cache_dir, self.version)
        # Each file read is kept while the workers read the next ones.
        read = read_each([job for _, _, job in missing])
        for (at, known, (_, source, _)), load in zip(missing, read, strict=True):
            self.fresh.append(source)
            if known is not None and load.report.error is None:
                self._save(self.entry(source), source, known, load)
            loads[at] = load
        stamps.save()
        read_all = FileLoads(load for load in loads if load is not None)
        read_all.people = self.people(read_all)
        read_all.groups_entry = (self.folder / GROUPS_ENTRY, self._groups_header(read_all))
        return read_all

    def people(self, loads: list[FileLoad]) -> MergedPeople:
        """The merged people of ``loads``: from their entry, or merged and kept."""
        entry = self.folder / PEOPLE_ENTRY
        header = self._people_header(loads)
        plain = read_entry(entry, header)
        if plain is not None:
            try:
                return MergedPeople.from_plain(plain, len(loads))
            except (ValueError, TypeError) as exc:
                log.warning("merged-people cache %s is damaged (%s); merging again", entry, exc)
        merged = merge_people([FilePeople(n.articles, n.people) for n in loads])
        write_entry(entry, header, merged.plain())
        return merged

    def entry(self, name: str) -> Path:
        return self.folder / f"{hashlib.sha256(name.encode()).hexdigest()[:24]}.parsed"

    def _load(self, entry: Path, name: str, digest: str) -> FileLoad | None:
        plain = read_entry(entry, self._header(name, digest))
        if plain is None:
            return None
        try:
            return _from_plain(name, plain)
        except (ValueError, TypeError) as exc:
            log.warning("parsed-corpus cache %s is damaged (%s); reading the file", entry, exc)
            return None

    def _save(self, entry: Path, name: str, digest: str, load: FileLoad) -> None:
        write_entry(entry, self._header(name, digest), _to_plain(load))

    def _header(self, name: str, digest: str) -> str:
        return f"parsed:{FORMAT}:{self.version}:{name}:{digest}"

    def _groups_header(self, loads: list[FileLoad]) -> str:
        # Who speaks in each interview follows from every file's bytes (its columns, and
        # everyone's names merged) and the code that read them.
        kind = f"speakers:{GROUPS_FORMAT}"
        return files_key(kind, [load.report for load in loads], self.version)

    def _people_header(self, loads: list[FileLoad]) -> str:
        # Keyed by what the merge reads, not by the files' bytes: an edit that names
        # no one anew and moves no article leaves the merged people as they were.
        files = hashlib.sha256()
        for load in loads:
            people = hashlib.sha256(load.people).hexdigest()
            files.update(f"{load.articles}\0{people}\0".encode())
        return f"people:{PEOPLE_FORMAT}:{self.version}:{files.hexdigest()}"


def _to_plain(load: FileLoad) -> tuple[Any, ...]:
    report = tuple(str(v) if isinstance(v, str) else v for v in astuple(load.report))
    return (report, load.warnings, load.articles, load.columns.plain(), load.people)


def _from_plain(name: str, plain: Any) -> FileLoad:
    report, warnings, articles, columns, people = plain
    if not isinstance(people, bytes):
        raise TypeError("people are not bytes")
    return FileLoad(
        name, FileReport(*report), warnings, articles, FileColumns.from_plain(columns), people
    )
