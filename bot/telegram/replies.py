"""Asking the engine and sending what it says: the one way out for every handler.

Commands, messages and buttons differ only in how they find the question;
from there the path is the same — ask, keep what the buttons will need, send
the first page with its keyboard — so it is written once, here.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from fangtan.bot.engine.answer import Answer
from fangtan.bot.engine.answering import QUESTION_MAX
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.stats import Stats
from fangtan.bot.telegram.html import MESSAGE_LIMIT, Block, miss_blocks, pack, text_block
from fangtan.bot.telegram.keyboards import answer_keyboard, choice_keyboard
from fangtan.bot.telegram.pages import Page, page_messages, page_of, page_size
from fangtan.bot.telegram.shown import (
    CHOICE_BUTTONS,
    ShownAnswer,
    conversation,
    remember,
    remember_conversation,
)
from fangtan.bot.texts import telegram as tg_texts

log = logging.getLogger(__name__)


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def chat_data_of(context: ContextTypes.DEFAULT_TYPE) -> dict[Any, Any]:
    return context.chat_data if context.chat_data is not None else {}


class Replies:
    def __init__(self, library: Library, stats: Stats) -> None:
        self.library = library
        self.stats = stats

    async def answer_question(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
    ) -> None:
        """Answer ``question`` as a follow-up of the asker's conversation in this chat."""
        started = time.perf_counter()
        user = update.effective_user
        chat_data = chat_data_of(context)
        previous = conversation(chat_data, user.id) if user else None
        answer = self.library.engine.answer(question, previous)
        milliseconds = (time.perf_counter() - started) * 1000
        # Counted once made, before it is sent: updates are handled concurrently, and a
        # /stats sent after the reply arrived ran before this handler went on after the
        # send. Delivery has counters of its own.
        self.stats.record(answer.answered, milliseconds)
        note = tg_texts.TG_TRUNCATED.format(limit=QUESTION_MAX) if answer.truncated else ""
        if user and answer.context is not None:
            remember_conversation(chat_data, user.id, answer.context)
        log.debug("question=%r", answer.question)
        await self.send_answer(update, context, answer, note=note)
        chat = update.effective_chat
        log.info(
            "answered chat_type=%s intent=%s answered=%s speakers=%d ms=%.1f",
            chat.type if chat else "?",
            answer.intent.value,
            answer.answered,
            len(answer.speakers),
            milliseconds,
        )

    async def send_answer(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        answer: Answer,
        note: str = "",
        reply_to: Message | None = None,
    ) -> None:
        """The answer's first page, its keyboard under the last message."""
        private = is_private(update)
        notes = [text_block(note)] if note else []
        chat_data = chat_data_of(context)
        if not answer.answered:
            await self._send_miss(update, chat_data, answer, notes, reply_to)
            return
        shown = ShownAnswer.start(answer)
        token = remember(chat_data, shown)
        page = page_of(shown, 0, page_size(answer.intent, private=private))
        assert page is not None
        messages = page_messages(shown, page, private=private, notes=notes)
        keyboard = answer_keyboard(token, shown, page, self.more_from(shown, page))
        target = reply_to or update.effective_message
        if target is None:
            return
        for i, html in enumerate(messages):
            last = i == len(messages) - 1
            await target.reply_text(
                html, reply_markup=keyboard if last else None, do_quote=not private
            )

    async def _send_miss(
        self,
        update: Update,
        chat_data: dict[Any, Any],
        answer: Answer,
        notes: list[Block],
        reply_to: Message | None,
    ) -> None:
        """A miss, with a button for each person the question may have meant.

        People beyond the buttons still get their questions spelt out in the text.
        """
        keyboard = None
        if answer.choices:
            shown = ShownAnswer.start(answer)
            keyboard = choice_keyboard(remember(chat_data, shown), shown)
        hint = len(answer.choices) > CHOICE_BUTTONS
        await self.send_blocks(
            update, notes + miss_blocks(answer, hint=hint), reply_to=reply_to, keyboard=keyboard
        )

    def more_from(self, shown: ShownAnswer, page: Page) -> set[str]:
        """The page's speakers who said something the answer has not shown yet."""
        seen = shown.shown_chunks()
        engine = self.library.engine
        return {name for name in page.speakers() if engine.has_more_from(name, seen)}

    async def usage(self, update: Update, command: str) -> None:
        """How ``command`` is used, with a name from the corpus as the example."""
        people = self.library.engine.people()
        example = people[0].name if people and people[0].name else ""
        await self.send_blocks(
            update, [text_block(tg_texts.TG_USAGE[command].format(name=example))]
        )

    async def send_blocks(
        self,
        update: Update,
        blocks: list[Block],
        reply_to: Message | None = None,
        keyboard: InlineKeyboardMarkup | None = None,
    ) -> None:
        """Send ``blocks``; a keyboard goes under the last message, next to what it acts on."""
        target = reply_to or update.effective_message
        if target is None:
            return
        messages = pack(blocks, MESSAGE_LIMIT)
        for i, html in enumerate(messages):
            markup = keyboard if i == len(messages) - 1 else None
            await target.reply_text(html, reply_markup=markup, do_quote=not is_private(update))
