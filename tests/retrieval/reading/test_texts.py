"""A text table gives back exactly the strings it was made of."""

from __future__ import annotations

import marshal
import pickle

import pytest

from fangtan.retrieval.reading.texts import TextTable

STRINGS = [
    "",
    "关于冰雪旅游的建议",
    "ASCII only",
    "😀 astral",
    "a\ud800b",  # a lone surrogate
    "\ud83d\ude00",  # two lone surrogates UTF-16 would pair
    "a\0b",  # the separator itself
    "\ud800",
    "\udc00",  # a pair across two strings
    "x",
]


def test_every_string_comes_back() -> None:
    table = TextTable.of(STRINGS)
    assert len(table) == len(STRINGS)
    assert [table.text(i) for i in range(len(STRINGS))] == STRINGS
    assert table.strings() == STRINGS
    assert TextTable.of([]).strings() == [] and TextTable.of([""]).strings() == [""]


def test_through_marshal_and_to_worker_processes() -> None:
    table = TextTable.of(STRINGS)
    again = TextTable.from_plain(marshal.loads(marshal.dumps(table.plain())))
    assert [again.text(i) for i in range(len(STRINGS))] == again.strings() == STRINGS
    sent = pickle.loads(pickle.dumps(table))
    assert [sent.text(i) for i in range(len(STRINGS))] == sent.strings() == STRINGS


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob, offsets, odd: (blob[:-2], offsets, odd),  # text cut short
        lambda blob, offsets, odd: (blob[:20] + b"xx" + blob[22:], offsets, odd),  # an end lost
        lambda blob, offsets, odd: (blob, offsets[:-3], odd),  # offsets cut mid-number
        lambda blob, offsets, odd: (blob, offsets[8:] + offsets[:8], odd),  # out of order
        lambda blob, offsets, odd: ("text", offsets, odd),  # not bytes
    ],
)
def test_damaged_tables_are_refused(damage: object) -> None:
    plain = TextTable.of(STRINGS).plain()
    with pytest.raises((ValueError, TypeError)):
        TextTable.from_plain(damage(*plain))  # type: ignore[operator]
