"""The answer engine: a question (and the previous answer's context) in, an ``Answer`` out.

It holds no per-conversation state and touches no I/O, so the console, the
JSON batch mode and every Telegram chat share one instance safely; callers
keep ``Answer.context`` and hand it back with the next question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from fangtan.bot.engine.answer import Answer, Choice, Context, Intent, Interviewee, Miss
from fangtan.bot.engine.directory import People
from fangtan.bot.engine.intent import ROLE_WORDS, Reader, Reading
from fangtan.bot.engine.kinds import HANDLERS
from fangtan.bot.engine.kinds.follow_ups import more
from fangtan.bot.engine.kinds.listing import listing
from fangtan.bot.engine.kinds.profiles import profile
from fangtan.bot.engine.kinds.ranking import PARTIAL_MIN, worded
from fangtan.bot.engine.knowledge import ANSWER_MIN, PER_ANSWER, Knowledge
from fangtan.bot.engine.question import QUESTION_MAX, Question, take
from fangtan.retrieval.reading.mentions import NAME_DOTS
from fangtan.retrieval.reading.titles import KINDS, RELATIVES
from fangtan.retrieval.search.index import BM25Index
from fangtan.retrieval.search.normalize import normalize

__all__ = ["QUESTION_MAX", "Engine", "Paragraph", "Summary"]

# Paragraphs read for whose a Latin name is: the page gives it once, beside the name.
LATIN_HITS = 20


# Words a question names a relative by (what intent reads), longest first: 儿子, 老伴,
# 老婆 (looked for as 妻子 too).
_KIN_WORDS = sorted(RELATIVES, key=len, reverse=True)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the corpus, whole, as a "全文" button shows it."""

    headline: str
    number: int
    text: str
    speaker: str | None
    source: str


@dataclass(frozen=True)
class Summary:
    """How big the indexed corpus is, for reports."""

    interviewees: int
    paragraphs: int
    terms: int


class Engine:
    """Answers questions about one indexed corpus.

    What front ends may use, and nothing else:

    - ``answer(question, context)``: any question as typed, and the previous
      answer's context for follow-ups. The question is cleaned and cut to
      ``QUESTION_MAX`` here; ``Answer.truncated`` says whether it was cut.
    - ``answer_list()``: everyone interviewed (a /speakers command).
    - ``about(name)``: a profile and that person's words; None for nobody.
    - ``next_page(context)``: what "更多" would show next.
    - ``more_from(name, context)``: a speaker's words not shown yet.
    - ``has_more_from(name, shown)``: whether ``more_from`` would find any.
    - ``paragraph(chunk_id)``: the whole paragraph a ``Quote`` was cut from.
    - ``people()``: every interviewee, in corpus order.
    - ``suggestions``: words the corpus can certainly answer, for examples.
    - ``is_stale(context)``: whether a context was left by another corpus.
    - ``summary()``: interviewees, paragraphs and indexed terms.
    - ``warm()``: make the tables some questions make on first need, ahead of them.
    """

    def __init__(self, index: BM25Index) -> None:
        # Only names are gathered here; what the corpus says of each person is
        # looked up when a question first needs it.
        self._known = known = Knowledge(index)
        self._reader = Reader(*known.addressable(), is_word=known.tokenizer.in_dictionary)
        self._directory = People(
            known.interviews_of,
            known.speaker_facts,
            known.tokenizer.content_tokens,
            others=known.mentioned,
        )

    # -------------------------------------------------------------------- API

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """The answer to ``question``, continuing from ``context`` for follow-ups."""
        asked = take(question)
        if self.is_stale(context):
            context = None
        reading = self._reader.read(asked.normal)
        found = self._who_is_meant(asked, reading)
        if isinstance(found, Answer):
            answer = found
        else:
            answer = HANDLERS[found.intent](self._known, asked, found, context)
        return replace(answer, truncated=asked.truncated) if asked.truncated else answer

    def answer_list(self) -> Answer:
        """Everyone interviewed, as for "有哪些受访者？" or a /speakers command."""
        return listing(self._known, "", ())

    def about(self, name: str) -> Answer | None:
        """A speaker's profile and what they said, for a /speaker command.

        ``name`` may be a full name or a surname with a title ("张委员");
        None when it names nobody in the corpus.
        """
        asked = take(name)
        names, _ = self._reader.names_in(asked.normal)
        if not names:
            return None
        found = profile(self._known, asked.text, names[:1])
        rest = found.context.more_chunks if found.context else ()
        quotes = found.quotes + tuple(self._known.lead(c) for c in rest[: PER_ANSWER - 1])
        context = found.context and replace(
            found.context,
            shown_chunks=tuple(q.chunk_id for q in quotes),
            more_chunks=rest[PER_ANSWER - 1 :],
        )
        return replace(found, quotes=quotes, has_more=bool(rest[PER_ANSWER - 1 :]), context=context)

    def next_page(self, context: Context | None) -> Answer:
        """What "更多" would show after the answer that left ``context``."""
        return more(self._known, take(""), Reading(Intent.MORE), context)

    def more_from(self, name: str, context: Context | None) -> Answer:
        """That speaker's passages not shown yet — the "其他发言" button."""
        base = None if context is None or self.is_stale(context) else context
        base = base or Context(corpus_id=self._known.corpus_id, intent=Intent.SPEAKER)
        return more(
            self._known,
            Question(name, name),
            Reading(Intent.MORE, pronoun=True),
            replace(base, focus=name),
        )

    def has_more_from(self, name: str, shown: Iterable[int]) -> bool:
        """Whether ``name`` said anything beyond the paragraphs ``shown`` (chunk ids)."""
        seen = set(shown)
        return any(c not in seen for c in self._known.chunks_of.get(name, []))

    def paragraph(self, chunk_id: int) -> Paragraph:
        """The paragraph ``Quote.chunk_id`` names, whole."""
        chunk = self._known.corpus.chunks[chunk_id]
        return Paragraph(
            headline=chunk.headline,
            number=chunk.paragraph,
            text=chunk.text,
            speaker=chunk.speaker.name,
            source=chunk.source,
        )

    def people(self, roles: Iterable[str] = ()) -> list[Interviewee]:
        """Every named interviewee (optionally of some roles), in corpus order."""
        return self._known.people(roles)

    @property
    def suggestions(self) -> tuple[str, ...]:
        """Quoted terms the corpus uses most: things it can certainly answer."""
        return self._known.suggestions

    def warm(self) -> None:
        """Make now the tables some questions would make on first need (see
        ``Knowledge.warm``); answers are the same either way."""
        self._known.warm()

    def is_stale(self, context: Context | None) -> bool:
        """Chunk ids only mean something for the index that made them: after a
        reload, a context from before must be ignored, not misread."""
        return context is not None and context.corpus_id != self._known.corpus_id

    def summary(self) -> Summary:
        known = self._known
        return Summary(
            interviewees=len(known.interviews_of),
            paragraphs=known.index.size,
            terms=len(known.index.term_ids),
        )

    # ------------------------------------------------------------ who is meant

    def _who_is_meant(self, asked: Question, reading: Reading) -> Reading | Answer:
        """The reading with the people it points at settled, or the question to ask back.

        A form of address several people fit, a name nobody has and a
        description several people fit are asked back as choices; a
        description that fits one person becomes that person.
        """
        question = asked.text
        if reading.ambiguous is not None:
            word, names = reading.ambiguous
            # "芮委员觉得夜市噪音该怎么管": of the two 芮委员, the one who speaks of it.
            speaking = self._speaking_to(asked, names, (word,))
            if not speaking:
                return self._choose(question, Miss.AMBIGUOUS, word, names)
            reading = replace(reading, names=speaking, mentions=(word,), ambiguous=None)
        if reading.relative:
            kin = self._relative_of(reading.names[0], reading.relative)
            if kin is None:
                # "某某她老公怎么看": the page quotes no relative as such; offer the person.
                return self._choose(question, Miss.RELATIVE, reading.relative, reading.names)
            # "某某的儿子说了啥": the one beside them the page calls their 儿子.
            reading = replace(reading, names=(kin,), mentions=(reading.relative,), relative="")
        if reading.stranger:
            near = self._directory.sounding_like(reading.stranger)
            if (near or not self._known.tokenizer.in_dictionary(reading.stranger)) and not (
                self._in_corpus(reading.stranger)
            ):
                return self._choose(question, Miss.UNKNOWN_NAME, reading.stranger, near)
            reading = replace(reading, intent=Intent.TOPIC, stranger="")
        if reading.latin:
            named = self._latin_named(reading.latin)
            if len(named) == 1:
                reading = replace(reading, names=named, mentions=(reading.latin,), latin="")
            elif named:
                return self._choose(question, Miss.AMBIGUOUS, reading.latin, named)
            else:
                reading = replace(reading, intent=Intent.TOPIC, latin="", rest="")
        if reading.description:
            described, fitting = self._directory.described_by(reading.description)
            described = described or self._holders(reading)
            if len(described) > 1:
                described = self._speaking_to(asked, described, fitting) or described
            if len(described) > 1:
                return self._choose(question, Miss.AMBIGUOUS, reading.description, described)
            if described:
                # Only the words that fit them are taken out: the rest may be the topic,
                # unless the headline they speak under says it (竹坑村那个第一书记).
                words = fitting or (reading.description,)
                words = (*words, *self._headline_words(reading.description, described[0]))
                reading = replace(reading, names=described, mentions=words, description="")
            else:
                reading = replace(reading, intent=Intent.TOPIC, description="", rest="")
        return reading

    def _relative_of(self, name: str, relative: str) -> str | None:
        """The one speaker of ``name``'s first article whose roles or facts call them
        that relative (儿子 of "某某的儿子", 妻子 of "某某她老婆"); None for none or several."""
        known = self._known
        chunks = known.chunks_of.get(name, [])
        word = next((k for k in _KIN_WORDS if relative.endswith(k)), "")
        if not chunks or not word:
            return None
        called = KINDS.get(word, (word,))
        found = [
            other
            for other in known.speakers_in(known.article_of(chunks[0]))
            if other != name
            and any(
                c in text for c in called for text in (*known.roles_of(other), *known.facts(other))
            )
        ]
        return found[0] if len(found) == 1 else None

    def _headline_words(self, description: str, name: str) -> tuple[str, ...]:
        """Words of a description that the headline over ``name``'s words holds ("竹坑村"
        of "竹坑村那个第一书记" under 《竹坑村的“一本账”》): where they are, not what
        they are asked about."""
        known = self._known
        if name not in known.interviews_of:
            return ()
        headline = normalize(known.first_interview(name).headline)
        words = known.tokenizer.content_tokens(normalize(description))
        return tuple(w for w in words if len(w) >= 2 and w in headline)

    def _speaking_to(
        self, asked: Question, names: tuple[str, ...], fitting: tuple[str, ...]
    ) -> tuple[str, ...]:
        """Of several people a description fits, the one whose words answer the rest of
        the question ("老旧小区排水的事教授怎么看": the professor who speaks of it)."""
        known = self._known
        query = known.query_without(asked.normal, fitting)
        if not query:
            return ()
        allowed = [c for n in names for c in known.chunks_of.get(n, [])]
        hits = known.index.search(query, allowed)
        speaking = {h.speaker.name for h in hits if h.relevance >= ANSWER_MIN}
        # Or the only one of them whose words hold most of it, as a partial answer does.
        speaking = speaking or {
            h.speaker.name for h in hits if worded(h) and h.coverage >= PARTIAL_MIN
        }
        return tuple(n for n in names if n in speaking) if len(speaking) == 1 else ()

    def _latin_named(self, latin: str) -> tuple[str, ...]:
        """Whose Latin name ``latin`` is, as the pages give it: "某某（Alex Cen）" in a
        paragraph that has it. Only people the corpus knows."""
        known = self._known
        query = known.query(latin, ())
        if not query:
            return ()
        bracket = re.compile(
            # A transliterated name is dotted: 卢卡斯·贝恩哈特（Lukas Bernhardt）.
            rf"([\u4e00-\u9fff{NAME_DOTS}]{{2,16}})\s*[（(]\s*(?:[A-Za-z.'\-]+\s+)?"
            + re.escape(latin)
            + r"\b",
            re.IGNORECASE,
        )
        found: list[str] = []
        for hit in known.index.search(query)[:LATIN_HITS]:
            for run in bracket.findall(hit.chunk.text):
                dot = re.search(f"[{NAME_DOTS}]", run)
                first_dot = dot.start() if dot else -1
                if first_dot > 0:
                    # A dotted name (卢卡斯·贝恩哈特) runs from some character before its
                    # first dot to the bracket: the shortest such run the corpus knows.
                    named = next(
                        (
                            run[i:]
                            for i in range(first_dot - 1, -1, -1)
                            if known.person_named(run[i:]) is not None
                        ),
                        None,
                    )
                    if named:
                        found.append(named)
                        continue
                for length in (4, 3, 2):
                    name = run[-length:]
                    if len(name) == length and known.person_named(name) is not None:
                        found.append(name)
                        break
        return tuple(dict.fromkeys(found))

    def _holders(self, reading: Reading) -> tuple[str, ...]:
        """Everyone holding the role a description says nothing more of ("那个代表",
        "那位女委员": the corpus has no word of the rest), to be asked back as choices."""
        known = self._known
        ending = tuple(r for r in ROLE_WORDS if reading.description.endswith(r))
        roles = reading.roles or ending
        if not roles or known.query(normalize(reading.description), roles):
            return ()
        return tuple(p.name for p in known.people(roles) if p.name)

    def _in_corpus(self, word: str) -> bool:
        """Does the corpus use ``word`` (卫福部, a body that reads like a name)? Then a
        question about it is about its words, not about someone missing."""
        tokens = self._known.tokenizer.tokens(normalize(word))
        return bool(tokens) and len(self._known.index.known(tokens)) == len(tokens)

    def _choose(self, question: str, miss: Miss, word: str, names: Iterable[str]) -> Answer:
        """A miss that offers the people ``word`` may mean, each with the question for them."""
        choices = []
        for name in names:
            person = self._known.person_named(name)
            choices.append(
                Choice(
                    name=name,
                    question=question.replace(word, name, 1) if word in question else name,
                    role=person.role if person else "",
                    affiliation=person.affiliation if person else "",
                )
            )
        return replace(
            self._known.miss(question, Intent.SPEAKER, miss),
            asked=(word,),
            choices=tuple(choices),
        )
