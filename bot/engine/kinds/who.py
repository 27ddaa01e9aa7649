"""Who said something ("谁提了数据安全") and what was said of it ("数据安全").

Both search the whole corpus; they differ in what they show (speakers or
paragraphs) and in when a question is really asking for a list of people.
"""

from __future__ import annotations

from fangtan.bot.engine.answer import Answer, Context, Intent, Miss
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.kinds.listing import listed, spoken_at, unsearchable
from fangtan.bot.engine.kinds.profiles import by_post
from fangtan.bot.engine.kinds.ranking import ranked
from fangtan.bot.engine.knowledge import Knowledge
from fangtan.bot.engine.question import Question


def who(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """The speakers who said the question's words, each with their best quote."""
    if reading.spoke and (found := spoken_at(k, q, reading)) is not None:
        return found  # "这次座谈会都有谁发言了": who speaks at the occasion named
    if reading.said:
        query = k.query(reading.said, reading.held, verbatim=True)
    else:
        query = k.query(q.normal, reading.held)
    if unsearchable(k, reading, query):
        # "有哪些受访者？", "哪些代表…", and "这一版采访了哪些代表？" whose
        # other words the corpus never uses.
        if reading.listy or (not query and reading.people) or reading.roles or reading.kinds:
            return listed(k, q, reading, context)
        if not query:
            return k.miss(q.text, Intent.HELP, Miss.EMPTY)
    if reading.posts:
        # "哪些人是…院长" / "受访者中有哪些院长".
        found = by_post(k, q.text, query, reading.posts, reading.roles)
        if found is not None:
            return found
    answer = ranked(k, q.text, reading, query)
    if reading.listy and reading.roles and not answer.answered:
        # "这次代表通道上都有哪几位代表": the occasion's words are the reporter's, not
        # any deputy's; asked for a list, the list is the answer.
        return listed(k, q, reading, context)
    return answer


def topic(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """The paragraphs that say the question's words, whoever said them."""
    if reading.spoke and (found := spoken_at(k, q, reading)) is not None:
        return found
    query = k.query(q.normal, reading.held)
    if unsearchable(k, reading, query):
        # "委员说了啥": nothing to search but the role, so the people who hold it.
        if reading.listy or (not query and (reading.people or reading.roles or reading.kinds)):
            return listed(k, q, reading, context)
        if not query:
            return k.miss(q.text, Intent.HELP, Miss.EMPTY)
    if reading.posts and reading.listy:
        found = by_post(k, q.text, query, reading.posts)
        if found is not None:
            return found
    return ranked(k, q.text, reading, query)
