"""What a chat's buttons act on: each answer as shown there, kept in ``chat_data``.

A button's callback data holds only a short token and a number (Telegram
allows 64 bytes); the answer itself lives in the chat's ``chat_data`` under
that token, so buttons keep working as long as the chat's state does — and a
button whose state is gone (a restart without persistence) is recognised and
answered politely. A miss that offers people to choose from is kept the same
way, so its buttons can ask the question meant for each.

How the items are cut into pages is not kept here: :mod:`.pages` works that
out from the items and the chat, so the page size is a property of the view.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from fangtan.bot.engine.answer import Answer, Choice, Context, Intent, Interviewee, Quote

SHOWN_KEY = "shown"
TOKEN_BYTES = 5
CONTEXTS_KEY = "contexts"
# Older answers are forgotten first; a chat rarely pages back this far.
SHOWN_PER_CHAT = 100
# More people than this is a list to read, not a keyboard to press.
CHOICE_BUTTONS = 8

Item = Quote | Interviewee


@dataclass
class ShownAnswer:
    """An answer as shown in one chat: what has been fetched of it so far.

    ``items`` only grows: a later page's items are fetched from the engine
    (which keeps its own place in ``context``) when a page beyond them is asked for.
    """

    answer: Answer
    items: list[Item] = field(default_factory=list)
    context: Context | None = None
    exhausted: bool = True

    @classmethod
    def start(cls, answer: Answer) -> ShownAnswer:
        people: list[Item] = (
            list(answer.people) if answer.intent in (Intent.LIST, Intent.PROFILE) else []
        )
        return cls(
            answer=answer,
            items=[*people, *answer.quotes],
            context=answer.context,
            exhausted=not answer.has_more,
        )

    def extend(self, more: Answer) -> None:
        self.items.extend(more.quotes)
        self.context = more.context or self.context
        self.exhausted = not more.answered or not more.has_more

    def speakers(self) -> list[str]:
        """Every speaker shown so far; indices stay valid as the answer grows."""
        return speakers_of(self.items)

    def choices(self) -> tuple[Choice, ...]:
        """The people the answer's buttons offer, in the order of the buttons."""
        return self.answer.choices[:CHOICE_BUTTONS]

    def choice(self, number: int) -> Choice | None:
        choices = self.choices()
        return choices[number] if 0 <= number < len(choices) else None

    def shown_chunks(self) -> set[int]:
        """Every paragraph this answer (and the conversation before it) has quoted."""
        shown = {item.chunk_id for item in self.items if isinstance(item, Quote)}
        if self.context is not None:
            shown.update(self.context.shown_chunks)
        return shown


def speakers_of(items: list[Item]) -> list[str]:
    names = [i.speaker if isinstance(i, Quote) else i.name for i in items]
    return list(dict.fromkeys(n for n in names if n))


def shown_answers(chat_data: dict[Any, Any]) -> OrderedDict[str, ShownAnswer]:
    store = chat_data.get(SHOWN_KEY)
    if not isinstance(store, OrderedDict):
        store = OrderedDict()
        chat_data[SHOWN_KEY] = store
    return store


def remember(chat_data: dict[Any, Any], shown: ShownAnswer) -> str:
    """Keep ``shown`` and return its token.

    Tokens are random, not counted: after a restart without persistence a
    counter would start again and an old button would act on a new answer.
    """
    store = shown_answers(chat_data)
    token = secrets.token_hex(TOKEN_BYTES)
    while token in store:
        token = secrets.token_hex(TOKEN_BYTES)
    store[token] = shown
    while len(store) > SHOWN_PER_CHAT:
        store.popitem(last=False)
    return token


def recall(chat_data: dict[Any, Any] | None, token: str) -> ShownAnswer | None:
    if not chat_data:
        return None
    return shown_answers(chat_data).get(token)


def conversation(chat_data: dict[Any, Any], user_id: int) -> Context | None:
    contexts = chat_data.get(CONTEXTS_KEY) or {}
    context = contexts.get(user_id)
    return context if isinstance(context, Context) else None


def remember_conversation(chat_data: dict[Any, Any], user_id: int, context: Context) -> None:
    chat_data.setdefault(CONTEXTS_KEY, {})[user_id] = context
