"""Building the Telegram ``Application``: client settings, handlers, menus, lifecycle.

One place wires everything, so a test can build exactly the application that
``fangtan telegram`` runs and point it at a stand-in Bot API server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from fangtan.bot.engine.answer import (
    Answer,
    Choice,
    Context,
    Intent,
    Interviewee,
    Match,
    Miss,
    Quote,
    Via,
)
from fangtan.bot.serving.access import AllowList, RateLimiter
from fangtan.bot.serving.heartbeat import beat
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.log_redact import install_redaction
from fangtan.bot.serving.signals import ProcessSignals
from fangtan.bot.serving.state_codec import Codec
from fangtan.bot.serving.state_store import StateStore, expire_periodically
from fangtan.bot.serving.stats import Stats
from fangtan.bot.serving.unanswered import (
    TrackedLimiter,
    TrackedProcessor,
    TrackedQueue,
    Unanswered,
    replay,
)
from fangtan.bot.settings import Settings
from fangtan.bot.telegram.admin import AdminHandlers
from fangtan.bot.telegram.buttons import Buttons
from fangtan.bot.telegram.commands import Commands
from fangtan.bot.telegram.delivery import DeliveryLimiter, RetryPolicy
from fangtan.bot.telegram.errors import on_error
from fangtan.bot.telegram.gate import Gate
from fangtan.bot.telegram.inline import InlineQueries
from fangtan.bot.telegram.messages import Messages
from fangtan.bot.telegram.replies import Replies
from fangtan.bot.telegram.shown import ShownAnswer
from fangtan.bot.telegram.updates import UpdateSievingRequest
from fangtan.bot.texts import telegram as tg_texts

log = logging.getLogger(__name__)

PRIVATE_COMMANDS = ("who", "speakers", "speaker", "help")
GROUP_COMMANDS = ("ask", "who", "speakers", "speaker", "help")
# Retries after a 429 (waiting out retry_after) before the update fails.
RATE_LIMIT_RETRIES = 3
# Updates handled at once. Answers take milliseconds of CPU, so a few in flight
# hide network waits; hundreds (PTB's "True") only make httpx's connection pool
# thrash — measured in bench/telegram_throughput.py.
CONCURRENT_UPDATES = 16
# How often changed conversations go to FANGTAN_STATE_FILE (and at shutdown). PTB deep-copies
# each changed chat on the event loop at this moment, so often means small batches: at
# Telegram's 30 messages/s a second is at most 30 chats; it is also what a kill can lose.
PERSIST_EVERY = 1.0
# What chat_data holds (bot/telegram/shown.py): only these types are written and read back.
STORED_TYPES = (ShownAnswer, Answer, Quote, Interviewee, Choice, Context, Match, Intent, Miss, Via)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class Lifecycle:
    """Start-up and shut-down work: menus, the heartbeat, expiring state, reloading on SIGHUP.

    A SIGHUP that arrived before the bot was ready (``signals`` recorded it) is
    acted on at the end of post_init; after post_shutdown SIGHUP is recorded
    and ignored again, so it never ends the process.
    """

    def __init__(
        self, settings: Settings, admin: AdminHandlers, signals: ProcessSignals | None = None
    ) -> None:
        self.settings = settings
        self.admin = admin
        self.signals = signals or ProcessSignals()
        self._tasks: set[asyncio.Task[None]] = set()

    async def post_init(self, app: TelegramApp) -> None:
        await set_up_bot_profile(app)
        if self.settings.heartbeat_file is not None:
            self._tasks.add(asyncio.create_task(beat(self.settings.heartbeat_file)))
        if isinstance(app.persistence, StateStore):
            self._tasks.add(asyncio.create_task(expire_periodically(app, app.persistence)))
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop.add_signal_handler(signal.SIGHUP, self._on_sighup, app)
        if self.signals.take_hangup():
            log.info("SIGHUP arrived during start-up: reloading now that the bot is ready")
            self._reload(app)
        if isinstance(app.persistence, StateStore):  # before polling starts: oldest first
            await replay(app, app.persistence.take_unanswered())

    async def post_stop(self, app: TelegramApp) -> None:
        if isinstance(app.persistence, StateStore) and app.persistence.unanswered is not None:
            await app.persistence.unanswered.settle()  # before the bot's connections close

    def _on_sighup(self, app: TelegramApp) -> None:
        if self.signals.stopping:
            log.info("SIGHUP ignored: the bot is stopping")
            return
        log.info("SIGHUP: reloading the corpus")
        self._reload(app)

    def _reload(self, app: TelegramApp) -> None:
        task = asyncio.create_task(self.admin.reload_on_signal(app))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def post_shutdown(self, app: TelegramApp) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        self.signals.catch_hangup()


def build_application(
    settings: Settings,
    library: Library,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    retry: RetryPolicy | None = None,
    signals: ProcessSignals | None = None,
) -> TelegramApp:
    """The bot as ``fangtan telegram`` runs it.

    ``rate_limiter`` replaces the AIORateLimiter that keeps to Telegram's
    limits; only a benchmark against a local stand-in server wants that.
    ``retry`` replaces the delivery retry policy (tests shorten its waits).
    ``signals`` carries a SIGHUP recorded before the bot was ready.
    """
    assert settings.telegram_token is not None
    # Whoever builds the bot gets the token kept out of logs, not only the CLI.
    install_redaction([settings.telegram_token.get_secret_value()])
    stats = Stats()
    admin = AdminHandlers(library, stats, settings.admin_ids)
    lifecycle = Lifecycle(settings, admin, signals)
    # With a state file, updates unanswered at a stop are kept there for the next start.
    unanswered = Unanswered() if settings.state_file is not None else None
    limiter = DeliveryLimiter(
        rate_limiter or AIORateLimiter(max_retries=RATE_LIMIT_RETRIES),
        stats,
        retry or RetryPolicy(bound=settings.delivery_bound),
    )
    lifecycle.signals.keeping = unanswered is not None
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .get_updates_request(UpdateSievingRequest())
        .post_init(lifecycle.post_init)
        .post_stop(lifecycle.post_stop)
        .post_shutdown(lifecycle.post_shutdown)
    )
    if unanswered is None:
        builder = builder.rate_limiter(limiter).concurrent_updates(CONCURRENT_UPDATES)
    else:
        builder = (
            builder.rate_limiter(TrackedLimiter(limiter, unanswered))
            .concurrent_updates(TrackedProcessor(CONCURRENT_UPDATES, unanswered))
            .update_queue(TrackedQueue(unanswered))
        )
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    if settings.state_file is not None:
        builder = builder.persistence(
            StateStore(
                settings.state_file,
                Codec(STORED_TYPES),
                ttl=settings.state_ttl_days * 86400,
                update_interval=PERSIST_EVERY,
                unanswered=unanswered,
            )
        )
    app = builder.build()
    limiter.keep_trying_while(lambda: app.running)
    # Admins may always talk to the bot privately, even when not on the list.
    allowed = settings.allowed_chat_ids | settings.admin_ids if settings.allowed_chat_ids else ()
    replies = Replies(library, stats)
    messages = Messages(replies)
    gate = Gate(
        replies,
        group_text=messages.group_text,
        allow=AllowList(allowed),
        limiter=RateLimiter(settings.rate_limit, settings.rate_window),
        admin_ids=settings.admin_ids,
    )
    register(app, gate, Commands(library, replies), messages, Buttons(library, replies))
    app.add_handler(InlineQueryHandler(InlineQueries(library).answer))
    admin.register(app)
    app.add_error_handler(on_error)
    return app


def register(
    app: TelegramApp, gate: Gate, commands: Commands, messages: Messages, buttons: Buttons
) -> None:
    """Which update goes to which handler; the gate runs first and may stop any of them."""
    app.add_handler(TypeHandler(Update, gate.check), group=-1)
    new_messages = filters.UpdateType.MESSAGE
    for name, callback in (
        ("start", commands.start),
        ("help", commands.help),
        ("ask", commands.ask),
        ("who", commands.who),
        ("speakers", commands.speakers),
        ("speaker", commands.speaker),
    ):
        app.add_handler(CommandHandler(name, callback, filters=new_messages))
    text = new_messages & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, messages.private_text))
    app.add_handler(MessageHandler(text & filters.ChatType.GROUPS, messages.group_text))
    app.add_handler(
        MessageHandler(
            new_messages & filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            messages.not_text,
        )
    )
    app.add_handler(CallbackQueryHandler(buttons.press))


def _commands(names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, tg_texts.TG_COMMANDS[name]) for name in names]


async def set_up_bot_profile(app: TelegramApp) -> None:
    """Command menus (one for private chats, one for groups) and descriptions.

    A failure here (an old Bot API server, a transient error) is logged and
    the bot starts anyway: menus are a convenience, answers are the job.
    """
    bot = app.bot
    try:
        await bot.set_my_commands(
            _commands(PRIVATE_COMMANDS), scope=BotCommandScopeAllPrivateChats()
        )
        await bot.set_my_commands(_commands(GROUP_COMMANDS), scope=BotCommandScopeAllGroupChats())
        await bot.set_my_description(tg_texts.TG_DESCRIPTION)
        await bot.set_my_short_description(tg_texts.TG_SHORT_DESCRIPTION)
    except TelegramError as exc:
        log.warning("could not set the bot's menus and descriptions: %s", exc)
