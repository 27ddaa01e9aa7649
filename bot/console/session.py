"""The interactive console: the same answers as Telegram, as plain text.

Line editing and history come from ``readline`` where the platform has it.
Follow-ups work because the console keeps the last answer's context. A line
with undecodable bytes is answered with them replaced, after a warning.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from fangtan.bot.console.render import render
from fangtan.bot.console.undecodable import replace_undecodable, stdin_encoding
from fangtan.bot.engine.answer import Context
from fangtan.bot.serving.loading import Loaded
from fangtan.bot.texts import console as console_texts

HISTORY_FILE = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / (
    "fangtan/history"
)


def _enable_history() -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY_FILE)
    readline.set_history_length(1000)

    def save() -> None:
        with contextlib.suppress(OSError):
            HISTORY_FILE.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(HISTORY_FILE)

    import atexit

    atexit.register(save)


def run_console(loaded: Loaded) -> int:
    engine = loaded.engine
    interactive = sys.stdin.isatty()
    if interactive:
        _enable_history()
    print(
        console_texts.CONSOLE_BANNER.format(
            interviews=len(loaded.corpus.speakers()), paragraphs=loaded.corpus.paragraphs
        )
    )
    context: Context | None = None
    while True:
        try:
            line = input(console_texts.CONSOLE_PROMPT if interactive else "")
        except EOFError:
            print()
            print(console_texts.CONSOLE_BYE)
            return 0
        except KeyboardInterrupt:
            print()
            continue
        line, replaced = replace_undecodable(line, stdin_encoding())
        if replaced:
            print(console_texts.WARN_UNDECODABLE_ARG, file=sys.stderr, flush=True)
        line = line.strip()
        if not line:
            continue
        if line.startswith("/"):
            command = line.split()[0].lower()
            if command in ("/quit", "/exit", "/q"):
                print(console_texts.CONSOLE_BYE)
                return 0
            if command == "/help":
                print(console_texts.CONSOLE_HELP)
            elif command == "/speakers":
                print(render(engine.answer_list()))
            else:
                print(console_texts.CONSOLE_UNKNOWN_COMMAND.format(command=command))
            print()
            continue
        if not interactive:
            print(f"{console_texts.CONSOLE_PROMPT}{line}")
        answer = engine.answer(line, context)
        context = answer.context or context
        print(render(answer))
        print(flush=True)
