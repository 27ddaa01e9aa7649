"""What the engine knows of one indexed corpus, shared by every kind of answer.

Built once per index: who was interviewed and where they speak, who is only
mentioned, and how a paragraph becomes a quote or a person a profile. The
answer kinds in ``fangtan.bot.engine.kinds`` read it and never change it,
apart from the caches of role filters it fills as questions come.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import Any, TypeVar

from fangtan.bot.engine.answer import Answer, Context, Intent, Interviewee, Miss, Quote
from fangtan.bot.engine.quotes import (
    ASKS_REMEDY_RE,
    best_quote,
    lead_quote,
    without_lead_in,
    without_nested,
)
from fangtan.retrieval.reading.model import Person as CorpusPerson
from fangtan.retrieval.reading.roles import role_body
from fangtan.retrieval.reading.titles import of_kind
from fangtan.retrieval.reading.views import LazySequence
from fangtan.retrieval.records import Chunk, Corpus, InterviewHead, speakers_at
from fangtan.retrieval.search.cache import cache_key
from fangtan.retrieval.search.chunk_set import ChunkSet
from fangtan.retrieval.search.index import BM25Index
from fangtan.retrieval.search.normalize import normalize, normalize_all, squeeze_all
from fangtan.retrieval.search.tokenize import Query, quoted_terms

# Relevance (0–1, see fangtan.retrieval.search.index) a passage needs to count as an answer.
# Calibrated on the development questions: real answers score 0.9–1.0,
# passages that share one common word with the question score below 0.45.
ANSWER_MIN = 0.5
# Everyone at least this close to the best is named in an answer.
CLOSE = 0.75
# How many speakers or quotes one answer shows before "更多".
PER_ANSWER = 5

Source = TypeVar("Source")
Made = TypeVar("Made")


class Knowledge:
    def __init__(self, index: BM25Index) -> None:
        self.index = index
        self.corpus = index.corpus
        self.tokenizer = index.tokenizer
        # Who speaks where and who is named are read from the corpus's columns: an
        # interview or a person is made when a question first needs it.
        ids = self.corpus.speaker_groups()
        head = self.corpus.interview_head
        self._interview_numbers = ids
        self.interviews_of = OnNeed(ids, lambda numbers: [head(n) for n in numbers])
        # Everyone the corpus names, so a question about someone only mentioned
        # is told so instead of being searched for as a topic.
        people = self.corpus.people
        keys = {
            name: key
            for key, name in zip(people, self.corpus.people_names(), strict=True)
            if name not in ids
        }
        self.mentioned: Mapping[str, CorpusPerson] = OnNeed(keys, people.__getitem__)
        self.corpus_id = corpus_id(self.corpus)
        self._role_chunks: dict[tuple[tuple[str, ...], tuple[str, ...]], ChunkSet] = {}
        self._role_people: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Interviewee]] = {}
        self._facts: dict[str, tuple[str, ...]] = {}  # interviewees', as they are needed
        self._roles: dict[str, tuple[str, str]] = {}

    def first_interview(self, name: str) -> InterviewHead:
        """An interviewee's first interview, without making the others: their title
        and profile are read from it, and a list of everyone needs only these."""
        made = self.interviews_of.made(name)
        return made[0] if made else self.corpus.interview_head(self._interview_numbers[name][0])

    def warm(self) -> None:
        """Make the suggested words (read from every named speaker's paragraphs: 0.3 s of
        the first unanswered question at 100k paragraphs) and the index's decoded
        headlines before any question needs them.

        Everyone's credentials are left to the first question about a post: they cost
        ~1 s at 100k, but ~30 MiB that a server asked no such question would keep.
        """
        self.suggestions  # noqa: B018  (a cached property: reading it makes it)
        self.index.warm()

    # The tables below are made on first need, not at start: with a large corpus
    # each is a noticeable part of a restart, and many questions need none.

    @cached_property
    def suggestions(self) -> tuple[str, ...]:
        return self._suggestion_terms()

    @cached_property
    def chunks_of(self) -> OnNeed[list[int]]:
        """Each interviewee's paragraphs, in corpus order; read from their interviews
        when first asked for (grouping everyone's took 1.8 s at a million paragraphs)."""
        return OnNeed(self._interview_numbers, self._chunks_in)

    def _chunks_in(self, interviews: list[int]) -> list[int]:
        found = [c for j in interviews for c in self.corpus.interview_chunks(j)]
        return sorted(found) if len(interviews) > 1 else found

    def speaker_facts(self) -> dict[str, tuple[str, ...]]:
        """Every interviewee's facts, in corpus order."""
        self._look_up_facts(self.interviews_of)
        return {name: self._facts[name] for name in self.interviews_of}

    def _look_up_facts(self, names: Iterable[str]) -> None:
        """Find the facts of interviewees ``names`` together: one by one, normalising
        tens of thousands of names costs several times more."""
        missing = [name for name in names if name not in self._facts]
        texts = self.corpus.fact_texts
        for name, found in zip(missing, map(texts, normalize_all(missing)), strict=True):
            self._facts[name] = found or ()

    @property
    def credentials(self) -> dict[str, tuple[tuple[str, ...], str]]:
        """Each interviewee's role and post: their tokens and squeezed text."""
        return self._credential_tables[0]

    @property
    def credential_index(self) -> dict[str, list[str]]:
        """Interviewees by the words of their credentials, so "谁是某某书记" only looks at
        the ones who share a word with the question."""
        return self._credential_tables[1]

    @cached_property
    def _credential_tables(
        self,
    ) -> tuple[dict[str, tuple[tuple[str, ...], str]], dict[str, list[str]]]:
        # Roles and posts, tokenised once.
        credentials: dict[str, tuple[tuple[str, ...], str]] = {}
        credential_index: dict[str, list[str]] = {}
        speakers = {name: self.first_interview(name).speaker for name in self.interviews_of}
        titles = {name: f"{s.role}{s.affiliation}" for name, s in speakers.items()}
        cut = self.index.tokens_of(list(titles.values()))
        squeezed = squeeze_all(list(titles.values()))
        for name, words, text in zip(titles, cut, squeezed, strict=True):
            # A title's few words as a tuple: a frozenset is several times larger.
            tokens = tuple(dict.fromkeys(words))
            credentials[name] = (tokens, text)
            for token in tokens:
                credential_index.setdefault(token, []).append(name)
        return credentials, credential_index

    # ----------------------------------------------------------------- people

    def people(self, roles: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[Interviewee]:
        """Every named interviewee (optionally of some roles, or kinds), in corpus order."""
        wanted, kinds = tuple(roles), tuple(kinds)
        if (wanted, kinds) not in self._role_people:
            names: Iterable[str] = self._interview_numbers
            if wanted:
                names = [n for n in names if self.holds_role(n, wanted)]
            if kinds:
                names = [n for n in names if self.is_kind(n, kinds)]
            firsts = [self.first_interview(name) for name in names]
            self._look_up_facts(i.speaker.name for i in firsts if i.speaker.name)
            self._role_people[wanted, kinds] = [self.person(i) for i in firsts]
        return list(self._role_people[wanted, kinds])

    def article_of(self, chunk_id: int) -> range:
        """The chunks of the article chunk ``chunk_id`` is in: its neighbours of the same
        file and headline (a file's articles are read in order, each in one run)."""
        chunks = self.corpus.chunks
        here = chunks[chunk_id]

        def same(i: int) -> bool:
            other = chunks[i]
            return other.source == here.source and other.headline == here.headline

        first = chunk_id
        while first > 0 and same(first - 1):
            first -= 1
        end = chunk_id + 1
        while end < len(chunks) and same(end):
            end += 1
        return range(first, end)

    def speakers_in(self, article: range) -> list[str]:
        """The named speakers of ``article`` (chunk numbers), in the order they first speak."""
        speakers = speakers_at(self.corpus.chunks, list(article))
        return list(dict.fromkeys(s.name for s in speakers if s.name))

    def is_kind(self, name: str, kinds: tuple[str, ...]) -> bool:
        """Is interviewee ``name`` one of ``kinds`` of people by a title of theirs
        ("专家" for a 教授)? Their role, post and facts are looked at."""
        said = [*self.roles_of(name), *self.facts(name)]
        said += [i.speaker.affiliation for i in self.interviews_of.get(name, [])[:1]]
        return any(of_kind(kind, text) for kind in kinds for text in said)

    def person_named(self, name: str) -> Interviewee | None:
        if name in self.interviews_of:
            return self.person(self.interviews_of[name][0])
        if name in self.mentioned:
            return self.mentioned_person(self.mentioned[name])
        return None

    def person(self, interview: InterviewHead) -> Interviewee:
        speaker = interview.speaker
        return Interviewee(
            facts=self.facts(speaker.name),
            name=speaker.name,
            role=speaker.role,
            affiliation=speaker.affiliation,
            organisation=speaker.organisation,
            post=speaker.post,
            headline=interview.headline,
            source=interview.source,
            paragraphs=interview.paragraphs,
        )

    def mentioned_person(self, person: CorpusPerson) -> Interviewee:
        return Interviewee(
            name=person.name,
            role=person.role,
            affiliation=person.affiliation,
            organisation=person.organisation,
            post=person.post,
            headline="",
            source=person.facts[0].source if person.facts else "",
            paragraphs=0,
            facts=person.fact_texts,
            speaks=False,
        )

    def facts(self, name: str | None) -> tuple[str, ...]:
        if not name:
            return ()
        found = self._facts.get(name)
        if found is None:
            found = self.corpus.fact_texts(normalize(name)) or ()
            if name in self.interviews_of:
                self._facts[name] = found
        return found

    def roles_of(self, name: str) -> tuple[str, ...]:
        """Every role an interviewee was given, or the roles of someone only mentioned."""
        if name in self.interviews_of:
            return tuple(r for i in self.interviews_of[name] for r in i.speaker.roles)
        return self.mentioned[name].roles

    def facts_of(self, name: str) -> tuple[str, ...]:
        """What the corpus says of an interviewee or of someone only mentioned."""
        if name in self.interviews_of:
            return self.facts(name)
        return self.mentioned[name].fact_texts

    def addressable(self) -> tuple[LazySequence[Named], list[str]]:
        """Everyone a question may name, interviewees then people only mentioned, and
        their names: each made a ``Named`` only when a question reads them (132,257
        of them took 0.15 s of a restart at a million paragraphs)."""
        names = [*self.interviews_of, *self.mentioned]
        return LazySequence(len(names), lambda i: Named(self, names[i]), kept=0), names

    def holds_role(self, name: str, wanted: tuple[str, ...]) -> bool:
        """Does interviewee ``name`` hold one of ``wanted`` in any interview? Only their
        interviews' speakers' roles are read, and no head or speaker is kept: a filter
        by role asks this of everyone, and keeping every head and paragraph list it
        read was 8 MiB at 100k paragraphs, every speaker it made 5 MiB.

        A role asked without a level ("政协委员") matches every level of it.
        """
        roles = self.corpus.interview_roles
        held = {self._role_forms(r) for j in self._interview_numbers[name] for r in roles(j)}
        bodies = {body for _, body in held}
        normal = {role for role, _ in held}
        return any(
            w in normal or (w == role_body(w) and w in bodies) or any(b.endswith(w) for b in bodies)
            for w in wanted
        )

    def _role_forms(self, role: str) -> tuple[str, str]:
        """A role's normal form and its body; tens of thousands of people share a few roles."""
        forms = self._roles.get(role)
        if forms is None:
            normal = normalize(role)
            forms = self._roles[role] = (normal, role_body(normal))
        return forms

    def allowed_chunks(
        self, roles: tuple[str, ...], kinds: tuple[str, ...] = ()
    ) -> ChunkSet | None:
        """The paragraphs of speakers holding one of ``roles`` (and being one of
        ``kinds``); None for no filter."""
        if not roles and not kinds:
            return None
        if (roles, kinds) not in self._role_chunks:
            self._role_chunks[roles, kinds] = ChunkSet(
                c
                for name, numbers in self._interview_numbers.items()
                if (not roles or self.holds_role(name, roles))
                and (not kinds or self.is_kind(name, kinds))
                for c in self._chunks_in(numbers)
            )
        return self._role_chunks[roles, kinds]

    # ----------------------------------------------------------------- quotes

    def query(
        self, normal: str, drop: Iterable[str], *, verbatim: bool = False, occasion: bool = False
    ) -> Query:
        """The search for ``normal``, question text the engine has already normalised;
        ``verbatim`` for words someone is recalled to have said, ``occasion`` to keep
        the words of where they were said."""
        known = self.index.term_ids.__contains__
        query = self.tokenizer.query(
            normal, drop=drop, known=known, normalized=True, verbatim=verbatim, occasion=occasion
        )
        return self.index.expand(query)

    def query_without(self, normal: str, words: Iterable[str], drop: Iterable[str] = ()) -> Query:
        """The search for ``normal`` with ``words`` (names, a description's words) cut out
        of the text itself: jieba may glue a name to the next word ("孔总有"), and such a
        token would survive dropping "孔总". The cut's gaps close in the normal form."""
        rest = normal
        for word in sorted({normalize(w) for w in words}, key=len, reverse=True):
            rest = rest.replace(word, " ")
        return self.query(normalize(rest), (*words, *drop))

    def quote(self, chunk: Chunk, query: Query, relevance: float) -> Quote:
        # Words of the speaker's own title ("…养老服务有限公司董事长") are not
        # what they said; they must not pull the quote towards the byline.
        own = [w for w in (chunk.speaker.affiliation, chunk.speaker.organisation) if w]

        def score(sentences: list[str]) -> list[float]:
            for words in own:
                sentences = [sentence.replace(words, "") for sentence in sentences]
            found = self.index.texts_relevance(query, sentences)
            return [value + 0.01 * len(matched) for value, matched in found]

        def asked(text: str) -> frozenset[str]:
            return frozenset(self.index.text_relevance(query, text)[1])

        remedy = bool(ASKS_REMEDY_RE.search(query.text))
        return _make_quote(chunk, best_quote(chunk.text, score, remedy=remedy), relevance, asked)

    def lead(self, chunk_id: int) -> Quote:
        chunk = self.corpus.chunks[chunk_id]
        return _make_quote(chunk, lead_quote(chunk.text), 1.0)

    def continue_quote(self, chunk: Chunk, query: Query) -> Quote:
        if query.terms:
            relevance, matched = self.index.relevance(query, chunk.id)
            if matched:
                return self.quote(chunk, query, relevance)
        return self.lead(chunk.id)

    # ---------------------------------------------------------------- answers

    def miss(
        self,
        question: str,
        intent: Intent,
        miss: Miss,
        topic: str = "",
        unknown: tuple[str, ...] = (),
        context: Context | None = None,
    ) -> Answer:
        return Answer(
            question=question,
            intent=intent,
            answered=False,
            topic=topic,
            miss=miss,
            unknown=unknown,
            suggestions=self.suggestions,
            context=context,
        )

    def _suggestion_terms(self) -> tuple[str, ...]:
        """Quoted terms the corpus uses most: things it can certainly answer."""
        counts: Counter[str] = Counter()
        for text in self.corpus.spoken_texts():
            for term in dict.fromkeys(quoted_terms(text)):
                if 2 <= len(term) <= 8:
                    counts[term] += 1
        return tuple(term for term, _ in counts.most_common(3))


class OnNeed(Mapping[str, Made]):
    """Values by name, each made from what ``found`` holds for it when first asked for."""

    __slots__ = ("_found", "_made", "_make")

    def __init__(self, found: Mapping[str, Source], make: Callable[[Source], Made]) -> None:
        self._found = found
        self._make = make
        self._made: dict[str, Made] = {}

    def __getitem__(self, name: str) -> Made:
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = self._make(self._found[name])
        return made

    def __contains__(self, name: object) -> bool:
        return name in self._found

    def made(self, name: str) -> Made | None:
        """The value for ``name`` if it has been made, without making it."""
        return self._made.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)


class Named:
    """Someone the corpus names, as the reader sees them: their roles and facts are
    looked up when a question needs them, as most people are never asked about."""

    __slots__ = ("_known", "name")

    def __init__(self, known: Knowledge, name: str) -> None:
        self._known = known
        self.name = name

    @property
    def roles(self) -> tuple[str, ...]:
        return self._known.roles_of(self.name)

    @property
    def facts(self) -> tuple[str, ...]:
        return self._known.facts_of(self.name)


def corpus_id(corpus: Corpus) -> str:
    """What tells this corpus's chunk ids from another's: the index's own cache key.

    It covers the files' contents and the code that read them, so equal keys
    mean equal chunks; a corpus made without files is told apart by its chunks.
    """
    if corpus.files:
        return cache_key(corpus)[:16]
    digest = hashlib.sha1()
    for chunk in corpus.chunks:
        digest.update(f"{chunk.source}\0{chunk.paragraph}\0{chunk.text}\0".encode())
    return digest.hexdigest()[:16]


def answered(
    question: str,
    intent: Intent,
    quotes: tuple[Quote, ...],
    context: Context,
    speakers: tuple[str, ...] | None = None,
    **extra: Any,
) -> Answer:
    """An answer that shows ``quotes``, continuing as ``context`` says."""
    return Answer(
        question=question,
        intent=intent,
        answered=True,
        speakers=names_of(quotes) if speakers is None else speakers,
        quotes=quotes,
        has_more=bool(context.more_chunks),
        context=context,
        **extra,
    )


def names_of(quotes: Iterable[Quote]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q.speaker for q in quotes if q.speaker))


def first_name(quotes: Iterable[Quote]) -> str | None:
    names = names_of(quotes)
    return names[0] if names else None


def _make_quote(
    chunk: Chunk,
    text: str,
    relevance: float,
    asked: Callable[[str], frozenset[str]] = lambda _: frozenset(),
) -> Quote:
    """A quote of ``text`` from ``chunk``; a lead-in holding what was ``asked`` stays."""
    if chunk.speaker.name:
        text = without_nested(without_lead_in(text, chunk.speaker.name, asked), asked)
    return Quote(
        speaker=chunk.speaker.name,
        role=chunk.speaker.role,
        affiliation=chunk.speaker.affiliation,
        title=chunk.headline,
        source=chunk.source,
        paragraph=chunk.paragraph,
        text=text,
        score=round(relevance, 3),
        chunk_id=chunk.id,
        whole=text == chunk.text.strip(),
        kind=chunk.kind.public,
    )
