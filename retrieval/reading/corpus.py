"""Loading a corpus folder: every ``.txt`` file, every article and person in it.

A bad file never stops the load: it is reported as a ``LoadIssue`` and the
rest of the folder is still indexed, so one stray download cannot take the
bot down. People named in several files are one person, with every fact the
corpus gives about them.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from fangtan.retrieval.reading.columns import NO_COLUMNS, ColumnsBuilder, FileColumns
from fangtan.retrieval.reading.corpus_columns import CorpusColumns
from fangtan.retrieval.reading.decode import UndecodableFile, decode_bytes
from fangtan.retrieval.reading.html_text import HTML_SUFFIXES, html_text, is_html
from fangtan.retrieval.reading.merged_people import (
    FilePeople,
    MergedPeople,
    PeopleView,
    PlainPerson,
    file_people,
    merge_people,
)
from fangtan.retrieval.reading.model import Kind, Sentence
from fangtan.retrieval.reading.speaker_groups import GroupsEntry
from fangtan.retrieval.records import Corpus, FileReport, IssueKind, LoadIssue
from fangtan.retrieval.workers import spread_each

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from fangtan.retrieval.reading.drafts import FileReading


class CorpusNotFound(FileNotFoundError):
    """The corpus path does not exist or is not a folder or a file."""


def default_corpus_dir() -> Path:
    """The bundled corpus, whether running from a checkout or an install."""
    return Path(str(resources.files("fangtan.seeds")))


class CorpusUnreadable(PermissionError):
    """The corpus path exists but may not be looked into: not "no files", but "no access"."""


def corpus_files(root: Path, unreadable: list[tuple[Path, OSError]] | None = None) -> list[Path]:
    """Every visible ``.txt`` file and saved web page under ``root``, sorted.

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
            if not name.lower().endswith(CORPUS_SUFFIXES) or name.startswith("."):
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


# Text files, and web pages saved from a browser.
CORPUS_SUFFIXES = (".txt", *HTML_SUFFIXES)
NO_PEOPLE = file_people((), ())


@dataclass(frozen=True)
class FileLoad:
    """Everything one corpus file contributes, independent of the other files.

    Interview and article numbers are the file's own; ``assemble`` makes them
    the corpus's. ``people`` is marshal of the file's people and speakers (see
    ``merged_people``), unpacked only when the corpus's people are merged anew.
    """

    name: str
    report: FileReport
    warnings: tuple[tuple[str, str], ...] = ()
    articles: int = 0
    columns: FileColumns = NO_COLUMNS
    people: bytes = NO_PEOPLE


class FileLoads(list[FileLoad]):
    """Loads in corpus order; ``people`` is their merged people when a cache kept them,
    ``groups_entry`` where their interviews' speakers are kept."""

    people: MergedPeople | None = None
    groups_entry: GroupsEntry | None = None


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
    return list(read_each(jobs))


def read_each(jobs: list[FileJob]) -> Iterator[FileLoad]:
    """``read_files``, each file's load given as soon as it is read."""
    return spread_each(jobs, _read_job, sum(_size(job) for job in jobs))


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
    # The reader and its patterns (~30 ms to import) are needed only for a file the
    # cache does not hold: a restart with warm caches never reads one.
    from fangtan.retrieval.reading.reader import read

    try:
        if is_html(name):
            text = html_text(text)
        reading = read(text, fallback_title=path.stem)
    except Exception as exc:  # one file's defect must not stop the corpus
        # A reader defect on one page: the rest of the corpus still loads, and the
        # traceback goes to the log for us to mend.
        logger.exception("reading %s failed", name)
        report = FileReport(name, encoding, error=IssueKind.UNPARSED)
        return FileLoad(name, report, ((str(IssueKind.UNPARSED), type(exc).__name__),))
    return reading_load(name, reading, encoding, digest)


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
    return FileLoad(
        name,
        report,
        tuple(warnings),
        articles,
        _voices(reading),
        file_people(people, sorted(speaking)),
    )


def assemble(
    root: Path, loads: Sequence[FileLoad], unreadable: list[LoadIssue] | None = None
) -> Corpus:
    """The corpus of ``loads`` in order: people merged across files, numbers made global.

    Folders that could not be listed (``unreadable``) are warned of first, and
    a corpus with such folders is not "empty": it may have files it could not see.
    """
    warnings = list(unreadable or ())
    if not loads and not unreadable:
        warnings.append(LoadIssue(str(root), IssueKind.NO_FILES))
    for load in loads:
        warnings.extend(
            LoadIssue(load.name, IssueKind(kind), detail) for kind, detail in load.warnings
        )
    merged = loads.people if isinstance(loads, FileLoads) else None
    groups_entry = loads.groups_entry if isinstance(loads, FileLoads) else None
    if merged is None:
        merged = merge_people([FilePeople(n.articles, n.people) for n in loads])
    sources = [load.name for load in loads]
    columns = CorpusColumns(
        sources, [load.columns for load in loads], PeopleView(merged, sources), groups_entry
    )
    return Corpus(
        root=root,
        files=[load.report for load in loads],
        interviews=columns.interviews(),
        chunks=columns.chunks(),
        warnings=warnings,
        article_count=sum(load.articles for load in loads),
        people=columns.people,
        squeezed=columns.squeezed,
        squeezed_prompts=columns.squeezed_prompts,
        squeezed_headlines=columns.squeezed_headlines,
    )


def _display_name(root: Path, path: Path) -> str:
    """The name shown in citations; bytes of the file name that are not text show as U+FFFD."""
    name = path.name if root.is_file() else path.relative_to(root).as_posix()
    return os.fsencode(name).decode("utf-8", "replace")


def _voices(reading: FileReading) -> FileColumns:
    """Chunks for every voice of every paragraph; an interview per article and speaker."""
    columns = ColumnsBuilder()
    for article in reading.articles:
        ids: dict[str | None, int] = {}
        for index in article.passages:
            passage = reading.passages[index]
            prompt = reading.passages[passage.prompt].text if passage.prompt is not None else ""
            for speaker, kind, start, end in _runs(passage.sentences):
                if kind is Kind.QUESTION:
                    # "有记者问到……。某某回应称……": the question asked in the paragraph is
                    # what the words after it answer.
                    prompt = prompt or passage.text[start:end]
                    continue
                if speaker not in ids:
                    ids[speaker] = columns.interview(article.headline, speaker)
                columns.chunk(
                    ids[speaker], passage.paragraph, kind, passage.text, start, end, prompt
                )
    return columns.columns()


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
