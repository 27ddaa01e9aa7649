"""Who was interviewed: "有哪些受访者", "采访了哪些代表", and the /speakers command.

A question worded as a request for people, whose other words the corpus
never uses, is a list too: there is nothing else it could be answered by.
"""

from __future__ import annotations

from collections.abc import Iterable

from fangtan.bot.engine.answer import Answer, Context, Intent, Interviewee, Miss
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.knowledge import CLOSE, Knowledge
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
    return _listed_people(k, question, people)


def _listed_people(k: Knowledge, question: str, people: tuple[Interviewee, ...]) -> Answer:
    """The answer listing ``people``, in the order given."""
    names = tuple(p.name for p in people if p.name)
    return Answer(
        question=question,
        intent=Intent.LIST,
        answered=True,
        speakers=names,
        people=people,
        context=Context(corpus_id=k.corpus_id, intent=Intent.LIST, shown_speakers=names),
    )


def spoken_at(k: Knowledge, q: Question, reading: Reading) -> Answer | None:
    """Everyone who speaks in the articles the question's words name, in the order they
    first speak: "这次座谈会都有谁发言了" names an occasion, not a topic anyone spoke to.
    The articles are those of the paragraphs (headline included) closest to the words,
    when the reporter's words or a headline are among them; None when only someone's
    own words match (a topic), when nothing matches, or nobody of the roles asked
    speaks there."""
    query = k.query(q.normal, reading.held, occasion=True)
    hits = k.index.search(query) if query else []
    if not hits:
        return None
    cut = CLOSE * hits[0].relevance
    close = [h for h in hits if h.relevance >= cut]
    if not any(h.speaker.name is None or h.own < h.relevance for h in close):
        return None  # only someone's own words match: a topic they spoke to, not a place
    articles = dict.fromkeys(
        k.article_of(h.chunk_id) for h in sorted(close, key=lambda h: h.chunk_id)
    )
    names = dict.fromkeys(
        name
        for article in articles
        for name in k.speakers_in(article)
        if (not reading.roles or k.holds_role(name, reading.roles))
        and (not reading.kinds or k.is_kind(name, reading.kinds))
    )
    people = tuple(p for name in names if (p := k.person_named(name)) is not None)
    return _listed_people(k, q.text, people) if people else None
