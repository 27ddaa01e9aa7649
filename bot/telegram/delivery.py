"""Getting every reply to its chat: retries around the Bot API's transient failures.

Telegram's front proxy answers 502/503 while a backend restarts, connections drop, a
response can arrive cut or as an HTML page, and flood control (429) can outlast the rate
limiter's own few retries. Each of these loses nothing if the same request is simply sent
again a little later, so every request that delivers something to a user is retried with
bounded exponential backoff (with jitter) until it is sent or clearly undeliverable: Telegram
refused it (any 4xx other than 429: bad HTML, a blocked bot, a vanished chat), or it is older
than its bound. Everything else (menus, ``getMe``, webhook calls) passes straight through.

The retries run inside the rate limiter, so the handler that sent the reply waits for them.
That keeps a handler's messages in order (a page and its buttons cannot overtake the page
before it) and gives PTB the sent ``Message`` it returns. The cost is that a handler waiting
out an outage holds one of the application's concurrent update slots; other chats are served
by the other slots, and when every slot waits, Telegram is unreachable for every chat alike
and later updates wait in PTB's queue, unlost, until it is back.

Retries stop when the application stops: PTB's ``stop()`` waits for every update in hand, so
a reply retrying through an outage would otherwise hold a restart for the whole bound, and
the update it answers is already confirmed to Telegram either way.

Delivery is at least once: a send that timed out may have reached Telegram before the
connection failed, and sending it again then shows the user the message twice. That is the
price of never losing a reply silently.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from fangtan.bot.serving.stats import Stats
from fangtan.bot.telegram.ptb_records import filter_ptb

log = logging.getLogger(__name__)

# Requests that carry something to a user; only these are retried.
REPLIES = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})
# Answers to a button press or an inline query: Telegram forgets the query within seconds
# (after which it refuses a late answer with "query is too old") and the user has moved on, so
# they get the policy's short bound instead of minutes.
SHORT_LIVED = frozenset({"answerCallbackQuery", "answerInlineQuery"})
# sendChatAction is not retried: "typing…" shows for five seconds and means nothing later.

# How often a retry's wait looks whether the application is stopping.
STOP_CHECK = 0.25

_HTTP_STATUS = re.compile(r"\((\d{3})\)")
_NOT_MODIFIED = "message is not modified"
_GAVE_UP = "_fangtan_delivery_gave_up"

Result = bool | dict[str, Any] | list[dict[str, Any]]
Request = Callable[..., Coroutine[Any, Any, Result]]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long and how often to try. ``bound`` comes from ``FANGTAN_DELIVERY_BOUND``."""

    bound: float = 600.0  # seconds from the first attempt to giving up
    short_bound: float = 10.0  # the same for answers to button presses and inline queries
    base: float = 0.5  # the first backoff; each further one doubles
    cap: float = 30.0  # no single wait is longer, so a recovered API is noticed soon

    def bound_for(self, method: str) -> float | None:
        """Seconds a request may keep trying, or None when it is not retried at all."""
        if method in REPLIES:
            return self.bound
        if method in SHORT_LIVED:
            return min(self.bound, self.short_bound)
        return None

    def backoff(self, attempt: int) -> float:
        """The wait after failed attempt ``attempt`` (1-based): half fixed, half random, so
        replies that failed together do not all come back at the same instant."""
        ceiling = min(self.cap, self.base * 2.0 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


def transient_reason(exc: TelegramError) -> str | None:
    """Why a failed request may succeed if sent again, in a few words; None when it cannot.

    Only the error's kind and HTTP status are named, never its message: a 5xx message quotes
    the server's body, and that is not for the log.
    """
    if isinstance(exc, RetryAfter):
        return f"429 retry_after={retry_after_seconds(exc):g}s"
    if isinstance(exc, TimedOut):
        return "timed out"
    if isinstance(exc, NetworkError) and type(exc) is NetworkError:
        # BadRequest is a NetworkError too, but a final one; only the plain kind is transient.
        status = _HTTP_STATUS.search(exc.message)
        if status:
            return f"HTTP {status.group(1)}"
        cause = exc.__cause__
        return f"connection: {type(cause).__name__}" if cause else "network error"
    if type(exc) is TelegramError:
        return "malformed response"  # PTB could not read the body as JSON
    return None


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB warns that the int form of retry_after is going
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def gave_up(exc: BaseException) -> bool:
    """Whether the delivery layer already reported this failure as a give-up."""
    return bool(getattr(exc, _GAVE_UP, False))


def refused(exc: BaseException) -> bool:
    """Whether Telegram refused the content itself (so a different message may still get
    through), rather than the chat or the connection."""
    return gave_up(exc) and isinstance(exc, BadRequest)


class DeliveryLimiter(BaseRateLimiter[Any]):
    """PTB's rate limiter with delivery retries around it.

    Every Bot API request passes through ``process_request``, so this is the one place where
    all replies can be retried without touching the handlers. Each attempt goes through the
    inner limiter again, so retries keep to Telegram's rate limits too.
    """

    def __init__(self, inner: BaseRateLimiter[Any], stats: Stats, policy: RetryPolicy) -> None:
        self.inner = inner
        self.stats = stats
        self.policy = policy
        self._serving: Callable[[], bool] = lambda: True
        _quiet_ptb_noise()

    def keep_trying_while(self, serving: Callable[[], bool]) -> None:
        """Retry only while ``serving()`` holds (the application is running)."""
        self._serving = serving

    async def _pause(self, seconds: float) -> bool:
        """Wait ``seconds``, or less if the application stops; whether it still serves."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0 and self._serving():
            await asyncio.sleep(min(left, STOP_CHECK))
        return self._serving()

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def process_request(
        self,
        callback: Request,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> Result:
        bound = self.policy.bound_for(endpoint)
        if bound is None:
            return await self.inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        chat = data.get("chat_id", "-")
        started = time.monotonic()
        attempt = 1
        while True:
            try:
                result = await self.inner.process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except TelegramError as exc:
                await self._wait_or_give_up(exc, endpoint, chat, attempt, started, bound)
                attempt += 1
                continue
            self.stats.delivered += 1
            return result

    async def _wait_or_give_up(
        self,
        exc: TelegramError,
        endpoint: str,
        chat: object,
        attempt: int,
        started: float,
        bound: float,
    ) -> None:
        """Wait before the next attempt, or re-raise ``exc`` when there should be none."""
        if _NOT_MODIFIED in exc.message:
            raise exc  # the message already reads as intended: nothing was lost
        reason = transient_reason(exc)
        elapsed = time.monotonic() - started
        if reason is None:
            self._give_up(exc, endpoint, chat, attempt, elapsed, _refusal(exc))
            raise exc
        wait = self.policy.backoff(attempt)
        if isinstance(exc, RetryAfter):
            wait = max(wait, retry_after_seconds(exc) + random.uniform(0, self.policy.base))
        if elapsed + wait > bound:
            self._give_up(exc, endpoint, chat, attempt, elapsed, f"{reason}, bound reached")
            raise exc
        if not self._serving():
            self._give_up(exc, endpoint, chat, attempt, elapsed, f"{reason}, stopping")
            raise exc
        self.stats.retried += 1
        log.info(
            "delivery retry: method=%s chat=%s attempt=%d reason=%s wait=%.2fs",
            endpoint,
            chat,
            attempt,
            reason,
            wait,
        )
        if not await self._pause(wait):
            elapsed = time.monotonic() - started
            self._give_up(exc, endpoint, chat, attempt, elapsed, f"{reason}, stopping")
            raise exc

    def _give_up(
        self,
        exc: TelegramError,
        endpoint: str,
        chat: object,
        attempts: int,
        elapsed: float,
        reason: str,
    ) -> None:
        self.stats.given_up += 1
        setattr(exc, _GAVE_UP, True)
        log.warning(
            "delivery gave up: method=%s chat=%s attempts=%d seconds=%.1f reason=%s",
            endpoint,
            chat,
            attempts,
            elapsed,
            reason,
        )


def _refusal(exc: TelegramError) -> str:
    """A final error in a line: its kind and Telegram's description, which names the problem
    (\"chat not found\", \"can't parse entities\") but never quotes the message."""
    return f"{type(exc).__name__}: {exc.message[:160]}"


def _quiet_ptb_noise() -> None:
    """PTB logs a traceback, with the server's whole body, for every response that is not
    JSON (each 502 from Telegram's proxy), and another when AIORateLimiter runs out of its own
    429 retries. Both failures are retried here and logged as one line each, so those records
    would only bury the line that matters (and could carry a body into the log)."""
    noise = {
        "telegram.request.BaseRequest": ("Can not load invalid JSON data",),
        "telegram.ext.AIORateLimiter": ("Rate limit hit after maximum",),
    }
    filter_ptb(noise, keep_line=False)
