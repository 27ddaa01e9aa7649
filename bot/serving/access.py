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
    """At most ``limit`` questions per user in any ``window`` seconds.

    The first refused question in a window earns a message; the rest are
    ignored until the oldest question leaves the window. ``limit`` 0 turns
    the limit off.
    """

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, user_id: int) -> Verdict:
        if self.limit <= 0:
            return Verdict.ALLOW
        now = self.clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= self.window:
            asked.popleft()
        if len(asked) < self.limit:
            asked.append(now)
            self._warned.discard(user_id)
            return Verdict.ALLOW
        if user_id in self._warned:
            return Verdict.SILENT
        self._warned.add(user_id)
        return Verdict.WARN

    def retry_after(self, user_id: int) -> float:
        """Seconds until ``user_id`` may ask again."""
        asked = self._asked.get(user_id)
        if not asked:
            return 0.0
        return max(0.0, self.window - (self.clock() - asked[0]))
