"""Progress of a long index build: a bar on a terminal, log lines otherwise.

Small corpora build in well under a second, so nothing is shown for them.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

from fangtan.bot import texts

log = logging.getLogger(__name__)

SHOW_FROM = 5000  # chunks; below this the build is too quick to need a bar
BAR_WIDTH = 30
REDRAW_SECONDS = 0.2


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.active = total >= SHOW_FROM
        self._last_draw = 0.0
        self._last_tenth = 0
        self._started = time.monotonic()

    def __call__(self, done: int) -> None:
        if not self.active:
            return
        if self.terminal:
            now = time.monotonic()
            if done < self.total and now - self._last_draw < REDRAW_SECONDS:
                return
            self._last_draw = now
            filled = BAR_WIDTH * done // self.total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            end = "\n" if done >= self.total else ""
            self.stream.write(
                "\r" + texts.PROGRESS_BAR.format(bar=bar, done=done, total=self.total) + end
            )
            self.stream.flush()
            return
        tenth = 10 * done // self.total
        if tenth > self._last_tenth:
            self._last_tenth = tenth
            log.info(
                "indexing: %d/%d paragraphs (%d%%, %.0f s)",
                done,
                self.total,
                tenth * 10,
                time.monotonic() - self._started,
            )
