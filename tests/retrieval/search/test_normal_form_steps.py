"""The normal forms are what their definitions say, however the steps are taken.

``normalize`` is NFKC, lower case and OpenCC's Traditional to Simplified, then
spaces between Chinese characters dropped and the rest collapsed; ``squeeze``
is that with no white space at all; ``fold`` is OpenCC's conversion kept to the
same length, with full-width letters and digits made half-width. The steps are
taken in cheaper ways (full-width forms replaced before NFKC, squeezing without
collapsing spaces first, translating only text that holds a full-width form);
these tests hold them to the definitions on every character and on the awkward
mixtures the shortcuts must not change.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import opencc
import pytest

from fangtan.retrieval.search.normalize import fold, normalize, squeeze, strip_markup
from tests.conftest import ROOT

_CONVERT = opencc.OpenCC("tw2sp").convert
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_WIDTH = {
    code: code - 0xFEE0
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(first, last + 1)
} | {0x3000: 0x20}


def defined_normalize(text: str) -> str:
    text = _CONVERT(unicodedata.normalize("NFKC", strip_markup(text)).lower())
    text = re.sub(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def defined_fold(text: str) -> str:
    converted = _CONVERT(text)
    if len(converted) != len(text):
        converted = "".join(c if len(c := _CONVERT(ch)) == 1 else ch for ch in text)
    return converted.translate(_WIDTH)


# Every character of the Basic Multilingual Plane but surrogates, in runs of 64.
EVERY = [
    "".join(chr(c) for c in range(start, start + 64) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, 0x10000, 64)
]
# Full-width letters with combining marks after them (NFKC composes Ａ + ◌́ into Á),
# full-width punctuation and spaces among Chinese, Traditional text, markup, Hangul.
AWKWARD = [
    "Ａ\u0301",
    "ｅ\u0308ｘ",
    "Ｏ\u0302\u0323",
    "（Ａ）\u20dd",
    "全国人大代表　王某某：“您好，ＡＩ时代！”",
    "臺灣　人工智慧，軟體。",
    "<b>市政協委員</b> 李某某 說：",
    "한국어\u1100\u1161",
    "ﾊﾟ半角ｶﾅ",
    "職業 教育　ｖ２",
    "\u3000\u3000開頭縮進",
    "①②㈠㍻",
    "",
    "\u3000",
]


def pages() -> list[str]:
    files = sorted((ROOT / "tests" / "articles").rglob("*.txt"))[:40]
    return [line for f in files for line in Path(f).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("texts", [EVERY, AWKWARD, pages()], ids=["every", "awkward", "pages"])
def test_the_normal_forms_are_their_definitions(texts: list[str]) -> None:
    for text in texts:
        assert normalize(text) == defined_normalize(text), text
        assert squeeze(text) == re.sub(r"\s+", "", defined_normalize(text)), text
        assert fold(text) == defined_fold(text), text
