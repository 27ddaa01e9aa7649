"""Patterns that match where a clause starts, found by scanning for the stops.

Readers of names look for one "where a clause starts": at the text's start, or
after a stop (``(?:^|(?<=[，。…]))某某说``). Python's regular expressions try
such a pattern at every character of a line, and its look-behind fails at
nearly all of them; a pattern that starts with a class of characters is
skipped along to them instead. ``AtClauseStarts`` tries the pattern's body at
the start and after each stop, found that way, and keeps the matches as a
scan from left to right keeps them: each at or after the end of the last. So
its matches are those of the pattern it stands for, as they would be found,
for every text (tests/retrieval/reading/test_clause_starts.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property


class AtClauseStarts:
    """``(?:^|(?<=[{stops}])){body}``, searched for as ``finditer`` searches it; for a
    body that never matches empty text, or only ever does (look-arounds alone)."""

    def __init__(self, stops: str, body: str) -> None:
        self._stops, self._body = stops, body

    # Compiled on first use: the readers' modules are imported to answer questions too,
    # which never scan for these.
    @cached_property
    def body(self) -> re.Pattern[str]:
        return re.compile(self._body)

    @cached_property
    def _after_stop(self) -> re.Pattern[str]:
        """A stop, and the body matching right after it (looked ahead to, so that every
        stop is tried, those inside a match kept too)."""
        return re.compile(f"[{self._stops}](?=(?:{self._body}))")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The look-behind pattern this stands for."""
        return re.compile(f"(?:^|(?<=[{self._stops}]))(?:{self._body})")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        first = self.body.match(text)
        end = -1
        if first is not None:
            yield first
            end = first.end()
        for stop in self._after_stop.finditer(text):
            at = stop.end()
            if at < end:
                continue  # a stop inside the last match: the scan went on after it
            match = self.body.match(text, at)
            if match is not None:  # always: the look-ahead matched it there
                yield match
                end = match.end()
