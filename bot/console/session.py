"""The interactive console: the same answers as Telegram, as plain text.

Line editing and history come from ``readline`` where the platform has it.
Follow-ups work because the console keeps the last answer's context.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from fangtan.bot import texts
from fangtan.bot.engine.answer import Context
from fangtan.bot.serving.loading import Loaded
from fangtan.bot.console.render import render

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
        texts.CONSOLE_BANNER.format(
            interviews=len(loaded.corpus.speakers()), paragraphs=loaded.corpus.paragraphs
        )
    )
    context: Context | None = None
    while True:
        try:
            line = input(texts.CONSOLE_PROMPT if interactive else "")
        except EOFError:
            print()
            print(texts.CONSOLE_BYE)
            return 0
        except KeyboardInterrupt:
            print()
            continue
        line = line.strip()
        if not line:
            continue
        if line.startswith("/"):
            command = line.split()[0].lower()
            if command in ("/quit", "/exit", "/q"):
                print(texts.CONSOLE_BYE)
                return 0
            if command == "/help":
                print(texts.CONSOLE_HELP)
            elif command == "/speakers":
                print(render(engine.answer_list()))
            else:
                print(texts.CONSOLE_UNKNOWN_COMMAND.format(command=command))
            print()
            continue
        if not interactive:
            print(f"{texts.CONSOLE_PROMPT}{line}")
        answer = engine.answer(line, context)
        context = answer.context or context
        print(render(answer))
        print(flush=True)
