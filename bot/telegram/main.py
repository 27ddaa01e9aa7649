"""``fangtan telegram``: load the corpus once, then poll or serve a webhook.

PTB's ``run_polling``/``run_webhook`` install SIGINT and SIGTERM handlers
and shut the application down cleanly when either arrives.
"""

from __future__ import annotations

import logging
import secrets
import sys
from pathlib import Path

from telegram import Update
from telegram.error import InvalidToken, TelegramError

from fangtan.bot import texts
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.loading import load_engine
from fangtan.bot.serving.log_redact import install_redaction
from fangtan.bot.settings import Settings
from fangtan.bot.telegram.app import build_application

log = logging.getLogger(__name__)


class _DropRejectedToken(logging.Filter):
    """PTB logs a rejected token with a traceback; we report it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, InvalidToken)


def webhook_secret(settings: Settings) -> str:
    """The configured secret, or a fresh random one: a webhook is never unchecked."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


def run_telegram(settings: Settings, corpus_dir: Path | None) -> int:
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value():
        print(texts.ERR_NO_TOKEN, file=sys.stderr)
        return 2
    token = settings.telegram_token.get_secret_value()
    secret = webhook_secret(settings)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_DropRejectedToken())  # before redaction rewrites the record
    redactor = install_redaction([token, secret])
    library = Library(
        load_engine(corpus_dir, settings.cache_dir, settings.index_cache),
        source=corpus_dir,
        cache_dir=settings.cache_dir,
        use_cache=settings.index_cache,
    )
    app = build_application(settings, library)
    try:
        if settings.webhook_url:
            path = settings.webhook_path.strip("/")
            app.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=path,
                webhook_url=f"{settings.webhook_url.rstrip('/')}/{path}",
                secret_token=secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken as exc:
        print(redactor.redact(f"Telegram: {exc}"), file=sys.stderr)
        return 2
    except TelegramError as exc:
        print(redactor.redact(f"Telegram: {exc}"), file=sys.stderr)
        return 1
    return 0
