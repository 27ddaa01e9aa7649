"""Updates fetched but not answered when the bot stops: kept, then replayed at the next start.

Polling confirms Telegram's offset as soon as updates are fetched, and a
webhook has already said 200, so Telegram never sends them again: an update
cancelled by a stop (see :mod:`fangtan.bot.serving.signals`) or still waiting in the
queue would be a question nobody answers. :class:`Unanswered` follows every
update from the moment it enters ``application.update_queue`` until its
first reply has gone out (or its handling ended without one); whatever is
left at shutdown goes to the state store as Telegram's JSON and comes back
through the queue at the next start (:func:`replay`).

An update counts as answered once any request other than a chat action
succeeded while handling it. That request is shielded from the stop's
cancellation and awaited for a moment (:data:`SETTLE_SECONDS`) before the
leftovers are taken, so a reply that was on the wire is known to have
arrived and its question is not asked twice.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseRateLimiter, SimpleUpdateProcessor

log = logging.getLogger(__name__)

# Requests that are not a reply: "typing…" says nothing to the person who asked.
NOT_A_REPLY = frozenset({"sendChatAction"})
# How long the stop waits for replies already on the wire before taking what is unanswered.
SETTLE_SECONDS = 0.5

_HANDLING: ContextVar[Update | None] = ContextVar("fangtan_handling_update", default=None)

Sent = bool | dict[str, Any] | list[dict[str, Any]]


class Unanswered:
    """The updates received and not yet answered, by update_id."""

    def __init__(self) -> None:
        self._waiting: dict[int, Update] = {}
        self._sending: set[asyncio.Future[Sent]] = set()

    def received(self, update: object) -> None:
        if isinstance(update, Update):
            self._waiting[update.update_id] = update

    def answered(self, update: object) -> None:
        if isinstance(update, Update):
            self._waiting.pop(update.update_id, None)

    def sending(self, request: asyncio.Future[Sent], update: Update) -> None:
        self._sending.add(request)

        def done(request: asyncio.Future[Sent]) -> None:
            self._sending.discard(request)
            if not request.cancelled() and request.exception() is None:
                self.answered(update)

        request.add_done_callback(done)

    async def settle(self, timeout: float = SETTLE_SECONDS) -> None:
        """Wait (a little) for replies already on their way; see the module docstring."""
        if self._sending:
            await asyncio.wait(set(self._sending), timeout=timeout)

    def leftovers(self) -> list[Update]:
        """What was received and never answered, oldest first."""
        return [self._waiting[key] for key in sorted(self._waiting)]


class TrackedQueue(asyncio.Queue[object]):
    """``application.update_queue`` that tells :class:`Unanswered` of every update put in it."""

    def __init__(self, unanswered: Unanswered) -> None:
        super().__init__()
        self._unanswered = unanswered

    def put_nowait(self, item: object) -> None:  # Queue.put ends here too
        self._unanswered.received(item)
        super().put_nowait(item)


class TrackedProcessor(SimpleUpdateProcessor):
    """Marks an update answered when its handling ends in any way but cancellation."""

    __slots__ = ("_unanswered",)

    def __init__(self, max_concurrent_updates: int, unanswered: Unanswered) -> None:
        super().__init__(max_concurrent_updates)
        self._unanswered = unanswered

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        _HANDLING.set(update if isinstance(update, Update) else None)  # this task's context only
        try:
            await coroutine
        except asyncio.CancelledError:
            raise
        except BaseException:
            self._unanswered.answered(update)
            raise
        self._unanswered.answered(update)


class TrackedLimiter(BaseRateLimiter[Any]):
    """Wraps the real rate limiter; a reply that went out marks its update answered."""

    def __init__(self, inner: BaseRateLimiter[Any], unanswered: Unanswered) -> None:
        self._inner = inner
        self._unanswered = unanswered

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Sent]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> Sent:
        update = _HANDLING.get()
        if update is None or endpoint in NOT_A_REPLY:
            return await self._inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        async def send(*a: Any, **kw: Any) -> Sent:
            request = asyncio.ensure_future(callback(*a, **kw))
            self._unanswered.sending(request, update)
            return await asyncio.shield(request)

        return await self._inner.process_request(
            send, args, kwargs, endpoint, data, rate_limit_args
        )


async def replay(app: Application[Any, Any, Any, Any, Any, Any], kept: list[str]) -> int:
    """Put the updates kept at the last stop (Telegram's JSON, oldest first) in the queue."""
    if not kept:
        return 0
    log.info("replaying %d updates kept at the last stop", len(kept))
    replayed = 0
    for text in kept:
        try:
            update = Update.de_json(json.loads(text), app.bot)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            # The question's text stays out of the log, as everywhere else.
            log.warning("dropped a kept update that no longer reads (%s)", type(exc).__name__)
            continue
        await app.update_queue.put(update)
        replayed += 1
    return replayed
