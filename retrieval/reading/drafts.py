"""A file as it is read, before the corpus numbers its articles, passages and people."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from fangtan.retrieval.reading.model import FactKind, Sentence
from fangtan.retrieval.search.normalize import normalize


@dataclass
class PersonDraft:
    name: str
    facts: list[tuple[FactKind, str, int, int]] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # as the text addresses them: 王某某代表


@dataclass
class PassageDraft:
    text: str
    paragraph: int
    article: int
    sentences: tuple[Sentence, ...] = ()
    heading: str = ""
    prompt: int | None = None  # index into the file's passages


@dataclass
class ArticleDraft:
    headline: str
    interviewee: str | None = None
    passages: list[int] = field(default_factory=list)
    byline: str = ""
    dateline: str = ""
    told: bool = False  # a profile, not an interview: the reporter's words by default
    signed: bool = False  # the writer's own, in the first person: a column by a deputy


@dataclass
class FileReading:
    articles: list[ArticleDraft] = field(default_factory=list)
    passages: list[PassageDraft] = field(default_factory=list)
    people: dict[str, PersonDraft] = field(default_factory=dict)
    furniture: int = 0
    repaired: int = 0
    unnamed_headers: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)  # a page names its few people again and again
def key_of(name: str) -> str:
    return normalize(name)
