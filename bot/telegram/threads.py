"""What Telegram buttons point at: stored answers, paged.

A button's callback data holds only a short token and a number (Telegram
allows 64 bytes); the answer itself lives in the chat's ``chat_data`` under
that token, so buttons keep working as long as the chat's state does — and a
button whose state is gone (a restart without persistence) is recognised and
answered politely. A miss that offers people to choose from is stored the
same way, so its buttons can ask the question meant for each.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from fangtan.bot.engine.answer import Answer, Choice, Context, Intent, Person, Quote

THREADS_KEY = "threads"
TOKEN_BYTES = 5
CONTEXTS_KEY = "contexts"
# Older threads are forgotten first; a chat rarely pages back this far.
THREADS_PER_CHAT = 100
PRIVATE_PAGE = 5
GROUP_PAGE = 3
# More people than this is a list to read, not a keyboard to press.
CHOICE_BUTTONS = 8


@dataclass
class Thread:
    """An answer as shown in one chat, growing as its pages are fetched."""

    heading_answer: Answer
    items: list[Quote | Person] = field(default_factory=list)
    context: Context | None = None
    exhausted: bool = True
    page_size: int = PRIVATE_PAGE

    @classmethod
    def start(cls, answer: Answer, page_size: int) -> Thread:
        people: list[Quote | Person] = (
            list(answer.people) if answer.intent in (Intent.LIST, Intent.PROFILE) else []
        )
        return cls(
            heading_answer=answer,
            items=[*people, *answer.quotes],
            context=answer.context,
            exhausted=not answer.has_more,
            page_size=page_size,
        )

    def extend(self, more: Answer) -> None:
        self.items.extend(more.quotes)
        self.context = more.context or self.context
        self.exhausted = not more.answered or not more.has_more

    def page(self, number: int) -> list[Quote | Person]:
        start = number * self.page_size
        return self.items[start : start + self.page_size]

    def needs_more(self, number: int) -> bool:
        return not self.exhausted and (number + 1) * self.page_size >= len(self.items)

    def has_page(self, number: int) -> bool:
        return number >= 0 and (bool(self.page(number)) or not self.exhausted)

    def speakers(self) -> list[str]:
        """Every speaker in the thread so far; indices stay valid as it grows."""
        names = [i.speaker if isinstance(i, Quote) else i.name for i in self.items]
        return list(dict.fromkeys(n for n in names if n))

    def speakers_on(self, number: int) -> list[str]:
        names = [i.speaker if isinstance(i, Quote) else i.name for i in self.page(number)]
        return list(dict.fromkeys(n for n in names if n))

    def choices(self) -> tuple[Choice, ...]:
        """The people the answer's buttons offer, in the order of the buttons."""
        return self.heading_answer.choices[:CHOICE_BUTTONS]

    def choice(self, number: int) -> Choice | None:
        choices = self.choices()
        return choices[number] if 0 <= number < len(choices) else None

    def quotes_on(self, number: int) -> list[tuple[int, Quote]]:
        start = number * self.page_size
        return [
            (start + k, item) for k, item in enumerate(self.page(number)) if isinstance(item, Quote)
        ]


def threads(chat_data: dict[Any, Any]) -> OrderedDict[str, Thread]:
    store = chat_data.get(THREADS_KEY)
    if not isinstance(store, OrderedDict):
        store = OrderedDict()
        chat_data[THREADS_KEY] = store
    return store


def remember(chat_data: dict[Any, Any], thread: Thread) -> str:
    """Store ``thread`` and return its token.

    Tokens are random, not counted: after a restart without persistence a
    counter would start again and an old button would act on a new answer.
    """
    store = threads(chat_data)
    token = secrets.token_hex(TOKEN_BYTES)
    while token in store:
        token = secrets.token_hex(TOKEN_BYTES)
    store[token] = thread
    while len(store) > THREADS_PER_CHAT:
        store.popitem(last=False)
    return token


def recall(chat_data: dict[Any, Any] | None, token: str) -> Thread | None:
    if not chat_data:
        return None
    return threads(chat_data).get(token)


def conversation(chat_data: dict[Any, Any], user_id: int) -> Context | None:
    contexts = chat_data.get(CONTEXTS_KEY) or {}
    context = contexts.get(user_id)
    return context if isinstance(context, Context) else None


def remember_conversation(chat_data: dict[Any, Any], user_id: int, context: Context) -> None:
    chat_data.setdefault(CONTEXTS_KEY, {})[user_id] = context


# Callback data: "<kind>|<token>|<number>", at most 64 bytes. CHOICE numbers
# one of a miss's choices of person.
PAGE, SPEAKER, PARAGRAPH, CHOICE = "p", "s", "f", "c"
KINDS = (PAGE, SPEAKER, PARAGRAPH, CHOICE)


def callback(kind: str, token: str, number: int) -> str:
    data = f"{kind}|{token}|{number}"
    assert len(data.encode()) <= 64
    return data


def parse_callback(data: str | None) -> tuple[str, str, int] | None:
    parts = (data or "").split("|")
    if len(parts) != 3 or parts[0] not in KINDS:
        return None
    try:
        return parts[0], parts[1], int(parts[2])
    except ValueError:
        return None
