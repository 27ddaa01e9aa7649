"""SIGHUP, SIGTERM and SIGINT over the whole life of ``fangtan telegram``.

SIGHUP asks for a reload. Its default action ends the process, so it is
caught before anything slow happens (loading the corpus) and only recorded
until the bot is ready to reload; after that the event loop handles it.

SIGTERM and SIGINT stop the bot as PTB's own handlers would (SystemExit in
the loop, then PTB's stop and shutdown), but against a clock: PTB's stop
waits for every update already fetched, and under load, with Telegram's
30 messages/s, those can take minutes. After :data:`DRAIN_SECONDS` the
updates still waiting are cancelled: kept for the next start when there is a
state store (``keeping``, see :mod:`fangtan.bot.serving.unanswered`), otherwise
dropped, and then only counted in the log. After
:data:`EXIT_SECONDS` the process exits whatever is still running, so a
supervisor's stop timeout (10 s for Docker) never has to kill it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
import time
import warnings
from types import FrameType

log = logging.getLogger(__name__)

DRAIN_SECONDS = 5.0
EXIT_SECONDS = 9.0
# How PTB names the task answering one update when updates run concurrently.
UPDATE_TASK_SUFFIX = ":process_concurrent_update"


class ProcessSignals:
    def __init__(
        self, drain_seconds: float = DRAIN_SECONDS, exit_seconds: float = EXIT_SECONDS
    ) -> None:
        self.drain_seconds = drain_seconds
        self.exit_seconds = exit_seconds
        self.stopping = False
        # Whether cancelled updates are kept for the next start (a state store) or dropped.
        self.keeping = False
        self._hangup = False

    # ------------------------------------------------------------------ SIGHUP

    def catch_hangup(self) -> None:
        """Record SIGHUP instead of dying of it (main thread only; elsewhere a no-op)."""
        with contextlib.suppress(ValueError, AttributeError, OSError):
            signal.signal(signal.SIGHUP, self._record_hangup)

    def _record_hangup(self, signum: int, frame: FrameType | None) -> None:
        self._hangup = True

    def take_hangup(self) -> bool:
        """Whether a SIGHUP arrived since the last call."""
        pending, self._hangup = self._hangup, False
        return pending

    # -------------------------------------------------------- SIGTERM, SIGINT

    def catch_stop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Handle the stop signals on ``loop`` (run PTB's run_* with ``stop_signals=None``)."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._stop, sig, loop)

    def _stop(self, sig: int, loop: asyncio.AbstractEventLoop) -> None:
        if self.begin_stop(sig, loop):
            raise SystemExit  # what PTB's own handler does: run_polling stops and shuts down

    def begin_stop(self, sig: int, loop: asyncio.AbstractEventLoop) -> bool:
        """Start a stop's clocks (drain, then exit); False if a stop is already under way.

        The webhook server stops its own loop and calls this for the clocks alone.
        """
        if self.stopping:
            log.info("%s: already stopping", signal.Signals(sig).name)
            return False
        self.stopping = True
        log.info("%s: stopping", signal.Signals(sig).name)
        loop.call_later(
            self.drain_seconds, abandon_pending_updates, self.drain_seconds, self.keeping
        )
        threading.Thread(target=self._exit_later, name="fangtan-stop-clock", daemon=True).start()
        return True

    def _exit_later(self) -> None:
        time.sleep(self.exit_seconds)
        log.error("stopping took longer than %.0f s; exiting now", self.exit_seconds)
        for handler in logging.getLogger().handlers:
            with contextlib.suppress(Exception):
                handler.flush()
        os._exit(1)


def abandon_pending_updates(waited: float, keeping: bool = False) -> int:
    """Cancel the updates still being answered; how many there were."""
    tasks = [
        task
        for task in asyncio.all_tasks()
        if task.get_name().endswith(UPDATE_TASK_SUFFIX) and not task.done()
    ]
    # Updates cancelled before they started leave coroutines never awaited; that is the point.
    warnings.filterwarnings("ignore", "coroutine .* was never awaited", RuntimeWarning)
    for task in tasks:
        task.cancel()
    if tasks and keeping:
        log.info("stopping: cancelled %d updates still unanswered after %.0f s", len(tasks), waited)
    elif tasks:
        log.warning(
            "stopping: %d updates still unanswered after %.0f s are dropped", len(tasks), waited
        )
    return len(tasks)
