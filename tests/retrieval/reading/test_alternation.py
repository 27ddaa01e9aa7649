"""The word tree matches what an alternation sorted longest first matches."""

from __future__ import annotations

import random
import re

import pytest

from fangtan.retrieval.reading.alternation import longest_first
from fangtan.retrieval.reading.roles import ROLES
from fangtan.retrieval.reading.titles import HONORIFICS, TITLES


def _sorted_alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def test_the_longest_word_where_several_start() -> None:
    pattern = re.compile(longest_first(["主任", "主任委员", "主任医师", "主席"]))
    found = [m.group(0) for m in pattern.finditer("副主任委员、主任医师和主任，还有主席")]
    assert found == ["主任委员", "主任医师", "主任", "主席"]


def test_special_characters_are_literal() -> None:
    pattern = re.compile(longest_first(["a.b", "(x)", "a"]))
    assert [m.group(0) for m in pattern.finditer("axb a.b (x) x")] == ["a", "a.b", "(x)"]


@pytest.mark.parametrize("bad", [[], ["主任", ""]])
def test_no_words_or_an_empty_one_is_refused(bad: list[str]) -> None:
    with pytest.raises(ValueError):
        longest_first(bad)


def test_the_readers_titles_scan_as_before() -> None:
    words = [*ROLES, *TITLES, *HONORIFICS]
    tree, plain = re.compile(longest_first(words)), _sorted_alternation(words)
    rng = random.Random(7)
    alphabet = "".join(sorted(set("".join(words)))) + "的了，。王李"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        text += rng.choice(words)
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
