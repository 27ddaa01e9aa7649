"""Who someone is ("张委员是谁") and who holds a post ("谁是某某院长").

Profiles answer from what the corpus says of each person, with their
opening words. A post must be held, not merely shared with a place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from fangtan.bot.engine.answer import Answer, Context, Intent, Miss
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.kinds.listing import listed, unsearchable
from fangtan.bot.engine.kinds.ranking import ranked
from fangtan.bot.engine.knowledge import ANSWER_MIN, CLOSE, Knowledge
from fangtan.bot.engine.question import Question
from fangtan.retrieval.search.tokenize import Query

# A "谁是…院长" question names a post; the holder's title must cover this much of it.
POST_MATCH_MIN = 0.9


def who_is(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """A profile of the people named (or, for "他", the last shown), or of whoever holds
    the post the question describes."""
    if reading.pronoun:
        if context is None or context.focus is None:
            return k.miss(q.text, Intent.PROFILE, Miss.NO_CONTEXT)
        reading = replace(reading, names=(context.focus,))
    if reading.names:
        return profile(k, q.text, reading.names)
    if reading.kinds:
        # "谁是企业家", "哪些是企业老总": whoever's title makes them one; the words
        # around the kind (企业, 公司) only say it again.
        return listed(k, q, reading, context)
    query = k.query(q.normal, reading.held)
    if unsearchable(k, reading, query):
        return listed(k, q, reading, context)
    found = by_post(k, q.text, query, reading.posts, reading.roles)
    if found is not None:
        return found
    if reading.posts:
        # "谁是某市市长？" where nobody holds that post: say so rather
        # than name whoever mentions the place.
        return k.miss(q.text, Intent.PROFILE, Miss.NO_MATCH, "、".join(query.phrases))
    return ranked(k, q.text, replace(reading, intent=Intent.WHO), query)


def profile(k: Knowledge, question: str, names: Iterable[str]) -> Answer:
    """What the corpus says of each of ``names``, and the first thing each said."""
    names = [n for n in names if n in k.interviews_of or n in k.mentioned]
    people = tuple(k.person(i) for n in names for i in k.interviews_of.get(n, [])[:1]) + tuple(
        k.mentioned_person(k.mentioned[n]) for n in names if n in k.mentioned
    )
    firsts = [k.chunks_of[n][0] for n in names if k.chunks_of.get(n)]
    quotes = tuple(k.lead(c) for c in firsts)
    context = Context(
        corpus_id=k.corpus_id,
        intent=Intent.PROFILE,
        focus=names[0] if names else None,
        shown_chunks=tuple(q.chunk_id for q in quotes),
        shown_speakers=tuple(names),
        more_chunks=tuple(c for n in names for c in k.chunks_of.get(n, [])[1:]),
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


def by_post(
    k: Knowledge,
    question: str,
    query: Query,
    posts: tuple[str, ...],
    roles: tuple[str, ...] = (),
) -> Answer | None:
    """ "谁是某某公司董事长？": match the question against roles and posts.

    A post named in the question ("市长") must be held, not just a place
    or organisation shared, and so must a role ("哪位委员是…公司的"). None
    when nobody's title fits well enough.
    """
    names = dict.fromkeys(n for t in query.terms for n in k.credential_index.get(t, []))
    scored = []
    for name in names:
        tokens, text = k.credentials[name]
        if posts and not any(post in text for post in posts):
            continue
        if roles and name in k.interviews_of and not k.holds_role(name, roles):
            continue
        relevance, _ = k.index.credential_relevance(query, tokens, text)
        scored.append((relevance, name))
    scored.sort(key=lambda pair: -pair[0])
    # Naming a post asks for one particular office: nearly every word of
    # the question must be in the holder's title (第二 is not 第一).
    needed = POST_MATCH_MIN if posts else ANSWER_MIN
    if not scored or scored[0][0] < needed:
        return None
    cut = max(needed, CLOSE * scored[0][0])
    return profile(k, question, [name for relevance, name in scored if relevance >= cut])
