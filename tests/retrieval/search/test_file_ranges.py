"""Postings read from the cache file a range at a time: the same items as the array."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from fangtan.retrieval.search.archive import Archive, write_archive
from fangtan.retrieval.search.file_ranges import FileRanges

DOCS = np.arange(0, 30_000, 3, dtype=np.int32)
TFS = (np.arange(len(DOCS)) % 7 + 1).astype(np.uint8)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    path = tmp_path / "index.npz"
    write_archive(path, {"key": np.frombuffer(b"k", np.uint8), "docs": DOCS, "tfs": TFS})
    return Archive(path)


@pytest.mark.parametrize("name, expected", [("docs", DOCS), ("tfs", TFS)])
def test_every_range_reads_what_the_array_holds(
    archive: Archive, name: str, expected: np.ndarray
) -> None:
    ranges = archive.ranges(name)
    assert len(ranges) == len(expected) and ranges.dtype == expected.dtype
    rng = np.random.default_rng(3)
    for start, stop in [(0, len(expected)), (0, 1), (len(expected) - 1, len(expected))] + [
        tuple(sorted(rng.integers(0, len(expected), 2))) for _ in range(50)
    ]:
        got = ranges[start:stop]
        np.testing.assert_array_equal(got, expected[start:stop])
        assert got.dtype == expected.dtype and not got.flags.writeable
    np.testing.assert_array_equal(ranges[:0], expected[:0])
    np.testing.assert_array_equal(ranges[-5:], expected[-5:])
    np.testing.assert_array_equal(ranges[10:3], expected[10:3])


def test_only_contiguous_ranges_are_read(archive: Archive) -> None:
    with pytest.raises(ValueError, match="contiguous"):
        archive.ranges("docs")[::2]


def test_a_damaged_array_is_refused_before_it_is_read_by_range(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    write_archive(path, {"docs": DOCS})
    data = bytearray(path.read_bytes())
    data[data.index(DOCS[100:120].tobytes())] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="CRC"):
        Archive(path).ranges("docs")


def test_a_file_replaced_while_serving_is_read_as_it_was(tmp_path: Path) -> None:
    """A rebuild renames a new cache over the old; the open file still reads the old."""
    path = tmp_path / "index.npz"
    write_archive(path, {"docs": DOCS})
    ranges = Archive(path).ranges("docs")
    newer = tmp_path / "newer.npz"
    write_archive(newer, {"docs": DOCS[::-1].copy()})
    os.replace(newer, path)
    np.testing.assert_array_equal(ranges[5:500], DOCS[5:500])


def test_a_file_cut_short_under_it_says_so(tmp_path: Path) -> None:
    path = tmp_path / "docs.bin"
    path.write_bytes(DOCS.tobytes())
    ranges = FileRanges(os.open(path, os.O_RDONLY), 0, DOCS.dtype, len(DOCS), str(path))
    os.truncate(path, 400)
    np.testing.assert_array_equal(ranges[0:100], DOCS[:100])
    with pytest.raises(OSError, match="shorter"):
        ranges[50:200]


def test_the_file_is_closed_with_its_reader(tmp_path: Path) -> None:
    path = tmp_path / "docs.bin"
    path.write_bytes(DOCS.tobytes())
    ranges = FileRanges(os.open(path, os.O_RDONLY), 0, DOCS.dtype, len(DOCS), str(path))
    closing = ranges.close
    assert closing.alive
    del ranges
    assert not closing.alive


def test_the_file_read_by_range_is_the_one_the_archive_checked(tmp_path: Path) -> None:
    """A cache renamed over the path after it was opened is not the one read from."""
    path = tmp_path / "index.npz"
    write_archive(path, {"docs": DOCS})
    archive = Archive(path)
    newer = tmp_path / "newer.npz"
    write_archive(newer, {"docs": DOCS[::-1].copy()})
    os.replace(newer, path)
    np.testing.assert_array_equal(archive.ranges("docs")[0:100], DOCS[:100])
