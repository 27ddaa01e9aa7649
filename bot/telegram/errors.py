"""The error handler: log what failed, tell the user briefly, keep running.

The log names the update by its ids only; message text stays out of logs at
INFO and above. Telling the user can fail too (the Bot API may be the thing
that is down), and that second failure is logged, never raised.

A reply that the delivery layer gave up on (bot/telegram/delivery.py) was already retried and
reported in one line; it gets no traceback here, and an apology only when Telegram refused
that message's content, since an unreachable or blocked chat would refuse the apology too.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from fangtan.bot.telegram.delivery import gave_up, refused
from fangtan.bot.texts import telegram as tg_texts

log = logging.getLogger(__name__)


def describe(update: object) -> str:
    if not isinstance(update, Update):
        return "update=none"
    chat = update.effective_chat
    user = update.effective_user
    return (
        f"update_id={update.update_id} chat_id={chat.id if chat else '-'} "
        f"user_id={user.id if user else '-'}"
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception with the update's ids and apologise to the user."""
    error = context.error
    if error is not None and gave_up(error):
        log.info("reply not delivered: %s (%s)", describe(update), type(error).__name__)
        if not refused(error):
            return
    else:
        log.error("handling failed: %s", describe(update), exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(tg_texts.TG_ERROR)
        elif update.effective_message is not None and update.effective_chat is not None:
            await update.effective_message.reply_text(tg_texts.TG_ERROR)
    except TelegramError as exc:
        log.warning(
            "could not tell the user about the failure: %s (%s)",
            type(exc).__name__,
            describe(update),
        )
