"""jieba's dictionary as a hash table in a file, looked up without loading it.

jieba keeps its dictionary (~500,000 words and word prefixes with their
frequencies) as one dict, ``FREQ``: ~0.2 s to unmarshal from its cache and
~80 MiB of memory; its part-of-speech tagger reads the word classes from
``dict.txt`` into another dict (~0.15 s). A question needs a few hundred
lookups. Here the words, their frequencies and their classes are kept once
in the cache folder as an open-addressing hash table (CRC-32 of the UTF-8
word, linear probing, no wrap-around), memory-mapped and looked up in place
(``find``, ``tag``); ``fangtan.retrieval.search.table_freq`` puts it under
jieba's tokenizer. A lookup costs ~1-2 µs against a dict's ~0.1-0.3 µs.

The file is keyed by jieba's version and its dictionary file's size and
time, and checked against its SHA-256 when opened; one for another key is
not used, and a damaged one is reported; both are then rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import mmap
import os
import struct
import sys
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path
from zlib import crc32

from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.mapped_pages import hand_back
from fangtan.retrieval.unwritable import replace_atomically

log = logging.getLogger(__name__)

FORMAT = 1
NAME = "jieba.words"
_MAGIC = b"fangtan-words\0\0\0"
_DIGEST = 32
# Entries, slots, bytes of the tag names, jieba's total.
_COUNTS = struct.Struct("<4Q")
_U32 = 4
_U32_MAX = 2**32 - 1
_NO_TAG = 255


def dictionary_key(tokenizer: jieba.Tokenizer) -> str:
    """What jieba's dictionary is: its version and dictionary file's size and time."""
    source = tokenizer.get_dict_file()
    try:
        stat = os.fstat(source.fileno())
    finally:
        source.close()
    return f"{jieba.__version__}\0{stat.st_size}\0{stat.st_mtime_ns}"


class WordTable:
    """Words with their frequencies and word classes, in a memory-mapped hash table.

    The file holds, after its header: the slots (0, or an entry's number
    from 1), each entry's end (an offset in the file; an entry starts where
    the one before ends), the frequencies, one byte per entry naming its
    class, the class names, and the words in UTF-8.
    """

    def __init__(
        self, data: mmap.mmap, at: int, entries: int, slots: int, counts: tuple[int, int]
    ) -> None:
        """``data`` holds the slots from ``at`` on; ``counts``: the names' bytes, the total."""
        names, self.total = counts
        self._slots = _u32(data, at, slots)
        at += _U32 * slots
        self._ends = _u32(data, at, entries + 1)
        at += _U32 * (entries + 1)
        self._freqs = _u32(data, at, entries)
        at += _U32 * entries
        self._tags = data[at : at + entries]
        at += _padded(entries)
        self._names = data[at : at + names].decode().split("\n") if names else []
        self.words_at = at + _padded(names)
        self._words = data
        self._mask = _home_mask(entries)

    def __len__(self) -> int:
        return len(self._freqs)

    def _entry(self, word: str) -> int:
        """``word``'s entry number from 1; 0 if the table lacks it."""
        key = word.encode("utf-8", "surrogatepass")
        slot = crc32(key) & self._mask
        slots, ends, words = self._slots, self._ends, self._words
        while entry := slots[slot]:
            if words[ends[entry - 1] : ends[entry]] == key:
                return entry
            slot += 1
        return 0

    def find(self, word: str) -> int | None:
        """``word``'s frequency; None if the table lacks it."""
        # _entry's probe again, not a call to it: jieba may look up thousands of words.
        key = word.encode("utf-8", "surrogatepass")
        slot = crc32(key) & self._mask
        slots, ends, words = self._slots, self._ends, self._words
        while entry := slots[slot]:
            if words[ends[entry - 1] : ends[entry]] == key:
                return self._freqs[entry - 1]
            slot += 1
        return None

    def tag(self, word: str) -> str | None:
        """``word``'s class in jieba's dictionary; None for a word or prefix without one."""
        entry = self._entry(word)
        tag = self._tags[entry - 1] if entry else _NO_TAG
        return None if tag == _NO_TAG else self._names[tag]

    @classmethod
    def open(cls, folder: Path, key: str) -> WordTable | None:
        """The table kept in ``folder`` for ``key``; None if absent, for another key, or damaged."""
        path = folder / NAME
        try:
            with path.open("rb") as handle:
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError) as exc:  # ValueError: an empty file cannot be mapped
            log.warning("jieba's word table %s is unreadable (%s); rebuilding it", path, exc)
            return None
        try:
            return cls._read(data, key)
        except _OtherKey:  # made for another jieba or dictionary
            pass
        except (ValueError, IndexError, struct.error) as exc:
            log.warning("jieba's word table %s is damaged (%s); rebuilding it", path, exc)
        with contextlib.suppress(BufferError):  # else closed once its views are gone
            data.close()
        return None

    @classmethod
    def _read(cls, data: mmap.mmap, key: str) -> WordTable:
        """The table in ``data``; ValueError if damaged, _OtherKey if for another key."""
        start = len(_MAGIC) + _DIGEST
        if len(data) < start + _U32 or data[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not a word table")
        with memoryview(data) as view:
            if hashlib.sha256(view[start:]).digest() != data[len(_MAGIC) : start]:
                raise ValueError("checksum mismatch")
        hand_back(data, start)
        (length,) = struct.unpack_from("<I", data, start)
        at = start + _U32 + _padded(length)
        if data[start + _U32 : start + _U32 + length] != _header(key):
            raise _OtherKey(key)
        entries, slots, names, total = _COUNTS.unpack_from(data, at)
        table = cls(data, at + _COUNTS.size, entries, slots, (names, total))
        ends = table._ends
        if ends[0] != table.words_at or ends[-1] != len(data) or slots <= table._mask:
            raise ValueError("sizes do not add up")
        if table._slots[-1]:
            raise ValueError("no empty slot ends the probes")
        if table._tags.translate(None, bytes([*range(len(table._names)), _NO_TAG])):
            raise ValueError("a class without a name")
        return table


class _OtherKey(Exception):
    """The table was made for another jieba or dictionary."""


def _u32(data: mmap.mmap, at: int, count: int) -> memoryview:
    """``count`` unsigned 32-bit numbers of ``data`` from ``at`` on, in place."""
    column = memoryview(data)[at : at + _U32 * count]
    if len(column) != _U32 * count:
        raise ValueError("truncated")
    return column.cast("I")


def write_table(
    folder: Path,
    key: str,
    freq: Mapping[str, int],
    total: int,
    tags: Callable[[], Mapping[str, str]],
) -> None:
    """Keep ``freq`` and ``total`` (jieba's) and ``tags()`` (posseg's) in ``folder`` for ``key``.

    The folder is tried first, so a folder that cannot be written costs no
    table building (it raises OSError, leaving no temporary file behind). A
    dictionary the table cannot hold only costs the speed-up.
    """

    def write(temporary: Path) -> None:
        body = _body(key, freq, total, tags())
        with temporary.open("wb") as out:
            out.write(_MAGIC)
            out.write(hashlib.sha256(body).digest())
            out.write(body)

    try:
        replace_atomically(folder / NAME, write)
    except (UnicodeError, OverflowError, ValueError) as exc:
        log.warning("jieba's dictionary does not fit a word table (%s)", exc)


def _body(key: str, freq: Mapping[str, int], total: int, tags: Mapping[str, str]) -> bytes:
    import numpy as np  # only to build the table: a start that reads it never needs it

    words = list(freq)
    encoded = [w.encode("utf-8", "surrogatepass") for w in words]
    entries = len(encoded)
    mask = _home_mask(entries)
    homes = np.fromiter((crc32(b) & mask for b in encoded), dtype=np.int64, count=entries)
    # Placed in the order of their home slots, each word takes the first free slot
    # from its home on (its home, or the slot after the word placed before it):
    # the slots between a word's home and its own are all taken, as linear probing
    # needs. Words pushed past the last home go into slots appended.
    order = np.argsort(homes, kind="stable")
    steps = np.arange(entries, dtype=np.int64)
    places = np.maximum.accumulate(homes[order] - steps) + steps if entries else steps
    slots = np.zeros(max(mask + 1, int(places[-1]) + 1 if entries else 0) + 1, dtype=np.uint32)
    slots[places] = order + 1  # an empty slot is left at the end: it ends every probe
    names = sorted(set(tags.values()))
    if len(names) >= _NO_TAG or any("\n" in name for name in names):
        raise ValueError("too many or unusual word classes")
    number = {name: i for i, name in enumerate(names)}
    classes = bytes(number[tags[w]] if w in tags else _NO_TAG for w in words)
    named = "\n".join(names).encode()
    header = _header(key)
    words_at = len(_MAGIC) + _DIGEST + _U32 + _padded(len(header)) + _COUNTS.size
    words_at += _U32 * (len(slots) + 2 * entries + 1) + _padded(entries) + _padded(len(named))
    ends = np.full(entries + 1, words_at, dtype=np.int64)
    ends[1:] += np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=entries))
    frequencies = np.fromiter(freq.values(), dtype=np.int64, count=entries)
    if (entries and (frequencies.min() < 0 or frequencies.max() > _U32_MAX)) or (
        ends[-1] > _U32_MAX
    ):
        raise OverflowError("a frequency or the file's size exceeds 32 bits")
    if array("I").itemsize != _U32:
        raise ValueError("unsigned int is not 4 bytes here")
    return b"".join(
        (
            struct.pack("<I", len(header)),
            _pad(header),
            _COUNTS.pack(entries, len(slots), len(named), total),
            # In this machine's byte order (the header names it), as memoryview reads them.
            slots.tobytes(),
            ends.astype(np.uint32).tobytes(),
            frequencies.astype(np.uint32).tobytes(),
            _pad(classes),
            _pad(named),
            *encoded,
        )
    )


def _header(key: str) -> bytes:
    return f"fangtan-jieba-words-{FORMAT}\0{sys.byteorder}\0{key}".encode()


def _padded(length: int) -> int:
    return -(-length // _U32) * _U32


def _pad(data: bytes) -> bytes:
    return data.ljust(_padded(len(data)), b"\0")


def _home_mask(entries: int) -> int:
    """Home slots run over a power of two at least twice the entries, so probes stay short."""
    size = 1
    while size < 2 * entries:
        size *= 2
    return size - 1
