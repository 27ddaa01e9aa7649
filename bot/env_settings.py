"""The four settings a question from the command line needs, read without pydantic.

Importing pydantic-settings costs a one-shot ``fangtan ask`` about a tenth of
its time. When the environment holds nothing but these four ``FANGTAN_*``
settings with plainly valid values, and there is no ``.env`` file, reading
them here gives exactly what ``fangtan.bot.settings.Settings`` would; in
every other case (a ``.env``, another setting, a value pydantic might read
differently or refuse) this returns None and ``Settings`` decides, with its
own messages.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

PREFIX = "fangtan_"
# Defaults shared with ``Settings``, so both readings start from the same values.
DEFAULT_LOG_LEVEL = "INFO"
DEFAULT_INDEX_CACHE = True
# pydantic's spellings of a boolean; anything else is left to pydantic.
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fangtan"


def known_log_level(value: str) -> str | None:
    """The level as logging names it, or None when logging does not know it.

    ``Settings`` refuses what this does not know, so both readings agree.
    """
    level = value.strip().upper()
    return level if level in logging.getLevelNamesMapping() else None


@dataclass(frozen=True)
class QuickSettings:
    """The settings a command-line question needs, read from the environment alone."""

    corpus_dir: Path | None
    log_level: str
    cache_dir: Path
    index_cache: bool


def quick_settings(environ: Mapping[str, str] | None = None) -> QuickSettings | None:
    """The settings, when reading them needs no pydantic; None otherwise."""
    if os.path.lexists(".env"):
        return None
    values = {
        key.lower()[len(PREFIX) :]: value
        for key, value in (os.environ if environ is None else environ).items()
        if key.lower().startswith(PREFIX)
    }
    if not set(values) <= {field.name for field in fields(QuickSettings)}:
        return None
    if any(not value or value != value.strip() for value in values.values()):
        return None
    level = known_log_level(values.get("log_level", DEFAULT_LOG_LEVEL))
    flag = values.get("index_cache")
    if level is None or (flag is not None and flag.lower() not in _TRUE | _FALSE):
        return None
    corpus = values.get("corpus_dir")
    cache = values.get("cache_dir")
    return QuickSettings(
        corpus_dir=Path(corpus) if corpus is not None else None,
        log_level=level,
        cache_dir=Path(cache) if cache is not None else default_cache_dir(),
        index_cache=DEFAULT_INDEX_CACHE if flag is None else flag.lower() in _TRUE,
    )
