"""``python -m fangtan.bot`` is the same as the ``fangtan`` command."""

from fangtan.bot.cli import run

run()
