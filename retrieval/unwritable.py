"""Cache files written atomically, and one warning per cache folder that cannot be written.

Every cache fangtan keeps (the index, the per-file entries, jieba's
dictionary and its word table) is a speed-up only: a crash mid-write must
leave the old file or none, never half of one, and a folder that refuses
must cost nothing but the speed-up. The index cache and jieba's dictionary
cache share a folder; when it is read-only all of them fail, and the person
running fangtan needs to hear it once, in one line, not once per cache or
per reload.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("fangtan.retrieval.search.cache")

_warned: set[Path] = set()
_lock = threading.Lock()
# The system temp folder is shared: a temporary file there is never a link followed.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def cache_not_written(folder: Path | None, error: OSError) -> None:
    """Report that ``folder`` refused a cache write; later refusals go to DEBUG.

    None is the system temp folder, used when no cache folder was given: told
    at DEBUG alone, as nobody asked for a cache there.
    """
    reason = error.strerror or str(error)
    if folder is None:
        log.debug("the system temp folder cannot be written (%s); no cache there", reason)
        return
    with _lock:
        first = folder not in _warned
        _warned.add(folder)
    if first:
        log.warning(
            "cannot write the cache folder %s (%s); running without the cache", folder, reason
        )
    else:
        log.debug("cache folder %s still cannot be written (%s)", folder, reason)


def replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Make ``path`` by ``write(temporary)`` and a rename over it; raise whatever fails.

    The temporary file, ``.<stem>.<pid>.tmp<suffix>`` beside ``path`` (the
    index cache prunes crashed writes by that name), is opened before
    ``write`` runs, so a folder that refuses costs no work; if anything
    fails it is removed.
    """
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o666))
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def write_cache(path: Path, write: Callable[[Path], object], folder: Path | None) -> bool:
    """``replace_atomically``, where a folder that refuses only costs the speed-up.

    The refusal is told once for ``folder``, the cache folder (see
    ``cache_not_written``); False if ``path`` was not written.
    """
    try:
        replace_atomically(path, write)
    except OSError as exc:
        cache_not_written(folder, exc)
        return False
    return True
