"""End to end: every reply reaches its chat through Telegram's faults, and polling outlives an
update PTB cannot read.

The real application (:func:`fangtan.bot.telegram.app.build_application`) talks HTTP to the
stand-in Bot API, which fails requests the ways Telegram does: its proxy's 502/503 pages, a
connection closed without an answer, a 200 whose body is cut off, long runs of 429, a refusal
(400). Retry waits are shortened by the policy passed in, so each test takes a second or two,
not minutes.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from pydantic import SecretStr
from telegram import Update
from telegram.error import TelegramError

from fangtan.bot.serving.library import Library
from fangtan.bot.settings import Settings
from fangtan.bot.telegram.app import RATE_LIMIT_RETRIES, TelegramApp, build_application
from fangtan.bot.telegram.delivery import REPLIES, SHORT_LIVED, RetryPolicy
from fangtan.bot.texts import telegram as tg_texts
from tests.support.bot_api import DEFAULT_GROUP_ID, DEFAULT_USER_ID, Call, FakeBotApi
from tests.telegram.test_telegram_e2e import (
    DATA_SECURITY,
    EMISSIONS,
    GOV_REPORT,
    NO_ANSWER,
    OTHER_USER,
    PTB_RETRY_AFTER_WARNING,
    STEP,
    TOKEN,
    button,
    buttons,
    exchange,
    names_in,
    seen,
    stop,
    tg_error_records,
)

FAST = RetryPolicy(bound=60.0, short_bound=0.3, base=0.02, cap=0.1)
# Words that appear only in an update the bot cannot parse; they must reach no log record.
UNREADABLE_MARKER = "只在坏更新里出现的句子"


@asynccontextmanager
async def running(
    api: FakeBotApi, library: Library, retry: RetryPolicy = FAST
) -> AsyncIterator[TelegramApp]:
    """The app as ``fangtan telegram`` polls, with DEFAULT_USER_ID as its admin."""
    settings = Settings(
        telegram_token=SecretStr(TOKEN),
        telegram_base_url=api.base_url,
        telegram_base_file_url=api.base_file_url,
        admin_ids=frozenset({DEFAULT_USER_ID}),
    )
    app = build_application(settings, library, retry=retry)

    def polling_error(exc: TelegramError) -> None:
        app.create_task(app.process_error(update=None, error=exc))

    async with asyncio.timeout(STEP):
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0,
            timeout=1,
            allowed_updates=Update.ALL_TYPES,
            error_callback=polling_error,
        )
    try:
        yield app
    finally:
        await stop(app)


def delivery_records(caplog: pytest.LogCaptureFixture, level: int) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "fangtan.bot.telegram.delivery" and r.levelno == level
    ]


def reason(record: logging.LogRecord) -> str:
    found = re.search(r"reason=(.*?)(?: wait=|$)", record.getMessage())
    assert found, record.getMessage()
    return found.group(1)


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.exc_info or r.exc_text]


def labels(call: Call) -> list[str]:
    return [str(b["text"]) for b in buttons(call)]


def deliveries(api: FakeBotApi) -> int:
    """Delivery calls Telegram accepted, as the bot counts them."""
    return sum(1 for c in api.calls if c.method in REPLIES | SHORT_LIVED and c.result is not None)


async def wait_for_record(caplog: pytest.LogCaptureFixture, needle: str) -> logging.LogRecord:
    deadline = time.monotonic() + STEP
    while time.monotonic() < deadline:
        found = [r for r in caplog.records if needle in r.getMessage()]
        if found:
            return found[0]
        await asyncio.sleep(0.01)
    raise AssertionError(f"no log record with {needle!r}")


# ------------------------------------------------------------------------------ retries


async def test_reply_outlives_bad_gateways_a_dropped_connection_and_a_cut_body(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """Four faults in a row, then the very answer a fault-free chat gets, sent once; each
    retry is one INFO line naming method, chat, attempt and reason, with no traceback and
    none of the question's words."""
    caplog.set_level(logging.INFO)
    async with running(api, library):
        _, [normal] = await exchange(api, api.private_message(DATA_SECURITY, user_id=OTHER_USER))
        api.fail_next("sendMessage", status=502, chat_id=DEFAULT_USER_ID)
        api.fail_next("sendMessage", status=503, chat_id=DEFAULT_USER_ID)
        api.drop_next("sendMessage", chat_id=DEFAULT_USER_ID)
        api.garble_next("sendMessage", chat_id=DEFAULT_USER_ID)
        _, calls = await exchange(api, api.private_message(DATA_SECURITY), count=5)

    assert [call.status for call in calls] == [502, 503, 0, 200, 200]
    delivered = calls[-1]
    assert delivered.result is not None
    assert delivered.params["text"] == normal.params["text"]
    assert seen(delivered) == seen(normal) and names_in(seen(delivered)) == {"张乾坤"}
    assert labels(delivered) == labels(normal)
    assert len(api.messages_sent_to(DEFAULT_USER_ID)) == 1

    retries = delivery_records(caplog, logging.INFO)
    assert [reason(r) for r in retries] == [
        "HTTP 502",
        "HTTP 503",
        "connection: RemoteProtocolError",
        "malformed response",
    ]
    for attempt, record in enumerate(retries, start=1):
        message = record.getMessage()
        assert f"method=sendMessage chat={DEFAULT_USER_ID} attempt={attempt} " in message
    assert delivery_records(caplog, logging.WARNING) == []
    assert tracebacks(caplog) == [] and tg_error_records(caplog) == []
    assert DATA_SECURITY not in caplog.text


@pytest.mark.filterwarnings(PTB_RETRY_AFTER_WARNING)
async def test_a_long_run_of_flood_waits_is_waited_out(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """More 429s than the rate limiter retries on its own: the reply still arrives, each
    retry_after honoured, and without the rate limiter's traceback."""
    caplog.set_level(logging.INFO)
    floods = 10
    async with running(api, library):
        api.fail_next(
            "sendMessage", status=429, retry_after=0.05, times=floods, chat_id=DEFAULT_USER_ID
        )
        _, calls = await exchange(api, api.private_message(EMISSIONS), count=floods + 1)

    assert [call.status for call in calls] == [429] * floods + [200]
    assert names_in(seen(calls[-1])) == {"袁占军"}
    assert all(b.time - a.time >= 0.05 for a, b in itertools.pairwise(calls))
    retries = delivery_records(caplog, logging.INFO)
    assert len(retries) == floods // (RATE_LIMIT_RETRIES + 1)
    assert {reason(r) for r in retries} == {"429 retry_after=0.05s"}
    assert delivery_records(caplog, logging.WARNING) == []
    assert tracebacks(caplog) == [] and tg_error_records(caplog) == []


async def test_refused_reply_is_given_up_at_once_and_stats_count_every_outcome(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """A 400 will not change by asking again: one attempt, one WARNING line, an apology that
    Telegram does accept, and /stats shows delivered, retried and given up."""
    caplog.set_level(logging.INFO)
    async with running(api, library):
        api.fail_next("sendMessage", status=502, chat_id=DEFAULT_USER_ID)
        _, [failed, resent] = await exchange(api, api.private_message(DATA_SECURITY), count=2)
        assert failed.status == 502 and names_in(seen(resent)) == {"张乾坤"}

        refusal = "Bad Request: can't parse entities: unsupported start tag"
        api.fail_next("sendMessage", status=400, description=refusal, chat_id=DEFAULT_USER_ID)
        refused_update, [refused, apology] = await exchange(
            api, api.private_message(EMISSIONS), count=2
        )
        assert refused.status == 400
        assert seen(apology) == tg_texts.TG_ERROR
        assert apology.time - refused.time < 0.5  # no backoff before giving up

        sent = deliveries(api)
        _, [report] = await exchange(api, api.private_message("/stats"))

    expected = tg_texts.TG_STATS_DELIVERY.format(delivered=sent, retried=1, given_up=1)
    assert expected in seen(report)
    [gave_up] = delivery_records(caplog, logging.WARNING)
    message = gave_up.getMessage()
    assert f"method=sendMessage chat={DEFAULT_USER_ID} attempts=1 " in message
    assert "BadRequest" in message and EMISSIONS not in message
    [noted] = tg_error_records(caplog)
    assert noted.levelno == logging.INFO
    assert f"update_id={refused_update['update_id']}" in noted.getMessage()
    assert tracebacks(caplog) == []


async def test_button_answer_gives_up_within_its_short_bound(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram forgets a button press within seconds, so its answer is not retried for the
    minutes a reply may take; it is given up after the short bound, with one WARNING line."""
    caplog.set_level(logging.INFO)
    async with running(api, library):
        _, [answer] = await exchange(api, api.group_message(f"/ask {GOV_REPORT}"))
        next_page = button(answer, tg_texts.TG_BUTTON_NEXT)["callback_data"]
        api.fail_next("answerCallbackQuery", status=503, times=1000)
        api.push_update(api.callback_query(next_page, answer.result))
        record = await wait_for_record(caplog, "delivery gave up: method=answerCallbackQuery")

    assert record.levelno == logging.WARNING and "bound reached" in record.getMessage()
    tries = api.calls_of("answerCallbackQuery")
    assert len(tries) >= 2 and all(call.status == 503 for call in tries)
    # The times are when the stand-in received each try, so a loaded host's request
    # latency is allowed on top; the long bound (a minute) is far beyond it.
    assert tries[-1].time - tries[0].time <= FAST.short_bound + 0.5
    assert tracebacks(caplog) == []


async def test_other_chats_are_answered_while_one_reply_is_retried(
    api: FakeBotApi, library: Library
) -> None:
    """The retries of one chat's reply hold only its own handler: a question from another
    chat, asked meanwhile, is answered first."""
    slow = RetryPolicy(bound=60.0, base=0.2, cap=0.4)
    async with running(api, library, retry=slow):
        api.fail_next("sendMessage", status=503, times=4, chat_id=DEFAULT_GROUP_ID)
        api.push_update(api.group_message(f"/ask {DATA_SECURITY}"))
        await api.wait_for_async("sendMessage", timeout=STEP)
        _, [other] = await exchange(api, api.private_message(EMISSIONS, user_id=OTHER_USER))
        [*failed, late] = await api.wait_for_async(
            "sendMessage",
            5,
            timeout=STEP,
            predicate=lambda call: call.params.get("chat_id") == DEFAULT_GROUP_ID,
        )

    assert [call.status for call in failed] == [503] * 4 and late.result is not None
    assert names_in(seen(other)) == {"袁占军"}
    assert other.time < late.time


async def test_stopping_ends_retries_at_once(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """PTB's stop waits for every update in hand; a reply retrying through an outage gives up
    when the application stops instead of holding the restart for its whole bound."""
    caplog.set_level(logging.INFO)
    patient = RetryPolicy(bound=60.0, base=2.0, cap=2.0)
    async with running(api, library, retry=patient) as app:
        api.fail_next("sendMessage", status=503, times=1000)
        api.push_update(api.private_message(DATA_SECURITY))
        await wait_for_record(caplog, "delivery retry: method=sendMessage")
        seconds = await stop(app)

    assert seconds < 1.0
    [record] = delivery_records(caplog, logging.WARNING)
    assert "stopping" in record.getMessage()
    assert tracebacks(caplog) == []


# --------------------------------------------------------------------- unreadable updates


def without_date(update: dict[str, Any]) -> None:
    del update["message"]["date"]


def with_text_date(update: dict[str, Any]) -> None:
    update["message"]["date"] = "yesterday"


@pytest.mark.parametrize(
    ("spoil", "error"), [(without_date, "KeyError"), (with_text_date, "TypeError")]
)
async def test_unreadable_update_is_skipped_once_and_the_next_question_answered(
    api: FakeBotApi,
    library: Library,
    caplog: pytest.LogCaptureFixture,
    spoil: Callable[[dict[str, Any]], None],
    error: str,
) -> None:
    """The bad update is confirmed like any other, reported in one line by id and error type,
    and nothing it said reaches any log record, at any level."""
    caplog.set_level(logging.DEBUG)
    async with running(api, library):
        bad = api.private_message(f"{NO_ANSWER}{UNREADABLE_MARKER}", user_id=OTHER_USER)
        spoil(bad)
        pushed = api.push_update(bad)
        _, [answer] = await exchange(api, api.private_message(DATA_SECURITY))
        await asyncio.sleep(0.1)  # time for any reaction to the bad update to show
        assert api.pending_update_count == 0

    assert names_in(seen(answer)) == {"张乾坤"}
    assert [c.params["chat_id"] for c in api.calls_of("sendMessage")] == [DEFAULT_USER_ID]
    reports = [
        r
        for r in caplog.records
        if r.levelno >= logging.WARNING and f"update_id={pushed['update_id']}" in r.getMessage()
    ]
    assert [r.name for r in reports] == ["fangtan.bot.telegram.updates"]
    assert f"error={error}" in reports[0].getMessage()
    assert tracebacks(caplog) == []
    for record in caplog.records:
        assert UNREADABLE_MARKER not in record.getMessage() + (record.exc_text or "")
    assert UNREADABLE_MARKER not in caplog.text


async def test_cut_off_poll_response_is_not_logged_and_polling_goes_on(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """A getUpdates body that is not JSON may hold people's messages; PTB's record of it,
    which quotes the body, never reaches the log, and the next poll serves the question."""
    caplog.set_level(logging.DEBUG)
    async with running(api, library):
        api.garble_next("getUpdates")
        _, [answer] = await exchange(api, api.private_message(DATA_SECURITY))

    assert names_in(seen(answer)) == {"张乾坤"}
    assert [c.status for c in api.calls_of("getUpdates")].count(200) >= 2
    assert '{"ok":true' not in caplog.text


async def test_ptb_record_of_an_unreadable_webhook_update_keeps_no_data(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """With a webhook, PTB logs an update it cannot parse with its data and a traceback. The
    record it emits (telegram/ext/_utils/webhookhandler.py) keeps its line, not the data."""
    app = build_application(
        Settings(telegram_token=SecretStr(TOKEN), telegram_base_url=api.base_url), library
    )
    data = api.private_message(f"{NO_ANSWER}{UNREADABLE_MARKER}")
    without_date(data)
    try:
        Update.de_json(data, app.bot)
    except KeyError as exc:
        logging.getLogger("telegram.ext.Updater").critical(
            "Something went wrong processing the data received from Telegram. "
            "Received data was *not* processed! Received data was: %r",
            data,
            exc_info=exc,
        )
    [record] = [r for r in caplog.records if r.name == "telegram.ext.Updater"]
    assert record.levelno == logging.CRITICAL and "KeyError" in record.getMessage()
    assert UNREADABLE_MARKER not in caplog.text and tracebacks(caplog) == []
