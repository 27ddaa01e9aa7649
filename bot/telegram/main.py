"""``fangtan telegram``: load the corpus once, then poll or serve a webhook.

Signals are ours from the first line (see :mod:`fangtan.bot.serving.signals`): a
SIGHUP while the corpus loads is remembered and acted on once the bot is
ready, and SIGTERM/SIGINT shut the application down within seconds, saving
conversation state, however many updates are still waiting — in polling and
in our webhook server (:mod:`fangtan.bot.telegram.webhook`) alike.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import sys
from pathlib import Path

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError

from fangtan.bot.serving.library import Library
from fangtan.bot.serving.loading import load_engine
from fangtan.bot.serving.log_redact import install_redaction
from fangtan.bot.serving.signals import ProcessSignals
from fangtan.bot.settings import Settings
from fangtan.bot.telegram.app import build_application
from fangtan.bot.telegram.webhook import WebhookConfig, run_webhook
from fangtan.bot.texts import telegram as tg_texts

log = logging.getLogger(__name__)


# What BotFather hands out: the bot's id, a colon, and letters, digits, - and _.
TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]+")


class _DropRejectedToken(logging.Filter):
    """PTB logs a rejected token, or a start-up that gave up, with a traceback
    before raising it; ``run_telegram`` reports the raised error in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, InvalidToken):
            return False
        gave_up = isinstance(error, TelegramError) and "Aborting" in str(record.msg)
        return not (gave_up and record.name.startswith("telegram"))


def webhook_secret(settings: Settings) -> str:
    """The configured secret, or a fresh random one: a webhook is never unchecked."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


def run_telegram(settings: Settings, corpus_dir: Path | None) -> int:
    signals = ProcessSignals()
    signals.catch_hangup()  # before the corpus loads: a SIGHUP now must not end the process
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value():
        print(tg_texts.ERR_NO_TOKEN, file=sys.stderr)
        return 2
    token = settings.telegram_token.get_secret_value()
    if not TOKEN_RE.fullmatch(token):
        print(tg_texts.ERR_TG_BAD_TOKEN, file=sys.stderr)
        return 2
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
    library.warm_in_background()
    app = build_application(settings, library, signals=signals)
    # PTB's run_* take the loop set here; stop signals are handled by ours, not PTB's: the
    # webhook runner's own (which start the stop clocks through ``on_stop``) or, polling,
    # ``signals.catch_stop``'s.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        if settings.webhook_url:
            path = settings.webhook_path.strip("/")
            hook = WebhookConfig(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                path=path,
                url=f"{settings.webhook_url.rstrip('/')}/{path}",
                secret=secret,
            )
            try:
                run_webhook(
                    app,
                    hook,
                    allowed_updates=Update.ALL_TYPES,
                    loop=loop,
                    on_stop=lambda sig: signals.begin_stop(sig, loop),
                )
            except OSError as exc:  # the address is taken or cannot be bound
                print(
                    tg_texts.ERR_WEBHOOK_LISTEN.format(
                        listen=hook.listen, port=hook.port, error=exc.strerror or exc
                    ),
                    file=sys.stderr,
                )
                return 1
        else:
            signals.catch_stop(loop)
            app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)
    except InvalidToken as exc:
        print(redactor.redact(tg_texts.ERR_TG_REJECTED.format(detail=exc)), file=sys.stderr)
        return 2
    except NetworkError as exc:
        where = settings.telegram_base_url
        message = tg_texts.ERR_TG_UNREACHABLE.format(url=where, detail=exc)
        print(redactor.redact(message), file=sys.stderr)
        return 1
    except TelegramError as exc:
        print(redactor.redact(tg_texts.ERR_TG_FAILED.format(detail=exc)), file=sys.stderr)
        return 1
    return 0
