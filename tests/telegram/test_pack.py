"""Message packing: blocks into as few Telegram messages as fit, never cutting inside a tag."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fangtan.bot.telegram.html import (
    GROUP_FIRST_LIMIT,
    MESSAGE_LIMIT,
    SEPARATOR,
    Block,
    pack,
    text_block,
    utf16_len,
)
from tests.support.bot_api import parse_html

TAG = re.compile(r"</?[a-z]+>")


def bold(body: str) -> Block:
    return Block(prefix="<b>", body=body, suffix="</b>")


def plain_of(messages: list[str]) -> str:
    """What a reader sees, all messages together, without separators."""
    return "".join(parse_html(m)[0].replace(SEPARATOR, "") for m in messages)


def test_small_blocks_share_one_message_in_order() -> None:
    blocks = [bold("标题"), text_block("第一段。"), text_block("第二段。")]
    assert pack(blocks) == [f"<b>标题</b>{SEPARATOR}第一段。{SEPARATOR}第二段。"]


def test_nothing_to_send_is_no_message() -> None:
    assert pack([]) == []


def test_a_block_that_would_overflow_starts_the_next_message_whole() -> None:
    first, second = text_block("甲" * 60), text_block("乙" * 60)
    assert pack([first, second], limit=100) == ["甲" * 60, "乙" * 60]


def test_a_block_that_fits_exactly_is_not_split() -> None:
    body = "丙" * (MESSAGE_LIMIT - len("<b></b>"))
    assert pack([bold(body)]) == [f"<b>{body}</b>"]


def test_a_long_block_is_split_between_sentences_each_piece_in_its_own_tags() -> None:
    sentence = "这是一句完整的话。"
    messages = pack([bold(sentence * 30)], limit=100)
    assert len(messages) > 1
    for message in messages:
        assert utf16_len(message) <= 100
        assert message.startswith("<b>") and message.endswith("</b>")
        inner = message[len("<b>") : -len("</b>")]
        assert inner == sentence * (len(inner) // len(sentence))  # whole sentences only
    assert plain_of(messages) == sentence * 30


def test_escaping_counts_towards_the_limit_and_is_never_cut() -> None:
    body = "a<b&c>" * 200  # each character of "<&>" becomes 4 or 5 in HTML
    messages = pack([text_block(body)], limit=128)
    for message in messages:
        assert utf16_len(message) <= 128
        assert not re.search(r"&(?!lt;|gt;|amp;)", message)  # no entity cut in half
    assert plain_of(messages) == body


def test_a_piece_of_a_long_block_joins_what_is_already_waiting() -> None:
    messages = pack([bold("标题"), text_block("长句子。" * 100)], limit=200)
    assert messages[0].startswith(f"<b>标题</b>{SEPARATOR}长句子。")


def test_telegram_counts_utf16_units_so_astral_characters_count_twice() -> None:
    wide = "😀" * 30  # 60 UTF-16 units, 30 code points
    messages = pack([text_block(wide), text_block(wide)], limit=100)
    assert messages == [wide, wide]


@pytest.mark.parametrize("limit", [MESSAGE_LIMIT, GROUP_FIRST_LIMIT, 64])
@settings(max_examples=40, deadline=None)
@given(
    bodies=st.lists(
        st.text(alphabet=st.sampled_from("说了。！？ab<&> 😀"), min_size=0, max_size=400),
        min_size=1,
        max_size=12,
    ),
)
def test_any_blocks_pack_within_the_limit_as_valid_html_in_order(
    limit: int, bodies: list[str]
) -> None:
    blocks = [bold(b) if i % 2 else text_block(b) for i, b in enumerate(bodies)]
    messages = pack(blocks, limit=limit)
    for message in messages:
        assert utf16_len(message) <= limit
        parse_html(message)  # raises where Telegram would refuse the HTML
        opened = [t for t in TAG.findall(message) if not t.startswith("</")]
        closed = [t for t in TAG.findall(message) if t.startswith("</")]
        assert len(opened) == len(closed)
    assert plain_of(messages) == "".join(bodies).replace(SEPARATOR, "")
