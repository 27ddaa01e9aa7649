"""What the article reader produces beside passages: who said each sentence, and people.

Each sentence of a passage is either someone's (``speaker`` is a person's key)
or the reporter's narration, so a quote can only ever be cut from words the
article gives to the person it is attributed to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a sentence came to be in the article."""

    QUOTE = "quote"  # the person's words in quotation marks
    REPORTED = "reported"  # 某某表示，…, and what carries on from it
    ANSWER = "answer"  # a Q&A answer, a label line's or a section's words, a transcript turn
    NARRATION = "narration"  # the reporter's own words
    QUESTION = "question"  # the reporter's or a host's question: never quoted

    @property
    def said(self) -> bool:
        """Is this a person's own words (so it may be quoted under their name)?"""
        return self in (Kind.QUOTE, Kind.REPORTED, Kind.ANSWER)

    @property
    def public(self) -> str:
        """The kind as ``--json`` shows it: a question is the article's own words."""
        return Kind.NARRATION.value if self is Kind.QUESTION else self.value


@dataclass(frozen=True)
class Sentence:
    """``text[start:end]`` of its passage; ``speaker`` is a person key or None."""

    start: int
    end: int
    kind: Kind
    speaker: str | None = None


class FactKind(StrEnum):
    ROLE = "role"  # 市人大代表, 全国政协委员
    AFFILIATION = "affiliation"  # 某某公司董事长, 中国工程院院士


@dataclass(frozen=True)
class Fact:
    """One thing the corpus says a person is, and where it says so."""

    kind: FactKind
    text: str
    source: str
    article_id: int
    paragraph: int  # 0: the headline, interview header, label or section line


@dataclass(frozen=True)
class Person:
    """Someone the corpus names. ``key`` is the Simplified form of ``name``."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    articles: tuple[int, ...] = ()
    speaks: bool = False
    organisation: str = ""
    post: str = ""

    @property
    def fact_texts(self) -> tuple[str, ...]:
        """What the corpus says of them, each text once, in order."""
        return tuple(dict.fromkeys(f.text for f in self.facts))

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.text for f in self.facts if f.kind is FactKind.ROLE))

    @property
    def affiliations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.text for f in self.facts if f.kind is FactKind.AFFILIATION))

    @property
    def role(self) -> str:
        return "、".join(self.roles)

    @property
    def affiliation(self) -> str:
        """The affiliation the corpus gives first: usually the one the article is about."""
        found = self.affiliations
        return found[0] if found else ""
