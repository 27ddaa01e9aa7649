"""Counters for /stats: what the bot has answered since it started."""

from __future__ import annotations

import statistics
import time
from collections import deque
from dataclasses import dataclass, field

KEEP_TIMINGS = 10_000  # enough for a stable median without growing forever


@dataclass
class Stats:
    started: float = field(default_factory=time.time)
    answered: int = 0
    unanswered: int = 0
    _timings: deque[float] = field(default_factory=lambda: deque(maxlen=KEEP_TIMINGS))

    def record(self, answered: bool, milliseconds: float) -> None:
        if answered:
            self.answered += 1
        else:
            self.unanswered += 1
        self._timings.append(milliseconds)

    @property
    def median_ms(self) -> float:
        return statistics.median(self._timings) if self._timings else 0.0
