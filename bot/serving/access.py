"""Who may ask, and how often: the allow-list and the per-user rate limit.

Pure bookkeeping with an injectable clock, so tests can move time instead
of waiting for it; the Telegram handlers only ask these objects.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # refused, and the user should be told once
    SILENT = "silent"  # refused, already told


@dataclass
class AllowList:
    """Chats (groups) and users (private chats) the bot serves; empty serves all."""

    allowed: Collection[int] = ()
    _refused: set[int] = field(default_factory=set)

    def permits(self, chat_id: int | None, user_id: int | None) -> bool:
        if not self.allowed:
            return True
        if chat_id is not None:
            return chat_id in self.allowed  # a private chat's id is its user's id
        return user_id is not None and user_id in self.allowed  # inline queries

    def first_refusal(self, user_id: int) -> bool:
        """True the first time ``user_id`` is refused: say so once, then stay quiet."""
        if user_id in self._refused:
            return False
        self._refused.add(user_id)
        return True


class RateLimiter:
    """At most ``limit`` replies per user in any ``window`` seconds.

    Every reply a user causes counts — an answer, a page turned, a hint, a
    help text — because each costs a message from the bot's share of
    Telegram's global limit, which every other user waits in. Refused
    updates do not count, so the user is served again as soon as the oldest
    reply leaves the window. The first refusal earns a notice, and no more
    than one notice per window however the refusals fall. ``limit`` 0 turns
    the limit off.

    Why not the ``limits`` library's moving window: its memory storage
    re-scans every user's entries from a new timer thread about every 10 ms
    while requests come, which took a third of a core at 120 checks/s over
    10,000 users (this class: too little to measure), it reads the wall clock
    with no way to inject one, and its windows are whole seconds. Its Redis
    storage is the way to share the count when several replicas serve one
    bot; ``check`` and ``retry_after`` are the seam to swap it in there.
    """

    # Above this many users the bookkeeping of those idle for a window is dropped.
    SWEEP_ABOVE = 10_000

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def check(self, user_id: int) -> Verdict:
        if self.limit <= 0:
            return Verdict.ALLOW
        now = self.clock()
        asked = self._asked.get(user_id)
        if asked is None:
            if len(self._asked) >= self.SWEEP_ABOVE:
                self._sweep(now)
            asked = self._asked[user_id] = deque()
        while asked and now - asked[0] >= self.window:
            asked.popleft()
        if len(asked) < self.limit:
            asked.append(now)
            return Verdict.ALLOW
        warned = self._warned.get(user_id)
        if warned is not None and now - warned < self.window:
            return Verdict.SILENT
        self._warned[user_id] = now
        return Verdict.WARN

    def retry_after(self, user_id: int) -> float:
        """Seconds until ``user_id`` may ask again."""
        asked = self._asked.get(user_id)
        if not asked:
            return 0.0
        return max(0.0, self.window - (self.clock() - asked[0]))

    def _sweep(self, now: float) -> None:
        """Forget users with nothing in the window, so many one-off users cost no memory."""
        for user_id in [u for u, a in self._asked.items() if not a or now - a[-1] >= self.window]:
            del self._asked[user_id]
        for user_id in [u for u, t in self._warned.items() if now - t >= self.window]:
            del self._warned[user_id]
