"""Telegram handlers: thin adapters between updates and the answer engine.

They decide *whether* a message is a question for the bot (private text,
commands, mentions, replies to the bot) and hand it to the engine; what the
answer is, and how it reads, is decided elsewhere.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Collection
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultsButton,
    Message,
    Update,
)
from telegram.constants import ChatType, MessageEntityType
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from fangtan.bot import texts
from fangtan.bot.engine.answer import Answer, Intent, Quote
from fangtan.bot.engine.answering import QUESTION_MAX
from fangtan.bot.serving.access import AllowList, RateLimiter, Verdict
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.stats import Stats
from fangtan.bot.telegram.admin import ADMIN_COMMANDS
from fangtan.bot.telegram.html import (
    GROUP_FIRST_LIMIT,
    MESSAGE_LIMIT,
    Block,
    answer_blocks,
    miss_blocks,
    pack,
    paragraph_blocks,
    text_block,
)
from fangtan.bot.telegram.inline import inline_results
from fangtan.bot.telegram.threads import (
    CHOICE,
    CHOICE_BUTTONS,
    GROUP_PAGE,
    PAGE,
    PARAGRAPH,
    PRIVATE_PAGE,
    SPEAKER,
    Thread,
    callback,
    conversation,
    parse_callback,
    recall,
    remember,
    remember_conversation,
)

log = logging.getLogger(__name__)

LIST_PAGE_PRIVATE = 30
LIST_PAGE_GROUP = 10
CHOICES_PER_ROW = 4
INLINE_CACHE_SECONDS = 30


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


class TelegramHandlers:
    def __init__(
        self,
        library: Library,
        allow: AllowList | None = None,
        limiter: RateLimiter | None = None,
        stats: Stats | None = None,
        admin_ids: Collection[int] = (),
    ) -> None:
        self.library = library
        self.allow = allow or AllowList()
        self.limiter = limiter or RateLimiter(limit=0, window=60)
        self.stats = stats or Stats()
        self.admin_ids = frozenset(admin_ids)

    def register(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        # The allow-list and the rate limit run first, for every update, and stop the others.
        app.add_handler(TypeHandler(Update, self.gate), group=-1)
        new_messages = filters.UpdateType.MESSAGE
        app.add_handler(CommandHandler("start", self.start, filters=new_messages))
        app.add_handler(CommandHandler("help", self.help, filters=new_messages))
        app.add_handler(CommandHandler("ask", self.ask, filters=new_messages))
        app.add_handler(CommandHandler("who", self.who, filters=new_messages))
        app.add_handler(CommandHandler("speakers", self.speakers, filters=new_messages))
        app.add_handler(CommandHandler("speaker", self.speaker, filters=new_messages))
        text = new_messages & filters.TEXT & ~filters.COMMAND
        app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, self.private_text))
        app.add_handler(MessageHandler(text & filters.ChatType.GROUPS, self.group_text))
        app.add_handler(
            MessageHandler(
                new_messages & filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                self.not_text,
            )
        )
        app.add_handler(CallbackQueryHandler(self.button))
        app.add_handler(InlineQueryHandler(self.inline))

    # ------------------------------------------------------------ admission

    async def gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Admit an update, or stop it before any handler sees it.

        Two checks, in one place so that no kind of update slips past them:
        the allow-list (one polite refusal in private, silence elsewhere) and
        the per-user rate limit on every reply a user causes.
        """
        chat = update.effective_chat
        user = update.effective_user
        if self.allow.permits(chat.id if chat else None, user.id if user else None):
            await self._limit(update, context)
            return
        if update.callback_query is not None:
            await update.callback_query.answer(texts.TG_NOT_ALLOWED)
        elif (
            update.message is not None
            and chat is not None
            and chat.type == ChatType.PRIVATE
            and user is not None
            and self.allow.first_refusal(user.id)
        ):
            await update.message.reply_text(texts.TG_NOT_ALLOWED)
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
        if user.id in self.admin_ids and _command(update) in ADMIN_COMMANDS:
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
                await self._slow_down(update, texts.TG_RATE_LIMITED.format(seconds=seconds))
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
            await self._reply_blocks(update, [text_block(notice)])

    # -------------------------------------------------------------- commands

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Greet with three questions this corpus can answer."""
        engine = self.library.engine
        examples = [texts.TG_EXAMPLE_WHO.format(term=t) for t in engine.suggestions[:1]]
        examples.append(texts.TG_EXAMPLE_LIST)
        people = engine.people()
        if people and people[0].name:
            examples.append(texts.TG_EXAMPLE_SPEAKER.format(name=people[0].name))
        body = texts.TG_START.format(
            interviews=len(people),
            examples="\n".join(texts.TG_EXAMPLE.format(question=q) for q in examples),
        )
        await self._reply_blocks(update, [text_block(body)])

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every command, and how inline mode works."""
        await self._reply_blocks(
            update, [text_block(texts.TG_HELP.format(username=context.bot.username))]
        )

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ask 问题."""
        question = " ".join(context.args or [])
        if not question.strip():
            await self._usage(update, "ask")
            return
        await self._answer_question(update, context, question)

    async def who(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/who 话题, asked as a who-question."""
        topic = " ".join(context.args or []).strip()
        if not topic:
            await self._usage(update, "who")
            return
        await self._answer_question(update, context, texts.TG_WHO_QUESTION.format(topic=topic))

    async def speakers(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/speakers: everyone interviewed."""
        await self._send_answer(update, context, self.library.engine.answer_list())

    async def speaker(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/speaker 名字: a profile and that speaker's quotes."""
        name = " ".join(context.args or []).strip()
        if not name:
            await self._usage(update, "speaker")
            return
        answer = self.library.engine.about(name)
        if answer is None:
            await self._reply_blocks(
                update, [text_block(texts.TG_UNKNOWN_SPEAKER.format(name=name[:50]))]
            )
            return
        await self._send_answer(update, context, answer)

    # -------------------------------------------------------------- messages

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In a private chat any text is a question."""
        message = update.effective_message
        if message is not None and message.text is not None:
            await self._answer_question(update, context, message.text)

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In groups only mentions of the bot and replies to it are questions."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        for_the_bot, question = addressed(message, context.bot.username or "", context.bot.id)
        if not for_the_bot:
            return
        if not question.strip():
            await self._usage(update, "ask")
            return
        await self._answer_question(update, context, question)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos and the like get a hint instead of silence."""
        await self._reply_blocks(update, [text_block(texts.TG_NO_TEXT)])

    # --------------------------------------------------------------- buttons

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Pages, a speaker's other quotes, a whole paragraph, a person meant; always answered."""
        query = update.callback_query
        if query is None:
            return
        parsed = parse_callback(query.data)
        thread = recall(context.chat_data, parsed[1]) if parsed else None
        message = query.message if isinstance(query.message, Message) else None
        if parsed is None or thread is None or message is None:
            await query.answer(texts.TG_EXPIRED, show_alert=True)
            return
        kind, token, number = parsed
        if kind == CHOICE:
            await self._choose(update, context, thread, number)
            return
        engine = self.library.engine
        if engine.is_stale(thread.context):
            await query.answer(texts.TG_EXPIRED, show_alert=True)
            return
        if kind == PAGE:
            await self._turn_page(update, token, thread, number, message)
        elif kind == SPEAKER:
            names = thread.speakers()
            if not 0 <= number < len(names):
                await query.answer(texts.TG_EXPIRED, show_alert=True)
                return
            more = engine.more_from(names[number], thread.context)
            if not more.answered:
                await query.answer(texts.TG_NO_MORE_PAGES)
                return
            await acknowledge(query)
            await self._send_answer(update, context, more, reply_to=message)
        elif kind == PARAGRAPH:
            item = thread.items[number] if 0 <= number < len(thread.items) else None
            if not isinstance(item, Quote):
                await query.answer(texts.TG_EXPIRED, show_alert=True)
                return
            whole = engine.paragraph(item.chunk_id)
            await acknowledge(query)
            blocks = paragraph_blocks(whole.headline, whole.number, whole.text)
            for html in pack(blocks, MESSAGE_LIMIT):
                await message.reply_text(html, do_quote=not is_private(update))

    async def _choose(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, thread: Thread, number: int
    ) -> None:
        """Ask the question meant for the chosen person, as if the presser had typed it.

        The question is plain text, so it stays good across a reload of the
        corpus; the presser's own conversation carries on from its answer.
        """
        query = update.callback_query
        assert query is not None
        choice = thread.choice(number)
        if choice is None:
            await query.answer(texts.TG_EXPIRED, show_alert=True)
            return
        await acknowledge(query)
        await self._answer_question(update, context, choice.question)

    async def _turn_page(
        self, update: Update, token: str, thread: Thread, number: int, message: Message
    ) -> None:
        query = update.callback_query
        assert query is not None
        if thread.needs_more(number):
            thread.extend(self.library.engine.next_page(thread.context))
        if not thread.page(number) or number < 0:
            await query.answer(texts.TG_NO_MORE_PAGES)
            return
        html = self._page_messages(thread, number, private=is_private(update))[0]
        await acknowledge(query, texts.TG_PAGE.format(page=number + 1))
        try:
            await message.edit_text(html, reply_markup=self._keyboard(token, thread, number))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise

    # --------------------------------------------------------------- inline

    async def inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """@bot 关键词: one quotable result per speaker."""
        query = update.inline_query
        if query is None:
            return
        started = time.perf_counter()
        results, button = inline_results(self.library.engine, query.query)
        await query.answer(
            results, cache_time=INLINE_CACHE_SECONDS, is_personal=False, button=button
        )
        log.info(
            "answered chat_type=inline results=%d ms=%.1f",
            len(results),
            (time.perf_counter() - started) * 1000,
        )

    # --------------------------------------------------------------- helpers

    async def _answer_question(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
    ) -> None:
        started = time.perf_counter()
        user = update.effective_user
        chat_data = context.chat_data if context.chat_data is not None else {}
        previous = conversation(chat_data, user.id) if user else None
        answer = self.library.engine.answer(question, previous)
        note = texts.TG_TRUNCATED.format(limit=QUESTION_MAX) if answer.truncated else ""
        if user and answer.context is not None:
            remember_conversation(chat_data, user.id, answer.context)
        log.debug("question=%r", answer.question)
        await self._send_answer(update, context, answer, note=note)
        milliseconds = (time.perf_counter() - started) * 1000
        self.stats.record(answer.answered, milliseconds)
        chat = update.effective_chat
        log.info(
            "answered chat_type=%s intent=%s answered=%s speakers=%d ms=%.1f",
            chat.type if chat else "?",
            answer.intent.value,
            answer.answered,
            len(answer.speakers),
            milliseconds,
        )

    async def _send_answer(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        answer: Answer,
        note: str = "",
        reply_to: Message | None = None,
    ) -> None:
        private = is_private(update)
        notes = [text_block(note)] if note else []
        chat_data = context.chat_data if context.chat_data is not None else {}
        if not answer.answered:
            await self._send_miss(update, chat_data, answer, notes, reply_to)
            return
        if answer.intent is Intent.LIST:
            size = LIST_PAGE_PRIVATE if private else LIST_PAGE_GROUP
        else:
            size = PRIVATE_PAGE if private else GROUP_PAGE
        thread = Thread.start(answer, size)
        token = remember(chat_data, thread)
        messages = self._page_messages(thread, 0, private=private, notes=notes)
        keyboard = self._keyboard(token, thread, 0)
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
            thread = Thread.start(answer, PRIVATE_PAGE)
            keyboard = self._choice_keyboard(remember(chat_data, thread), thread)
        hint = len(answer.choices) > CHOICE_BUTTONS
        await self._reply_blocks(
            update, notes + miss_blocks(answer, hint=hint), reply_to=reply_to, keyboard=keyboard
        )

    def _page_messages(
        self, thread: Thread, number: int, *, private: bool, notes: list[Block] | None = None
    ) -> list[str]:
        page = answer_blocks(thread.heading_answer, thread.page(number), number)
        return pack([*(notes or []), *page], MESSAGE_LIMIT if private else GROUP_FIRST_LIMIT)

    @staticmethod
    def _choice_keyboard(token: str, thread: Thread) -> InlineKeyboardMarkup:
        buttons = [
            InlineKeyboardButton(choice.name, callback_data=callback(CHOICE, token, n))
            for n, choice in enumerate(thread.choices())
        ]
        step = CHOICES_PER_ROW
        return InlineKeyboardMarkup([buttons[i : i + step] for i in range(0, len(buttons), step)])

    def _keyboard(self, token: str, thread: Thread, number: int) -> InlineKeyboardMarkup | None:
        rows: list[list[InlineKeyboardButton]] = []
        paging = []
        if number > 0:
            paging.append(
                InlineKeyboardButton(
                    texts.TG_BUTTON_PREV, callback_data=callback(PAGE, token, number - 1)
                )
            )
        if thread.has_page(number + 1):
            paging.append(
                InlineKeyboardButton(
                    texts.TG_BUTTON_NEXT, callback_data=callback(PAGE, token, number + 1)
                )
            )
        if paging:
            rows.append(paging)
        everyone = thread.speakers()
        speaker_buttons = [
            InlineKeyboardButton(
                texts.TG_BUTTON_SPEAKER.format(name=name),
                callback_data=callback(SPEAKER, token, everyone.index(name)),
            )
            for name in thread.speakers_on(number)
            if thread.heading_answer.intent is not Intent.LIST and self._has_more_from(name, thread)
        ]
        rows.extend(speaker_buttons[i : i + 2] for i in range(0, len(speaker_buttons), 2))
        paragraph_buttons = [
            InlineKeyboardButton(
                texts.TG_BUTTON_PARAGRAPH.format(n=k + 1),
                callback_data=callback(PARAGRAPH, token, index),
            )
            for k, (index, _) in enumerate(thread.quotes_on(number))
        ]
        rows.extend(paragraph_buttons[i : i + 5] for i in range(0, len(paragraph_buttons), 5))
        return InlineKeyboardMarkup(rows) if rows else None

    def _has_more_from(self, name: str, thread: Thread) -> bool:
        """Whether the speaker said anything the thread has not shown yet."""
        shown = {item.chunk_id for item in thread.items if isinstance(item, Quote)}
        if thread.context is not None:
            shown.update(thread.context.shown_chunks)
        return self.library.engine.has_more_from(name, shown)

    async def _usage(self, update: Update, command: str) -> None:
        people = self.library.engine.people()
        example = people[0].name if people and people[0].name else ""
        await self._reply_blocks(update, [text_block(texts.TG_USAGE[command].format(name=example))])

    async def _reply_blocks(
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


def addressed(message: Message, username: str, bot_id: int) -> tuple[bool, str]:
    """(is a group message for the bot, its question): a mention of the bot, or a reply to it."""
    mentioned, question = strip_mention(message, username)
    replied = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == bot_id
    )
    return mentioned or replied, question


def _command(update: Update) -> str | None:
    """The command a message starts with, without the bot's name: "reload" for /reload@bot."""
    message = update.message
    if message is None or not message.text or not message.entities:
        return None
    first = message.entities[0]
    if first.type != MessageEntityType.BOT_COMMAND or first.offset != 0:
        return None
    return message.text[1 : first.length].partition("@")[0].lower()


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
