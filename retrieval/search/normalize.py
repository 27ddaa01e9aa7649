"""One normal form for questions and corpus text alike.

Matching happens between normalised strings only; quotes are always cut from
the original text, so normalising can never alter what the bot quotes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
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
    """Traditional to Simplified with Taiwan's words as the mainland's (軟體 → 软件,
    人工智慧 → 人工智能): a page or a question from either side reads the same."""
    return opencc.OpenCC("tw2sp")


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


# Full-width ASCII and the ideographic space, each as NFKC makes it: one character of
# no decomposition, so NFKC of the text with them replaced is NFKC of the text. Chinese
# text is full of full-width punctuation, and NFKC re-composes all of a string that
# holds one; replaced first, nearly every text passes NFKC's quick check as it stands
# (a file's chunks normalised in half the time).
_HALF_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_FULL_WIDTH_RE = re.compile("([" + re.escape("".join(_HALF_WIDTH)) + "])")


def _nfkc(text: str) -> str:
    # Split around them and mapped one by one: a third of the time of str.translate,
    # which looks up every character.
    pieces = _FULL_WIDTH_RE.split(text)
    if len(pieces) > 1:
        pieces[1::2] = map(_HALF_WIDTH.__getitem__, pieces[1::2])
        text = "".join(pieces)
    return unicodedata.normalize("NFKC", text)


def _unconverted(text: str) -> str:
    """``_simplified`` before OpenCC: no tags, NFKC, lower case."""
    return _nfkc(strip_markup(text)).lower()


def _simplified(text: str) -> str:
    """``normalize`` up to its spaces: no tags, NFKC, lower case, Simplified."""
    simplified: str = _converter().convert(_unconverted(text))
    return simplified


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, Traditional to Simplified, no tags."""
    text = _simplified(text)
    if _SPACE_RE.search(text) is None:
        # Most Chinese text has no space: the two scans below (the first, which starts
        # with a look-behind, tries every character) and the strip would change nothing.
        return text
    # Chinese is written without spaces; "职业 教育" is the same words as "职业教育".
    text = _HAN_GAP_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """The normal form with all white space removed, for substring matching (what
    ``normalize`` does to spaces, all of them removed after, is left undone)."""
    return _SPACE_RE.sub("", _simplified(text))


# -- many strings at once -----------------------------------------------------------------
#
# An engine for a large corpus normalises tens of thousands of names at start;
# called one by one, ``normalize`` spends most of its time on per-call overhead
# (OpenCC's converter, regular expressions, Unicode tables). Every step of it
# works on each character or on runs that a separator stops: markup needs a
# ``<``, Unicode normalisation and case folding do not reach across a printable
# symbol that composes with nothing, OpenCC's phrases hold no ASCII symbols, and
# runs of spaces end at the separator. So the normal form of the strings joined
# by the separator is their normal forms joined by it, up to the spaces next to
# it, which each string strips on its own. Strings that could break this (see
# ``_UNSAFE``) are normalised on their own, and a count that does not come out
# right falls back to one by one. A step added to ``normalize`` must keep this
# true: tests/retrieval/search/test_normalize_many.py holds every character and
# the corpus's names in every script to it.

SEPARATOR = "|"
# Characters that become the separator or could start markup spanning two strings,
# and ideographic description characters, which OpenCC keeps together with the
# characters after them (the next string's, after the separator).
_UNSAFE = re.compile("[|｜<\u2ff0-\u2fff\u31ef]")


def normalize_all(texts: Sequence[str]) -> list[str]:
    """``[normalize(t) for t in texts]``, in one call for the safe ones."""
    return _each(
        texts, normalize, lambda joined: [p.strip() for p in normalize(joined).split(SEPARATOR)]
    )


def squeeze_all(texts: Sequence[str]) -> list[str]:
    """``[squeeze(t) for t in texts]``, in one call for the safe ones."""
    return _each(texts, squeeze, lambda joined: squeeze(joined).split(SEPARATOR))


def _each(
    texts: Sequence[str],
    one: Callable[[str], str],
    many: Callable[[str], list[str]],
) -> list[str]:
    """Printable strings in one batch; strings with invisible characters in another,
    as ``normalize`` looks at each character of those; unsafe ones one by one."""
    whole = "".join(texts)
    if whole.isprintable() and _UNSAFE.search(whole) is None:
        return _batch(texts, one, many)
    forms = [""] * len(texts)
    printable: list[int] = []
    invisible: list[int] = []
    for i, text in enumerate(texts):
        if _UNSAFE.search(text) is not None:
            forms[i] = one(text)
        else:
            (printable if text.isprintable() else invisible).append(i)
    for group in (printable, invisible):
        for i, form in zip(group, _batch([texts[i] for i in group], one, many), strict=True):
            forms[i] = form
    return forms


def normalize_all_squeezed(texts: Sequence[str], squeezed: Sequence[str]) -> list[str]:
    """``normalize_all(texts)``, given ``squeeze_all(texts)``: a text whose form before
    OpenCC holds no white space is its squeezed form (OpenCC's dictionaries give
    none), so only the rest are converted again (OpenCC was most of normalising)."""
    unconverted = _each(texts, _unconverted, lambda joined: _unconverted(joined).split(SEPARATOR))
    forms = list(squeezed)
    spaced = [i for i, text in enumerate(unconverted) if _SPACE_RE.search(text) is not None]
    for i, form in zip(spaced, normalize_all([texts[i] for i in spaced]), strict=True):
        forms[i] = form
    return forms


def _batch(
    texts: Sequence[str],
    one: Callable[[str], str],
    many: Callable[[str], list[str]],
) -> list[str]:
    if not texts:
        return []
    forms = many(SEPARATOR.join(texts))
    return forms if len(forms) == len(texts) else [one(t) for t in texts]


# Full-width letters and digits only: the reader's patterns spell punctuation both ways.
_WIDTH = {
    ord(wide): ord(half) for wide, half in _HALF_WIDTH.items() if half.isalnum() or half == " "
}
# Most lines hold none of them: translating looks up every character.
_WIDE_RE = re.compile("[" + re.escape("".join(map(chr, _WIDTH))) + "]")


# A page's reading folds the same line, paragraph and name many times over (a third of
# the characters folded are new); the cache keeps about a page's worth.
@lru_cache(maxsize=8192)
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
    return converted.translate(_WIDTH) if _WIDE_RE.search(converted) else converted
