"""People across files, merged once into columns, and the corpus's people read from them.

A person named in several files is one person with every fact the corpus
gives about them. Merging depends on every file, and splitting each
affiliation into organisation and post is slow, so the merged columns are
what a cache keeps for a given set of files; a ``Person`` (or the
``Speaker`` an interview shows) is made from them when first asked for.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fangtan.retrieval.reading.affiliations import split_affiliation
from fangtan.retrieval.reading.model import Fact, FactKind, Person
from fangtan.retrieval.records import PeopleColumns, Speaker

# What one file says of its people, as plain data (see ``FileLoad.people``):
#   (key, name, ((fact kind, text, article, paragraph), ...), articles)
PlainFact = tuple[str, str, int, int]
PlainPerson = tuple[str, str, tuple[PlainFact, ...], tuple[int, ...]]

FACT_KINDS: tuple[FactKind, ...] = tuple(FactKind)
_FACT_NUMBERS = {str(kind): n for n, kind in enumerate(FACT_KINDS)}
_ROLE = _FACT_NUMBERS[str(FactKind.ROLE)]
_AFFILIATION = _FACT_NUMBERS[str(FactKind.AFFILIATION)]


@dataclass(frozen=True)
class FilePeople:
    """One file's people and speakers, as the merge needs them."""

    articles: int
    # marshal of (people, speaking keys): unpacked only when people are merged anew.
    people: bytes


def file_people(people: Iterable[PlainPerson], speaking: Iterable[str]) -> bytes:
    return marshal.dumps((tuple(people), tuple(speaking)))


@dataclass(frozen=True)
class MergedPeople:
    """Everyone, in the order first named; facts and articles by person as runs of rows."""

    keys: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    speaks: bytes = b""
    organisations: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    fact_starts: array[int] = field(default_factory=lambda: array("i", [0]))
    fact_kinds: bytes = b""
    fact_texts: tuple[str, ...] = ()
    fact_files: array[int] = field(default_factory=lambda: array("i"))
    fact_articles: array[int] = field(default_factory=lambda: array("i"))
    fact_paragraphs: array[int] = field(default_factory=lambda: array("i"))
    article_starts: array[int] = field(default_factory=lambda: array("i", [0]))
    articles: array[int] = field(default_factory=lambda: array("i"))

    def plain(self) -> tuple[Any, ...]:
        return tuple(v.tobytes() if isinstance(v, array) else v for v in self._values())

    @classmethod
    def from_plain(cls, plain: Any, files: int) -> MergedPeople:
        """The columns of ``plain`` for ``files`` files; a ValueError or TypeError if they do
        not hold together."""
        if not isinstance(plain, tuple) or len(plain) != len(_FIELDS):
            raise ValueError("not merged people")
        values: list[Any] = [
            _numbers(value) if name in _NUMBERS else value
            for name, value in zip(_FIELDS, plain, strict=True)
        ]
        merged = cls(*values)
        merged.check(files)
        return merged

    def check(self, files: int) -> None:
        n = len(self.keys)
        facts = len(self.fact_texts)
        texts = (self.keys, self.names, self.organisations, self.posts, self.fact_texts)
        if not all(isinstance(v, tuple) for v in texts) or not all(
            isinstance(v, bytes) for v in (self.speaks, self.fact_kinds)
        ):
            raise TypeError("merged people are not what was written")
        if (
            len(self.names) != n
            or len(self.speaks) != n
            or len(self.organisations) != n
            or len(self.posts) != n
            or len(self.fact_starts) != n + 1
            or len(self.article_starts) != n + 1
            or not len(self.fact_kinds)
            == len(self.fact_files)
            == len(self.fact_articles)
            == len(self.fact_paragraphs)
            == facts
            or _unordered(self.fact_starts, facts)
            or _unordered(self.article_starts, len(self.articles))
            or max(self.fact_kinds, default=0) >= len(FACT_KINDS)
            or min(self.fact_files, default=0) < 0
            or max(self.fact_files, default=-1) >= files
        ):
            raise ValueError("merged people do not hold together")

    def _values(self) -> list[Any]:
        return [getattr(self, name) for name in _FIELDS]


_FIELDS = tuple(MergedPeople.__dataclass_fields__)
_NUMBERS = frozenset(
    ("fact_starts", "fact_files", "fact_articles", "fact_paragraphs", "article_starts", "articles")
)


def _numbers(data: Any) -> array[int]:
    if not isinstance(data, bytes):
        raise TypeError("numbers are not bytes")
    return array("i", data)


def _unordered(starts: array[int], end: int) -> bool:
    steps = np.diff(np.frombuffer(starts, dtype=np.int32))
    return starts[0] != 0 or starts[-1] != end or bool((steps < 0).any())


def merge_people(files: Sequence[FilePeople]) -> MergedPeople:
    """Everyone named in ``files``, in order; a fact said twice (by text) is kept once."""
    names: dict[str, str] = {}
    facts: dict[str, list[tuple[int, str, int, int, int]]] = {}
    said: dict[str, set[str]] = {}
    articles: dict[str, list[int]] = {}
    speaking: set[str] = set()
    strings: dict[str, str] = {}  # one object per text, so marshal writes each once
    first_article = 0
    for number, load in enumerate(files):
        people, speakers = marshal.loads(load.people)
        for key, name, plain_facts, seen_in in people:
            key = strings.setdefault(key, key)
            names.setdefault(key, strings.setdefault(name, name))
            known = facts.setdefault(key, [])
            texts = said.setdefault(key, set())
            for kind, text, article, paragraph in plain_facts:
                if text not in texts:
                    texts.add(text)
                    text = strings.setdefault(text, text)
                    kind_number = _FACT_NUMBERS[kind]
                    known.append((kind_number, text, number, first_article + article, paragraph))
            articles.setdefault(key, []).extend(first_article + a for a in seen_in)
        speaking.update(speakers)
        first_article += load.articles
    organisations: list[str] = []
    posts: list[str] = []
    fact_starts, article_starts = array("i", [0]), array("i", [0])
    fact_rows: list[tuple[int, str, int, int, int]] = []
    article_ids = array("i")
    for key in names:
        rows = facts[key]
        first = next((text for kind, text, *_ in rows if kind == _AFFILIATION), "")
        organisation, post = split_affiliation(first)
        organisations.append(strings.setdefault(organisation, organisation))
        posts.append(strings.setdefault(post, post))
        fact_rows.extend(rows)
        fact_starts.append(len(fact_rows))
        article_ids.extend(dict.fromkeys(articles[key]))
        article_starts.append(len(article_ids))
    return MergedPeople(
        keys=tuple(names),
        names=tuple(names.values()),
        speaks=bytes(key in speaking for key in names),
        organisations=tuple(organisations),
        posts=tuple(posts),
        fact_starts=fact_starts,
        fact_kinds=bytes(row[0] for row in fact_rows),
        fact_texts=tuple(row[1] for row in fact_rows),
        fact_files=array("i", (row[2] for row in fact_rows)),
        fact_articles=array("i", (row[3] for row in fact_rows)),
        fact_paragraphs=array("i", (row[4] for row in fact_rows)),
        article_starts=article_starts,
        articles=article_ids,
    )


class PeopleView(PeopleColumns):
    """The corpus's people by key, each made (once) from the merged columns when asked for."""

    def __init__(self, merged: MergedPeople, sources: Sequence[str]) -> None:
        self._merged = merged
        self._sources = sources
        self._rows: dict[str, int] | None = None
        self._people: dict[int, Person] = {}
        self._speakers: dict[str | None, Speaker] = {None: Speaker(name=None)}

    def __getitem__(self, key: str) -> Person:
        row = self._row(key)
        if row is None:
            raise KeyError(key)
        person = self._people.get(row)
        if person is None:
            person = self._people[row] = self._person(row)
        return person

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._row(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._merged.keys)

    def __len__(self) -> int:
        return len(self._merged.keys)

    def __repr__(self) -> str:
        return f"PeopleView({len(self)} people)"

    def speakers(self) -> list[Person]:
        """People with words of their own, in order, without making anyone else."""
        speaks = self._merged.speaks
        return [self[key] for n, key in enumerate(self._merged.keys) if speaks[n]]

    @property
    def names(self) -> tuple[str, ...]:
        """Everyone's name, in order, without making a ``Person`` of anyone."""
        return self._merged.names

    def name_of(self, key: str) -> str:
        """The name a speaker with ``key`` shows (see ``speaker``), without making them."""
        row = self._row(key)
        return key if row is None else self._merged.names[row]

    def fact_texts(self, key: str) -> tuple[str, ...] | None:
        """What the corpus says of ``key``'s person, each text once; None for nobody.
        Read from the columns: no ``Person`` is made or kept."""
        row = self._row(key)
        if row is None:
            return None
        m = self._merged
        texts = m.fact_texts
        return tuple(
            dict.fromkeys(texts[n] for n in range(m.fact_starts[row], m.fact_starts[row + 1]))
        )

    def speaker(self, key: str | None) -> Speaker:
        """The speaker an interview with ``key`` shows: as the whole corpus knows them."""
        speaker = self._speakers.get(key)
        if speaker is None:
            row = self._row(key) if key is not None else None
            speaker = Speaker(name=key) if row is None else self._speaker(row)
            self._speakers[key] = speaker
        return speaker

    def roles_of(self, key: str) -> tuple[str, ...]:
        """``speaker(key).roles``, without making or keeping the speaker."""
        speaker = self._speakers.get(key)
        if speaker is not None:
            return speaker.roles
        row = self._row(key)
        return () if row is None else self._roles(row)

    def _row(self, key: str) -> int | None:
        if self._rows is None:
            self._rows = {k: n for n, k in enumerate(self._merged.keys)}
        return self._rows.get(key)

    def _facts(self, row: int) -> tuple[Fact, ...]:
        m, sources = self._merged, self._sources
        return tuple(
            Fact(
                FACT_KINDS[m.fact_kinds[n]],
                m.fact_texts[n],
                sources[m.fact_files[n]],
                m.fact_articles[n],
                m.fact_paragraphs[n],
            )
            for n in range(m.fact_starts[row], m.fact_starts[row + 1])
        )

    def _roles(self, row: int) -> tuple[str, ...]:
        m = self._merged
        facts = range(m.fact_starts[row], m.fact_starts[row + 1])
        return tuple(dict.fromkeys(m.fact_texts[n] for n in facts if m.fact_kinds[n] == _ROLE))

    def _person(self, row: int) -> Person:
        m = self._merged
        return Person(
            key=m.keys[row],
            name=m.names[row],
            facts=self._facts(row),
            articles=tuple(m.articles[m.article_starts[row] : m.article_starts[row + 1]]),
            speaks=bool(m.speaks[row]),
            organisation=m.organisations[row],
            post=m.posts[row],
        )

    def _speaker(self, row: int) -> Speaker:
        m = self._merged
        facts = range(m.fact_starts[row], m.fact_starts[row + 1])
        first = next((m.fact_texts[n] for n in facts if m.fact_kinds[n] == _AFFILIATION), "")
        return Speaker(
            name=m.names[row],
            roles=self._roles(row),
            affiliation=first,
            organisation=m.organisations[row],
            post=m.posts[row],
        )
