"""Typed records shared by the loader, the index and the answer engine.

Plain frozen dataclasses rather than dicts so that a renderer or a test cannot
silently depend on a key that the loader stopped producing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class IssueKind(StrEnum):
    """What went wrong with a corpus file; the bot words each kind for people."""

    UNDECODABLE = "undecodable"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    NO_INTERVIEW = "no_interview"
    PREAMBLE_SKIPPED = "preamble_skipped"
    NO_SPEAKER = "no_speaker"
    NO_FILES = "no_files"


@dataclass(frozen=True)
class LoadIssue:
    path: str
    kind: IssueKind
    detail: str = ""


@dataclass(frozen=True)
class Speaker:
    """Who was interviewed; ``name`` is None when the article names nobody."""

    name: str | None
    roles: tuple[str, ...] = ()
    affiliation: str = ""
    organisation: str = ""
    post: str = ""

    @property
    def role(self) -> str:
        return "、".join(self.roles)


@dataclass(frozen=True)
class Interview:
    id: int
    source: str
    headline: str
    speaker: Speaker
    paragraphs: tuple[str, ...]
    header: str = ""


@dataclass(frozen=True)
class Chunk:
    """One repaired paragraph: the unit BM25 ranks and quotes are cut from."""

    id: int
    source: str
    interview_id: int
    paragraph: int
    speaker: Speaker
    headline: str
    text: str


@dataclass(frozen=True)
class FileReport:
    path: str
    encoding: str | None
    interviews: int
    repaired: int
    error: str | None = None
    digest: str = ""


@dataclass
class Corpus:
    root: Path
    files: list[FileReport] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    warnings: list[LoadIssue] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return bool(self.chunks)

    @property
    def repaired(self) -> int:
        return sum(f.repaired for f in self.files)

    def speakers(self) -> list[Interview]:
        """Interviews with a named speaker, in corpus order."""
        return [i for i in self.interviews if i.speaker.name]
