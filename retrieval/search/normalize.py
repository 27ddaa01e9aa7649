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
# Unicode categories nobody can see or type on purpose: controls (Cc), format
# characters (Cf: zero-width spaces and joiners, U+FEFF, bidi controls, soft
# hyphens, tags), lone surrogates (Cs) and the line/paragraph separators.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_KEPT_CONTROLS = "\t\n"


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def strip_control(text: str) -> str:
    """Remove control, format and other invisible characters, keeping tabs and newlines.

    Questions arrive from chat clients and terminals with zero-width spaces,
    byte-order marks, bidi overrides and even lone surrogates; none of them
    means anything, and a lone surrogate cannot even be encoded as UTF-8.
    """
    # Every invisible category is also unprintable, so printable text (nearly all
    # of it) is returned as is; the rest is filtered by category, character by
    # character, which costs less than compiling one class for all of Unicode.
    if text.isprintable():
        return text
    category = unicodedata.category
    return "".join(
        c for c in text if c in _KEPT_CONTROLS or category(c) not in _INVISIBLE_CATEGORIES
    )


def strip_markup(text: str) -> str:
    """Remove HTML-ish tags and control characters that chat clients add."""
    return strip_control(_TAG_RE.sub("", text))


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
