"""Cache files are replaced whole or not at all, and never through a planted link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fangtan.retrieval.unwritable import replace_atomically, write_cache


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    path.write_bytes(b"old")

    def fail(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise ValueError("does not fit")

    with pytest.raises(ValueError):
        replace_atomically(path, fail)
    assert path.read_bytes() == b"old" and list(tmp_path.iterdir()) == [path]
    assert write_cache(path, lambda temporary: temporary.write_bytes(b"new"), tmp_path)
    assert path.read_bytes() == b"new" and list(tmp_path.iterdir()) == [path]


def test_a_link_where_the_temporary_goes_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    path = tmp_path / "jieba.cache"
    (tmp_path / f".jieba.{os.getpid()}.tmp.cache").symlink_to(victim)
    assert not write_cache(path, lambda temporary: temporary.write_bytes(b"x"), None)
    assert victim.read_bytes() == b"keep" and not path.exists()
