"""Spreading a build's per-file work over the machine's cores.

Reading a file and tokenising it depend on that file alone (tokens also on the
corpus's added words, which every worker is given), and cutting the corpus's
words into their parts on each word alone, so a large build is split across
worker processes, and the results come back in order, each as soon as it is
done: what is built is what one process would build. Small jobs stay in the
calling process, where starting workers would cost more than it saves, and
so does any job whose workers cannot be started.

Workers are forked: they start at once, inherit what the caller has set up
(the tokenizer with the corpus's words) without copying it, and never import
the caller's main script again, as spawned workers would. A process running
other threads does the work itself instead, since a forked child could inherit
a lock one of them holds; a serving process rebuilds from a thread, and its
rebuilds are of the files that changed.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")

# Characters of text below which a job is done in the calling process: about
# 20,000 paragraphs, a few seconds of work against ~0.5 s to start workers.
MIN_WORK = 2_000_000


def cores() -> int:
    """Cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _alone() -> bool:
    """Is this the process's only thread (so that forking it is safe)?"""
    return threading.active_count() == 1


# The job of the spread whose workers are being started: they inherit it as they are
# forked, so it may be any callable (a bound method, a lambda over the corpus), not only
# one that can be sent by name. Cleared as soon as they are started.
_job: Callable[[Any], Any] | None = None


def _run(item: Any) -> Any:
    assert _job is not None, "worker started outside spread_each"
    return _job(item)


def _start_worker() -> None:
    """Every object the worker inherited is put out of the garbage collector's reach
    (``gc.freeze``): its full collections would otherwise walk the caller's whole heap
    (at a million paragraphs, the corpus) again and again, and copy every page they
    touch. Nothing inherited is the worker's to free."""
    gc.freeze()


def spread_each(
    items: Sequence[Item],
    job: Callable[[Item], Result],
    work: int,
    min_work: int | None = None,
) -> Iterator[Result]:
    """``job`` of every item, in this process or in workers: the results in order,
    each as soon as it is done, so that what the caller does with one runs while the
    workers work on the next.

    Workers inherit ``job`` and all it reaches (the corpus, the tokenizer) without
    copying it. ``work`` is the job's size in characters. Workers that break part
    of the way through leave the rest to this process.
    """
    workers = min(cores(), len(items))
    small = work < (MIN_WORK if min_work is None else min_work)
    if workers < 2 or small or not _alone():
        yield from map(job, items)
        return
    log.debug("%d files in %d worker processes", len(items), workers)
    # Imported here: a one-shot question on a small corpus never needs them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            # Stopping early closes map's results, which cancels the jobs not started.
            for result in _mapped(pool, job, items):
                yield result
                done += 1
            return
    except (OSError, BrokenProcessPool, ValueError) as exc:
        log.warning("could not use %d worker processes (%s); working in one", workers, exc)
    yield from map(job, items[done:])


def _mapped(
    pool: Executor, job: Callable[[Item], Result], items: Sequence[Item]
) -> Iterator[Result]:
    """``pool.map`` of ``job``: forked workers all start at the first job sent, and map
    sends every one, so they have inherited ``job`` by the time it returns."""
    global _job
    _job = job
    try:
        return pool.map(_run, items)
    finally:
        _job = None
