"""What someone said: "张委员说了什么", "他怎么看数据安全", "王院长谈到养老了吗".

Only that speaker's paragraphs are searched; without a topic their opening
words are shown. Someone the corpus only mentions is never given words.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import zip_longest
from typing import TypeVar

from fangtan.bot.engine.answer import Answer, Context, Intent, Miss, Quote
from fangtan.bot.engine.intent import WHERE_SAID_RE, Reading
from fangtan.bot.engine.kinds.ranking import PARTIAL_MIN, missing_words, worded
from fangtan.bot.engine.knowledge import ANSWER_MIN, PER_ANSWER, Knowledge, answered
from fangtan.bot.engine.question import Question
from fangtan.retrieval.reading.names import surname_of
from fangtan.retrieval.search.index import Hit
from fangtan.retrieval.search.normalize import normalize
from fangtan.retrieval.search.tokenize import Query

T = TypeVar("T")
# Asked of someone by name, the share of the question their nearest paragraph must cover.
NEAREST_MIN = 0.3
# Asked of someone, these ask for their words, not for words about them: "部长怎么回应的",
# "他是怎么回答的", "她如何评价", "他担心啥", "法官怎么判的".
RESPONDING = (
    "回应",
    "回答",
    "答复",
    "表态",
    "评价",
    "看待",
    "解释",
    "担心",
    "顾虑",
    "忧虑",
    "希望",
    "期待",
    "盼望",
    "判",
)


def _only_where(k: Knowledge, q: Question, reading: Reading) -> bool:
    """Is all the question asks of them besides its name where they spoke ("某某在法庭上
    说了啥")? Where none of their words name it, it asks what they said there."""
    where = [m.group(0) for m in WHERE_SAID_RE.finditer(q.normal)]
    return bool(where) and not k.query_without(
        q.normal, (*reading.names, *reading.mentions, *where)
    )


def _leads(k: Knowledge, names: list[str]) -> tuple[list[int], tuple[Quote, ...], list[int]]:
    """(shown chunk ids, quotes, the rest) of their opening paragraphs, taking turns."""
    ordered = _taking_turns([k.chunks_of[n] for n in names])
    shown = ordered[:PER_ANSWER]
    return shown, tuple(k.lead(c) for c in shown), ordered[PER_ANSWER:]


def speaker(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """The named (or, for "他", the last shown) speaker's words on the question's topic."""
    if reading.pronoun:
        if context is None or context.focus is None:
            return k.miss(q.text, Intent.SPEAKER, Miss.NO_CONTEXT)
        reading = replace(reading, names=(context.focus,))
    if reading.names and all(n in k.mentioned for n in reading.names):
        return replace(
            k.miss(q.text, Intent.SPEAKER, Miss.MENTIONED_ONLY),
            asked=reading.names,
        )
    return _words(k, q, reading)


def _words(k: Knowledge, q: Question, reading: Reading) -> Answer:
    question = q.text
    names = [n for n in reading.names if n in k.chunks_of]
    allowed = [c for n in names for c in k.chunks_of[n]]
    drop = (*reading.roles, *RESPONDING)
    query = k.query_without(q.normal, (*names, *reading.mentions), drop)
    terms: tuple[str, ...] = ()
    topic = ""
    hits: list[Hit] = []
    if not query:
        shown_ids, quotes, more = _leads(k, names)
    else:
        every = k.index.search(query, allowed)
        found = [h for h in every if h.relevance >= ANSWER_MIN]
        if not found:
            # Part of what was asked: their paragraphs that cover most of it, and the
            # words that matched nothing named ("巫某某…年轻人愿不愿意接班": no 接班).
            found = [h for h in every if h.coverage >= PARTIAL_MIN and worded(h)]
        # Each person asked about is on the first page, by their best paragraph first.
        hits = _taking_turns([[h for h in found if h.speaker.name == n] for n in names])
        topic = "、".join(query.phrases)
        asked = [] if hits else _answers_to(k, query, allowed)
        if not hits and not asked and _by_name(q.normal, reading, names):
            # Asked of someone by name, what they said nearest to it, with the words
            # nothing of theirs matched: the asker's own words for it may be no one's
            # (校企合作 for 校企精准对接), and the answer says which words it lacks.
            hits = [h for h in every if h.coverage >= NEAREST_MIN and worded(h)][:1]
        if not hits and not asked and _only_where(k, q, reading):
            shown_ids, quotes, more = _leads(k, names)
            topic = ""
        elif not hits and not asked:
            return replace(
                k.miss(question, Intent.SPEAKER, Miss.SPEAKER_SILENT, topic),
                asked=tuple(names),
            )
        elif hits:
            shown_ids = [h.chunk_id for h in hits[:PER_ANSWER]]
            quotes = tuple(k.quote(h.chunk, query, h.relevance) for h in hits[:PER_ANSWER])
            more = [h.chunk_id for h in hits[PER_ANSWER:]]
        else:
            # Their answers to questions that asked it, in their own words.
            shown_ids, more = asked[:PER_ANSWER], asked[PER_ANSWER:]
            quotes = tuple(k.lead(c) for c in shown_ids)
        if hits or asked:
            terms = query.terms
    context = Context(
        corpus_id=k.corpus_id,
        intent=Intent.SPEAKER,
        terms=terms,
        focus=names[0],
        shown_chunks=tuple(shown_ids),
        shown_speakers=tuple(names),
        more_chunks=tuple(more),
    )
    people = tuple(k.person(k.interviews_of[n][0]) for n in names)
    # Answers found by their questions matched every word there.
    missing = missing_words(query, hits[:PER_ANSWER]) if terms and hits else ()
    return answered(
        question,
        Intent.SPEAKER,
        quotes,
        context,
        tuple(names),
        people=people,
        topic=topic,
        partial=bool(missing),
        missing=missing,
    )


def _by_name(text: str, reading: Reading, names: list[str]) -> bool:
    """Did the question name them by their name, surname or given name ("殳文澜",
    "晏院长", "新军书记"), not by what they are ("城管执法局局长")? Only then are their
    nearest words theirs to answer with."""
    for name in map(normalize, names):
        surname = surname_of(name)
        if name[len(surname) :] in text or any(m.startswith(surname) for m in reading.mentions):
            return True
    return False


def _answers_to(k: Knowledge, query: Query, allowed: list[int]) -> list[int]:
    """Their answers whose question asked what ``query`` asks ("对年轻工程师，你有什么
    建议？" over an answer that never says 年轻工程师), best first. Only their own
    paragraphs are read, and only those that answer a question."""
    scored = sorted(((*k.index.asked(query, c), c) for c in allowed), key=lambda s: -s[0])
    found = [c for relevance, _, c in scored if relevance >= ANSWER_MIN]
    if found:
        return found
    # Asked in other words ("扛得住" for "能承受"): the answer whose question and words
    # cover most of what is asked, as a partial answer does.
    covered = sorted(((share, c) for _, share, c in scored), key=lambda s: -s[0])
    return [c for share, c in covered if share >= PARTIAL_MIN][:1]


def _taking_turns(lists: list[list[T]]) -> list[T]:
    """The items of ``lists`` in turn, one of each at a time: two people asked about
    together are both on the first page."""
    out: list[T] = []
    for row in zip_longest(*lists):
        out.extend(item for item in row if item is not None)
    return out
