"""A file the running bot touches, so a container healthcheck can see it is alive.

Polling bots listen on no port, so "is it up" cannot be asked over HTTP; a
stalled event loop stops touching the file, which is what should count as
unhealthy.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from pathlib import Path

from fangtan.bot.texts import serving as serving_texts

log = logging.getLogger(__name__)

INTERVAL = 30.0  # seconds between touches
STALE_AFTER = 90.0  # older than this, the bot is considered dead


def touch(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError as exc:
        log.warning("could not touch the heartbeat file %s: %s", path, exc)


async def beat(path: Path, interval: float = INTERVAL) -> None:
    """Touch ``path`` every ``interval`` seconds until cancelled."""
    while True:
        touch(path)
        await asyncio.sleep(interval)


def check_heartbeat(path: Path | None, now: float | None = None) -> tuple[bool, str]:
    if path is None:
        return False, serving_texts.HEALTH_NO_FILE
    with contextlib.suppress(OSError):
        age = (now if now is not None else time.time()) - path.stat().st_mtime
        if age <= STALE_AFTER:
            return True, serving_texts.HEALTH_OK.format(seconds=age)
        return False, serving_texts.HEALTH_STALE.format(seconds=age)
    return False, serving_texts.HEALTH_MISSING.format(path=path)
