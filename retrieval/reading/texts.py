"""A file's strings as one UTF-16 blob with offsets, decoded one at a time or all at once.

A loaded corpus holds every passage, prompt and headline of every file and
their squeezed forms: as Python strings that is hundreds of thousands of
objects, each decoded from the cache at start. Kept as one blob per file they
are loaded with a copy, weigh two bytes a character (the width Python gives
Chinese text anyway), and only the strings a question touches are decoded.

Each string is followed by a NUL, which no corpus text holds (a file with one
is refused as binary), so all of a table's strings are one decode and one
split. A string that holds a NUL, or a lone surrogate UTF-16 would pair with
the next, is kept aside as it is.
"""

from __future__ import annotations

import codecs
from array import array
from collections.abc import Iterable
from typing import Any

import numpy as np

_decode = codecs.utf_16_le_decode
_ENCODING = "utf-16-le"
_ERRORS = "surrogatepass"
_END = "\0"
_END_BYTES = _END.encode(_ENCODING)
_GAP = len(_END_BYTES)


class TextTable:
    """Strings by number: ``text(n)`` decodes the ``n``-th, ``strings()`` all of them."""

    __slots__ = ("_blob", "_odd", "_offsets")

    def __init__(self, blob: bytes, offsets: array[int], odd: dict[int, str] | None = None) -> None:
        if len(offsets) < 1 or offsets[0] != 0 or offsets[-1] != len(blob):
            raise ValueError("text offsets do not cover the text")
        self._blob = memoryview(blob)
        # Where each string starts; it ends a NUL before the next one starts.
        self._offsets = offsets
        self._odd = odd or {}

    @classmethod
    def of(cls, strings: Iterable[str]) -> TextTable:
        parts: list[bytes] = []
        offsets = array("q", [0])
        odd: dict[int, str] = {}
        end = 0
        for n, text in enumerate(strings):
            encoded = text.encode(_ENCODING, _ERRORS)
            if _END in text or _decode(encoded, _ERRORS, True)[0] != text:
                odd[n] = text
                encoded = b""
            parts.append(encoded + _END_BYTES)
            end += len(encoded) + _GAP
            offsets.append(end)
        return cls(b"".join(parts), offsets, odd)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __reduce__(self) -> tuple[type[TextTable], tuple[bytes, array[int], dict[int, str]]]:
        """What worker processes send back (a memoryview cannot be sent)."""
        return TextTable, (self._blob.tobytes(), self._offsets, self._odd)

    def text(self, number: int) -> str:
        """The ``number``-th string; numbers come from checked rows, so are not checked again."""
        start, end = self._offsets[number], self._offsets[number + 1] - _GAP
        if start == end:
            return self._odd.get(number, "")
        return _decode(self._blob[start:end], _ERRORS, True)[0]

    def layout(self) -> tuple[memoryview, array[int]]:
        """The blob and its offsets: string ``n`` as stored, with the NUL after it, is
        ``blob[offsets[n] : offsets[n + 1]]`` (see ``decode_joined``). For a reader
        slicing many strings, where a method call per string cost a third of the time."""
        return self._blob, self._offsets

    def odd(self, number: int) -> str | None:
        """The ``number``-th string if it is kept aside (it holds a NUL or a lone surrogate)."""
        return self._odd.get(number) if self._odd else None

    @property
    def has_odd(self) -> bool:
        return bool(self._odd)

    def strings(self) -> list[str]:
        """Every string, in order."""
        if not len(self):
            return []
        found = _decode(self._blob, _ERRORS, True)[0].split(_END)
        if len(found) != len(self) + 1:
            raise ValueError("text table out of step with its offsets")
        found.pop()  # after the last NUL
        for n, text in self._odd.items():
            found[n] = text
        return found

    def plain(self) -> tuple[bytes, bytes, dict[int, str]]:
        """The table as marshal can write it."""
        return self._blob.tobytes(), self._offsets.tobytes(), self._odd

    @classmethod
    def from_plain(cls, plain: Any) -> TextTable:
        blob, offsets, odd = plain
        if (
            not isinstance(blob, bytes)
            or not isinstance(offsets, bytes)
            or not isinstance(odd, dict)
        ):
            raise TypeError("not a text table")
        numbers = np.frombuffer(offsets, dtype=np.int64)
        if len(numbers) > 1 and (
            numbers[0] != 0
            or numbers[-1] != len(blob)
            or bool((numbers % _GAP).any())
            or bool((np.diff(numbers) < _GAP).any())
            or bool(np.frombuffer(blob, dtype=np.uint16)[numbers[1:] // _GAP - 1].any())
        ):
            raise ValueError("text offsets out of step")
        return cls(blob, array("q", offsets), odd)


def decode_joined(parts: list[memoryview]) -> list[str]:
    """The strings of stored parts (see ``TextTable.layout``), decoded in one call: a
    few hundred strings decode in half the time of one call each. A string kept aside
    decodes as ""."""
    if not parts:
        return []
    found = _decode(b"".join(parts), _ERRORS, True)[0].split(_END)
    found.pop()  # after the last NUL
    return found
