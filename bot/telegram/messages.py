"""Plain messages: any text in private, mentions and replies to the bot in groups."""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.constants import MessageEntityType
from telegram.ext import ContextTypes

from fangtan.bot.telegram.html import text_block
from fangtan.bot.telegram.replies import Replies
from fangtan.bot.texts import telegram as tg_texts


class Messages:
    def __init__(self, replies: Replies) -> None:
        self.replies = replies

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In a private chat any text is a question."""
        message = update.effective_message
        if message is not None and message.text is not None:
            await self.replies.answer_question(update, context, message.text)

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In groups only mentions of the bot and replies to it are questions."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        for_the_bot, question = addressed(message, context.bot.username or "", context.bot.id)
        if not for_the_bot:
            return
        if not question.strip():
            await self.replies.usage(update, "ask")
            return
        await self.replies.answer_question(update, context, question)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos and the like get a hint instead of silence."""
        await self.replies.send_blocks(update, [text_block(tg_texts.TG_NO_TEXT)])


def addressed(message: Message, username: str, bot_id: int) -> tuple[bool, str]:
    """(is a group message for the bot, its question): a mention of the bot, or a reply to it."""
    mentioned, question = strip_mention(message, username)
    replied = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == bot_id
    )
    return mentioned or replied, question


def strip_mention(message: Message, username: str) -> tuple[bool, str]:
    """(was the bot @-mentioned, the text without that mention), case-insensitively."""
    text = message.text or ""
    if not username:
        return False, text
    handle = f"@{username}".lower()
    mentions = list(message.parse_entities([MessageEntityType.MENTION]).values())
    if mentions:
        ours = [value for value in mentions if value.lower() == handle]
        for value in ours:
            text = text.replace(value, " ")
        return bool(ours), " ".join(text.split())
    # Some clients send no entities: look for the handle as a whole word, so
    # "@fangtan_bot_dev" is not taken for "@fangtan_bot".
    pattern = re.compile(rf"(?<![\w@])@{re.escape(username)}(?!\w)", re.IGNORECASE)
    if pattern.search(text):
        return True, " ".join(pattern.sub(" ", text).split())
    return False, text
