"""PTB's records that would carry data are dropped or cut to their line, once per logger."""

from __future__ import annotations

import logging

from fangtan.bot.telegram.ptb_records import PtbRecords, filter_ptb

SECRET = "一位用户的私信"


def record(msg: str, *args: object, error: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(error), error, None) if error else None
    return logging.LogRecord("telegram.test", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_records_are_dropped_or_kept_without_their_data() -> None:
    dropping = PtbRecords(("Can not load",), keep_line=False)
    keeping = PtbRecords(("Error while parsing updates",), keep_line=True)
    assert not dropping.filter(record("Can not load invalid JSON data: %r", SECRET))
    assert dropping.filter(record("Something else: %r", SECRET))

    kept = record("Error while parsing updates: %r", SECRET, error=KeyError("date"))
    assert keeping.filter(kept)
    assert kept.getMessage() == "Error while parsing updates (KeyError)"
    assert kept.exc_info is None and SECRET not in kept.getMessage()
    other = record("Unrelated: %s", SECRET)
    assert keeping.filter(other) and SECRET in other.getMessage()


def test_a_logger_is_filtered_once_however_often_it_is_asked() -> None:
    name = "telegram.test.filter_once"
    for _ in range(3):
        filter_ptb({name: ("Error while parsing",)}, keep_line=True)
    assert len(logging.getLogger(name).filters) == 1
