"""One warning per cache folder that cannot be written, however many caches try.

The index cache and jieba's dictionary cache share a folder; when it is
read-only both fail, and the person running fangtan needs to hear it once,
in one line, not once per cache or per reload.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

log = logging.getLogger("fangtan.retrieval.search.cache")

_warned: set[Path] = set()
_lock = threading.Lock()


def cache_not_written(folder: Path, error: OSError) -> None:
    """Report that ``folder`` refused a cache write; later refusals go to DEBUG."""
    with _lock:
        first = folder not in _warned
        _warned.add(folder)
    reason = error.strerror or str(error)
    if first:
        log.warning(
            "cannot write the cache folder %s (%s); running without the cache", folder, reason
        )
    else:
        log.debug("cache folder %s still cannot be written (%s)", folder, reason)
