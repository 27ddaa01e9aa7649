"""Archives used in place: what np.load reads, aligned, and refused when damaged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from fangtan.retrieval.search.archive import ALIGN, Archive, write_archive

ARRAYS = {
    "key": np.frombuffer(b"abc", dtype=np.uint8),
    "docs": np.arange(1000, dtype=np.int32),
    "offsets": np.array([0, 3, 7], dtype=np.int64),
    "small": np.array([1, 2, 255], dtype=np.uint8),
    "grid": np.arange(12, dtype=np.float64).reshape(3, 4),
    "empty": np.empty(0, dtype=np.int32),
}


def test_arrays_come_back_aligned_and_np_load_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "a.npz"
    write_archive(path, ARRAYS)
    archive = Archive(path)
    assert sorted(archive) == sorted(ARRAYS)
    with np.load(path, allow_pickle=False) as plain:
        for name, expected in ARRAYS.items():
            mapped = archive[name]
            np.testing.assert_array_equal(mapped, expected)
            np.testing.assert_array_equal(plain[name], expected)
            assert mapped.dtype == expected.dtype and mapped.shape == expected.shape
            assert not mapped.flags.writeable
            if mapped.size:
                assert mapped.ctypes.data % ALIGN == 0


def test_a_damaged_array_is_refused_the_others_still_read(tmp_path: Path) -> None:
    path = tmp_path / "a.npz"
    write_archive(path, ARRAYS)
    data = bytearray(path.read_bytes())
    at = data.index(np.arange(1000, dtype=np.int32).tobytes()[400:480])
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    archive = Archive(path)
    with pytest.raises(ValueError, match="CRC"):
        archive["docs"]
    np.testing.assert_array_equal(archive["offsets"], ARRAYS["offsets"])


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04" + bytes(100)])
def test_what_is_no_archive_raises(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.npz"
    path.write_bytes(content)
    with pytest.raises((ValueError, zipfile.BadZipFile)):
        Archive(path)


def test_an_archive_np_savez_wrote_reads_too(tmp_path: Path) -> None:
    path = tmp_path / "a.npz"
    np.savez(path, **ARRAYS)
    archive = Archive(path)
    for name, expected in ARRAYS.items():
        np.testing.assert_array_equal(archive[name], expected)
        assert archive[name].flags.aligned


def test_objects_are_refused_both_ways(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_archive(tmp_path / "a.npz", {"objects": np.array([{}, []], dtype=object)})
    np.savez(tmp_path / "b.npz", objects=np.array([{}, []], dtype=object))
    with pytest.raises(ValueError):
        Archive(tmp_path / "b.npz")["objects"]
