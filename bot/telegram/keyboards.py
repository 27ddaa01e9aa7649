"""The buttons under an answer, and what each button's callback data says.

Pure: a keyboard is made from the shown answer's token, its page and the
names that still have more to say, so which button appears on which page can
be checked without Telegram. Callback data is ``<kind>|<token>|<number>``,
well within Telegram's 64 bytes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from fangtan.bot.engine.answer import Intent
from fangtan.bot.telegram.pages import Page
from fangtan.bot.telegram.shown import ShownAnswer
from fangtan.bot.texts import telegram as tg_texts

# What a button asks for: turn to a page, a speaker's other quotes, a quote's whole
# paragraph, or the question meant for one of a miss's choices of person.
TURN, SPEAKER, PARAGRAPH, CHOICE = "p", "s", "f", "c"
KINDS = (TURN, SPEAKER, PARAGRAPH, CHOICE)
CALLBACK_LIMIT = 64  # bytes, Telegram's
SPEAKERS_PER_ROW = 2
PARAGRAPHS_PER_ROW = 5
CHOICES_PER_ROW = 4


@dataclass(frozen=True)
class Press:
    """A button press read back from its callback data."""

    kind: str
    token: str
    number: int


def callback(kind: str, token: str, number: int) -> str:
    data = f"{kind}|{token}|{number}"
    assert len(data.encode()) <= CALLBACK_LIMIT
    return data


def parse_callback(data: str | None) -> Press | None:
    """The press ``data`` stands for; None for anything this bot did not make."""
    parts = (data or "").split("|")
    if len(parts) != 3 or parts[0] not in KINDS:
        return None
    try:
        return Press(parts[0], parts[1], int(parts[2]))
    except ValueError:
        return None


def _rows(buttons: list[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def answer_keyboard(
    token: str, shown: ShownAnswer, page: Page, more_from: Collection[str]
) -> InlineKeyboardMarkup | None:
    """Paging, then "more from" each speaker on the page who has more, then whole paragraphs.

    ``more_from`` names the speakers with passages not shown yet; a list of
    interviewees offers no speaker buttons.
    """
    rows: list[list[InlineKeyboardButton]] = []
    paging = []
    if page.has_previous:
        paging.append(
            InlineKeyboardButton(
                tg_texts.TG_BUTTON_PREV, callback_data=callback(TURN, token, page.number - 1)
            )
        )
    if page.has_next:
        paging.append(
            InlineKeyboardButton(
                tg_texts.TG_BUTTON_NEXT, callback_data=callback(TURN, token, page.number + 1)
            )
        )
    if paging:
        rows.append(paging)
    everyone = shown.speakers()
    speakers = [
        InlineKeyboardButton(
            tg_texts.TG_BUTTON_SPEAKER.format(name=name),
            callback_data=callback(SPEAKER, token, everyone.index(name)),
        )
        for name in page.speakers()
        if shown.answer.intent is not Intent.LIST and name in more_from
    ]
    rows.extend(_rows(speakers, SPEAKERS_PER_ROW))
    paragraphs = [
        InlineKeyboardButton(
            tg_texts.TG_BUTTON_PARAGRAPH.format(n=k + 1),
            callback_data=callback(PARAGRAPH, token, index),
        )
        for k, (index, _) in enumerate(page.quotes())
    ]
    rows.extend(_rows(paragraphs, PARAGRAPHS_PER_ROW))
    return InlineKeyboardMarkup(rows) if rows else None


def choice_keyboard(token: str, shown: ShownAnswer) -> InlineKeyboardMarkup:
    """One button per person a miss may have meant, in the order the text lists them."""
    buttons = [
        InlineKeyboardButton(choice.name, callback_data=callback(CHOICE, token, n))
        for n, choice in enumerate(shown.choices())
    ]
    return InlineKeyboardMarkup(_rows(buttons, CHOICES_PER_ROW))
