"""The bot's commands: /start, /help, /ask, /who, /speakers, /speaker."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from fangtan.bot.serving.library import Library
from fangtan.bot.telegram.html import text_block
from fangtan.bot.telegram.replies import Replies
from fangtan.bot.texts import telegram as tg_texts


class Commands:
    def __init__(self, library: Library, replies: Replies) -> None:
        self.library = library
        self.replies = replies

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Greet with three questions this corpus can answer."""
        engine = self.library.engine
        examples = [tg_texts.TG_EXAMPLE_WHO.format(term=t) for t in engine.suggestions[:1]]
        examples.append(tg_texts.TG_EXAMPLE_LIST)
        people = engine.people()
        if people and people[0].name:
            examples.append(tg_texts.TG_EXAMPLE_SPEAKER.format(name=people[0].name))
        body = tg_texts.TG_START.format(
            interviews=len(people),
            examples="\n".join(tg_texts.TG_EXAMPLE.format(question=q) for q in examples),
        )
        await self.replies.send_blocks(update, [text_block(body)])

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every command, and how inline mode works."""
        await self.replies.send_blocks(
            update, [text_block(tg_texts.TG_HELP.format(username=context.bot.username))]
        )

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ask 问题."""
        question = " ".join(context.args or [])
        if not question.strip():
            await self.replies.usage(update, "ask")
            return
        await self.replies.answer_question(update, context, question)

    async def who(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/who 话题, asked as a who-question."""
        topic = " ".join(context.args or []).strip()
        if not topic:
            await self.replies.usage(update, "who")
            return
        await self.replies.answer_question(
            update, context, tg_texts.TG_WHO_QUESTION.format(topic=topic)
        )

    async def speakers(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/speakers: everyone interviewed."""
        await self.replies.send_answer(update, context, self.library.engine.answer_list())

    async def speaker(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/speaker 名字: a profile and that speaker's quotes."""
        name = " ".join(context.args or []).strip()
        if not name:
            await self.replies.usage(update, "speaker")
            return
        answer = self.library.engine.about(name)
        if answer is None:
            await self.replies.send_blocks(
                update, [text_block(tg_texts.TG_UNKNOWN_SPEAKER.format(name=name[:50]))]
            )
            return
        await self.replies.send_answer(update, context, answer)
