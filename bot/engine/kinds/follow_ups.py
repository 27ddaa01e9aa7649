"""Follow-ups: "更多" pages on, "还有谁" turns to other speakers, "他还说了什么" stays with one.

Each continues from the ``Context`` the previous answer left; without one
there is nothing to continue and the answer says so.
"""

from __future__ import annotations

from dataclasses import replace

from fangtan.bot.engine.answer import Answer, Context, Intent, Miss
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.knowledge import PER_ANSWER, Knowledge, answered, first_name, names_of
from fangtan.bot.engine.question import Question
from fangtan.retrieval.search.tokenize import Query


def more(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """The next page of what the previous answer had, or of its speaker's words."""
    question = q.text
    if context is None:
        return k.miss(question, Intent.MORE, Miss.NO_CONTEXT)
    if context.intent is Intent.OTHERS and not reading.pronoun and _other_names(k, context):
        return others(k, q, reading, context)
    query = Query(text="", terms=context.terms)
    if reading.pronoun:
        if context.focus is None:
            return k.miss(question, Intent.MORE, Miss.NO_CONTEXT)
        own = k.chunks_of.get(context.focus, [])
        queue = [c for c in context.more_chunks if c in own]
        queue += [c for c in own if c not in queue]
    else:
        queue = list(context.more_chunks)
    queue = [c for c in queue if c not in context.shown_chunks]
    if not queue:
        return k.miss(question, Intent.MORE, Miss.NO_MORE, context=context)
    page, rest = queue[:PER_ANSWER], queue[PER_ANSWER:]
    if reading.pronoun:
        # "他还说了什么" asks for anything else, not more on the old topic.
        quotes = tuple(k.lead(c) for c in page)
    else:
        quotes = tuple(k.continue_quote(k.corpus.chunks[c], query) for c in page)
    new_context = replace(
        context,
        focus=context.focus if reading.pronoun else (first_name(quotes) or context.focus),
        shown_chunks=(*context.shown_chunks, *page),
        shown_speakers=tuple(dict.fromkeys((*context.shown_speakers, *names_of(quotes)))),
        more_chunks=tuple(rest)
        if reading.pronoun
        else tuple(c for c in context.more_chunks if c not in page),
    )
    return answered(question, Intent.MORE, quotes, new_context)


def others(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """Speakers the previous answer did not show, each with their best words on its topic."""
    question = q.text
    if context is None:
        return k.miss(question, Intent.OTHERS, Miss.NO_CONTEXT)
    query = Query(text="", terms=context.terms)
    names = _other_names(k, context)
    if not names:
        return k.miss(question, Intent.OTHERS, Miss.NO_OTHERS, context=context)
    page = names[:PER_ANSWER]
    quotes = []
    for name in page:
        chunk_ids = k.chunks_of.get(name, [])
        hits = k.index.search(query, chunk_ids) if query.terms else []
        chunk = hits[0].chunk if hits else k.corpus.chunks[chunk_ids[0]]
        quotes.append(k.continue_quote(chunk, query))
    new_context = replace(
        context,
        intent=Intent.OTHERS,
        focus=page[0],
        shown_chunks=(*context.shown_chunks, *(quote.chunk_id for quote in quotes)),
        shown_speakers=(*context.shown_speakers, *page),
        other_speakers=tuple(n for n in context.other_speakers if n not in page),
    )
    return Answer(
        question=question,
        intent=Intent.OTHERS,
        answered=True,
        speakers=tuple(page),
        quotes=tuple(quotes),
        has_more=len(names) > PER_ANSWER,
        context=new_context,
    )


def _other_names(k: Knowledge, context: Context) -> list[str]:
    if context.terms:
        return [n for n in context.other_speakers if n not in context.shown_speakers]
    return [n for n in k.interviews_of if n not in context.shown_speakers]
