"""Loading a corpus folder: every ``.txt`` file, every interview in it.

A bad file never stops the load: it is reported as a ``LoadIssue`` and the
rest of the folder is still indexed, so one stray download cannot take the
bot down.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from retrieval.decode import UndecodableFile, read_text
from retrieval.parse import ParsedArticle, parse_text, repair_paragraphs
from retrieval.records import (
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


def default_corpus_dir() -> Path:
    """The bundled corpus, whether running from a checkout or an install."""
    return Path(str(resources.files("seeds")))


def corpus_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise CorpusNotFound(str(root))
    return sorted(
        path
        for path in root.rglob("*.txt")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def load_corpus(root: Path) -> Corpus:
    corpus = Corpus(root=root)
    files = corpus_files(root)
    if not files:
        corpus.warnings.append(LoadIssue(str(root), IssueKind.NO_FILES))
    for path in files:
        _load_file(corpus, path, _display_name(root, path))
    return corpus


def _display_name(root: Path, path: Path) -> str:
    if root.is_file():
        return path.name
    return path.relative_to(root).as_posix()


def _load_file(corpus: Corpus, path: Path, name: str) -> None:
    try:
        text, encoding, digest = read_text(path)
    except UndecodableFile as exc:
        corpus.warnings.append(LoadIssue(name, IssueKind.UNDECODABLE, str(exc)))
        corpus.files.append(FileReport(name, None, 0, 0, error=IssueKind.UNDECODABLE))
        return
    except OSError as exc:
        corpus.warnings.append(LoadIssue(name, IssueKind.UNREADABLE, exc.strerror or str(exc)))
        corpus.files.append(FileReport(name, None, 0, 0, error=IssueKind.UNREADABLE))
        return

    articles, preamble = parse_text(text, fallback_title=path.stem)
    if preamble:
        paragraphs, joins = repair_paragraphs(preamble)
        articles.insert(
            0,
            ParsedArticle(path.stem, "", Speaker(name=None), tuple(paragraphs), joins),
        )
        corpus.warnings.append(LoadIssue(name, IssueKind.PREAMBLE_SKIPPED, str(len(paragraphs))))
    if not articles:
        corpus.warnings.append(LoadIssue(name, IssueKind.EMPTY))
    elif all(not a.speaker.name for a in articles):
        corpus.warnings.append(LoadIssue(name, IssueKind.NO_INTERVIEW))
    for article in articles:
        if article.header and not article.speaker.name:
            corpus.warnings.append(LoadIssue(name, IssueKind.NO_SPEAKER, article.header))
        _add_article(corpus, name, article)
    corpus.files.append(
        FileReport(
            name,
            encoding,
            interviews=sum(1 for a in articles if a.speaker.name),
            repaired=sum(a.repaired for a in articles),
            digest=digest,
        )
    )


def _add_article(corpus: Corpus, source: str, article: ParsedArticle) -> None:
    if not article.paragraphs:
        return
    interview = Interview(
        id=len(corpus.interviews),
        source=source,
        headline=article.headline,
        speaker=article.speaker,
        paragraphs=article.paragraphs,
        header=article.header,
    )
    corpus.interviews.append(interview)
    for number, text in enumerate(article.paragraphs, start=1):
        corpus.chunks.append(
            Chunk(
                id=len(corpus.chunks),
                source=source,
                interview_id=interview.id,
                paragraph=number,
                speaker=article.speaker,
                headline=article.headline,
                text=text,
            )
        )
