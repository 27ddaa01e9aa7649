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
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    Defaults,
    PersistenceInput,
    PicklePersistence,
)

from fangtan.bot import texts
from fangtan.bot.serving.access import AllowList, RateLimiter
from fangtan.bot.serving.heartbeat import beat
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.log_redact import install_redaction
from fangtan.bot.settings import Settings
from fangtan.bot.serving.stats import Stats
from fangtan.bot.telegram.admin import AdminHandlers
from fangtan.bot.telegram.errors import on_error
from fangtan.bot.telegram.handlers import TelegramHandlers

log = logging.getLogger(__name__)

PRIVATE_COMMANDS = ("who", "speakers", "speaker", "help")
GROUP_COMMANDS = ("ask", "who", "speakers", "speaker", "help")
# Retries after a 429 (waiting out retry_after) before the update fails.
RATE_LIMIT_RETRIES = 3
# Updates handled at once. Answers take milliseconds of CPU, so a few in flight
# hide network waits; hundreds (PTB's "True") only make httpx's connection pool
# thrash — measured in bench/telegram_throughput.py.
CONCURRENT_UPDATES = 16
# How often conversation state is written to FANGTAN_STATE_FILE (and at shutdown).
PERSIST_EVERY = 30.0

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class Lifecycle:
    """Start-up and shut-down work: menus, the heartbeat, reloading on SIGHUP."""

    def __init__(self, settings: Settings, admin: AdminHandlers) -> None:
        self.settings = settings
        self.admin = admin
        self._tasks: set[asyncio.Task[None]] = set()

    async def post_init(self, app: TelegramApp) -> None:
        await set_up_bot_profile(app)
        if self.settings.heartbeat_file is not None:
            self._tasks.add(asyncio.create_task(beat(self.settings.heartbeat_file)))
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop.add_signal_handler(signal.SIGHUP, self._on_sighup, app)

    def _on_sighup(self, app: TelegramApp) -> None:
        log.info("SIGHUP: reloading the corpus")
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


def build_application(
    settings: Settings, library: Library, rate_limiter: BaseRateLimiter[Any] | None = None
) -> TelegramApp:
    """The bot as ``fangtan telegram`` runs it.

    ``rate_limiter`` replaces the AIORateLimiter that keeps to Telegram's
    limits; only a benchmark against a local stand-in server wants that.
    """
    assert settings.telegram_token is not None
    # Whoever builds the bot gets the token kept out of logs, not only the CLI.
    install_redaction([settings.telegram_token.get_secret_value()])
    stats = Stats()
    admin = AdminHandlers(library, stats, settings.admin_ids)
    lifecycle = Lifecycle(settings, admin)
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
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(lifecycle.post_init)
        .post_shutdown(lifecycle.post_shutdown)
    )
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    if settings.state_file is not None:
        builder = builder.persistence(
            PicklePersistence(
                filepath=settings.state_file,
                store_data=PersistenceInput(
                    bot_data=False, chat_data=True, user_data=False, callback_data=False
                ),
                update_interval=PERSIST_EVERY,
            )
        )
    app = builder.build()
    # Admins may always talk to the bot privately, even when not on the list.
    allowed = settings.allowed_chat_ids | settings.admin_ids if settings.allowed_chat_ids else ()
    handlers = TelegramHandlers(
        library,
        allow=AllowList(allowed),
        limiter=RateLimiter(settings.rate_limit, settings.rate_window),
        stats=stats,
    )
    handlers.register(app)
    admin.register(app)
    app.add_error_handler(on_error)
    return app


def _commands(names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, texts.TG_COMMANDS[name]) for name in names]


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
        await bot.set_my_description(texts.TG_DESCRIPTION)
        await bot.set_my_short_description(texts.TG_SHORT_DESCRIPTION)
    except TelegramError as exc:
        log.warning("could not set the bot's menus and descriptions: %s", exc)
