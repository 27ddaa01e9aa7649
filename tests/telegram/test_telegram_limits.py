"""Cutting to Telegram's limits: one message at most, tags and entities whole, cut visibly."""

from __future__ import annotations

import pytest

from fangtan.bot.telegram.html import ELLIPSIS, Block, clip, shortened, utf16_len
from tests.support.bot_api import parse_html

SENTENCES = "第一句话说完了。A<B & C>D 是第二句！😀 第三句在这里？" * 200


@pytest.mark.parametrize("limit", [60, 61, 62, 63, 100, 257, 1000, 4096])
def test_shortened_fits_parses_and_ends_in_an_ellipsis(limit: int) -> None:
    block = Block(prefix="<b>某人</b>\n<blockquote>", body=SENTENCES, suffix="</blockquote>")
    html = shortened(block, limit)
    assert utf16_len(html) <= limit
    text, entities = parse_html(html)  # raises on a broken tag or entity
    assert [e["type"] for e in entities] == ["bold", "blockquote"]
    body = text.removeprefix("某人\n")
    assert body.endswith(ELLIPSIS)
    assert SENTENCES.startswith(body.removesuffix(ELLIPSIS))


def test_shortened_cuts_between_sentences_when_one_fits() -> None:
    block = Block(prefix="<blockquote>", body=SENTENCES, suffix="</blockquote>")
    text, _ = parse_html(shortened(block, 200))
    assert text.removesuffix(ELLIPSIS)[-1] in "。！？"


def test_shortened_leaves_what_fits_alone() -> None:
    block = Block(prefix="<b>", body="A<B", suffix="</b>")
    assert shortened(block, 13) == "<b>A&lt;B</b>"


def test_shortened_falls_back_to_plain_text_when_the_tags_alone_do_not_fit() -> None:
    block = Block(prefix="<b>" + "很长的标题" * 30 + "</b>\n", body=SENTENCES)
    html = shortened(block, 100)
    assert utf16_len(html) <= 100 and html.endswith(ELLIPSIS)
    parse_html(html)


def test_clip_counts_utf16_and_never_splits_a_character() -> None:
    assert clip("短", 10) == "短"
    emoji = "😀" * 10  # two UTF-16 units each
    clipped = clip(emoji, 7)
    assert clipped == "😀😀😀" + ELLIPSIS and utf16_len(clipped) == 7
    assert utf16_len(clip("\ud800" * 10, 5)) == 5  # a lone surrogate is counted, not a crash
