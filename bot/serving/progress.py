"""Progress of a long index build: a bar on a terminal, log lines otherwise.

Small corpora build in well under a second, so nothing is shown for them. The
bar is tqdm's, which adds the rate and the time left to what a hand-drawn bar
showed; on a log (no terminal) a line every tenth reads better than a bar.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from tqdm.std import tqdm

from fangtan.bot.texts import serving as serving_texts

log = logging.getLogger(__name__)

SHOW_FROM = 5000  # chunks; below this the build is too quick to need a bar
REDRAW_SECONDS = 0.2


class Progress:
    """Called with the number of chunks done so far, from 1 up to ``total``."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.active = total >= SHOW_FROM
        self._bar: tqdm[NoReturn] | None = None  # no iterable: counted by hand
        self._last_tenth = 0
        self._started = time.monotonic()

    def __call__(self, done: int) -> None:
        if not self.active:
            return
        if self.terminal:
            self._draw(done)
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

    def _draw(self, done: int) -> None:
        bar = self._bar
        if bar is None:
            from tqdm.std import tqdm  # imported by the first bar, not by every start

            bar = tqdm(
                total=self.total,
                file=self.stream,
                ascii=True,
                unit=serving_texts.PROGRESS_UNIT,
                bar_format=serving_texts.PROGRESS_BAR,
                mininterval=REDRAW_SECONDS,
                dynamic_ncols=False,
            )
            self._bar = bar
        if done > bar.n:
            bar.update(done - bar.n)
        if done >= self.total:
            bar.close()
