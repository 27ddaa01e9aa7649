"""Tables derived from the postings: the same answers as the plain structures they replace."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from fangtan.retrieval.search import tables
from fangtan.retrieval.search.tables import (
    INSIDE_MAX,
    MADE_UP_MAX,
    Headlines,
    Tables,
    Titles,
    WordsInside,
)

HEADLINES = [("冰雪", "旅游", "冰雪"), (), ("湿地", "保护", "新词"), ("新词", "旅游")]
TERMS = ["旅游", "冰雪", "湿地", "保护", "数据"]


def test_headlines_hold_their_tokens_and_come_back_in_order() -> None:
    ids = {t: i for i, t in enumerate(TERMS)}
    headlines = Headlines.build(HEADLINES, ids)
    assert headlines.extra == ("新词",)
    assert headlines.lists(TERMS) == tuple(HEADLINES)
    for number, word in enumerate([*TERMS, "新词"]):
        expected = [i for i, h in enumerate(HEADLINES) if word in h]
        assert headlines.holding(number).tolist() == expected
    assert headlines.holding(99).tolist() == []
    headlines.check(len(HEADLINES), len(TERMS))


def _inside(
    terms: Sequence[str], in_dictionary: Callable[[str], bool]
) -> dict[str, tuple[str, ...]]:
    """The parts-to-made-up-words map as the index first made it, as a dict."""
    known = set(terms)
    inside: dict[str, list[str]] = {}
    for term in terms:
        if not 3 <= len(term) <= MADE_UP_MAX or in_dictionary(term):
            continue
        for size in range(2, len(term)):
            for start in range(len(term) - size + 1):
                part = term[start : start + size]
                if part in known:
                    inside.setdefault(part, []).append(term)
    return {p: tuple(dict.fromkeys(w)) for p, w in inside.items() if len(w) <= INSIDE_MAX}


def test_words_inside_are_those_a_plain_search_finds() -> None:
    dictionary = {"托育服务"}
    made_up = [f"托育{chr(0x4E00 + i)}" for i in range(INSIDE_MAX - 1)]
    # 托托 is inside 托托托 twice: it counts twice towards the bound.
    terms = ["托育", "服务", "托育点", "托育服务", "嵌入式", "入式", "托托", "托托托", *made_up]
    terms += [f"托托{chr(0x4E00 + i)}" for i in range(INSIDE_MAX - 1)]
    ids = {t: i for i, t in enumerate(terms)}
    inside = WordsInside.find(terms, ids, dictionary.__contains__)
    expected = _inside(terms, dictionary.__contains__)
    found = {
        terms[p]: tuple(terms[w] for w in inside.of(p).tolist())
        for p in range(len(terms))
        if len(inside.of(p))
    }
    assert found == expected
    assert "托托" not in found and "托育" in found and "服务" not in found
    made_up = [terms[n] for n in inside.made_up.tolist()]
    assert made_up == [t for t in terms if len(t) >= 3 and t not in dictionary]
    inside.check(len(terms))


def test_tables_come_back_from_their_arrays() -> None:
    ids = {t: i for i, t in enumerate(TERMS)}
    titled = np.array([True, False, False], dtype=bool)
    tables = Tables(
        Headlines.build(HEADLINES, ids),
        WordsInside.find(TERMS, ids, bool),
        titled,
        np.array([0, 2, 3], dtype=np.int32),
        np.array([False, False, True]),
        Titles.build([("市政协委员", None), (None, None), ("市政协委员", "某某公司")]),
    )
    again = Tables.from_arrays(tables.arrays())
    again.check(len(titled), len(HEADLINES), len(TERMS))
    assert again.headlines.lists(TERMS) == tuple(HEADLINES)
    for name, array in tables.arrays().items():
        np.testing.assert_array_equal(again.arrays()[name], array)


def test_titles_are_taken_out_in_order() -> None:
    titles = Titles.build([("市政协委员", "某某公司"), (None, None), ("某某", "某某公司")])
    titles.check(3)
    text = "市政协委员、某某公司董事长说某某公司好"
    # The affiliation goes first: what it leaves of the organisation stays.
    assert titles.untitled([0, 1, 2], [text] * 3) == [
        "、董事长说好",
        text,
        "市政协委员、公司董事长说公司好",
    ]
    assert titles.untitled([2, 0], [text, "某某公司"]) == ["市政协委员、公司董事长说公司好", ""]
    assert titles.untitled([1], [text]) == [text]
    assert titles.untitled([], []) == []


def test_titles_kept_decoded_give_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = [(f"第{n}届委员", f"第{n}研究所") for n in range(12)]
    texts = [f"第{n}届委员、第{n}研究所所长谈第{n}研究所" for n in range(12)]
    want = ["、所长谈"] * 12
    # Room for a few titles only: what is kept is dropped and decoded again.
    monkeypatch.setattr(tables, "TITLES_KEPT", 5)
    titles = Titles.build(pairs)
    for start in (0, 3, 9, 0):
        chunks = list(range(start, start + 2))
        assert titles.untitled(chunks, [texts[c] for c in chunks]) == want[: len(chunks)]
    assert len(titles._decoded) <= 5
    assert titles.untitled(list(range(12)), texts) == want
