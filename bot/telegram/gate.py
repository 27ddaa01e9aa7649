"""Admission: the allow-list and the per-user rate limit, before any handler runs."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Collection
from typing import Any

from telegram import InlineQueryResultsButton, Update
from telegram.constants import ChatType, MessageEntityType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from fangtan.bot.serving.access import AllowList, RateLimiter, Verdict
from fangtan.bot.telegram.admin import ADMIN_COMMANDS
from fangtan.bot.telegram.html import text_block
from fangtan.bot.telegram.messages import addressed
from fangtan.bot.telegram.replies import Replies
from fangtan.bot.texts import telegram as tg_texts

log = logging.getLogger(__name__)


class Gate:
    """Admit an update, or stop it before any handler sees it.

    Two checks, in one place so that no kind of update slips past them:
    the allow-list (one polite refusal in private, silence elsewhere) and
    the per-user rate limit on every reply a user causes. ``group_text`` is
    the callback for plain group text, which gets a reply only when it is
    addressed to the bot.
    """

    def __init__(
        self,
        replies: Replies,
        group_text: Callable[..., Any],
        allow: AllowList | None = None,
        limiter: RateLimiter | None = None,
        admin_ids: Collection[int] = (),
    ) -> None:
        self.replies = replies
        self.group_text = group_text
        self.allow = allow or AllowList()
        self.limiter = limiter or RateLimiter(limit=0, window=60)
        self.admin_ids = frozenset(admin_ids)

    async def check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        user = update.effective_user
        if self.allow.permits(chat.id if chat else None, user.id if user else None):
            await self._limit(update, context)
            return
        if update.callback_query is not None:
            await update.callback_query.answer(tg_texts.TG_NOT_ALLOWED)
        elif (
            update.message is not None
            and chat is not None
            and chat.type == ChatType.PRIVATE
            and user is not None
            and self.allow.first_refusal(user.id)
        ):
            await update.message.reply_text(tg_texts.TG_NOT_ALLOWED)
        raise ApplicationHandlerStop

    async def _limit(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Count an update that will get a reply; over the limit, stop it.

        Questions, commands, hints, buttons and inline queries all count: each
        reply costs a message from the bot's share of Telegram's limits, which
        every other user waits in. What gets no reply (group chatter, edits)
        costs nothing and is not counted. An admin's admin commands are never
        limited, so /reload and /stats work during a flood.
        """
        user = update.effective_user
        if user is None or not self._gets_reply(update, context):
            return
        if user.id in self.admin_ids and command_of(update) in ADMIN_COMMANDS:
            return
        verdict = self.limiter.check(user.id)
        if verdict is Verdict.ALLOW:
            return
        if verdict is Verdict.SILENT:
            log.debug("rate-limited user_id=%s", user.id)  # one INFO line per window is enough
        else:
            log.info("rate-limited user_id=%s: told to slow down", user.id)
            seconds = max(1, math.ceil(self.limiter.retry_after(user.id)))
            try:
                await self._slow_down(update, tg_texts.TG_RATE_LIMITED.format(seconds=seconds))
            except TelegramError as exc:  # the update stays refused whether or not they heard
                log.warning("could not tell user_id=%s to slow down: %s", user.id, exc)
        raise ApplicationHandlerStop

    def _gets_reply(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """Whether a handler of the bot would answer ``update``.

        Asks the registered handlers themselves, so a new command or update
        kind is counted without being listed here; in groups, plain text is
        for the bot only when it mentions or replies to it.
        """
        for handler in context.application.handlers.get(0, []):
            check = handler.check_update(update)
            if check is None or check is False:
                continue
            message = update.message
            if getattr(handler, "callback", None) == self.group_text and message is not None:
                return addressed(message, context.bot.username or "", context.bot.id)[0]
            return True
        return False

    async def _slow_down(self, update: Update, notice: str) -> None:
        """The one notice of a window, in the form the update allows."""
        if update.callback_query is not None:
            await update.callback_query.answer(notice, show_alert=True)
        elif update.inline_query is not None:
            await update.inline_query.answer(
                [],
                cache_time=0,
                is_personal=True,
                button=InlineQueryResultsButton(text=notice, start_parameter="help"),
            )
        elif update.effective_message is not None:
            await self.replies.send_blocks(update, [text_block(notice)])


def command_of(update: Update) -> str | None:
    """The command a message starts with, without the bot's name: "reload" for /reload@bot."""
    message = update.message
    if message is None or not message.text or not message.entities:
        return None
    first = message.entities[0]
    if first.type != MessageEntityType.BOT_COMMAND or first.offset != 0:
        return None
    return message.text[1 : first.length].partition("@")[0].lower()
