"""One normal form for questions and corpus text alike.

Matching happens between normalised strings only; quotes are always cut from
the original text, so normalising can never alter what the bot quotes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SPACE_RE = re.compile(r"\s+")
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_HAN_GAP_RE = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def strip_control(text: str) -> str:
    """Remove control and invisible formatting characters, keeping everything else."""
    return _CONTROL_RE.sub("", text)


def strip_markup(text: str) -> str:
    """Remove HTML-ish tags and control characters that chat clients add."""
    return _CONTROL_RE.sub("", _TAG_RE.sub("", text))


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, Traditional to Simplified, no tags."""
    text = unicodedata.normalize("NFKC", strip_markup(text))
    text = _converter().convert(text.lower())
    # Chinese is written without spaces; "职业 教育" is the same words as "职业教育".
    text = _HAN_GAP_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """The normal form with all white space removed, for substring matching."""
    return _SPACE_RE.sub("", normalize(text))


# Full-width letters and digits only: the reader's patterns spell punctuation both ways.
_WIDTH = {
    code: code - 0xFEE0
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(first, last + 1)
} | {0x3000: 0x20}


def fold(text: str) -> str:
    """Simplified, half-width ``text`` of exactly the same length.

    The reader matches its patterns on this and cuts names and quotes from the
    original at the same offsets, so Traditional pages are read like
    Simplified ones and still quoted as written.
    """
    converted: str = _converter().convert(text)
    if len(converted) != len(text):
        converted = "".join(
            c if len(c) == 1 else ch for ch, c in ((ch, _converter().convert(ch)) for ch in text)
        )
    return converted.translate(_WIDTH)
