"""An answer's pages: a pure view over what a chat has been shown of it.

The engine decides what comes next (its follow-up context); a
:class:`~.shown.ShownAnswer` holds what has been fetched so far; this module
only cuts those items into pages of the chat's size and renders one as HTML
messages. Nothing here does I/O, so every page can be checked without Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass

from fangtan.bot.engine.answer import Intent, Quote
from fangtan.bot.telegram.html import (
    GROUP_FIRST_LIMIT,
    MESSAGE_LIMIT,
    Block,
    answer_blocks,
    pack,
)
from fangtan.bot.telegram.shown import Item, ShownAnswer, speakers_of

# Items per page: a private chat reads more at once than a group wants pushed at it.
PRIVATE_PAGE = 5
GROUP_PAGE = 3
# A list of interviewees is one line each, so its pages hold more.
LIST_PAGE_PRIVATE = 30
LIST_PAGE_GROUP = 10


def page_size(intent: Intent, *, private: bool) -> int:
    if intent is Intent.LIST:
        return LIST_PAGE_PRIVATE if private else LIST_PAGE_GROUP
    return PRIVATE_PAGE if private else GROUP_PAGE


@dataclass(frozen=True)
class Page:
    """Page ``number`` (from 0) of a shown answer, and whether pages lie either side."""

    number: int
    items: tuple[Item, ...]
    first: int  # the index of items[0] in the shown answer
    has_previous: bool
    has_next: bool

    def speakers(self) -> list[str]:
        return speakers_of(list(self.items))

    def quotes(self) -> list[tuple[int, Quote]]:
        """The page's quotes with their index in the shown answer (what a button names)."""
        return [(self.first + k, i) for k, i in enumerate(self.items) if isinstance(i, Quote)]


def needs_more(shown: ShownAnswer, number: int, size: int) -> bool:
    """Whether page ``number`` (or knowing if one follows it) needs items not fetched yet."""
    return number >= 0 and not shown.exhausted and (number + 1) * size >= len(shown.items)


def page_of(shown: ShownAnswer, number: int, size: int) -> Page | None:
    """Page ``number`` of what has been fetched; None before the first page.

    A page past the fetched items comes back empty: a first page may be (an
    answer that is all heading), a page turned to may not.
    """
    if number < 0:
        return None
    start = number * size
    items = tuple(shown.items[start : start + size])
    return Page(
        number=number,
        items=items,
        first=start,
        has_previous=number > 0,
        has_next=len(shown.items) > start + size or not shown.exhausted,
    )


def page_messages(
    shown: ShownAnswer, page: Page, *, private: bool, notes: list[Block] | None = None
) -> list[str]:
    """The page as HTML messages; in groups the first stays short enough not to flood."""
    blocks = answer_blocks(shown.answer, page.items, page.number)
    return pack([*(notes or []), *blocks], MESSAGE_LIMIT if private else GROUP_FIRST_LIMIT)
