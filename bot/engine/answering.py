"""The answer engine: a question (and the previous answer's context) in, an ``Answer`` out.

It holds no per-conversation state and touches no I/O, so the console, the
JSON batch mode and every Telegram chat share one instance safely; callers
keep ``Answer.context`` and hand it back with the next question.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from fangtan.bot.engine.answer import Answer, Choice, Context, Intent, Match, Miss, Person, Quote, Via
from fangtan.bot.engine.directory import People
from fangtan.bot.engine.intent import Person as NamedPerson
from fangtan.bot.engine.intent import Reader, Reading
from fangtan.bot.engine.quotes import best_quote, lead_quote
from fangtan.retrieval.index import BM25Index, Hit
from fangtan.retrieval.normalize import normalize, squeeze, strip_control
from fangtan.retrieval.reading.model import Person as CorpusPerson
from fangtan.retrieval.records import Chunk, Interview
from fangtan.retrieval.roles import role_body
from fangtan.retrieval.tokenize import Query, quoted_terms

# Relevance (0–1, see fangtan.retrieval.index) a passage needs to count as an answer.
# Calibrated on the development questions: real answers score 0.9–1.0,
# passages that share one common word with the question score below 0.45.
ANSWER_MIN = 0.5
# Without a passage that relevant, the best speaker's words together must
# cover this share of the question's weight (related words at their credit)
# for a partial answer; below it the corpus does not answer.
PARTIAL_MIN = 0.45
# Everyone at least this close to the best is named in a who-answer.
CLOSE = 0.75
# "还有谁" lists weaker mentions down to here; below it they are noise.
OTHERS_MIN = 0.3
# A "谁是…院长" question names a post; the holder's title must cover this much of it.
POST_MATCH_MIN = 0.9
# A who-question naming several things ("A的B") needs each speaker to touch every
# thing that carries at least this share of the question's weight.
PHRASE_SHARE = 0.3
# How many speakers or quotes one answer shows before "更多".
PAGE = 5
# Questions are read up to this length; the rest cannot change the answer much.
QUESTION_MAX = 300


@dataclass(frozen=True)
class _Group:
    """One speaker's hits for a question, best first."""

    name: str | None
    hits: tuple[Hit, ...]
    # Share of the question's weight the speaker's matching passages cover together.
    coverage: float = 0.0

    @property
    def best(self) -> Hit:
        return self.hits[0]


class Engine:
    def __init__(self, index: BM25Index) -> None:
        self.index = index
        self.corpus = index.corpus
        self.tokenizer = index.tokenizer
        self.interviews_of: dict[str, list[Interview]] = {}
        for interview in self.corpus.interviews:
            if interview.speaker.name:
                self.interviews_of.setdefault(interview.speaker.name, []).append(interview)
        self.chunks_of: dict[str, list[int]] = {}
        for chunk in self.corpus.chunks:
            if chunk.speaker.name:
                self.chunks_of.setdefault(chunk.speaker.name, []).append(chunk.id)
        # Everyone the corpus names, so a question about someone only mentioned
        # is told so instead of being searched for as a topic.
        self.mentioned = {
            p.name: p for p in self.corpus.people.values() if p.name not in self.interviews_of
        }
        self.reader = Reader(
            [
                NamedPerson(
                    name,
                    tuple(r for i in ivs for r in i.speaker.roles),
                    self._facts(name),
                )
                for name, ivs in self.interviews_of.items()
            ]
            + [NamedPerson(p.name, p.roles, _fact_texts(p)) for p in self.mentioned.values()]
        )
        self.directory = People(
            {name: self._facts(name) for name in self.interviews_of},
            self.tokenizer.content_tokens,
            others=self.mentioned,
        )
        digest = hashlib.sha1()
        for chunk in self.corpus.chunks:
            digest.update(f"{chunk.source}\0{chunk.paragraph}\0{chunk.text}\0".encode())
        self.corpus_id = digest.hexdigest()[:16]
        self.suggestions = self._suggestion_terms()
        self._role_chunks: dict[tuple[str, ...], list[int]] = {}
        self._role_people: dict[tuple[str, ...], list[Person]] = {}
        # Roles and posts, tokenised once, with an inverted map so "谁是某某书记"
        # only looks at the interviewees who share a word with the question.
        self._credentials: dict[str, tuple[frozenset[str], str]] = {}
        self._credential_index: dict[str, list[str]] = {}
        for name, interviews in self.interviews_of.items():
            speaker = interviews[0].speaker
            text = f"{speaker.role}{speaker.affiliation}"
            tokens = frozenset(self.tokenizer.tokens(text))
            self._credentials[name] = (tokens, squeeze(text))
            for token in tokens:
                self._credential_index.setdefault(token, []).append(name)

    # ------------------------------------------------------------------ entry

    def answer(self, question: str, context: Context | None = None) -> Answer:
        question = strip_control(question).strip()[:QUESTION_MAX]
        if context is not None and context.corpus_id != self.corpus_id:
            context = None
        reading = self.reader.read(question)
        if reading.ambiguous is not None:
            word, names = reading.ambiguous
            return self._choose(question, Miss.AMBIGUOUS, word, names)
        if reading.stranger:
            near = self.directory.sounding_like(reading.stranger)
            if near or not self.tokenizer.in_dictionary(reading.stranger):
                return self._choose(question, Miss.UNKNOWN_NAME, reading.stranger, near)
            reading = replace(reading, intent=Intent.TOPIC, stranger="")
        if reading.description:
            described = self.directory.described(reading.description)
            if len(described) > 1:
                return self._choose(question, Miss.AMBIGUOUS, reading.description, described)
            if described:
                reading = replace(
                    reading, names=described, mentions=(reading.description,), description=""
                )
            else:
                reading = replace(reading, intent=Intent.TOPIC, description="", rest="")
        if reading.intent is Intent.MORE:
            return self._more(question, reading, context)
        if reading.intent is Intent.OTHERS:
            return self._others(question, context)
        if reading.intent is Intent.SPEAKER and reading.pronoun:
            if context is None or context.focus is None:
                return self._miss(question, Intent.SPEAKER, Miss.NO_CONTEXT)
            reading = replace(reading, names=(context.focus,))
        if reading.intent is Intent.PROFILE and reading.names:
            return self._profile(question, reading.names)
        if reading.intent is Intent.SPEAKER:
            if reading.names and all(n in self.mentioned for n in reading.names):
                return replace(
                    self._miss(question, Intent.SPEAKER, Miss.MENTIONED_ONLY),
                    asked=reading.names,
                )
            return self._speaker_words(question, reading)
        query = self._query(question, reading.roles)
        listy = reading.listy
        if not query or (listy and not self.index.known(query.terms)):
            # "有哪些受访者？", and "这一版采访了哪些代表？" whose other words
            # the corpus never uses.
            if reading.intent is Intent.PROFILE or listy or (not query and reading.people):
                return self._list(question, reading.roles)
            if reading.intent is Intent.WHO and reading.roles:
                return self._list(question, reading.roles)
            if not query:
                return self._miss(question, Intent.HELP, Miss.EMPTY)
        posts = reading.posts
        if reading.intent is Intent.PROFILE or (posts and (reading.intent is Intent.WHO or listy)):
            # "谁是…院长", and also "哪些人是…院长" / "受访者中有哪些院长".
            by_post = self._profile_by_affiliation(question, query, posts)
            if by_post is not None:
                return by_post
        if reading.intent is Intent.PROFILE:
            if posts:
                # "谁是某市市长？" where nobody holds that post: say so rather
                # than name whoever mentions the place.
                topic = "、".join(query.phrases)
                return self._miss(question, Intent.PROFILE, Miss.NO_MATCH, topic)
            reading = replace(reading, intent=Intent.WHO)
        return self._search(question, reading, query)

    def _choose(self, question: str, miss: Miss, word: str, names: Iterable[str]) -> Answer:
        """A miss that offers the people ``word`` may mean, each with the question for them."""
        choices = []
        for name in names:
            person = self._person_named(name)
            choices.append(
                Choice(
                    name=name,
                    question=question.replace(word, name, 1) if word in question else name,
                    role=person.role if person else "",
                    affiliation=person.affiliation if person else "",
                )
            )
        return replace(
            self._miss(question, Intent.SPEAKER, miss), asked=(word,), choices=tuple(choices)
        )

    def _person_named(self, name: str) -> Person | None:
        if name in self.interviews_of:
            return self._person(self.interviews_of[name][0])
        if name in self.mentioned:
            return self._mentioned_person(self.mentioned[name])
        return None

    def _query(self, question: str, drop: Iterable[str]) -> Query:
        query = self.tokenizer.query(question, drop=drop, known=self.index.term_ids.__contains__)
        return self.index.expand(query)

    def answer_list(self) -> Answer:
        """Everyone interviewed, as for "有哪些受访者？" or a /speakers command."""
        return self._list("", ())

    def about(self, name: str) -> Answer | None:
        """A speaker's profile and what they said, for a /speaker command.

        ``name`` may be a full name or a surname with a title ("张委员");
        None when it names nobody in the corpus.
        """
        names, _ = self.reader.names_in(normalize(name))
        if not names:
            return None
        profile = self._profile(name, names[:1])
        more = profile.context.more_chunks if profile.context else ()
        quotes = profile.quotes + tuple(self._lead(self.corpus.chunks[c]) for c in more[: PAGE - 1])
        context = profile.context and replace(
            profile.context,
            shown_chunks=tuple(q.chunk_id for q in quotes),
            more_chunks=more[PAGE - 1 :],
        )
        return replace(profile, quotes=quotes, has_more=bool(more[PAGE - 1 :]), context=context)

    def next_page(self, context: Context | None) -> Answer:
        """What "更多" would show after the answer that left ``context``."""
        return self._more("", Reading(Intent.MORE), context)

    def more_from(self, name: str, context: Context | None) -> Answer:
        """That speaker's passages not shown yet — the "其他发言" button."""
        base = context if context and context.corpus_id == self.corpus_id else None
        base = base or Context(corpus_id=self.corpus_id, intent=Intent.SPEAKER)
        return self._more(name, Reading(Intent.MORE, pronoun=True), replace(base, focus=name))

    def people(self, roles: Iterable[str] = ()) -> list[Person]:
        """Every named interviewee (optionally of some roles), in corpus order."""
        wanted = tuple(roles)
        if wanted not in self._role_people:
            self._role_people[wanted] = [
                self._person(interviews[0])
                for interviews in self.interviews_of.values()
                if not wanted or _has_role(interviews, wanted)
            ]
        return list(self._role_people[wanted])

    def interview_of(self, chunk_id: int) -> Interview:
        return self.corpus.interviews[self.corpus.chunks[chunk_id].interview_id]

    # --------------------------------------------------------------- searches

    def _search(self, question: str, reading: Reading, query: Query) -> Answer:
        allowed = self._allowed_chunks(reading.roles)
        hits = self.index.search(query, allowed)
        topic = "、".join(query.phrases)
        if not hits:
            unknown = tuple(p for p in query.phrases) or query.terms
            return self._miss(question, reading.intent, Miss.UNKNOWN_WORDS, topic, unknown)
        groups = _group(hits, self.index, query)
        # Full: a passage says the question's words, mostly side by side.
        # Otherwise partial: someone's words cover most of the question's
        # weight, though scattered or in related words.
        full = hits[0].relevance >= ANSWER_MIN
        best_coverage = max(g.coverage for g in groups)
        if not any(len(t) > 1 for h in hits for t in h.matched):
            # A lone character matched means too many things to answer by.
            full, best_coverage = False, 0.0
        if not full and best_coverage < PARTIAL_MIN:
            absent = tuple(
                p for p in query.phrases if not self.index.known(self.tokenizer.tokens(p))
            )
            return self._miss(question, reading.intent, Miss.WEAK, topic, absent)
        cut = max(ANSWER_MIN, CLOSE * hits[0].relevance)
        cover_cut = max(PARTIAL_MIN, CLOSE * best_coverage)
        if reading.intent is Intent.WHO:
            if full:
                chosen = [g for g in groups if g.best.relevance >= cut]
            else:
                chosen = sorted(
                    (g for g in groups if g.coverage >= cover_cut),
                    key=lambda g: (-g.coverage, -g.best.relevance, g.best.chunk.id),
                )
            chosen = [g for g in chosen if self._touches_every_phrase(query, g)]
            if any(g.name for g in chosen):
                # The reporter's words are shown only when nobody's own words match.
                chosen = [g for g in chosen if g.name]
            if not chosen:
                return self._miss(question, reading.intent, Miss.WEAK, topic)
            page, later = chosen[:PAGE], chosen[PAGE:]
            shown = [g.best for g in page]
            more = [g.best for g in later]
            more += [h for g in chosen for h in g.hits[1:] if h.relevance >= ANSWER_MIN]
            credited = [h for g in page for h in g.hits]
        else:
            if full:
                strong = [h for h in hits if h.relevance >= cut]
                weaker = [h for h in hits if ANSWER_MIN <= h.relevance < cut]
            else:
                strong = sorted(
                    (h for h in hits if h.coverage >= cover_cut),
                    key=lambda h: (-h.coverage, -h.relevance, h.chunk.id),
                )
                weaker = []
            shown, more = strong[:PAGE], strong[PAGE:] + weaker
            credited = list(shown)
        shown_ids = {h.chunk.id for h in shown}
        others = [
            g.name
            for g in groups
            if g.name
            and g.best.relevance >= OTHERS_MIN
            and g.best.chunk.id not in shown_ids
            and all(h.chunk.speaker.name != g.name for h in shown)
        ]
        quotes = tuple(self._quote(h.chunk, query, h.relevance) for h in shown)
        context = Context(
            corpus_id=self.corpus_id,
            intent=reading.intent,
            terms=query.terms,
            focus=_first_name(quotes),
            shown_chunks=tuple(shown_ids),
            shown_speakers=_names(quotes),
            more_chunks=tuple(h.chunk.id for h in more if h.chunk.id not in shown_ids),
            other_speakers=tuple(others),
        )
        missing = _missing(query, credited)
        return _answered(
            question,
            reading.intent,
            quotes,
            context,
            topic=topic,
            matched=_matches(shown),
            partial=bool(missing),
            missing=missing,
        )

    def _touches_every_phrase(self, query: Query, group: _Group) -> bool:
        """Does the speaker mention each weighty thing the question names, somewhere?

        "谁提到了夜间经济的治安问题？" is not answered by whoever mentions only
        夜间经济: every phrase carrying a fair share of the question's weight
        must be at least half there (by the weight of its words the corpus
        knows) in the speaker's matching paragraphs.
        """
        if len(query.phrase_terms) < 2:
            return True
        said = frozenset().union(*(h.matched for h in group.hits))
        total = sum(self.index.weight(t) for t in query.terms) or 1.0
        for terms in query.phrase_terms:
            weight = sum(self.index.weight(t) for t in terms)
            # Words the corpus never uses cannot be asked of anyone (typos, paraphrase).
            known = self.index.known(terms)
            if weight / total >= PHRASE_SHARE and known and self.index.coverage(known, said) < 0.5:
                return False
        return True

    def _speaker_words(self, question: str, reading: Reading) -> Answer:
        names = [n for n in reading.names if n in self.chunks_of]
        allowed = [c for n in names for c in self.chunks_of[n]]
        # Cut the names out of the text itself: jieba may glue a name to the
        # next word ("孔总有"), and such a token would survive dropping "孔总".
        rest = normalize(question)
        for word in sorted({normalize(w) for w in (*names, *reading.mentions)}, key=len)[::-1]:
            rest = rest.replace(word, " ")
        query = self._query(rest, (*names, *reading.mentions, *reading.roles))
        if not query:
            shown_ids = allowed[:PAGE]
            quotes = tuple(self._lead(self.corpus.chunks[c]) for c in shown_ids)
            more = allowed[PAGE:]
            terms: tuple[str, ...] = ()
            topic = ""
        else:
            hits = [h for h in self.index.search(query, allowed) if h.relevance >= ANSWER_MIN]
            topic = "、".join(query.phrases)
            if not hits:
                return replace(
                    self._miss(question, Intent.SPEAKER, Miss.SPEAKER_SILENT, topic),
                    asked=tuple(names),
                )
            shown_ids = [h.chunk.id for h in hits[:PAGE]]
            quotes = tuple(self._quote(h.chunk, query, h.relevance) for h in hits[:PAGE])
            more = [h.chunk.id for h in hits[PAGE:]]
            terms = query.terms
        context = Context(
            corpus_id=self.corpus_id,
            intent=Intent.SPEAKER,
            terms=terms,
            focus=names[0],
            shown_chunks=tuple(shown_ids),
            shown_speakers=tuple(names),
            more_chunks=tuple(more),
        )
        people = tuple(self._person(self.interviews_of[n][0]) for n in names)
        return _answered(
            question, Intent.SPEAKER, quotes, context, tuple(names), people=people, topic=topic
        )

    def _profile(self, question: str, names: Iterable[str]) -> Answer:
        names = [n for n in names if n in self.interviews_of or n in self.mentioned]
        people = tuple(
            self._person(i) for n in names for i in self.interviews_of.get(n, [])[:1]
        ) + tuple(self._mentioned_person(self.mentioned[n]) for n in names if n in self.mentioned)
        firsts = [self.chunks_of[n][0] for n in names if self.chunks_of.get(n)]
        quotes = tuple(self._lead(self.corpus.chunks[c]) for c in firsts)
        context = Context(
            corpus_id=self.corpus_id,
            intent=Intent.PROFILE,
            focus=names[0] if names else None,
            shown_chunks=tuple(q.chunk_id for q in quotes),
            shown_speakers=tuple(names),
            more_chunks=tuple(c for n in names for c in self.chunks_of.get(n, [])[1:]),
        )
        return Answer(
            question=question,
            intent=Intent.PROFILE,
            answered=bool(people),
            speakers=tuple(names),
            quotes=quotes,
            people=people,
            has_more=bool(context.more_chunks),
            context=context,
        )

    def _profile_by_affiliation(
        self, question: str, query: Query, posts: tuple[str, ...]
    ) -> Answer | None:
        """ "谁是某某公司董事长？": match the question against roles and posts.

        A post named in the question ("市长") must be held, not just a place
        or organisation shared.
        """
        names = dict.fromkeys(n for t in query.terms for n in self._credential_index.get(t, []))
        scored = []
        for name in names:
            tokens, text = self._credentials[name]
            if posts and not any(post in text for post in posts):
                continue
            relevance, _ = self.index.credential_relevance(query, tokens, text)
            scored.append((relevance, name))
        scored.sort(key=lambda pair: -pair[0])
        # Naming a post asks for one particular office: nearly every word of
        # the question must be in the holder's title (第二 is not 第一).
        needed = POST_MATCH_MIN if posts else ANSWER_MIN
        if not scored or scored[0][0] < needed:
            return None
        cut = max(needed, CLOSE * scored[0][0])
        return self._profile(question, [name for relevance, name in scored if relevance >= cut])

    def _list(self, question: str, roles: Iterable[str]) -> Answer:
        people = tuple(self.people(roles))
        if not people:
            return self._miss(question, Intent.LIST, Miss.NO_MATCH)
        names = tuple(p.name for p in people if p.name)
        return Answer(
            question=question,
            intent=Intent.LIST,
            answered=True,
            speakers=names,
            people=people,
            context=Context(corpus_id=self.corpus_id, intent=Intent.LIST, shown_speakers=names),
        )

    # -------------------------------------------------------------- follow-ups

    def _more(self, question: str, reading: Reading, context: Context | None) -> Answer:
        if context is None:
            return self._miss(question, Intent.MORE, Miss.NO_CONTEXT)
        if context.intent is Intent.OTHERS and not reading.pronoun and self._other_names(context):
            return self._others(question, context)
        query = Query(text="", terms=context.terms)
        if reading.pronoun:
            if context.focus is None:
                return self._miss(question, Intent.MORE, Miss.NO_CONTEXT)
            own = self.chunks_of.get(context.focus, [])
            queue = [c for c in context.more_chunks if c in own]
            queue += [c for c in own if c not in queue]
        else:
            queue = list(context.more_chunks)
        queue = [c for c in queue if c not in context.shown_chunks]
        if not queue:
            return self._miss(question, Intent.MORE, Miss.NO_MORE, context=context)
        page, rest = queue[:PAGE], queue[PAGE:]
        if reading.pronoun:
            # "他还说了什么" asks for anything else, not more on the old topic.
            quotes = tuple(self._lead(self.corpus.chunks[c]) for c in page)
        else:
            quotes = tuple(self._continue_quote(self.corpus.chunks[c], query) for c in page)
        new_context = replace(
            context,
            focus=context.focus if reading.pronoun else (_first_name(quotes) or context.focus),
            shown_chunks=(*context.shown_chunks, *page),
            shown_speakers=tuple(dict.fromkeys((*context.shown_speakers, *_names(quotes)))),
            more_chunks=tuple(rest)
            if reading.pronoun
            else tuple(c for c in context.more_chunks if c not in page),
        )
        return _answered(question, Intent.MORE, quotes, new_context)

    def _other_names(self, context: Context) -> list[str]:
        if context.terms:
            return [n for n in context.other_speakers if n not in context.shown_speakers]
        return [n for n in self.interviews_of if n not in context.shown_speakers]

    def _others(self, question: str, context: Context | None) -> Answer:
        if context is None:
            return self._miss(question, Intent.OTHERS, Miss.NO_CONTEXT)
        query = Query(text="", terms=context.terms)
        names = self._other_names(context)
        if not names:
            return self._miss(question, Intent.OTHERS, Miss.NO_OTHERS, context=context)
        page = names[:PAGE]
        quotes = []
        for name in page:
            chunk_ids = self.chunks_of.get(name, [])
            hits = self.index.search(query, chunk_ids) if query.terms else []
            chunk = hits[0].chunk if hits else self.corpus.chunks[chunk_ids[0]]
            quotes.append(self._continue_quote(chunk, query))
        new_context = replace(
            context,
            intent=Intent.OTHERS,
            focus=page[0],
            shown_chunks=(*context.shown_chunks, *(q.chunk_id for q in quotes)),
            shown_speakers=(*context.shown_speakers, *page),
            other_speakers=tuple(n for n in context.other_speakers if n not in page),
        )
        return Answer(
            question=question,
            intent=Intent.OTHERS,
            answered=True,
            speakers=tuple(page),
            quotes=tuple(quotes),
            has_more=len(names) > PAGE,
            context=new_context,
        )

    # ---------------------------------------------------------------- helpers

    def _miss(
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

    def _allowed_chunks(self, roles: tuple[str, ...]) -> list[int] | None:
        if not roles:
            return None
        if roles not in self._role_chunks:
            self._role_chunks[roles] = self._chunks_with_roles(roles)
        return self._role_chunks[roles]

    def _chunks_with_roles(self, roles: tuple[str, ...]) -> list[int]:
        return [
            c
            for name, interviews in self.interviews_of.items()
            if _has_role(interviews, roles)
            for c in self.chunks_of.get(name, [])
        ]

    def _quote(self, chunk: Chunk, query: Query, relevance: float) -> Quote:
        # Words of the speaker's own title ("…养老服务有限公司董事长") are not
        # what they said; they must not pull the quote towards the byline.
        own = [w for w in (chunk.speaker.affiliation, chunk.speaker.organisation) if w]

        def score(sentence: str) -> float:
            for words in own:
                sentence = sentence.replace(words, "")
            value, matched = self.index.text_relevance(query, sentence)
            return value + 0.01 * len(matched)

        return _make_quote(chunk, best_quote(chunk.text, score), relevance)

    def _lead(self, chunk: Chunk) -> Quote:
        return _make_quote(chunk, lead_quote(chunk.text), 1.0)

    def _continue_quote(self, chunk: Chunk, query: Query) -> Quote:
        if query.terms:
            relevance, matched = self.index.relevance(query, chunk.id)
            if matched:
                return self._quote(chunk, query, relevance)
        return self._lead(chunk)

    def _facts(self, name: str | None) -> tuple[str, ...]:
        person = self.corpus.people.get(normalize(name)) if name else None
        return _fact_texts(person) if person else ()

    def _mentioned_person(self, person: CorpusPerson) -> Person:
        return Person(
            name=person.name,
            role=person.role,
            affiliation=person.affiliation,
            organisation=person.organisation,
            post=person.post,
            headline="",
            source=person.facts[0].source if person.facts else "",
            paragraphs=0,
            facts=_fact_texts(person),
            speaks=False,
        )

    def _person(self, interview: Interview) -> Person:
        speaker = interview.speaker
        return Person(
            facts=self._facts(speaker.name),
            name=speaker.name,
            role=speaker.role,
            affiliation=speaker.affiliation,
            organisation=speaker.organisation,
            post=speaker.post,
            headline=interview.headline,
            source=interview.source,
            paragraphs=len(interview.paragraphs),
        )

    def _suggestion_terms(self) -> tuple[str, ...]:
        """Quoted terms the corpus uses most: things it can certainly answer."""
        counts: Counter[str] = Counter()
        for chunk in self.corpus.chunks:
            for term in dict.fromkeys(quoted_terms(chunk.text)):
                if 2 <= len(term) <= 8 and chunk.speaker.name:
                    counts[term] += 1
        return tuple(term for term, _ in counts.most_common(3))


def _answered(
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
        speakers=_names(quotes) if speakers is None else speakers,
        quotes=quotes,
        has_more=bool(context.more_chunks),
        context=context,
        **extra,
    )


def _fact_texts(person: CorpusPerson) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.text for f in person.facts))


def _make_quote(chunk: Chunk, text: str, relevance: float) -> Quote:
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


def _group(hits: list[Hit], index: BM25Index, query: Query) -> list[_Group]:
    by_name: dict[str | None, list[Hit]] = {}
    for hit in hits:
        by_name.setdefault(hit.chunk.speaker.name, []).append(hit)
    groups = [
        _Group(name, tuple(group), index.credited(query.terms, _credits(group)))
        for name, group in by_name.items()
    ]
    groups.sort(key=lambda g: (-g.best.relevance, -g.best.score, g.best.chunk.id))
    return groups


def _credits(hits: Iterable[Hit]) -> dict[str, float]:
    """The best credit each question term earns anywhere in ``hits``."""
    best: dict[str, float] = {}
    for hit in hits:
        for term, credit in hit.credits:
            best[term] = max(credit, best.get(term, 0.0))
    return best


def _missing(query: Query, hits: Iterable[Hit]) -> tuple[str, ...]:
    """The question's words (as it spelled them) that none of ``hits`` matched."""
    credited = _credits(hits)
    # A piece of a word that matched as a whole (安全 of 食品安全 via 食安) is not missing.
    absent = [t for t in query.terms if t not in credited and not any(t in c for c in credited)]
    # Show whole words: a piece is missing only if nothing longer holding it is.
    return tuple(t for t in absent if not any(t != u and t in u for u in absent))


def _matches(hits: Iterable[Hit]) -> tuple[Match, ...]:
    """What the shown passages matched: their own words, then stand-ins, longest words only."""
    exact: list[str] = []
    standing: list[Match] = []
    for hit in hits:
        stood = {asked for asked, _ in hit.alternates}
        exact.extend(t for t, credit in hit.credits if credit >= 1.0 and t not in stood)
        standing.extend(Match(a.term, asked, a.via) for asked, a in hit.alternates)
    words = list(dict.fromkeys(exact))
    words = [w for w in words if not any(w != u and w in u for u in words)]
    found = [Match(w, w, Via.EXACT) for w in words] + standing
    return tuple(dict.fromkeys(found))


def _has_role(interviews: list[Interview], wanted: tuple[str, ...]) -> bool:
    """Does anyone of ``interviews`` hold one of the ``wanted`` roles?

    A role asked without a level ("政协委员") matches every level of it.
    """
    held = {normalize(r) for i in interviews for r in i.speaker.roles}
    bodies = {role_body(h) for h in held}
    return any(
        w in held or (w == role_body(w) and w in bodies) or any(b.endswith(w) for b in bodies)
        for w in wanted
    )


def _names(quotes: Iterable[Quote]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q.speaker for q in quotes if q.speaker))


def _first_name(quotes: Iterable[Quote]) -> str | None:
    names = _names(quotes)
    return names[0] if names else None
