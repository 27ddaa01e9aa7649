"""The heap a large load freed goes back to the system; small loads skip it."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from fangtan.retrieval import heap


def _anon_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    raise AssertionError("no RssAnon")


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_freed_heap_is_returned_after_a_large_load() -> None:
    assert heap._malloc_trim() is not None
    # Many blocks from glibc's heap (too big for Python's own allocator), then all but
    # a few freed: the few keep the heap from shrinking by itself.
    made = [bytearray(2000) for _ in range(20_000)]
    kept = made[::1000]
    del made
    before = _anon_kib()
    assert heap.release_free_heap(heap.TRIM_FROM)
    assert _anon_kib() < before - 1024
    assert kept


def test_small_loads_are_not_trimmed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(heap, "_malloc_trim", lambda: calls.append)
    assert not heap.release_free_heap(heap.TRIM_FROM - 1) and calls == []
    assert heap.release_free_heap(heap.TRIM_FROM) and calls == [0]
