"""Invisible characters in questions: cleaned once, where questions enter the engine."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from fangtan.bot.engine.answer import Intent, Miss
from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.search.normalize import normalize, strip_control

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte-order mark": "\ufeff",
    "left-to-right mark": "\u200e",
    "right-to-left override": "\u202e",
    "first-strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "soft hyphen": "\u00ad",
    "arabic letter mark": "\u061c",
    "lone high surrogate": "\ud800",
    "lone low surrogate": "\udfff",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "null": "\x00",
    "escape": "\x1b",
    "delete": "\x7f",
    "C1 control": "\x85",
    "tag character": "\U000e0041",
    "interlinear annotation": "\ufff9",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_each_invisible_character_is_removed(char: str) -> None:
    assert strip_control(f"数据{char}安全{char}") == "数据安全"


def test_every_control_and_format_character_of_this_unicode_is_removed() -> None:
    invisible = "".join(
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in {"Cc", "Cf", "Cs", "Zl", "Zp"} and chr(c) not in "\t\n"
    )
    assert strip_control(invisible) == ""


def test_visible_text_tabs_newlines_and_emoji_are_kept() -> None:
    text = "谁提了「数据安全」？\tＡＢＣ　abc 123\n😀👍🏽 é ﬁ"
    assert strip_control(text) == text


def test_normal_form_has_no_invisible_characters() -> None:
    assert normalize("数\u200b据\ufeff安\u202e全") == "数据安全"


@pytest.mark.parametrize(
    "question",
    ["\u200b", "\ufeff\u200d\u2066\u2069", "\ud800", "\u2028\u2029 \u200b ", "\x00\x1b\x7f"],
)
def test_a_question_of_only_invisible_characters_is_an_empty_question(
    seed_engine: Engine, question: str
) -> None:
    answer = seed_engine.answer(question)
    assert not answer.answered
    assert answer.intent is Intent.HELP and answer.miss is Miss.EMPTY
    assert answer.question == ""


def test_invisible_characters_inside_a_question_do_not_change_its_answer(
    seed_engine: Engine,
) -> None:
    plain = seed_engine.answer("谁提了数据安全？")
    dirty = seed_engine.answer("\ufeff谁\u200b提了数据\u200d安全\u202e？\ud800")
    assert plain.answered and dirty.answered
    assert dirty.question == plain.question
    assert dirty.speakers == plain.speakers
