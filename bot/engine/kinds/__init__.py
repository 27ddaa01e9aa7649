"""One handler per kind of question, chosen by the intent the question reads as.

A handler takes what the engine knows, the question, how it reads and the
previous answer's context, and returns the ``Answer``. A new kind of
question is a new ``Intent``, its recogniser in ``fangtan.bot.engine.intent``,
one handler here and its texts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from fangtan.bot.engine.answer import Answer, Context, Intent, Miss
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.kinds.follow_ups import more, others
from fangtan.bot.engine.kinds.listing import listed
from fangtan.bot.engine.kinds.profiles import who_is
from fangtan.bot.engine.kinds.speaker import speaker
from fangtan.bot.engine.kinds.who import topic, who
from fangtan.bot.engine.knowledge import Knowledge
from fangtan.bot.engine.question import Question

Handler = Callable[[Knowledge, Question, Reading, "Context | None"], Answer]


def empty(k: Knowledge, q: Question, reading: Reading, context: Context | None) -> Answer:
    """Nothing to answer by: say what can be asked."""
    return k.miss(q.text, Intent.HELP, Miss.EMPTY)


HANDLERS: Mapping[Intent, Handler] = MappingProxyType(
    {
        Intent.WHO: who,
        Intent.SPEAKER: speaker,
        Intent.PROFILE: who_is,
        Intent.LIST: listed,
        Intent.TOPIC: topic,
        Intent.MORE: more,
        Intent.OTHERS: others,
        Intent.HELP: empty,
    }
)

__all__ = ["HANDLERS", "Handler"]
