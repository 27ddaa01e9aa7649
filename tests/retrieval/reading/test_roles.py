"""The flat role pattern matches exactly as the nested pattern it stands for, and a role
may name where it is held."""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest

from fangtan.retrieval.reading.mentions import _TITLE_SCAN_RE, WORK_TITLE
from fangtan.retrieval.reading.roles import BODIES, LEVELS, ROLE_RE, is_role
from fangtan.retrieval.reading.titles import TITLES
from fangtan.retrieval.search.normalize import fold

ROOT = Path(__file__).resolve().parents[3]
_LEVEL = "|".join(sorted(LEVELS, key=len, reverse=True))
_BODY = "|".join(sorted(BODIES, key=len, reverse=True))
NESTED = re.compile(rf"(?:{_LEVEL})?(?:{_BODY})")
NESTED_SCAN = re.compile(
    "(?:" + NESTED.pattern + "|" + "|".join(re.escape(t) for t in TITLES) + "|" + WORK_TITLE + ")"
)


def _texts() -> list[str]:
    files = [
        *sorted((ROOT / "seeds").rglob("*.txt")),
        *sorted((ROOT / "tests" / "articles").rglob("*.txt")),
    ]
    texts = [fold(path.read_text(encoding="utf-8", errors="replace")) for path in files]
    # Every level and body side by side, and pieces of them: where greedy levels and
    # longest-first bodies must back off.
    pieces = [*LEVELS, *BODIES, "代表", "委员", "人大", "政协", "劳动", "全", "国"]
    texts.append("，".join(a + b for a, b in product(pieces, repeat=2)))
    texts.append("".join(a + b + c for a, b, c in product(LEVELS[:4], LEVELS, BODIES)))
    return texts


def test_the_texts_hold_roles() -> None:
    assert sum(1 for text in _texts() for _ in NESTED.finditer(text)) > 100


@pytest.mark.parametrize(
    "flat, nested",
    [(ROLE_RE, NESTED), (_TITLE_SCAN_RE, NESTED_SCAN)],
    ids=["roles", "title scan"],
)
def test_flat_alternation_matches_as_the_nested_pattern(
    flat: re.Pattern[str], nested: re.Pattern[str]
) -> None:
    for text in _texts():
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in nested.finditer(text)]
    for a, b in product([*LEVELS, *BODIES, "", "代表"], repeat=2):
        word = a + b
        assert bool(flat.fullmatch(word)) == bool(nested.fullmatch(word)), word
        found, expected = flat.search(word), nested.search(word)
        assert (found and found.span()) == (expected and expected.span()), word


def test_a_role_may_name_where_or_when_it_is_held() -> None:
    for role in ("全国人大代表", "河南省人大代表", "港区全国人大代表", "十四届全国政协委员"):
        assert is_role(role), role
    for other in ("某建造商会会长", "市人大代表王某", "某公司董事长、市人大代表", "代表"):
        assert not is_role(other), other
