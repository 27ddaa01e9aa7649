"""Button presses: pages, a speaker's other quotes, a whole paragraph, a person meant.

Every press is answered: a button whose answer is gone (forgotten, or made
before a reload of the corpus) gets the polite :data:`tg_texts.TG_EXPIRED`.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from fangtan.bot.engine.answer import Quote
from fangtan.bot.serving.library import Library
from fangtan.bot.telegram.html import MESSAGE_LIMIT, pack, paragraph_blocks
from fangtan.bot.telegram.keyboards import (
    CHOICE,
    PARAGRAPH,
    SPEAKER,
    TURN,
    answer_keyboard,
    parse_callback,
)
from fangtan.bot.telegram.pages import needs_more, page_messages, page_of, page_size
from fangtan.bot.telegram.replies import Replies, is_private
from fangtan.bot.telegram.shown import ShownAnswer, recall
from fangtan.bot.texts import telegram as tg_texts

log = logging.getLogger(__name__)


class Buttons:
    def __init__(self, library: Library, replies: Replies) -> None:
        self.library = library
        self.replies = replies

    async def press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Do what the button says; always answer the press."""
        query = update.callback_query
        if query is None:
            return
        press = parse_callback(query.data)
        shown = recall(context.chat_data, press.token) if press else None
        message = query.message if isinstance(query.message, Message) else None
        if press is None or shown is None or message is None:
            await query.answer(tg_texts.TG_EXPIRED, show_alert=True)
            return
        if press.kind == CHOICE:
            await self._choose(update, context, shown, press.number)
            return
        engine = self.library.engine
        if engine.is_stale(shown.context):
            await query.answer(tg_texts.TG_EXPIRED, show_alert=True)
            return
        if press.kind == TURN:
            await self._turn_page(update, press.token, shown, press.number, message)
        elif press.kind == SPEAKER:
            names = shown.speakers()
            if not 0 <= press.number < len(names):
                await query.answer(tg_texts.TG_EXPIRED, show_alert=True)
                return
            more = engine.more_from(names[press.number], shown.context)
            if not more.answered:
                await query.answer(tg_texts.TG_NO_MORE_PAGES)
                return
            await acknowledge(query)
            await self.replies.send_answer(update, context, more, reply_to=message)
        elif press.kind == PARAGRAPH:
            number = press.number
            item = shown.items[number] if 0 <= number < len(shown.items) else None
            if not isinstance(item, Quote):
                await query.answer(tg_texts.TG_EXPIRED, show_alert=True)
                return
            whole = engine.paragraph(item.chunk_id)
            await acknowledge(query)
            blocks = paragraph_blocks(whole.headline, whole.number, whole.text)
            for html in pack(blocks, MESSAGE_LIMIT):
                await message.reply_text(html, do_quote=not is_private(update))

    async def _choose(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        shown: ShownAnswer,
        number: int,
    ) -> None:
        """Ask the question meant for the chosen person, as if the presser had typed it.

        The question is plain text, so it stays good across a reload of the
        corpus; the presser's own conversation carries on from its answer.
        """
        query = update.callback_query
        assert query is not None
        choice = shown.choice(number)
        if choice is None:
            await query.answer(tg_texts.TG_EXPIRED, show_alert=True)
            return
        await acknowledge(query)
        await self.replies.answer_question(update, context, choice.question)

    async def _turn_page(
        self, update: Update, token: str, shown: ShownAnswer, number: int, message: Message
    ) -> None:
        query = update.callback_query
        assert query is not None
        private = is_private(update)
        size = page_size(shown.answer.intent, private=private)
        if needs_more(shown, number, size):
            shown.extend(self.library.engine.next_page(shown.context))
        page = page_of(shown, number, size)
        if page is None or not page.items:
            await query.answer(tg_texts.TG_NO_MORE_PAGES)
            return
        html = page_messages(shown, page, private=private)[0]
        keyboard = answer_keyboard(token, shown, page, self.replies.more_from(shown, page))
        await acknowledge(query, tg_texts.TG_PAGE.format(page=number + 1))
        try:
            await message.edit_text(html, reply_markup=keyboard)
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press before doing what it asks.

    The answer only stops the button's spinner. If Telegram will not take it
    (the press is too old, or its delivery was given up), what the button asks
    for is still done: the page still turns.
    """
    try:
        await query.answer(text)
    except TelegramError as exc:
        log.info("button answer not delivered (%s); doing what it asks anyway", type(exc).__name__)
