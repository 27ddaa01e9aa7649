"""Loading a corpus folder: every ``.txt`` file, every article and person in it.

A bad file never stops the load: it is reported as a ``LoadIssue`` and the
rest of the folder is still indexed, so one stray download cannot take the
bot down. People named in several files are one person, with every fact the
corpus gives about them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from fangtan.retrieval.reading.affiliations import split_affiliation
from fangtan.retrieval.reading.decode import UndecodableFile, decode_bytes
from fangtan.retrieval.reading.model import Fact, FactKind, Kind, Person, Sentence
from fangtan.retrieval.reading.reader import FileReading, read
from fangtan.retrieval.records import (
    Chunk,
    Corpus,
    FileReport,
    Interview,
    IssueKind,
    LoadIssue,
    Speaker,
)
from fangtan.retrieval.search.normalize import squeeze
from fangtan.retrieval.workers import spread


class CorpusNotFound(FileNotFoundError):
    """The corpus path does not exist or is not a folder or a file."""


def default_corpus_dir() -> Path:
    """The bundled corpus, whether running from a checkout or an install."""
    return Path(str(resources.files("fangtan.seeds")))


class CorpusUnreadable(PermissionError):
    """The corpus path exists but may not be looked into: not "no files", but "no access"."""


def corpus_files(root: Path, unreadable: list[tuple[Path, OSError]] | None = None) -> list[Path]:
    """Every visible ``.txt`` file under ``root``, sorted.

    Folders below ``root`` that cannot be listed are appended to
    ``unreadable`` (when given) instead of being passed over in silence;
    ``root`` itself raises ``CorpusUnreadable``.
    """
    try:
        if root.is_file():
            return [root]
        if not root.is_dir():
            raise CorpusNotFound(str(root))
    except PermissionError as exc:
        raise CorpusUnreadable(exc.errno, exc.strerror, str(root)) from exc
    errors: list[OSError] = []
    found: list[Path] = []
    for folder, folders, names in os.walk(root, onerror=errors.append):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if not name.endswith(".txt") or name.startswith("."):
                continue
            path = Path(folder, name)
            try:
                if not path.is_file():
                    continue
            except OSError:
                pass  # cannot even look at it: reading it will say why
            found.append(path)
    for error in errors:
        where = Path(error.filename) if error.filename else root
        if where == root:
            raise CorpusUnreadable(error.errno, error.strerror, str(root)) from error
        if unreadable is not None:
            unreadable.append((where, error))
    return sorted(found)


@dataclass
class _People:
    """People across files, merged by key, facts in the order they were read."""

    names: dict[str, str] = field(default_factory=dict)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    articles: dict[str, list[int]] = field(default_factory=dict)
    speaking: set[str] = field(default_factory=set)


# What one file yields, as plain data (tuples, strings, numbers) so that it can
# be cached per file without pickle. Article and interview numbers are the
# file's own; ``assemble`` turns them into the corpus's.
#   interviews: (headline, speaker key or None, paragraphs, squeezed headline)
#   chunks:     (interview, paragraph, headline, text, kind, prompt, passage,
#                squeezed text, squeezed prompt)
#   people:     (key, name, ((fact kind, text, article, paragraph), ...), articles)
# The squeezed forms are what the index matches phrases in; made once here,
# they are cached with the rest.
PlainInterview = tuple[str, str | None, tuple[str, ...], str]
PlainChunk = tuple[int, int, str, str, str, str, str, str, str]
PlainFact = tuple[str, str, int, int]
PlainPerson = tuple[str, str, tuple[PlainFact, ...], tuple[int, ...]]


@dataclass(frozen=True)
class FileLoad:
    """Everything one corpus file contributes, independent of the other files."""

    name: str
    report: FileReport
    warnings: tuple[tuple[str, str], ...] = ()
    articles: int = 0
    interviews: tuple[PlainInterview, ...] = ()
    chunks: tuple[PlainChunk, ...] = ()
    people: tuple[PlainPerson, ...] = ()
    speaking: tuple[str, ...] = ()


def load_corpus(
    root: Path,
    reader: Callable[[Path, str], FileLoad] | None = None,
    *,
    read_many: Callable[[list[tuple[Path, str]]], list[FileLoad]] | None = None,
) -> Corpus:
    """Read every file under ``root``; ``reader`` may answer a file from a cache, and
    ``read_many`` all of them at once (so that the files it must read can be read
    side by side). Without either, a large corpus is read by worker processes."""
    unreadable: list[tuple[Path, OSError]] = []
    files = [(path, _display_name(root, path)) for path in corpus_files(root, unreadable)]
    if read_many is not None:
        loads = read_many(files)
    elif reader is not None:
        loads = [reader(path, name) for path, name in files]
    else:
        loads = read_files([(path, name, None) for path, name in files])
    folders = [
        LoadIssue(
            _display_name(root, folder) + "/", IssueKind.UNREADABLE, error.strerror or str(error)
        )
        for folder, error in unreadable
    ]
    return assemble(root, loads, folders)


# A file to read: its path, its name in citations and its bytes if already read.
FileJob = tuple[Path, str, bytes | None]


def read_files(jobs: list[FileJob]) -> list[FileLoad]:
    """``read_file`` of every job, in order; by worker processes when there is much to read."""
    return spread(jobs, _read_job, _read_job, sum(_size(job) for job in jobs))


def _read_job(job: FileJob) -> FileLoad:
    path, name, raw = job
    return read_file(path, name, raw)


def _size(job: FileJob) -> int:
    path, _, raw = job
    if raw is not None:
        return len(raw)
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_file(path: Path, name: str, raw: bytes | None = None) -> FileLoad:
    """One file's articles, chunks and people; an unreadable file is a report and a warning."""
    try:
        if raw is None:
            raw = path.read_bytes()
        text, encoding = decode_bytes(raw)
    except UndecodableFile as exc:
        report = FileReport(name, None, error=IssueKind.UNDECODABLE)
        return FileLoad(name, report, ((str(IssueKind.UNDECODABLE), str(exc)),))
    except OSError as exc:
        report = FileReport(name, None, error=IssueKind.UNREADABLE)
        return FileLoad(name, report, ((str(IssueKind.UNREADABLE), exc.strerror or str(exc)),))
    digest = hashlib.sha256(raw).hexdigest()
    return reading_load(name, read(text, fallback_title=path.stem), encoding, digest)


def reading_load(name: str, reading: FileReading, encoding: str, digest: str) -> FileLoad:
    warnings = [(str(IssueKind.NO_SPEAKER), header) for header in reading.unnamed_headers]
    said = [s for p in reading.passages for s in p.sentences if s.kind.said]
    narrated = [s for p in reading.passages for s in p.sentences if not s.kind.said]
    speaking = {s.speaker for s in said if s.speaker}
    articles = len(reading.articles)
    local = list(range(articles))
    people: list[PlainPerson] = []
    for key, draft in reading.people.items():
        facts = tuple(
            (str(kind), fact, article if 0 <= article < articles else 0, paragraph)
            for kind, fact, article, paragraph in draft.facts
        )
        seen_in = tuple(local[a] for a in draft.articles if a < articles)
        people.append((key, draft.name, facts, seen_in))
    if not reading.passages:
        warnings.append((str(IssueKind.EMPTY), ""))
    elif not speaking:
        warnings.append((str(IssueKind.NO_INTERVIEW), ""))
    report = FileReport(
        name,
        encoding,
        articles=articles,
        speakers=len(speaking),
        mentioned=len(set(reading.people) - speaking),
        attributed=len(said),
        narration=len(narrated),
        furniture=reading.furniture,
        repaired=reading.repaired,
        digest=digest,
    )
    interviews, chunks = _voices(reading)
    return FileLoad(
        name,
        report,
        tuple(warnings),
        articles,
        interviews,
        chunks,
        tuple(people),
        tuple(sorted(speaking)),
    )


def assemble(
    root: Path, loads: list[FileLoad], unreadable: list[LoadIssue] | None = None
) -> Corpus:
    """The corpus of ``loads`` in order: people merged across files, numbers made global.

    Folders that could not be listed (``unreadable``) are warned of first, and
    a corpus with such folders is not "empty": it may have files it could not see.
    """
    corpus = Corpus(root=root, warnings=list(unreadable or ()))
    if not loads and not unreadable:
        corpus.warnings.append(LoadIssue(str(root), IssueKind.NO_FILES))
    people = _People()
    placed: list[tuple[FileLoad, int, int]] = []
    for load in loads:
        first_article = corpus.article_count
        for kind, detail in load.warnings:
            corpus.warnings.append(LoadIssue(load.name, IssueKind(kind), detail))
        corpus.files.append(load.report)
        for key, name, facts, articles in load.people:
            people.names.setdefault(key, name)
            known = people.facts.setdefault(key, [])
            for kind, fact, article, paragraph in facts:
                if all(f.text != fact for f in known):
                    known.append(
                        Fact(FactKind(kind), fact, load.name, first_article + article, paragraph)
                    )
            people.articles.setdefault(key, []).extend(first_article + a for a in articles)
        people.speaking.update(load.speaking)
        placed.append((load, first_article, len(corpus.interviews)))
        corpus.article_count += load.articles
        corpus.interviews.extend([None] * len(load.interviews))  # type: ignore[list-item]
    corpus.people = _directory(people)
    # Chunks and interviews carry the speaker as the whole corpus knows them.
    speakers = {key: _speaker(person) for key, person in corpus.people.items()}
    unnamed = Speaker(name=None)
    kinds = {kind.value: kind for kind in Kind}
    for load, _, first_interview in placed:
        voices = []
        for n, (headline, who, paragraphs, squeezed) in enumerate(load.interviews):
            speaker = unnamed if who is None else speakers.get(who) or Speaker(name=who)
            voices.append(speaker)
            corpus.interviews[first_interview + n] = Interview(
                first_interview + n, load.name, headline, speaker, paragraphs, header=headline
            )
            corpus.squeezed_headlines.append(squeezed)
        for plain in load.chunks:
            interview, paragraph, headline, text, kind, prompt, passage, bare, asked = plain
            corpus.squeezed.append(bare)
            corpus.squeezed_prompts.append(asked)
            corpus.chunks.append(
                Chunk(
                    len(corpus.chunks),
                    load.name,
                    first_interview + interview,
                    paragraph,
                    voices[interview],
                    headline,
                    text,
                    kinds[kind],
                    prompt,
                    passage,
                )
            )
    return corpus


def _display_name(root: Path, path: Path) -> str:
    """The name shown in citations; bytes of the file name that are not text show as U+FFFD."""
    name = path.name if root.is_file() else path.relative_to(root).as_posix()
    return os.fsencode(name).decode("utf-8", "replace")


def _voices(reading: FileReading) -> tuple[tuple[PlainInterview, ...], tuple[PlainChunk, ...]]:
    """Chunks for every voice of every paragraph; an interview per article and speaker."""
    interviews: list[PlainInterview] = []
    chunks: list[PlainChunk] = []
    for article in reading.articles:
        ids: dict[str | None, int] = {}
        paragraphs: dict[str | None, list[str]] = {}
        for index in article.passages:
            passage = reading.passages[index]
            prompt = reading.passages[passage.prompt].text if passage.prompt is not None else ""
            for speaker, kind, start, end in _runs(passage.sentences):
                if kind is Kind.QUESTION:
                    continue
                if speaker not in ids:
                    ids[speaker] = len(interviews)
                    paragraphs[speaker] = []
                    interviews.append((article.headline, speaker, (), squeeze(article.headline)))
                text = passage.text[start:end]
                paragraphs[speaker].append(text)
                chunks.append(
                    (
                        ids[speaker],
                        passage.paragraph,
                        article.headline,
                        text,
                        kind.value,
                        prompt,
                        passage.text,
                        squeeze(text),
                        squeeze(prompt) if prompt else "",
                    )
                )
        for speaker, at in ids.items():
            headline, _, _, squeezed = interviews[at]
            interviews[at] = (headline, speaker, tuple(paragraphs[speaker]), squeezed)
    return tuple(interviews), tuple(chunks)


def _runs(sentences: tuple[Sentence, ...]) -> list[tuple[str | None, Kind, int, int]]:
    """Adjacent sentences of one voice, joined: (speaker, kind, start, end)."""
    runs: list[tuple[str | None, Kind, int, int]] = []
    for s in sentences:
        speaker = s.speaker if s.kind.said else None
        voice = Kind.QUESTION if s.kind is Kind.QUESTION else speaker
        if runs:
            last_speaker, last_kind, start, _ = runs[-1]
            last_voice = Kind.QUESTION if last_kind is Kind.QUESTION else last_speaker
            if last_voice == voice:
                kind = last_kind if last_kind is s.kind else _blend(last_kind, s.kind)
                runs[-1] = (last_speaker, kind, start, s.end)
                continue
        runs.append((speaker, s.kind, s.start, s.end))
    return runs


def _blend(first: Kind, second: Kind) -> Kind:
    """One kind for a run mixing quotation and report: the quotation shows."""
    return Kind.QUOTE if Kind.QUOTE in (first, second) else first


def _directory(people: _People) -> dict[str, Person]:
    directory: dict[str, Person] = {}
    for key, name in people.names.items():
        facts = tuple(people.facts.get(key, ()))
        affiliation = next((f.text for f in facts if f.kind is FactKind.AFFILIATION), "")
        organisation, post = split_affiliation(affiliation)
        directory[key] = Person(
            key=key,
            name=name,
            facts=facts,
            articles=tuple(dict.fromkeys(people.articles.get(key, ()))),
            speaks=key in people.speaking,
            organisation=organisation,
            post=post,
        )
    return directory


def _speaker(person: Person) -> Speaker:
    return Speaker(
        name=person.name,
        roles=person.roles,
        affiliation=person.affiliation,
        organisation=person.organisation,
        post=person.post,
    )
