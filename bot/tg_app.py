"""Building the Telegram ``Application``: client settings, handlers, menus.

One place wires everything, so a test can build exactly the application that
``fangtan telegram`` runs and point it at a stand-in Bot API server.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults

from bot import texts
from bot.library import Library
from bot.log_redact import install_redaction
from bot.settings import Settings
from bot.tg_errors import on_error
from bot.tg_handlers import TelegramHandlers

log = logging.getLogger(__name__)

PRIVATE_COMMANDS = ("who", "speakers", "speaker", "help")
GROUP_COMMANDS = ("ask", "who", "speakers", "speaker", "help")
# Retries after a 429 (waiting out retry_after) before the update fails.
RATE_LIMIT_RETRIES = 3

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


def build_application(settings: Settings, library: Library) -> TelegramApp:
    assert settings.telegram_token is not None
    # Whoever builds the bot gets the token kept out of logs, not only the CLI.
    install_redaction([settings.telegram_token.get_secret_value()])
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
        .rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .concurrent_updates(True)
        .post_init(set_up_bot_profile)
    )
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    app = builder.build()
    TelegramHandlers(library).register(app)
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
