"""Normalising many strings at once gives exactly what normalising each one gives."""

from __future__ import annotations

import random

import opencc
import pytest

from fangtan.bot.engine.intent import ADDRESS_TITLES
from fangtan.retrieval.records import Corpus
from fangtan.retrieval.search.normalize import (
    normalize,
    normalize_all,
    normalize_all_squeezed,
    squeeze,
    squeeze_all,
)

# Full-width forms of ASCII letters and digits, and the ideographic space.
WIDE = str.maketrans(
    {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"},
)


def names_in_every_script(corpus: Corpus) -> list[str]:
    """The corpus's names and forms of address as written, in Traditional and full width."""
    to_traditional = opencc.OpenCC("s2t")
    names = [p.name for p in corpus.people.values()]
    names += [i.speaker.name or "" for i in corpus.interviews]
    addresses = [n[:1] + t for n in names for t in ADDRESS_TITLES]
    written = names + addresses
    traditional = [to_traditional.convert(t) for t in written]
    return written + traditional + [t.translate(WIDE) for t in written + traditional]


AWKWARD = [
    "",
    " ",
    "  张 三  ",
    "乾",
    "隆",
    "乾隆",
    "綠",
    "⿰",  # OpenCC keeps an ideographic description sequence as it is
    "⿲木",
    "\u31ef",
    "ΑΣ",
    "Σ",
    "ΑΣ ",
    "\u0301",
    "e\u0301",
    "\u0338",
    "a<b",
    "<b>王</b>",
    "<",
    "b>",
    "a|b",
    "｜",
    "Ｚhang",
    "\u200b李\ufeff四",
    "\x00",
    "A\tB\nC",
    "İ",
]


@pytest.mark.parametrize("many, one", [(normalize_all, normalize), (squeeze_all, squeeze)])
def test_real_names_in_every_script(many, one, seed_corpus: Corpus) -> None:
    texts = names_in_every_script(seed_corpus)
    assert len(texts) > 1000
    assert many(texts) == [one(t) for t in texts]


@pytest.mark.parametrize("many, one", [(normalize_all, normalize), (squeeze_all, squeeze)])
def test_awkward_strings_next_to_each_other(many, one) -> None:
    texts = AWKWARD + [a + b for a in AWKWARD for b in AWKWARD]
    shuffled = random.Random(3).sample(texts, len(texts))
    for batch in (texts, shuffled, texts[::-1]):
        assert many(batch) == [one(t) for t in batch]


def test_every_character_of_the_basic_plane_alone() -> None:
    """Each character beside the separator: composition, case and width all stay apart."""
    texts = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    assert normalize_all(texts) == [normalize(t) for t in texts]


def test_nothing_and_one() -> None:
    assert normalize_all([]) == []
    assert normalize_all(["張三"]) == ["张三"]
    assert squeeze_all(["張 三"]) == ["张三"]


# Texts whose normal form keeps a space that squeezing removes: between Latin words or
# digits, and where NFKC makes one (U+00A8 is a space and a combining diaeresis).
SPACED = ["AI 技术", "第 3 次", "中\u00a8文", "Ｇ\u3000Ｈ", "<i>a</i> b", "x\u00a0y"]


def test_normal_forms_given_the_squeezed_forms_are_the_same(seed_corpus: Corpus) -> None:
    texts = [c.text for c in seed_corpus.chunks] + names_in_every_script(seed_corpus)
    texts += ["数据\u00a0安全", *AWKWARD, *SPACED] + [
        a + b for a in AWKWARD + SPACED for b in AWKWARD + SPACED
    ]
    texts += [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    assert normalize_all_squeezed(texts, squeeze_all(texts)) == normalize_all(texts)
    assert all(normalize(t) != squeeze(t) for t in SPACED)
