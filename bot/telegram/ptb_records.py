"""Filters on PTB's own log records that would carry people's messages or a server's body.

PTB logs some failures with the data that caused them: an update it could not parse, a
response that was not JSON. fangtan reports each such failure in a line of its own, so
PTB's record is either dropped or kept as its first words and the error's type.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping


class PtbRecords(logging.Filter):
    """Records whose message starts with one of ``prefixes``: dropped, or with
    ``keep_line`` kept as that prefix and the error's type, without arguments or
    traceback."""

    def __init__(self, prefixes: tuple[str, ...], *, keep_line: bool) -> None:
        super().__init__()
        self.prefixes = prefixes
        self.keep_line = keep_line

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str):
            return True
        prefix = next((p for p in self.prefixes if record.msg.startswith(p)), None)
        if prefix is None:
            return True
        if not self.keep_line:
            return False
        error = record.exc_info[1] if record.exc_info else None
        record.msg = prefix + " (%s)"
        record.args = (type(error).__name__ if error else "unknown",)
        record.exc_info = None
        record.exc_text = None
        return True


def filter_ptb(prefixes_by_logger: Mapping[str, tuple[str, ...]], *, keep_line: bool) -> None:
    """Filter each named logger's records with ``prefixes``: once, however many
    applications a process builds."""
    for name, prefixes in prefixes_by_logger.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, PtbRecords) and f.prefixes == prefixes for f in logger.filters):
            logger.addFilter(PtbRecords(prefixes, keep_line=keep_line))
