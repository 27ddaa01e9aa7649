"""Who was interviewed: "有哪些受访者", "采访了哪些代表", and the /speakers command.

A question worded as a request for people, whose other words the corpus
never uses, is a list too: there is nothing else it could be answered by.
"""

from __future__ import annotations

from collections.abc import Iterable

from fangtan.bot.engine.answer import Answer, Context, Intent, Miss
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.knowledge import Knowledge
from fangtan.bot.engine.question import Question
from fangtan.retrieval.search.tokenize import Query


def listed(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """Everyone interviewed who holds one of the roles the question names."""
    return listing(k, q.text, reading.roles, reading.kinds)


def unsearchable(k: Knowledge, reading: Reading, query: Query) -> bool:
    """No words to search by, or a list request whose other words the corpus never uses."""
    return not query or (reading.listy and not k.index.known(query.terms))


def listing(k: Knowledge, question: str, roles: Iterable[str], kinds: Iterable[str] = ()) -> Answer:
    """Everyone interviewed, or everyone holding one of ``roles`` (of ``kinds``)."""
    people = tuple(k.people(roles, kinds))
    if not people:
        return k.miss(question, Intent.LIST, Miss.NO_MATCH)
    names = tuple(p.name for p in people if p.name)
    return Answer(
        question=question,
        intent=Intent.LIST,
        answered=True,
        speakers=names,
        people=people,
        context=Context(corpus_id=k.corpus_id, intent=Intent.LIST, shown_speakers=names),
    )
