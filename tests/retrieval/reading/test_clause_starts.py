"""Patterns that match where a clause starts find what their look-behind form finds,
in the same order, with the same groups, on every text."""

from __future__ import annotations

import random
import re

import pytest

from fangtan.retrieval.reading import clause_starts, file_people, mentions
from tests.conftest import ROOT

USED = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
    for module in (mentions, file_people)
    for name, value in vars(module).items()
    if isinstance(value, clause_starts.AtClauseStarts)
}


def texts() -> list[str]:
    pages = sorted((ROOT / "tests").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    lines = [line for f in pages for line in f.read_text(encoding="utf-8").splitlines()]
    # Stops side by side, at the start and the end, inside names; names with titles,
    # verbs of saying, brackets and 是 after them.
    rng = random.Random(11)
    pieces = [
        *"，。；：:“”「」、！？ \n的据和与（）()是■·",
        *"王李张毛郝厍粘骞欧阳老小",
        "某某",
        "远山",
        "代表",
        "教授",
        "大爷",
        "说",
        "表示",
        "认为",
        "市人大代表",
        "今年71岁",
    ]
    made = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(20_000)]
    return lines + made


def spans(matches: list[re.Match[str]]) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


def test_every_reader_uses_one() -> None:
    assert len(USED) >= 6, sorted(USED)


@pytest.mark.parametrize("name", sorted(USED))
def test_matches_are_the_look_behind_patterns(name: str) -> None:
    scan = USED[name]
    for text in texts():
        assert spans(list(scan.finditer(text))) == spans(list(scan.pattern.finditer(text))), text


def test_matches_inside_a_match_are_skipped_as_a_scan_skips_them() -> None:
    # "的" ends the first name and is a stop: the next name may start right after it,
    # but not at a stop inside the first match.
    scan = clause_starts.AtClauseStarts("的，", "[王李][甲乙的]{2}")
    text = "王甲的李乙甲，王的甲"
    assert [m.group() for m in scan.finditer(text)] == ["王甲的", "李乙甲", "王的甲"]
    assert spans(list(scan.finditer(text))) == spans(list(scan.pattern.finditer(text)))
