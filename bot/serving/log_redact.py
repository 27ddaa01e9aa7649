"""Keeping secrets out of every log line.

httpx logs request URLs, and Telegram URLs contain the bot token; PTB's own
InvalidToken message quotes it too. A filter on the root handlers rewrites
any record that contains a secret, at every level and from every logger.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

REDACTED = "[REDACTED]"
NOISY_LOGGERS = ("httpx", "httpcore")


class RedactingFilter(logging.Filter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        exc_text = ""
        if record.exc_info:
            exc_text = logging.Formatter().formatException(record.exc_info)
        if clean != message or (exc_text and self.redact(exc_text) != exc_text):
            record.msg = clean
            record.args = None
            if exc_text:
                record.exc_text = self.redact(exc_text)
                record.exc_info = None
        return True


def install_redaction(secrets: Iterable[str]) -> RedactingFilter:
    """Attach the filter to every root handler and quiet the URL-logging libraries."""
    redactor = RedactingFilter(secrets)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig()
    for handler in root.handlers:
        known = [f for f in handler.filters if isinstance(f, RedactingFilter)]
        if known:
            # One filter per handler, holding every secret seen so far.
            known[0].secrets.extend(s for s in redactor.secrets if s not in known[0].secrets)
            redactor = known[0]
        else:
            handler.addFilter(redactor)
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:  # unless someone asked for their chatter
            logger.setLevel(logging.WARNING)
    return redactor
