"""Loading a corpus folder: every ``.txt`` file, every article and person in it.

A bad file never stops the load: it is reported as a ``LoadIssue`` and the
rest of the folder is still indexed, so one stray download cannot take the
bot down. People named in several files are one person, with every fact the
corpus gives about them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from fangtan.retrieval.affiliations import split_affiliation
from fangtan.retrieval.decode import UndecodableFile, read_text
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


class CorpusNotFound(FileNotFoundError):
    """The corpus path does not exist or is not a folder or a file."""


class CorpusUnreadable(PermissionError):
    """The corpus path exists but may not be looked into: not "no files", but "no access"."""


def default_corpus_dir() -> Path:
    """The bundled corpus, whether running from a checkout or an install."""
    return Path(str(resources.files("fangtan.seeds")))


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


def load_corpus(root: Path) -> Corpus:
    corpus = Corpus(root=root)
    unreadable: list[tuple[Path, OSError]] = []
    files = corpus_files(root, unreadable)
    for folder, error in unreadable:
        detail = error.strerror or str(error)
        where = _display_name(root, folder) + "/"
        corpus.warnings.append(LoadIssue(where, IssueKind.UNREADABLE, detail))
    if not files and not unreadable:
        corpus.warnings.append(LoadIssue(str(root), IssueKind.NO_FILES))
    people = _People()
    for path in files:
        _load_file(corpus, people, path, _display_name(root, path))
    corpus.people = _directory(people)
    # Chunks and interviews carry the speaker as the whole corpus knows them.
    speakers = {key: _speaker(person) for key, person in corpus.people.items()}
    corpus.interviews = [
        replace(i, speaker=speakers.get(i.speaker.name or "", i.speaker)) for i in corpus.interviews
    ]
    corpus.chunks = [
        replace(c, speaker=corpus.interviews[c.interview_id].speaker) for c in corpus.chunks
    ]
    return corpus


def _display_name(root: Path, path: Path) -> str:
    """The name shown in citations; bytes of the file name that are not text show as U+FFFD."""
    name = path.name if root.is_file() else path.relative_to(root).as_posix()
    return os.fsencode(name).decode("utf-8", "replace")


def _load_file(corpus: Corpus, people: _People, path: Path, name: str) -> None:
    try:
        text, encoding, digest = read_text(path)
    except UndecodableFile as exc:
        corpus.warnings.append(LoadIssue(name, IssueKind.UNDECODABLE, str(exc)))
        corpus.files.append(FileReport(name, None, error=IssueKind.UNDECODABLE))
        return
    except OSError as exc:
        corpus.warnings.append(LoadIssue(name, IssueKind.UNREADABLE, exc.strerror or str(exc)))
        corpus.files.append(FileReport(name, None, error=IssueKind.UNREADABLE))
        return
    reading = read(text, fallback_title=path.stem)
    first_article = corpus.article_count
    article_ids = _add_reading(corpus, name, reading)
    for header in reading.unnamed_headers:
        corpus.warnings.append(LoadIssue(name, IssueKind.NO_SPEAKER, header))
    said = [s for p in reading.passages for s in p.sentences if s.kind.said]
    narrated = [s for p in reading.passages for s in p.sentences if not s.kind.said]
    speaking = {s.speaker for s in said if s.speaker}
    for key, draft in reading.people.items():
        people.names.setdefault(key, draft.name)
        known = people.facts.setdefault(key, [])
        for kind, fact, article, paragraph in draft.facts:
            if all(f.text != fact for f in known):
                where = article_ids[article] if 0 <= article < len(article_ids) else first_article
                known.append(Fact(kind, fact, name, where, paragraph))
        people.articles.setdefault(key, []).extend(
            article_ids[a] for a in draft.articles if a < len(article_ids)
        )
    people.speaking.update(speaking)
    if not reading.passages:
        corpus.warnings.append(LoadIssue(name, IssueKind.EMPTY))
    elif not speaking:
        corpus.warnings.append(LoadIssue(name, IssueKind.NO_INTERVIEW))
    corpus.files.append(
        FileReport(
            name,
            encoding,
            articles=len(reading.articles),
            speakers=len(speaking),
            mentioned=len(set(reading.people) - speaking),
            attributed=len(said),
            narration=len(narrated),
            furniture=reading.furniture,
            repaired=reading.repaired,
            digest=digest,
        )
    )


def _add_reading(corpus: Corpus, source: str, reading: FileReading) -> list[int]:
    """Chunks for every voice of every paragraph; an interview per article and speaker."""
    article_ids: list[int] = []
    for article in reading.articles:
        article_ids.append(corpus.article_count)
        corpus.article_count += 1
        interviews: dict[str | None, int] = {}
        paragraphs: dict[str | None, list[str]] = {}
        for index in article.passages:
            passage = reading.passages[index]
            prompt = reading.passages[passage.prompt].text if passage.prompt is not None else ""
            for speaker, kind, start, end in _runs(passage.sentences):
                if kind is Kind.QUESTION:
                    continue
                if speaker not in interviews:
                    interviews[speaker] = len(corpus.interviews)
                    paragraphs[speaker] = []
                    corpus.interviews.append(
                        Interview(
                            interviews[speaker],
                            source,
                            article.headline,
                            Speaker(name=speaker),
                            (),
                            header=article.headline,
                        )
                    )
                text = passage.text[start:end]
                paragraphs[speaker].append(text)
                corpus.chunks.append(
                    Chunk(
                        id=len(corpus.chunks),
                        source=source,
                        interview_id=interviews[speaker],
                        paragraph=passage.paragraph,
                        speaker=Speaker(name=speaker),
                        headline=article.headline,
                        text=text,
                        kind=kind,
                        prompt=prompt,
                        passage=passage.text,
                    )
                )
        for speaker, at in interviews.items():
            corpus.interviews[at] = replace(
                corpus.interviews[at], paragraphs=tuple(paragraphs[speaker])
            )
    return article_ids


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
