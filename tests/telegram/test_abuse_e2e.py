"""Hostile or odd input never hurts other users: the per-user limit on every reply, and
Telegram's size limits on what the bot sends, with the real application against the
stand-in Bot API."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from fangtan.bot.serving.library import Library
from fangtan.bot.settings import Settings
from fangtan.bot.telegram.html import MESSAGE_LIMIT
from fangtan.bot.texts import telegram as tg_texts
from tests.support.bot_api import DEFAULT_GROUP_ID, Call, FakeBotApi, parse_html, utf16_len
from tests.telegram.conftest import one_page_library
from tests.telegram.test_telegram_e2e import (
    DATA_SECURITY,
    EMISSIONS,
    GOV_REPORT,
    USERNAME,
    button,
    exchange,
    new_calls,
    running,
    seen,
    settings_for,
)

JSON = dict[str, Any]

SPAMMER = 810001
NEIGHBOUR = 810002
ADMIN = 810003
RATE_PREFIX = tg_texts.TG_RATE_LIMITED.split("{")[0]


def limited(api: FakeBotApi, limit: int, **extra: object) -> Settings:
    return settings_for(api).model_copy(update={"rate_limit": limit, "rate_window": 60.0, **extra})


def not_for(api: FakeBotApi, user_id: int) -> list[Call]:
    """Every call the bot made except polling and messages to ``user_id``."""
    return [c for c in api.calls if c.method != "getUpdates" and c.params.get("chat_id") != user_id]


async def settle(api: FakeBotApi, user_id: int, question: str) -> float:
    """Ask as ``user_id`` after everything already pushed; seconds until the answer arrives.

    Updates are dispatched in order, so once this answer is sent every earlier update has been
    looked at; a short grace lets any reply to them reach the stand-in.
    """
    before = len([c for c in api.calls_of("sendMessage") if c.params["chat_id"] == user_id])
    started = asyncio.get_running_loop().time()
    api.push_update(api.private_message(question, user_id=user_id))
    await new_calls(
        api, "sendMessage", before, predicate=lambda c: c.params.get("chat_id") == user_id
    )
    elapsed = asyncio.get_running_loop().time() - started
    await asyncio.sleep(0.2)
    return elapsed


# ---------------------------------------------------------------------------- the rate limit


async def test_every_reply_counts_and_a_limited_user_gets_one_notice_then_silence(
    api: FakeBotApi,
    library: Library,
) -> None:
    async with running(api, library, limited(api, 4)):
        _, [answer] = await exchange(api, api.private_message(GOV_REPORT, user_id=SPAMMER))
        _, [helped] = await exchange(api, api.private_message("/help", user_id=SPAMMER))
        _, [hint] = await exchange(api, api.sticker_message(user_id=SPAMMER))
        assert seen(hint) == tg_texts.TG_NO_TEXT
        page = button(answer, tg_texts.TG_BUTTON_PARAGRAPH.format(n=1))
        _, [turned] = await exchange(
            api,
            api.callback_query(page["callback_data"], answer.result, user_id=SPAMMER),
            "answerCallbackQuery",
        )
        assert turned.ok and "text" not in turned.params  # the fourth reply: a paragraph
        await new_calls(api, "sendMessage", 3, predicate=lambda c: c.params["chat_id"] == SPAMMER)

        # The fifth is refused, with a notice where the user pressed …
        _, [notice] = await exchange(
            api,
            api.callback_query(page["callback_data"], answer.result, user_id=SPAMMER),
            "answerCallbackQuery",
        )
        assert str(notice.params["text"]).startswith(RATE_PREFIX)
        assert notice.params["show_alert"] is True
        told = len(not_for(api, NEIGHBOUR))

        # … and everything after it, of every kind, gets nothing at all.
        for _ in range(15):
            api.push_update(api.private_message("/help", user_id=SPAMMER))
            api.push_update(api.private_message("/start", user_id=SPAMMER))
            api.push_update(api.private_message("/who 数据安全", user_id=SPAMMER))
            api.push_update(api.private_message(DATA_SECURITY, user_id=SPAMMER))
            api.push_update(api.sticker_message(user_id=SPAMMER))
            api.push_update(
                api.callback_query(page["callback_data"], answer.result, user_id=SPAMMER)
            )
            api.push_update(api.inline_query("数据安全", user_id=SPAMMER))
        # Someone else, queued behind 105 of those, is answered at once.
        assert await settle(api, NEIGHBOUR, EMISSIONS) < 2.0
        assert len(not_for(api, NEIGHBOUR)) == told
        assert "袁占军" in seen(api.calls_of("sendMessage")[-1])
    assert helped.ok


async def test_a_limited_user_in_a_group_is_told_once_and_chatter_never_counts(
    api: FakeBotApi,
    library: Library,
) -> None:
    """Group messages not meant for the bot cost nothing, so they take nothing from the limit."""
    async with running(api, library, limited(api, 2)):
        for n in range(10):
            api.push_update(api.group_message(f"今天天气不错 {n}", user_id=SPAMMER))
            api.push_update(api.group_message(f"/help@other_bot {n}", user_id=SPAMMER))
        for question in (DATA_SECURITY, EMISSIONS):
            _, [answer] = await exchange(
                api, api.group_message(f"@{USERNAME} {question}", user_id=SPAMMER)
            )
            assert not seen(answer).startswith(RATE_PREFIX)
        _, [notice] = await exchange(api, api.group_message("/help", user_id=SPAMMER))
        assert seen(notice).startswith(RATE_PREFIX)
        for _ in range(5):
            api.push_update(api.group_message(f"/ask {DATA_SECURITY}", user_id=SPAMMER))
            api.push_update(api.group_message(f"@{USERNAME} 你好", user_id=SPAMMER))
        await settle(api, NEIGHBOUR, DATA_SECURITY)
    to_group = [c for c in api.calls_of("sendMessage") if c.params["chat_id"] == DEFAULT_GROUP_ID]
    assert len(to_group) == 3  # two answers and one notice


async def test_an_admins_admin_commands_are_never_limited(
    api: FakeBotApi,
    library: Library,
) -> None:
    """/stats and /reload must work during a flood; an admin's questions count like anyone's."""
    async with running(api, library, limited(api, 1, admin_ids=frozenset({ADMIN}))):
        await exchange(api, api.private_message(DATA_SECURITY, user_id=ADMIN))
        for _ in range(3):
            _, [stats] = await exchange(api, api.private_message("/stats", user_id=ADMIN))
            assert seen(stats).startswith(tg_texts.TG_STATS.split("{")[0])
        _, [notice] = await exchange(api, api.private_message(EMISSIONS, user_id=ADMIN))
        assert seen(notice).startswith(RATE_PREFIX)
        # Somebody else's /stats is an ordinary reply (a refusal), and counted.
        await exchange(api, api.private_message("/stats", user_id=SPAMMER))
        _, [refused] = await exchange(api, api.private_message("/stats", user_id=SPAMMER))
        assert seen(refused).startswith(RATE_PREFIX)


async def test_a_notice_that_cannot_be_sent_still_refuses_the_update(
    api: FakeBotApi,
    library: Library,
) -> None:
    """Telegram failing the notice must not let the refused question through, nor bring an
    apology for an error the user did not see."""
    async with running(api, library, limited(api, 1)):
        await exchange(api, api.private_message(DATA_SECURITY, user_id=SPAMMER))
        api.fail_next("sendMessage", 400, description="Bad Request: chat not found")
        api.push_update(api.private_message(EMISSIONS, user_id=SPAMMER))
        await new_calls(api, "sendMessage", 1, predicate=lambda c: c.params["chat_id"] == SPAMMER)
        await settle(api, NEIGHBOUR, DATA_SECURITY)
    to_spammer = [c for c in api.calls_of("sendMessage") if c.params["chat_id"] == SPAMMER]
    assert len(to_spammer) == 2  # the answer, and the notice that failed
    assert not to_spammer[1].ok and str(to_spammer[1].params["text"]).startswith(RATE_PREFIX)


async def test_a_limited_inline_user_is_told_once_in_the_results_then_not_answered(
    api: FakeBotApi,
    library: Library,
) -> None:
    async with running(api, library, limited(api, 1)):
        _, [shown] = await exchange(
            api, api.inline_query("数据安全", user_id=SPAMMER), "answerInlineQuery"
        )
        assert shown.params["results"]
        _, [notice] = await exchange(
            api, api.inline_query("数据安", user_id=SPAMMER), "answerInlineQuery"
        )
        assert notice.params["results"] == []
        assert str(notice.params["button"]["text"]).startswith(RATE_PREFIX)
        for _ in range(5):
            api.push_update(api.inline_query("数据", user_id=SPAMMER))
        await settle(api, NEIGHBOUR, DATA_SECURITY)
    assert len(api.calls_of("answerInlineQuery")) == 2


# ------------------------------------------------------------------------ Telegram's limits

# One sentence with no punctuation to cut at, full of characters that must be escaped: its
# best quote is the whole sentence, far over a message.
ENDLESS = "量子通信网络建设要统筹推进 A<B & C>D 标准要统一 " * 300


@pytest.fixture(scope="module")
def endless_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return one_page_library(tmp_path_factory.mktemp("endless"), f"欧阳晓峰说，“{ENDLESS}”")


async def test_an_inline_result_whose_best_quote_is_endless_fits_one_message(
    api: FakeBotApi, endless_library: Library
) -> None:
    """The stand-in parses each result's HTML and refuses more than 4096 units, as Telegram."""
    [quote] = endless_library.engine.answer("谁提到了量子通信网络？").quotes
    assert utf16_len(quote.text) > MESSAGE_LIMIT
    async with running(api, endless_library):
        _, [shown] = await exchange(api, api.inline_query("量子通信网络"), "answerInlineQuery")
    assert shown.ok, shown.response
    [article] = shown.params["results"]
    text, entities = parse_html(article["input_message_content"]["message_text"])
    assert utf16_len(text) <= MESSAGE_LIMIT
    assert {e["type"] for e in entities} >= {"bold", "blockquote", "italic"}  # tags whole
    quoted = next(e for e in entities if e["type"] == "blockquote")
    shown_quote = text.encode("utf-16-le")[
        2 * quoted["offset"] : 2 * (quoted["offset"] + quoted["length"])
    ].decode("utf-16-le")
    assert shown_quote.endswith("…")
    assert quote.text.startswith(shown_quote.removesuffix("…").rstrip())  # verbatim, cut once
    assert "《让量子科技落地生根》" in text  # the citation survives the cut
    assert len(article["title"]) <= 64 and len(article["description"]) <= 100
