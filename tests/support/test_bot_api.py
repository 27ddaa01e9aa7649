"""Proves FakeBotApi speaks the Bot API well enough for the real PTB client.

If these fail, end-to-end tests built on the fake cannot be trusted, so they exercise it through
an unmodified ``telegram.ext.Application`` over real HTTP rather than by calling it directly.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.bot_api import DEFAULT_GROUP_ID, FakeBotApi, decode_params, parse_html

TOKEN = "123456:TEST-fangtan-token"
STEP_TIMEOUT = 5.0


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, username="fangtan_bot") as server:
        yield server


def build_app(api: FakeBotApi, rate_limiter: AIORateLimiter | None = None) -> Application:
    builder = (
        ApplicationBuilder().token(TOKEN).base_url(api.base_url).base_file_url(api.base_file_url)
    )
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    return builder.build()


@asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:
    """Run the app the way bot/ will, bounded by timeouts so a broken fake fails, not hangs."""
    async with asyncio.timeout(STEP_TIMEOUT):
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        async with asyncio.timeout(STEP_TIMEOUT):
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


async def test_echo_round_trip(api: FakeBotApi) -> None:
    app = build_app(api)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))

    async with polling(app):
        pushed = api.push_update(api.private_message("你好，世界 👋", user_id=777))
        [call] = await api.wait_for_async("sendMessage", timeout=STEP_TIMEOUT)

    assert call.ok
    assert call.params["chat_id"] == 777
    assert call.params["text"] == "你好，世界 👋"
    assert "reply_parameters" not in call.params  # PTB does not quote in private chats
    assert call.result["from"]["username"] == "fangtan_bot"
    assert [m["text"] for m in api.messages_sent_to(777)] == ["你好，世界 👋"]
    assert api.calls_of("getMe") and api.calls_of("deleteWebhook")
    # Stopping the updater confirmed the update with one last getUpdates(offset=id + 1).
    assert api.calls_of("getUpdates")[-1].params["offset"] == pushed["update_id"] + 1
    assert api.pending_update_count == 0

    # What PTB 22 puts on the wire: a form-encoded POST with nested values JSON-encoded.
    [raw] = [r for r in api.raw_requests if r.path.endswith("/sendMessage")]
    assert raw.http_method == "POST"
    assert raw.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert b"chat_id=777" in raw.body
    assert all(TOKEN.encode() not in r.body for r in api.raw_requests)


# PTB's own RetryAfter.__init__ reads the deprecated int-valued attribute; not our doing.
@pytest.mark.filterwarnings("ignore:.*retry_after:telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_is_honoured_by_rate_limiter(api: FakeBotApi) -> None:
    api.fail_next("sendMessage", status=429, retry_after=1)
    app = build_app(api, rate_limiter=AIORateLimiter(max_retries=3))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))

    async with polling(app):
        api.push_update(api.private_message("限流"))
        first, second = await api.wait_for_async("sendMessage", count=2, timeout=STEP_TIMEOUT)

    assert (first.status, second.status) == (429, 200)
    assert first.response["parameters"] == {"retry_after": 1}
    assert second.time - first.time >= 1.0
    assert second.params["text"] == "限流"


async def test_group_command_and_callback_round_trip(api: FakeBotApi) -> None:
    async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        button = InlineKeyboardButton("展开", callback_data="more:1")
        await update.effective_message.reply_text(
            f"问：{' '.join(context.args or [])}",
            reply_markup=InlineKeyboardMarkup([[button]]),
        )

    async def expand(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("好的")
        await query.edit_message_text(f"已展开 {query.data}")

    app = build_app(api)
    app.add_handler(CommandHandler("ask", ask))
    app.add_handler(CallbackQueryHandler(expand))

    command = api.group_message("/ask@fangtan_bot 你好")
    assert command["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 16}]

    async with polling(app):
        pushed = api.push_update(command)
        [sent] = await api.wait_for_async("sendMessage", timeout=STEP_TIMEOUT)
        assert sent.params["text"] == "问：你好"
        # PTB quotes in groups; the fake checked that the replied-to message exists.
        assert sent.params["reply_parameters"]["message_id"] == pushed["message"]["message_id"]
        assert sent.result["reply_to_message"]["text"] == "/ask@fangtan_bot 你好"
        keyboard = sent.result["reply_markup"]["inline_keyboard"]
        assert keyboard[0][0]["callback_data"] == "more:1"

        api.push_update(api.callback_query("more:1", sent.result))
        [answer] = await api.wait_for_async("answerCallbackQuery", timeout=STEP_TIMEOUT)
        [edit] = await api.wait_for_async("editMessageText", timeout=STEP_TIMEOUT)

    assert answer.ok and answer.params["text"] == "好的"
    assert edit.ok and edit.params["message_id"] == sent.result["message_id"]
    [shown] = api.messages_sent_to(DEFAULT_GROUP_ID)
    assert shown["text"] == "已展开 more:1"
    assert "reply_markup" not in shown  # editing without reply_markup drops the keyboard


def test_entities_use_utf16_offsets(api: FakeBotApi) -> None:
    message = api.group_message("👋 问 @fangtan_bot 看 https://example.com/a. #新闻")["message"]
    assert message["entities"] == [
        {"type": "mention", "offset": 5, "length": 12},
        {"type": "url", "offset": 20, "length": 21},
        {"type": "hashtag", "offset": 43, "length": 3},
    ]
    # A command glued to CJK text is not a command, as on Telegram.
    assert "entities" not in api.private_message("/ask你好")["message"]


async def test_bot_errors_surface_as_telegram_errors(api: FakeBotApi) -> None:
    # PTB strips "Bad Request: " and .capitalize()s the rest, hence the case-insensitive matches.
    async with asyncio.timeout(STEP_TIMEOUT), Bot(TOKEN, base_url=api.base_url) as bot:
        chat_id = 42
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(chat_id, "a<br>b", parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            button = InlineKeyboardButton("x", callback_data="引用" * 20)
            await bot.send_message(chat_id, "x", reply_markup=InlineKeyboardMarkup([[button]]))
        with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
            await bot.send_message(chat_id, "x", reply_to_message_id=999)
        sent = await bot.send_message(chat_id, "<b>粗</b> &amp; 细", parse_mode="HTML")
        assert sent.text == "粗 & 细"
        assert sent.entities[0].type == "bold" and sent.entities[0].length == 1
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text(
                "<b>粗</b> &amp; 细", chat_id, sent.message_id, parse_mode="HTML"
            )
        api.fail_next("sendChatAction", status=502)
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_chat_action(chat_id, "typing")
        assert await bot.send_chat_action(chat_id, "typing")
        assert await bot.set_my_commands([("ask", "提问")])
        assert [(c.command, c.description) for c in await bot.get_my_commands()] == [
            ("ask", "提问")
        ]


def post(api: FakeBotApi, path: str, payload: dict[str, Any], timeout: float = 5.0) -> Any:
    request = urllib.request.Request(
        f"http://127.0.0.1:{api.port}{path}",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_wrong_token_and_unknown_method(api: FakeBotApi) -> None:
    assert post(api, "/bot999:WRONG/getMe", {}) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert post(api, f"/bot{TOKEN}/sendTelepathy", {}) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    status, body = post(api, f"/bot{TOKEN}/getme", {})  # method names are case-insensitive
    assert status == 200 and body["result"]["id"] == 123456
    assert body["result"]["can_read_all_group_messages"] is False


def test_stop_releases_a_blocked_long_poll() -> None:
    api = FakeBotApi(token=TOKEN).start()
    results: list[Any] = []
    poller = threading.Thread(
        target=lambda: results.append(post(api, f"/bot{TOKEN}/getUpdates", {"timeout": 30})),
    )
    poller.start()
    api.wait_for("getUpdates", timeout=STEP_TIMEOUT)
    started = time.monotonic()
    api.stop()
    poller.join(STEP_TIMEOUT)
    assert not poller.is_alive()
    assert time.monotonic() - started < 2.0
    assert results == [(200, {"ok": True, "result": []})]


def test_get_updates_offset_and_timeout(api: FakeBotApi) -> None:
    first = api.push_update(api.private_message("一"))["update_id"]
    second = api.push_update(api.private_message("二"))["update_id"]
    _, body = post(api, f"/bot{TOKEN}/getUpdates", {"offset": second})
    assert [u["update_id"] for u in body["result"]] == [second]
    assert api.pending_update_count == 1 and first < second
    started = time.monotonic()
    _, body = post(api, f"/bot{TOKEN}/getUpdates", {"offset": second + 1, "timeout": 0.3})
    assert body["result"] == [] and time.monotonic() - started >= 0.25


async def test_wait_for_fails_loudly(api: FakeBotApi) -> None:
    with pytest.raises(RuntimeError, match="wait_for_async"):
        api.wait_for("sendMessage")
    with pytest.raises(AssertionError, match="waiting for 1 sendMessage"):
        await api.wait_for_async("sendMessage", timeout=0.05)


def test_decoding_follows_what_ptb_sends() -> None:
    form = (
        b"chat_id=777&text=123&protect_content=true"
        b"&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D"
    )
    params = decode_params("application/x-www-form-urlencoded", form)
    assert params == {
        "chat_id": 777,
        "text": "123",
        "reply_markup": {"inline_keyboard": []},
        "protect_content": True,
    }
    body = json.dumps({"chat_id": "@chan", "reply_markup": '{"inline_keyboard": []}'}).encode()
    assert decode_params("application/json", body) == {
        "chat_id": "@chan",
        "reply_markup": {"inline_keyboard": []},
    }
    assert parse_html('<a href="https://x.org">链接</a> 1 &lt; 2') == (
        "链接 1 < 2",
        [{"type": "text_link", "offset": 0, "length": 2, "url": "https://x.org"}],
    )
