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


def _resident_kib(path: Path) -> int | None:
    """How much of ``path`` this process has mapped in (Linux), None where unknown."""
    smaps = Path("/proc/self/smaps")
    if not smaps.exists():
        return None
    total, inside = 0, False
    for line in smaps.read_text().splitlines():
        fields = line.split()
        if fields and "-" in fields[0] and not fields[0].endswith(":"):
            inside = len(fields) > 5 and fields[5] == str(path)
        elif inside and fields[0] == "Rss:":
            total += int(fields[1])
    return total


def test_released_pages_are_unmapped_and_the_arrays_still_read(tmp_path: Path) -> None:
    path = tmp_path / "big.npz"
    values = np.arange(2_000_000, dtype=np.int32)
    write_archive(path, {"values": values, "small": np.arange(3)})
    archive = Archive(path)
    read = archive["values"]  # its CRC check reads every page
    before = _resident_kib(path)
    archive.release()
    after = _resident_kib(path)
    if before is not None and after is not None:
        assert before >= 7_000  # 8 MB of numbers were read in
        assert after < before // 4
    np.testing.assert_array_equal(read, values)
    np.testing.assert_array_equal(archive["small"], np.arange(3))
