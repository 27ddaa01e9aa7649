"""Progress of long index builds: a bar on a terminal, log lines otherwise, nothing when quick."""

from __future__ import annotations

import io
import logging

import pytest

from fangtan.bot.serving.progress import SHOW_FROM, Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_gets_a_bar_ending_in_a_newline() -> None:
    screen = Terminal()
    progress = Progress(SHOW_FROM, screen)
    for done in range(1, SHOW_FROM + 1):
        progress(done)
    text = screen.getvalue()
    assert text.startswith("\r") and text.endswith("\n")
    assert f"{SHOW_FROM}/{SHOW_FROM}" in text and "#" * 30 in text
    final = text.rsplit("\r", 1)[-1]
    assert "段/s]" in final and "<00:00" in final  # the rate, and no time left


def test_without_a_terminal_it_logs_every_tenth(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="fangtan.bot.serving.progress"):
        progress = Progress(SHOW_FROM * 2, io.StringIO())
        for done in range(1, SHOW_FROM * 2 + 1):
            progress(done)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 10
    assert lines[-1].startswith(f"indexing: {SHOW_FROM * 2}/{SHOW_FROM * 2} paragraphs (100%")


def test_small_builds_show_nothing(caplog: pytest.LogCaptureFixture) -> None:
    screen = Terminal()
    with caplog.at_level(logging.INFO):
        progress = Progress(100, screen)
        for done in range(1, 101):
            progress(done)
    assert screen.getvalue() == "" and not caplog.records
