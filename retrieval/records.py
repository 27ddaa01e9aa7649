"""Typed records shared by the loader, the index and the answer engine.

Plain frozen dataclasses rather than dicts so that a renderer or a test cannot
silently depend on a key that the loader stopped producing.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.reading.model import Kind, Person
from fangtan.retrieval.reading.speaker_groups import SpeakerGroups


class IssueKind(StrEnum):
    """What went wrong with a corpus file; the bot words each kind for people."""

    UNDECODABLE = "undecodable"
    UNREADABLE = "unreadable"
    UNPARSED = "unparsed"  # decoded, but reading it failed: a defect of ours, logged
    EMPTY = "empty"
    NO_INTERVIEW = "no_interview"
    NO_SPEAKER = "no_speaker"
    NO_FILES = "no_files"


@dataclass(frozen=True)
class LoadIssue:
    """A corpus file that was not read, or read only in part: the load goes on without it
    and the front ends say so."""

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
    """One interview whole: its source, headline, speaker and paragraphs' texts."""

    id: int
    source: str
    headline: str
    speaker: Speaker
    paragraphs: tuple[str, ...]
    header: str = ""


@dataclass(frozen=True)
class InterviewHead:
    """An interview without its paragraphs' texts: who spoke, where, and how much.

    What an answer about a person needs of their interviews. A list of
    everyone needs it of every interview, and whole interviews kept for that
    were most of the memory answering made on a large corpus.
    """

    id: int
    source: str
    headline: str
    speaker: Speaker
    paragraphs: int  # how many chunks the interview has


def head_of(interview: Interview) -> InterviewHead:
    return InterviewHead(
        interview.id,
        interview.source,
        interview.headline,
        interview.speaker,
        len(interview.paragraphs),
    )


@dataclass(frozen=True)
class Chunk:
    """One voice's run of sentences in a repaired paragraph: what BM25 ranks.

    A paragraph where a person speaks and the reporter narrates is several
    chunks, each with its speaker (``name`` None for narration), so a quote
    cut from a chunk is always the words of the person it is attributed to.
    ``paragraph`` is the paragraph's number in its article, for citations.
    """

    id: int
    source: str
    interview_id: int
    paragraph: int
    speaker: Speaker
    headline: str
    text: str
    kind: Kind = Kind.NARRATION
    # The question this chunk answers (Q&A, transcripts): it frames the answer.
    prompt: str = ""
    passage: str = ""  # the whole paragraph


@dataclass(frozen=True)
class FileReport:
    """What one file yielded: enough to see at once whether it was understood."""

    path: str
    encoding: str | None
    articles: int = 0
    speakers: int = 0
    mentioned: int = 0
    attributed: int = 0
    narration: int = 0
    furniture: int = 0
    repaired: int = 0
    error: str | None = None
    digest: str = ""


class ChunkColumns(Sequence[Chunk]):
    """Chunks kept as columns, which answer what a corpus asks of all its chunks
    without making any: at a hundred thousand paragraphs, making every chunk
    took seconds. ``Corpus`` answers the same of a plain list by making them.
    One nominal base per kind of sequence, not a protocol per method: a check
    against a runtime protocol costs ~20 µs, and a list of everyone made one
    per person."""

    __slots__ = ()

    @abstractmethod
    def paragraph_count(self) -> int: ...

    @abstractmethod
    def interview_ids(self) -> npt.NDArray[np.int32]:
        """Each chunk's ``interview_id``, as one array."""

    @abstractmethod
    def file_sizes(self) -> list[tuple[str, int, int]]:
        """Each file's name and how many chunks and interviews it gave, in corpus order."""

    @abstractmethod
    def file_texts(self, number: int) -> tuple[list[str], list[str]]:
        """File ``number``'s (of ``file_sizes``) chunks' texts and interviews' headlines."""

    @abstractmethod
    def file_squeezed(self, number: int) -> list[str]:
        """File ``number``'s chunks' texts squeezed (``normalize.squeeze``), as kept."""

    @abstractmethod
    def file_chars(self, number: int) -> int:
        """About how many characters file ``number`` holds, without decoding them."""

    @abstractmethod
    def speakers_at(self, indices: list[int]) -> list[Speaker]: ...

    @abstractmethod
    def spoken_texts(self) -> Iterator[str]:
        """The texts of the chunks whose speaker has a name, in order."""


class InterviewColumns(Sequence[Interview]):
    """Interviews kept as columns (see ``ChunkColumns``)."""

    __slots__ = ()

    @abstractmethod
    def speaker_names(self) -> list[str | None]: ...

    @abstractmethod
    def speaker_groups(self) -> SpeakerGroups: ...

    @abstractmethod
    def head(self, j: int) -> InterviewHead: ...

    @abstractmethod
    def speaker(self, j: int) -> Speaker:
        """Interview ``j``'s speaker, without its headline or paragraphs."""

    @abstractmethod
    def roles(self, j: int) -> tuple[str, ...]:
        """Interview ``j``'s speaker's roles, keeping nothing made to find them."""

    @abstractmethod
    def chunk_ids(self, j: int) -> Sequence[int]:
        """Interview ``j``'s chunks' numbers, in order."""


class PeopleColumns(Mapping[str, Person]):
    """People kept as columns (see ``ChunkColumns``)."""

    __slots__ = ()

    @property
    @abstractmethod
    def names(self) -> Sequence[str]:
        """Everyone's name, in order."""

    @abstractmethod
    def speakers(self) -> list[Person]: ...

    @abstractmethod
    def fact_texts(self, key: str) -> tuple[str, ...] | None: ...


class ReadsMany(Sequence[str]):
    """Texts that are read faster many at once than one by one."""

    __slots__ = ()

    @abstractmethod
    def many(self, indices: list[int]) -> list[str]: ...

    @abstractmethod
    def every(self) -> list[str]: ...


def texts_at(texts: Sequence[str], indices: list[int]) -> list[str]:
    """``[texts[i] for i in indices]``, by ``many`` where the texts offer it."""
    if isinstance(texts, ReadsMany):
        return texts.many(indices)
    return [texts[i] for i in indices]


def every_text(texts: Sequence[str]) -> list[str]:
    """``list(texts)``, by ``every`` where the texts offer it; a list is itself already."""
    if isinstance(texts, list):
        return texts
    if isinstance(texts, ReadsMany):
        return texts.every()
    return list(texts)


def speakers_at(chunks: Sequence[Chunk], indices: list[int]) -> list[Speaker]:
    """``[chunks[i].speaker for i in indices]``, without making the chunks where they allow."""
    if isinstance(chunks, ChunkColumns):
        return chunks.speakers_at(indices)
    return [chunks[i].speaker for i in indices]


@dataclass
class Corpus:
    """A loaded corpus. The loader gives read-only sequences that make each chunk and
    interview when it is asked for (see ``reading.views``); lists do as well."""

    root: Path
    files: list[FileReport] = field(default_factory=list)
    interviews: Sequence[Interview] = field(default_factory=list)
    chunks: Sequence[Chunk] = field(default_factory=list)
    warnings: list[LoadIssue] = field(default_factory=list)
    article_count: int = 0
    # Everyone the corpus names, speakers and people only mentioned, by key.
    people: Mapping[str, Person] = field(default_factory=dict)
    # Chunk texts, prompts and interview headlines squeezed as the index matches
    # them, when the loader made them (empty otherwise; the index makes its own).
    squeezed: Sequence[str] = field(default_factory=list)
    squeezed_prompts: Sequence[str] = field(default_factory=list)
    squeezed_headlines: Sequence[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return bool(self.chunks)

    @property
    def paragraphs(self) -> int:
        """Repaired paragraphs; a paragraph of several voices is several chunks."""
        if isinstance(self.chunks, ChunkColumns):
            return self.chunks.paragraph_count()
        return len({(c.source, c.headline, c.paragraph, c.passage) for c in self.chunks})

    @property
    def repaired(self) -> int:
        return sum(f.repaired for f in self.files)

    def speaker_names(self) -> Sequence[str | None]:
        """Each interview's speaker's name (None for nobody), in order."""
        if isinstance(self.interviews, InterviewColumns):
            return self.interviews.speaker_names()
        return [i.speaker.name for i in self.interviews]

    def speaker_groups(self) -> SpeakerGroups:
        """Each named speaker's interviews' numbers, by name in order of first interview."""
        if isinstance(self.interviews, InterviewColumns):
            return self.interviews.speaker_groups()
        return SpeakerGroups.of(i.speaker.name for i in self.interviews)

    def interview_head(self, j: int) -> InterviewHead:
        """Interview ``j`` without its paragraphs' texts."""
        if isinstance(self.interviews, InterviewColumns):
            return self.interviews.head(j)
        return head_of(self.interviews[j])

    def interview_speaker(self, j: int) -> Speaker:
        """Interview ``j``'s speaker, without making the interview where it allows."""
        if isinstance(self.interviews, InterviewColumns):
            return self.interviews.speaker(j)
        return self.interviews[j].speaker

    def interview_roles(self, j: int) -> tuple[str, ...]:
        """Interview ``j``'s speaker's roles. Where the interviews allow it, no speaker
        is made and kept for it: a filter by role asks this of every interviewee."""
        if isinstance(self.interviews, InterviewColumns):
            return self.interviews.roles(j)
        return self.interviews[j].speaker.roles

    def people_names(self) -> Sequence[str]:
        """Everyone's name, in the order of ``people``."""
        if isinstance(self.people, PeopleColumns):
            return self.people.names
        return [p.name for p in self.people.values()]

    def interview_chunks(self, j: int) -> Sequence[int]:
        """Interview ``j``'s chunks' numbers, in order: from the columns' grouping where
        the interviews allow it, else by looking through every chunk."""
        if isinstance(self.interviews, InterviewColumns):
            return self.interviews.chunk_ids(j)
        return [c.id for c in self.chunks if c.interview_id == j]

    def spoken_texts(self) -> Iterator[str]:
        """The texts of the chunks whose speaker has a name, in corpus order."""
        if isinstance(self.chunks, ChunkColumns):
            return self.chunks.spoken_texts()
        return (c.text for c in self.chunks if c.speaker.name)

    def every_name(self) -> list[str]:
        """Every name anyone goes by. People read from the columns go by their name
        alone, so their names are listed without making anyone."""
        if isinstance(self.people, PeopleColumns):
            return list(self.people.names)
        return [n for p in self.people.values() for n in (p.name, *p.aliases)]

    def fact_texts(self, key: str) -> tuple[str, ...] | None:
        """What the corpus says of the person with ``key``, each text once, in order;
        None for nobody. Without keeping a ``Person`` where the people allow it: a
        list of everyone asks this of every interviewee."""
        if isinstance(self.people, PeopleColumns):
            return self.people.fact_texts(key)
        person = self.people.get(key)
        return None if person is None else person.fact_texts

    def speakers(self) -> list[Person]:
        """People with words of their own, in corpus order."""
        if isinstance(self.people, PeopleColumns):
            return self.people.speakers()
        return [p for p in self.people.values() if p.speaks]
