"""Reading corpus files whatever encoding an editor saved them in."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path


class UndecodableFile(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name).

    UTF-8 (with or without BOM) first, UTF-16 only when it carries a BOM, then
    GB18030, which covers GBK and GB2312 files saved by older Chinese editors.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "gb18030")
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        if encoding == "utf-8-sig" and not raw.startswith(codecs.BOM_UTF8):
            encoding = "utf-8"  # report what the file is, not the codec that read it
        return text, encoding
    raise UndecodableFile("not UTF-8, UTF-16 or GB18030 text")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    return len(_CONTROLS_RE.findall(text)) > max(2, len(text) // 100)


# Control characters no text file holds: all below 32 but tab, the line ends and the
# page and vertical tabs.
_CONTROLS_RE = re.compile("[\x00-\x08\x0e-\x1f]")


def read_text(path: Path) -> tuple[str, str, str]:
    """(text, encoding, sha256 of the bytes): the digest keys the index cache."""
    raw = path.read_bytes()
    text, encoding = decode_bytes(raw)
    return text, encoding, hashlib.sha256(raw).hexdigest()
