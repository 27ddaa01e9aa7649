"""Numpy archives whose arrays are used in place from a memory map.

``np.load`` copies every array of an archive into fresh memory; at a hundred
thousand paragraphs that copy was a good part of a restart, and a question
reads only the postings of its own words. The archives written here are
ordinary uncompressed ``.npz`` files (``np.load`` reads them as well) with
each array's data at a 64-byte boundary of the file, so the arrays can be
views of a read-only map instead. An array's CRC-32 is checked the first
time it is asked for, as ``np.load`` checks it while reading: a damaged
archive raises ValueError, it is never used. Once its reader has checked
what it needs, ``release`` hands back the pages the checks read: a question
reads its own words' postings alone. Object arrays are refused both ways, so
nothing is ever unpickled. ``ranges`` reads a checked array from the file a
range at a time instead (see ``file_ranges``).
"""

from __future__ import annotations

import io
import math
import mmap
import os
import struct
import weakref
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.search.file_ranges import FileRanges
from fangtan.retrieval.search.mapped_pages import hand_back

Array = npt.NDArray[np.generic]

ALIGN = 64  # what numpy pads an array's header to, and what data is placed at
_PADDING = 0xD935  # the extra-field id zipalign uses for the same purpose
_LOCAL = b"PK\x03\x04"
_LOCAL_SIZE = 30
_ZIP64_EXTRA = 20  # the sizes zipfile adds to every local header when forced to zip64
_HEADER_MAX = 16_384


def write_archive(path: Path, arrays: Mapping[str, npt.ArrayLike]) -> None:
    """Write ``arrays`` as an uncompressed .npz with every array's data aligned."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, value in arrays.items():
            array = np.ascontiguousarray(value)
            if array.dtype.hasobject:
                raise ValueError(f"{name} holds Python objects")
            info = zipfile.ZipInfo(f"{name}.npy")
            assert archive.fp is not None
            fixed = _LOCAL_SIZE + len(info.filename.encode("ascii")) + 4 + _ZIP64_EXTRA
            pad = -(archive.fp.tell() + fixed) % ALIGN
            info.extra = struct.pack("<HH", _PADDING, pad) + bytes(pad)
            with archive.open(info, "w", force_zip64=True) as member:
                np.lib.format.write_array(member, array, allow_pickle=False)


class Archive(Mapping[str, Array]):
    """The arrays of an archive, mapped; each checked the first time it is read."""

    def __init__(self, path: Path) -> None:
        """Raise OSError, ValueError or zipfile.BadZipFile unless ``path`` is an archive."""
        self._name = str(path)
        with path.open("rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            with zipfile.ZipFile(file) as archive:
                infos = archive.infolist()
            # Kept for ``ranges``: the very file that was mapped and checked, even if
            # another is renamed over its path meanwhile.
            fd = os.dup(file.fileno())
        weakref.finalize(self, os.close, fd)
        self._fd = fd
        self._members = {i.filename[:-4]: i for i in infos if i.filename.endswith(".npy")}
        self._arrays: dict[str, Array] = {}
        self._data_at: dict[str, int] = {}  # where each array read so far starts in the file

    def __getitem__(self, name: str) -> Array:
        array = self._arrays.get(name)
        if array is None:
            try:
                array = self._arrays[name] = self._read(self._members[name])
            except struct.error as exc:
                raise ValueError(f"{name} is damaged: {exc}") from exc
        return array

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def ranges(self, name: str) -> FileRanges:
        """One-dimensional array ``name``, checked, then read from the file by range."""
        array = self[name]
        if array.ndim != 1:
            raise ValueError(f"{name} is not one-dimensional")
        return FileRanges(
            os.dup(self._fd), self._data_at[name], array.dtype, len(array), self._name
        )

    def release(self) -> None:
        """Unmap the pages read so far (see ``mapped_pages``); the arrays stay usable."""
        hand_back(self._map)

    def __len__(self) -> int:
        return len(self._members)

    def _read(self, info: zipfile.ZipInfo) -> Array:
        mapped = self._map
        at = info.header_offset
        if info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size:
            raise ValueError(f"{info.filename} is compressed")
        if mapped[at : at + 4] != _LOCAL:
            raise ValueError(f"{info.filename} has no local header")
        name_size, extra_size = struct.unpack_from("<HH", mapped, at + 26)
        start = at + _LOCAL_SIZE + name_size + extra_size
        end = start + info.file_size
        if end > len(mapped):
            raise ValueError(f"{info.filename} is cut short")
        with memoryview(mapped) as view, view[start:end] as data:
            if zlib.crc32(data) != info.CRC:
                raise ValueError(f"{info.filename} is damaged (CRC)")
            header = io.BytesIO(bytes(data[:_HEADER_MAX]))
        version = np.lib.format.read_magic(header)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(header)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(header)
        else:
            raise ValueError(f"{info.filename} has an unknown format {version}")
        if dtype.hasobject:
            raise ValueError(f"{info.filename} holds Python objects")
        count = math.prod(shape)
        offset = start + header.tell()
        if offset + count * dtype.itemsize > end:
            raise ValueError(f"{info.filename} is shorter than its shape")
        self._data_at[info.filename[:-4]] = offset
        flat = np.frombuffer(mapped, dtype=dtype, count=count, offset=offset)
        if offset % dtype.alignment:
            flat = flat.copy()  # written by another writer: aligned in memory instead
        return flat.reshape(shape, order="F" if fortran else "C")
