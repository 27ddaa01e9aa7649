"""End-to-end tests: the real fangtan ``Application`` talking HTTP to a stand-in Bot API.

Unit tests of the handlers would only prove that they call the PTB methods we think they call.
These run :func:`fangtan.bot.telegram.app.build_application` exactly as ``fangtan telegram``
builds it (HTML
defaults, AIORateLimiter, concurrent updates, error handler, post_init) against
:class:`tests.support.bot_api.FakeBotApi`, so what is checked is what Telegram would receive: the
method, the chat, the HTML (which the fake parses and rejects as Telegram would), the keyboard,
the callback data (which the fake limits to 64 bytes) and the reply target (which must exist).

Every wait is bounded (``STEP`` seconds), so a broken bot fails a test instead of hanging it.
Expected wording comes from :mod:`fangtan.bot.texts`, so a change of wording does not break
these tests but a change of behaviour does.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from pydantic import SecretStr
from telegram import Update
from telegram.error import TelegramError

from fangtan.bot.engine.answer import Answer, Choice, Context, Intent, Miss
from fangtan.bot.engine.answering import QUESTION_MAX, Engine
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.log_redact import NOISY_LOGGERS, install_redaction
from fangtan.bot.settings import Settings
from fangtan.bot.telegram.app import (
    GROUP_COMMANDS,
    PRIVATE_COMMANDS,
    TelegramApp,
    build_application,
)
from fangtan.bot.telegram.html import GROUP_FIRST_LIMIT, MESSAGE_LIMIT
from fangtan.bot.telegram.keyboards import CHOICE
from fangtan.bot.telegram.pages import PRIVATE_PAGE
from fangtan.bot.telegram.shown import CHOICE_BUTTONS
from fangtan.bot.texts import common as common_texts
from fangtan.bot.texts import telegram as tg_texts
from fangtan.bot.texts.wording import choice_hint, choice_label, heading
from tests.support.bot_api import (
    DEFAULT_GROUP_ID,
    DEFAULT_USER_ID,
    Call,
    FakeBotApi,
    parse_html,
    utf16_len,
)
from tests.telegram.conftest import TOKEN, USERNAME, one_page_library

JSON = dict[str, Any]

SECRET_PART = TOKEN.split(":", 1)[1]
STEP = 5.0

# The bundled corpus (seeds/), in corpus order.
SPEAKERS = ("李新军", "张乾坤", "马琳", "赵魁伟", "袁占军", "谢海丽", "李嵘", "代灿丽")
DATA_SECURITY = "谁提了数据安全？"  # 张乾坤 only
GOV_REPORT = "谁提到了政府工作报告？"  # four speakers: two pages at three per group page
GOV_REPORT_SPEAKERS = ("张乾坤", "赵魁伟", "谢海丽", "代灿丽")
EMISSIONS = "谁提到了超低排放改造？"  # 袁占军 only
NO_ANSWER = "谁提到了区块链？"
FIFTEENTH_PLAN = "谁提到了“十五五”？"  # 马琳, 代灿丽, 李嵘

OTHER_USER = 515151  # a second person in the same group
SENTINEL_USER = 626262  # a private chat used only to know that earlier updates were handled

PTB_RETRY_AFTER_WARNING = "ignore:.*retry_after:telegram.warnings.PTBDeprecationWarning"


# ------------------------------------------------------------------------------------ fixtures


def settings_for(api: FakeBotApi) -> Settings:
    return Settings(
        telegram_token=SecretStr(TOKEN),
        telegram_base_url=api.base_url,
        telegram_base_file_url=api.base_file_url,
    )


async def start(api: FakeBotApi, library: Library, settings: Settings | None = None) -> TelegramApp:
    """Start the app as ``run_polling`` would: post_init, all update types, and polling errors
    routed to the error handler (``run_polling`` does not run here, so we do its part)."""
    app = build_application(settings or settings_for(api), library)

    def polling_error(exc: TelegramError) -> None:
        app.create_task(app.process_error(update=None, error=exc))

    async with asyncio.timeout(STEP):
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0,
            timeout=1,
            allowed_updates=Update.ALL_TYPES,
            error_callback=polling_error,
        )
    return app


async def stop(app: TelegramApp) -> float:
    """Stop as the signal handler of ``run_polling`` would; returns the seconds it took."""
    started = time.monotonic()
    async with asyncio.timeout(STEP):
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
    return time.monotonic() - started


@asynccontextmanager
async def running(
    api: FakeBotApi, library: Library, settings: Settings | None = None
) -> AsyncIterator[TelegramApp]:
    app = await start(api, library, settings)
    try:
        yield app
    finally:
        await stop(app)


# ------------------------------------------------------------------------------------- helpers


async def new_calls(
    api: FakeBotApi,
    method: str,
    before: int,
    count: int = 1,
    predicate: Callable[[Call], bool] | None = None,
) -> list[Call]:
    """The ``count`` calls of ``method`` (matching ``predicate``) after the first ``before``."""
    calls = await api.wait_for_async(method, before + count, timeout=STEP, predicate=predicate)
    return calls[before : before + count]


async def exchange(
    api: FakeBotApi, update: JSON, method: str = "sendMessage", count: int = 1
) -> tuple[JSON, list[Call]]:
    """Push ``update`` and return it (with ids) and the next ``count`` ``method`` calls."""
    before = len(api.calls_of(method))
    pushed = api.push_update(update)
    return pushed, await new_calls(api, method, before, count)


def non_polling(api: FakeBotApi) -> list[Call]:
    return [call for call in api.calls if call.method != "getUpdates"]


async def assert_ignored(api: FakeBotApi, update: JSON) -> None:
    """Push ``update`` and prove the bot made no call for it.

    A sentinel /help in another chat is pushed after it; updates are dispatched in order and an
    ignored update needs no I/O, so once the sentinel is answered (plus a short grace period) any
    reaction to ``update`` would have been recorded. Silence is only meaningful with that proof
    that the bot was alive and had read the update.
    """
    before = len(non_polling(api))

    def to_sentinel(call: Call) -> bool:
        return call.params.get("chat_id") == SENTINEL_USER

    sentinel_replies = len([c for c in api.calls_of("sendMessage") if to_sentinel(c)])
    api.push_update(update)
    api.push_update(api.private_message("/help", user_id=SENTINEL_USER, first_name="Sentinel"))
    await new_calls(api, "sendMessage", sentinel_replies, predicate=to_sentinel)
    await asyncio.sleep(0.1)
    made = [(c.method, c.params.get("chat_id")) for c in non_polling(api)[before:]]
    assert made == [("sendMessage", SENTINEL_USER)], f"the bot reacted: {made}"


def html_of(call: Call) -> str:
    """The HTML the bot sent."""
    return str(call.params["text"])


def seen(call: Call) -> str:
    """The text as Telegram shows it (tags parsed away, entities unescaped)."""
    result = call.result
    assert isinstance(result, dict), f"{call.method} failed: {call.response}"
    return str(result["text"])


def bold(call: Call) -> list[str]:
    return [html.unescape(b) for b in re.findall(r"<b>(.*?)</b>", html_of(call), re.S)]


def buttons(call: Call) -> list[JSON]:
    markup = call.params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def button(call: Call, text: str) -> JSON:
    found = [b for b in buttons(call) if b["text"] == text]
    assert found, f"no button {text!r} among {[b['text'] for b in buttons(call)]}"
    return found[0]


def assert_html_message(call: Call, chat_id: int, limit: int = MESSAGE_LIMIT) -> None:
    """Accepted by the fake (so the HTML parsed), in HTML mode, to that chat, within limits."""
    assert call.status == 200, call.response
    assert call.params["chat_id"] == chat_id
    assert call.params["parse_mode"] == "HTML"
    assert utf16_len(html_of(call)) <= limit
    for b in buttons(call):
        assert 1 <= len(b["callback_data"].encode()) <= 64


def assert_reply_to(call: Call, message: JSON) -> None:
    """A group answer quotes the message it answers, and that message exists."""
    assert call.params["reply_parameters"]["message_id"] == message["message_id"]
    assert call.result["reply_to_message"]["message_id"] == message["message_id"]


def names_in(text: str) -> set[str]:
    return {name for name in SPEAKERS if name in text}


def tg_error_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "fangtan.bot.telegram.errors"]


# --------------------------------------------------------------------- 1, 2: private questions


async def test_private_question_gets_speaker_quote_and_citation(
    api: FakeBotApi, library: Library
) -> None:
    """The core promise: who said it (bold), the verbatim words (blockquote), where (citation)."""
    [quote] = library.engine.answer(DATA_SECURITY).quotes
    chunk = library.corpus.chunks[quote.chunk_id]
    async with running(api, library):
        _, [call] = await exchange(api, api.private_message(DATA_SECURITY))

    assert_html_message(call, DEFAULT_USER_ID)
    assert "reply_parameters" not in call.params  # no quoting in a private chat
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert bold(call)[0] == common_texts.WHO_HEADING.format(topic="数据安全")
    assert "<b>张乾坤</b>" in html_of(call)
    assert quote.text in chunk.text  # verbatim from the corpus...
    assert f"<blockquote>{html.escape(quote.text, quote=False)}</blockquote>" in html_of(call)
    citation = common_texts.CITATION.format(title=chunk.headline, paragraph=chunk.paragraph)
    assert f"<i>{html.escape(citation, quote=False)}</i>" in html_of(call)
    types = {entity["type"] for entity in call.result["entities"]}
    assert {"bold", "blockquote", "italic"} <= types  # ...and Telegram parsed the markup
    assert names_in(seen(call)) == {"张乾坤"}
    assert [b["text"] for b in buttons(call)] == [
        tg_texts.TG_BUTTON_SPEAKER.format(name="张乾坤"),
        tg_texts.TG_BUTTON_PARAGRAPH.format(n=1),
    ]


async def test_private_follow_up_shows_only_that_speakers_other_paragraphs(
    api: FakeBotApi, library: Library
) -> None:
    """「他还说了什么？」 must stay with the speaker of the previous answer, not search anew."""
    engine = library.engine
    [first_quote] = engine.answer(DATA_SECURITY).quotes
    others = [
        c
        for c in library.corpus.chunks
        if c.speaker.name == "张乾坤" and c.id != first_quote.chunk_id
    ]
    async with running(api, library):
        _, [first] = await exchange(api, api.private_message(DATA_SECURITY))
        _, [more] = await exchange(api, api.private_message("他还说了什么？"))

    assert names_in(seen(first)) == {"张乾坤"}
    assert_html_message(more, DEFAULT_USER_ID)
    assert bold(more)[0] == common_texts.MORE_HEADING
    assert set(bold(more)[1:]) == {"张乾坤"}
    assert names_in(seen(more)) == {"张乾坤"}
    for chunk in others:
        citation = common_texts.CITATION.format(title=chunk.headline, paragraph=chunk.paragraph)
        assert citation in seen(more)
    shown_before = common_texts.CITATION.format(
        title=first_quote.title, paragraph=first_quote.paragraph
    )
    assert shown_before not in seen(more)


async def test_follow_up_state_is_per_chat_and_per_user(api: FakeBotApi, library: Library) -> None:
    """In a group two people talk to the bot at once; B's 「更多」 must not continue A's answer,
    and A's group question must not leak into A's private chat."""
    async with running(api, library):
        asked, [answer] = await exchange(api, api.group_message(f"@{USERNAME} {DATA_SECURITY}"))
        assert_reply_to(answer, asked["message"])
        assert names_in(seen(answer)) == {"张乾坤"}

        # B replies to the bot's answer: no context of B's own.
        b_asks = api.group_message(
            "更多", user_id=OTHER_USER, first_name="B", username="b_user", reply_to=answer.result
        )
        b_pushed, [b_reply] = await exchange(api, b_asks)
        assert_reply_to(b_reply, b_pushed["message"])
        assert seen(b_reply) == common_texts.MISSES[Miss.NO_CONTEXT]

        # The same person in the private chat: another chat, no context either.
        _, [private] = await exchange(api, api.private_message("他还说了什么？"))
        assert seen(private) == common_texts.MISSES[Miss.NO_CONTEXT]

        # A, back in the group, continues A's answer (B's turn did not overwrite it).
        _, [a_more] = await exchange(api, api.group_message("更多", reply_to=answer.result))
        assert seen(a_more) == common_texts.MISSES[Miss.NO_MORE]
        _, [a_other] = await exchange(
            api, api.group_message("他还说了什么？", reply_to=answer.result)
        )
        assert_html_message(a_other, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
        assert bold(a_other)[0] == common_texts.MORE_HEADING
        assert names_in(seen(a_other)) == {"张乾坤"}


# ---------------------------------------------------------------------- 3, 4: group addressing


@pytest.mark.parametrize(
    "text",
    [
        f"/ask {DATA_SECURITY}",
        f"/ask@{USERNAME} {DATA_SECURITY}",
        f"/ask@FangTan_Bot {DATA_SECURITY}",
        "/who 数据安全",
    ],
)
async def test_group_command_is_answered_as_a_reply(
    api: FakeBotApi, library: Library, text: str
) -> None:
    """Commands are how groups ask; the answer quotes the question so the thread stays readable."""
    async with running(api, library):
        pushed, [call] = await exchange(api, api.group_message(text))
        await asyncio.sleep(0.1)

    assert_html_message(call, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
    assert_reply_to(call, pushed["message"])
    assert names_in(seen(call)) == {"张乾坤"}
    assert len(api.calls_of("sendMessage")) == 1


async def test_group_messages_not_for_the_bot_are_ignored(
    api: FakeBotApi, library: Library
) -> None:
    """A bot that answers everything in a group gets removed from it."""
    async with running(api, library):
        for text in (
            f"/ask@other_bot {DATA_SECURITY}",  # a command for another bot in the group
            DATA_SECURITY,  # chatter, as a bot with privacy mode off would see it
            f"{USERNAME} {DATA_SECURITY}",  # the name without @ is not a mention
        ):
            await assert_ignored(api, api.group_message(text))


async def test_group_command_without_argument_answers_usage(
    api: FakeBotApi, library: Library
) -> None:
    """An empty command is a user who does not know the syntax yet: show it, don't guess."""
    cases = [
        ("/ask", "ask"),
        (f"/ask@{USERNAME}", "ask"),
        ("/who", "who"),
        ("/speaker", "speaker"),
        (f"@{USERNAME}", "ask"),
    ]
    async with running(api, library):
        for text, usage in cases:
            pushed, [call] = await exchange(api, api.group_message(text))
            assert_html_message(call, DEFAULT_GROUP_ID)
            assert_reply_to(call, pushed["message"])
            assert seen(call) == tg_texts.TG_USAGE[usage].format(name=SPEAKERS[0]), text


@pytest.mark.parametrize(
    "text",
    [
        f"@{USERNAME} {DATA_SECURITY}",
        f"@FangTan_Bot {DATA_SECURITY}",
        f"{DATA_SECURITY} @{USERNAME}",
    ],
)
async def test_group_mention_is_answered(api: FakeBotApi, library: Library, text: str) -> None:
    """Mentions are the natural way to ask in a group; usernames are case-insensitive."""
    async with running(api, library):
        pushed, [call] = await exchange(api, api.group_message(text))

    assert_html_message(call, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
    assert_reply_to(call, pushed["message"])
    assert bold(call)[0] == common_texts.WHO_HEADING.format(topic="数据安全")
    assert names_in(seen(call)) == {"张乾坤"}


async def test_mention_without_entities_is_still_recognised(
    api: FakeBotApi, library: Library
) -> None:
    """Some clients send no entities; the plain-text fallback must still find the mention."""
    async with running(api, library):
        pushed, [call] = await exchange(
            api, api.group_message(f"@{USERNAME} {DATA_SECURITY}", entities=[])
        )
    assert_reply_to(call, pushed["message"])
    assert names_in(seen(call)) == {"张乾坤"}


async def test_mention_of_a_longer_username_is_not_a_mention(
    api: FakeBotApi, library: Library
) -> None:
    """A staging bot in the same group (@fangtan_bot_dev) must not make both bots answer."""
    async with running(api, library):
        await assert_ignored(api, api.group_message(f"@{USERNAME}_dev {DATA_SECURITY}"))


async def test_reply_to_the_bot_is_answered_and_reply_to_others_ignored(
    api: FakeBotApi, library: Library
) -> None:
    """Replying to the bot is addressing it; replying to a person is a conversation among people."""
    async with running(api, library):
        _, [bot_message] = await exchange(api, api.group_message(f"/ask {DATA_SECURITY}"))
        asked, [call] = await exchange(
            api,
            api.group_message(EMISSIONS, user_id=OTHER_USER, reply_to=bot_message.result),
        )
        assert_html_message(call, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
        assert_reply_to(call, asked["message"])
        assert names_in(seen(call)) == {"袁占军"}

        person = api.push_update(api.group_message("大家怎么看？", user_id=OTHER_USER))
        await assert_ignored(api, api.group_message(EMISSIONS, reply_to=person))


# ----------------------------------------------------------------------------- 5: commands


async def test_speakers_lists_every_interviewee(api: FakeBotApi, library: Library) -> None:
    """/speakers is the map of what can be asked about; nobody may be missing."""
    async with running(api, library):
        _, [call] = await exchange(api, api.private_message("/speakers"))

    assert_html_message(call, DEFAULT_USER_ID)
    assert bold(call) == [common_texts.LIST_HEADING.format(count=len(SPEAKERS)), *SPEAKERS]
    assert names_in(seen(call)) == set(SPEAKERS)


async def test_speaker_profile(api: FakeBotApi, library: Library) -> None:
    """/speaker 名字 shows who the person is (role, article) before what they said."""
    person = next(p for p in library.engine.people() if p.name == "张乾坤")
    async with running(api, library):
        _, [call] = await exchange(api, api.private_message("/speaker 张乾坤"))
        _, [unknown] = await exchange(api, api.private_message("/speaker 王五"))

    assert_html_message(call, DEFAULT_USER_ID)
    assert bold(call)[:2] == [common_texts.PROFILE_HEADING, "张乾坤"]
    assert person.role in seen(call)
    assert common_texts.PERSON_HEADLINE.format(headline=person.headline) in seen(call)
    assert names_in(seen(call)) == {"张乾坤"}
    assert "<blockquote>" in html_of(call)
    assert seen(unknown) == tg_texts.TG_UNKNOWN_SPEAKER.format(name="王五")


async def test_start_offers_three_example_questions_that_work(
    api: FakeBotApi, library: Library
) -> None:
    """/start is the first impression: its examples must be answerable, not just present."""
    async with running(api, library):
        _, [call] = await exchange(api, api.private_message("/start"))
        assert_html_message(call, DEFAULT_USER_ID)
        bullet = tg_texts.TG_EXAMPLE.format(question="")
        examples = [
            line.removeprefix(bullet) for line in seen(call).splitlines() if line.startswith(bullet)
        ]
        assert len(examples) == 3
        for example in examples:
            _, [answer] = await exchange(api, api.private_message(example))
            assert_html_message(answer, DEFAULT_USER_ID)
            assert set(bold(answer)) & set(SPEAKERS), f"{example!r} got no answer"


async def test_help_mentions_every_command_and_inline_use(
    api: FakeBotApi, library: Library
) -> None:
    """Every menu command is explained, inline use is explained, and every menu command works."""
    menu = sorted(set(PRIVATE_COMMANDS) | set(GROUP_COMMANDS))
    async with running(api, library):
        _, [call] = await exchange(api, api.private_message("/help"))
        for command in menu:  # a menu entry the bot ignores would be a broken promise
            _, [reply] = await exchange(api, api.private_message(f"/{command}"))
            assert reply.ok

    assert_html_message(call, DEFAULT_USER_ID)
    for command in menu:
        assert f"/{command}" in seen(call)
    assert f"@{USERNAME}" in seen(call)


# --------------------------------------------------------------------- 6, 7, 8: hard inputs


async def test_unanswerable_question_names_nobody_and_suggests(
    api: FakeBotApi, library: Library
) -> None:
    """A miss must not invent a speaker, and should point to something that works."""
    async with running(api, library):
        _, [call] = await exchange(api, api.private_message(NO_ANSWER))

    assert_html_message(call, DEFAULT_USER_ID)
    assert names_in(seen(call)) == set()
    assert common_texts.MISSES[Miss.UNKNOWN_WORDS].format(topic="区块链") in seen(call)
    assert common_texts.SUGGEST.split("{", 1)[0] in seen(call)
    assert "/speakers" in seen(call)
    assert "reply_markup" not in call.params


async def test_html_in_questions_is_accepted_and_escaped(api: FakeBotApi, library: Library) -> None:
    """User text reaches HTML messages; unescaped, Telegram would reject them with a 400 (or the
    user could inject markup). The fake parses HTML as Telegram does, so a 200 proves it."""
    hostile = "<b>王五</b> & <script>x</script>"
    async with running(api, library):
        _, [answer] = await exchange(api, api.private_message("<b>谁</b>提了 数据 安全 & <script>"))
        _, [echo] = await exchange(api, api.private_message(f"/speaker {hostile}"))
        asked, [group] = await exchange(
            api, api.group_message(f"@{USERNAME} <i>谁</i>提了数据安全 &amp; <")
        )

    assert_html_message(answer, DEFAULT_USER_ID)
    assert names_in(seen(answer)) == {"张乾坤"}
    assert_html_message(echo, DEFAULT_USER_ID)
    # The user's text is shown literally, and none of it became markup.
    assert seen(echo) == tg_texts.TG_UNKNOWN_SPEAKER.format(name=hostile)
    assert "entities" not in echo.result
    assert_html_message(group, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
    assert_reply_to(group, asked["message"])
    assert all(call.status != 400 for call in api.calls)


async def test_very_long_message_is_truncated_and_every_message_fits(
    api: FakeBotApi, library: Library
) -> None:
    """A 4000-character message (Telegram allows 4096) is read up to QUESTION_MAX with a note;
    whatever is sent back stays within 4096 UTF-16 units, and 1500 for a group's first message."""
    filler = "<&>啊"
    private_text = (GOV_REPORT + filler * 1000)[:4000]
    group_text = (f"@{USERNAME} {GOV_REPORT}" + filler * 1000)[:4000]
    note = tg_texts.TG_TRUNCATED.format(limit=QUESTION_MAX)
    async with running(api, library):
        _, [private] = await exchange(api, api.private_message(private_text))
        asked, [group] = await exchange(api, api.group_message(group_text))
        await asyncio.sleep(0.1)

    assert len(private_text) == len(group_text) == 4000
    assert seen(private).startswith(note)
    assert names_in(seen(private)) == set(GOV_REPORT_SPEAKERS)
    assert seen(group).startswith(note)
    assert_reply_to(group, asked["message"])
    assert utf16_len(html_of(group)) <= GROUP_FIRST_LIMIT
    assert len(names_in(seen(group))) == 3  # first page only
    for call in api.calls_of("sendMessage"):
        assert call.ok, call.response
        assert utf16_len(html_of(call)) <= MESSAGE_LIMIT


# ------------------------------------------------------------------------------ 9: inline mode


async def test_inline_query_offers_one_article_per_speaker(
    api: FakeBotApi, library: Library
) -> None:
    """Inline results are posted into other chats as they are, so their HTML must parse too."""
    async with running(api, library):
        _, [found] = await exchange(api, api.inline_query("数据安全"), "answerInlineQuery")
        _, [everyone] = await exchange(api, api.inline_query(""), "answerInlineQuery")
        _, [nothing] = await exchange(api, api.inline_query("区块链"), "answerInlineQuery")

    for call in (found, everyone, nothing):
        assert call.ok, call.response
        results = call.params["results"]
        assert len(results) <= 50
        assert len({r["id"] for r in results}) == len(results)
        for result in results:
            assert result["type"] == "article"
            content = result["input_message_content"]
            assert content["parse_mode"] == "HTML"
            parse_html(content["message_text"])  # raises where Telegram would answer 400

    [article] = found.params["results"]
    assert "张乾坤" in article["title"]
    assert "<blockquote>" in article["input_message_content"]["message_text"]
    titles = [r["title"] for r in everyone.params["results"]]
    assert len(titles) == len(SPEAKERS)
    assert all(name in title for name, title in zip(SPEAKERS, titles, strict=True))
    assert nothing.params["results"] == []
    assert nothing.params["button"]["text"] == tg_texts.TG_INLINE_EMPTY


# ---------------------------------------------------------------------------------- 10: buttons


async def test_page_turns_though_the_button_answer_is_refused(
    api: FakeBotApi, library: Library
) -> None:
    """The answer to a press only stops its spinner: a refused one must not stop the page."""
    async with running(api, library):
        _, [answer] = await exchange(api, api.group_message(f"/ask {GOV_REPORT}"))
        next_data = button(answer, tg_texts.TG_BUTTON_NEXT)["callback_data"]
        api.fail_next("answerCallbackQuery", 400, description="Bad Request: query is too old")
        edits = len(api.calls_of("editMessageText"))
        _, [ack] = await exchange(
            api, api.callback_query(next_data, answer.result), "answerCallbackQuery"
        )
        [edit] = await new_calls(api, "editMessageText", edits)
    assert not ack.ok
    assert edit.ok and edit.params["message_id"] == answer.result["message_id"]
    assert names_in(seen(edit)) == {GOV_REPORT_SPEAKERS[3]}


async def test_buttons_page_show_speaker_and_paragraph(api: FakeBotApi, library: Library) -> None:
    """Each button does what its label says, and every press is answered (else the user's
    client shows a spinner until Telegram gives up)."""
    engine = library.engine
    quotes = engine.answer(GOV_REPORT).quotes
    first_chunk = library.corpus.chunks[quotes[0].chunk_id]
    presses = 0
    async with running(api, library):
        asked, [answer] = await exchange(api, api.group_message(f"/ask {GOV_REPORT}"))
        assert_html_message(answer, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
        assert_reply_to(answer, asked["message"])
        assert names_in(seen(answer)) == set(GOV_REPORT_SPEAKERS[:3])
        labels = [b["text"] for b in buttons(answer)]
        assert tg_texts.TG_BUTTON_PREV not in labels
        for name in GOV_REPORT_SPEAKERS[:3]:
            assert tg_texts.TG_BUTTON_SPEAKER.format(name=name) in labels

        # Next page: the same message is edited in place.
        next_data = button(answer, tg_texts.TG_BUTTON_NEXT)["callback_data"]
        edits = len(api.calls_of("editMessageText"))
        _, [ack] = await exchange(
            api, api.callback_query(next_data, answer.result), "answerCallbackQuery"
        )
        presses += 1
        [edit] = await new_calls(api, "editMessageText", edits)
        assert ack.ok and ack.params["text"] == tg_texts.TG_PAGE.format(page=2)
        assert edit.ok and edit.params["message_id"] == answer.result["message_id"]
        assert edit.params["chat_id"] == DEFAULT_GROUP_ID
        assert edit.params["parse_mode"] == "HTML"
        assert tg_texts.TG_PAGE.format(page=2) in seen(edit)
        assert names_in(seen(edit)) == {GOV_REPORT_SPEAKERS[3]}
        assert tg_texts.TG_BUTTON_NEXT not in [b["text"] for b in buttons(edit)]
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(edit))

        # And back.
        prev_data = button(edit, tg_texts.TG_BUTTON_PREV)["callback_data"]
        _, [ack] = await exchange(
            api, api.callback_query(prev_data, edit.result), "answerCallbackQuery"
        )
        presses += 1
        [back] = await new_calls(api, "editMessageText", edits + 1)
        assert ack.ok
        assert names_in(seen(back)) == set(GOV_REPORT_SPEAKERS[:3])

        # A speaker's other quotes, as a new message under the answer.
        speaker_data = button(back, tg_texts.TG_BUTTON_SPEAKER.format(name="张乾坤"))[
            "callback_data"
        ]
        _, [ack] = await exchange(
            api, api.callback_query(speaker_data, back.result), "answerCallbackQuery"
        )
        presses += 1
        [more] = await new_calls(api, "sendMessage", 1)
        assert ack.ok
        assert_html_message(more, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
        assert_reply_to(more, answer.result)
        assert names_in(seen(more)) == {"张乾坤"}
        assert bold(more)[0] == common_texts.MORE_HEADING

        # The whole paragraph behind quote 1.
        paragraph_data = button(back, tg_texts.TG_BUTTON_PARAGRAPH.format(n=1))["callback_data"]
        _, [ack] = await exchange(
            api, api.callback_query(paragraph_data, back.result), "answerCallbackQuery"
        )
        presses += 1
        [full] = await new_calls(api, "sendMessage", 2)
        assert ack.ok
        assert_html_message(full, DEFAULT_GROUP_ID)
        assert_reply_to(full, answer.result)
        heading = tg_texts.TG_PARAGRAPH_HEADING.format(
            title=first_chunk.headline, paragraph=first_chunk.paragraph
        )
        assert seen(full) == f"{heading}\n\n{first_chunk.text}"

        # Garbage data (an old client, a forged press) is answered too.
        _, [ack] = await exchange(
            api, api.callback_query("x|y", answer.result), "answerCallbackQuery"
        )
        presses += 1
        assert ack.ok and ack.params["text"] == tg_texts.TG_EXPIRED

    acks = api.calls_of("answerCallbackQuery")
    assert len(acks) == presses and all(call.ok for call in acks)


async def test_paragraph_button_in_private_chat(api: FakeBotApi, library: Library) -> None:
    """In a private chat the full paragraph comes without quoting, like every private answer."""
    [quote] = library.engine.answer(DATA_SECURITY).quotes
    chunk = library.corpus.chunks[quote.chunk_id]
    async with running(api, library):
        _, [answer] = await exchange(api, api.private_message(DATA_SECURITY))
        data = button(answer, tg_texts.TG_BUTTON_PARAGRAPH.format(n=1))["callback_data"]
        _, [ack] = await exchange(
            api, api.callback_query(data, answer.result), "answerCallbackQuery"
        )
        [full] = await new_calls(api, "sendMessage", 1)

    assert ack.ok
    assert_html_message(full, DEFAULT_USER_ID)
    assert "reply_parameters" not in full.params
    assert chunk.text in seen(full)


async def test_button_pressed_after_a_restart_is_expired(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """Without persistence a restart forgets every answer; old buttons must say so politely
    rather than fail (an unanswered press spins, an error would reach the error handler)."""
    async with running(api, library):
        _, [answer] = await exchange(api, api.group_message(f"/ask {GOV_REPORT}"))

    before = len(non_polling(api))
    async with running(api, library):  # a fresh Application: chat_data is empty
        made_at_start = len(non_polling(api)) - before
        for data in [b["callback_data"] for b in buttons(answer)]:
            _, [ack] = await exchange(
                api, api.callback_query(data, answer.result), "answerCallbackQuery"
            )
            assert ack.ok
            assert ack.params["text"] == tg_texts.TG_EXPIRED
            assert ack.params["show_alert"] is True
        await asyncio.sleep(0.1)

    reacted = [c.method for c in non_polling(api)[before + made_at_start :]]
    assert set(reacted) == {"answerCallbackQuery"}
    assert len(reacted) == len(buttons(answer))
    assert tg_error_records(caplog) == []


async def test_old_button_after_a_restart_does_not_act_on_a_newer_answer(
    api: FakeBotApi, library: Library
) -> None:
    """After a restart the first new answer in a chat reuses token "1"; a button from before the
    restart must still be expired, not act on that new answer."""
    async with running(api, library):
        _, [old] = await exchange(api, api.group_message(f"/ask {GOV_REPORT}"))

    async with running(api, library):
        _, [new] = await exchange(api, api.group_message(f"/ask {FIFTEENTH_PLAN}"))
        assert "张乾坤" not in names_in(seen(new))  # the new answer is about someone else
        sends = len(api.calls_of("sendMessage"))
        data = button(old, tg_texts.TG_BUTTON_SPEAKER.format(name="张乾坤"))["callback_data"]
        _, [ack] = await exchange(api, api.callback_query(data, old.result), "answerCallbackQuery")
        await asyncio.sleep(0.2)
        sent_after = api.calls_of("sendMessage")[sends:]

    assert ack.params.get("text") == tg_texts.TG_EXPIRED, (
        f"old 张乾坤 button answered {ack.params.get('text')!r} and sent "
        f"{[sorted(names_in(seen(c))) for c in sent_after]}"
    )
    assert sent_after == []


# ------------------------------------------------------------------- choices of person


AMBIGUOUS = "李代表说了什么？"  # two deputies are surnamed 李
DEPUTIES = ("李新军", "李嵘")


def meant(engine: Engine, names: Iterable[str]) -> tuple[Choice, ...]:
    people = {p.name: p for p in engine.people()}
    return tuple(
        Choice(name, f"{name}说了什么？", people[name].role, people[name].affiliation)
        if name in people
        else Choice(name, f"{name}说了什么？")
        for name in names
    )


def ask_whom(
    monkeypatch: pytest.MonkeyPatch, library: Library, names: Iterable[str] = DEPUTIES
) -> Answer:
    """Make AMBIGUOUS a question that may mean ``names``, whatever the engine would make of it;
    every other question still goes to the real engine."""
    engine = library.engine
    real = engine.answer
    miss = Answer(
        question=AMBIGUOUS,
        intent=Intent.SPEAKER,
        answered=False,
        miss=Miss.AMBIGUOUS,
        asked=("李代表",),
        choices=meant(engine, names),
    )

    def answer(question: str, context: Context | None = None) -> Answer:
        return miss if question == AMBIGUOUS else real(question, context)

    monkeypatch.setattr(engine, "answer", answer)
    return miss


async def test_choice_button_answers_the_question_for_that_person(
    api: FakeBotApi, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question that may mean two people gets a button for each; pressing one answers the
    question meant for that person exactly as if it had been typed, follow-ups included."""
    miss = ask_whom(monkeypatch, library)
    async with running(api, library):
        _, [offer] = await exchange(api, api.private_message(AMBIGUOUS))
        assert_html_message(offer, DEFAULT_USER_ID)
        assert seen(offer) == common_texts.MISSES[Miss.AMBIGUOUS].format(
            asked="李代表", choices="、".join(choice_label(c) for c in miss.choices)
        )
        assert common_texts.CHOICE_HINT.split("{", 1)[0] not in seen(
            offer
        )  # the buttons ask instead
        assert [b["text"] for b in buttons(offer)] == list(DEPUTIES)

        sends = len(api.calls_of("sendMessage"))
        data = button(offer, "李嵘")["callback_data"]
        _, [ack] = await exchange(
            api, api.callback_query(data, offer.result), "answerCallbackQuery"
        )
        [chosen] = await new_calls(api, "sendMessage", sends)
        _, [follow_up] = await exchange(api, api.private_message("他是谁？"))

        # The same two questions typed by someone else, in another chat.
        typed_chat = {"user_id": OTHER_USER, "first_name": "B", "username": "b_user"}
        _, [typed] = await exchange(api, api.private_message("李嵘说了什么？", **typed_chat))
        _, [typed_follow_up] = await exchange(api, api.private_message("他是谁？", **typed_chat))

        # A number no button had, and a token never given, are expired buttons.
        token = data.split("|")[1]
        for forged in (f"{CHOICE}|{token}|{len(DEPUTIES)}", f"{CHOICE}|0000000000|0"):
            _, [refused] = await exchange(
                api, api.callback_query(forged, offer.result), "answerCallbackQuery"
            )
            assert refused.ok and refused.params["text"] == tg_texts.TG_EXPIRED

    assert ack.ok and "text" not in ack.params
    expected = library.engine.answer("李嵘说了什么？")
    assert expected.answered and expected.speakers == ("李嵘",)
    assert_html_message(chosen, DEFAULT_USER_ID)
    assert bold(chosen)[0] == heading(expected)
    assert names_in(seen(chosen)) == {"李嵘"}
    for quote in expected.quotes[:PRIVATE_PAGE]:
        assert quote.text in seen(chosen)
    assert html_of(chosen) == html_of(typed)
    assert [b["text"] for b in buttons(chosen)] == [b["text"] for b in buttons(typed)]
    # The press continued the presser's conversation, as typing the question would have.
    assert seen(follow_up) != common_texts.MISSES[Miss.NO_CONTEXT]
    assert names_in(seen(follow_up)) == {"李嵘"}
    assert html_of(follow_up) == html_of(typed_follow_up)


async def test_choice_pressed_in_a_group_answers_the_presser_under_the_offer(
    api: FakeBotApi, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a group anyone may press; the answer quotes the offer, and the follow-up context is
    the presser's, not the asker's."""
    ask_whom(monkeypatch, library)
    async with running(api, library):
        asked, [offer] = await exchange(api, api.group_message(f"/ask {AMBIGUOUS}"))
        assert_reply_to(offer, asked["message"])
        sends = len(api.calls_of("sendMessage"))
        data = button(offer, "李新军")["callback_data"]
        _, [ack] = await exchange(
            api, api.callback_query(data, offer.result, user_id=OTHER_USER), "answerCallbackQuery"
        )
        [chosen] = await new_calls(api, "sendMessage", sends)
        _, [theirs] = await exchange(
            api, api.group_message("他是谁？", user_id=OTHER_USER, reply_to=chosen.result)
        )
        _, [asker] = await exchange(api, api.group_message("他是谁？", reply_to=chosen.result))

    assert ack.ok
    assert_html_message(chosen, DEFAULT_GROUP_ID, GROUP_FIRST_LIMIT)
    assert_reply_to(chosen, offer.result)
    assert names_in(seen(chosen)) == {"李新军"}
    assert names_in(seen(theirs)) == {"李新军"}
    assert seen(asker) == common_texts.MISSES[Miss.NO_CONTEXT]


async def test_more_people_than_buttons_get_their_questions_in_the_text(
    api: FakeBotApi, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight buttons at most; the people beyond them are still offered, as questions to type,
    and the last button still works."""
    everyone = (*SPEAKERS, "李某", "李某某")
    miss = ask_whom(monkeypatch, library, everyone)
    async with running(api, library):
        _, [offer] = await exchange(api, api.private_message(AMBIGUOUS))
        sends = len(api.calls_of("sendMessage"))
        data = button(offer, SPEAKERS[-1])["callback_data"]
        await exchange(api, api.callback_query(data, offer.result), "answerCallbackQuery")
        [chosen] = await new_calls(api, "sendMessage", sends)

    assert_html_message(offer, DEFAULT_USER_ID)
    assert [b["text"] for b in buttons(offer)] == list(everyone[:CHOICE_BUTTONS])
    assert seen(offer).endswith(choice_hint(miss.choices))
    assert names_in(seen(chosen)) == {SPEAKERS[-1]}


# --------------------------------------------------------------------- 11: not-questions


async def test_non_questions_are_handled_quietly_and_the_bot_keeps_working(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """Stickers, edits and channel posts have no text to answer or no user to answer; none of
    them may crash a handler (channel posts have no ``from``), and the bot must carry on."""
    async with running(api, library):
        _, [hint] = await exchange(api, api.sticker_message())
        assert_html_message(hint, DEFAULT_USER_ID)
        assert seen(hint) == tg_texts.TG_NO_TEXT

        await assert_ignored(api, api.sticker_message(chat_id=DEFAULT_GROUP_ID))

        original, [_] = await exchange(api, api.private_message(DATA_SECURITY))
        await assert_ignored(api, api.edited_message(original, EMISSIONS))
        await assert_ignored(api, api.channel_post(DATA_SECURITY))
        await assert_ignored(api, api.channel_post(f"/ask {DATA_SECURITY}"))
        await assert_ignored(api, api.channel_post(f"@{USERNAME} {DATA_SECURITY}"))

        _, [after] = await exchange(api, api.private_message(EMISSIONS))
        assert names_in(seen(after)) == {"袁占军"}

    assert tg_error_records(caplog) == []


# ---------------------------------------------------------------- 12, 13: failures and logs


@pytest.mark.filterwarnings(PTB_RETRY_AFTER_WARNING)
async def test_flood_wait_is_waited_out_and_a_bad_gateway_is_retried(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram's 429 is routine under load and must only delay the answer; so must a 502
    (Telegram's proxy with its backend down): the answer is sent again, not apologised for."""
    async with running(api, library):
        api.fail_next("sendMessage", status=429, retry_after=1)
        _, [limited, delivered] = await exchange(api, api.private_message(DATA_SECURITY), count=2)
        assert (limited.status, delivered.status) == (429, 200)
        assert limited.response["parameters"] == {"retry_after": 1}
        assert delivered.time - limited.time >= 1.0
        assert names_in(seen(delivered)) == {"张乾坤"}
        assert tg_error_records(caplog) == []

        api.fail_next("sendMessage", status=502)
        _, [failed, resent] = await exchange(api, api.private_message(EMISSIONS), count=2)
        assert failed.status == 502
        assert resent.ok and names_in(seen(resent)) == {"袁占军"}

        _, [next_answer] = await exchange(api, api.private_message(GOV_REPORT))
        assert next_answer.ok
        assert names_in(seen(next_answer)) == set(GOV_REPORT_SPEAKERS)

    assert tg_error_records(caplog) == []


async def test_token_never_reaches_the_logs(
    api: FakeBotApi, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """The token is in every Bot API URL, and httpx logs URLs. With the redaction that
    ``fangtan telegram`` installs, no record at any level, from any logger, may contain it —
    including the tracebacks of failures. Failures are logged with update ids, and the user's
    question stays out of records at INFO and above."""
    caplog.set_level(logging.DEBUG)
    for name in NOISY_LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    redactor = install_redaction([TOKEN])
    for name in NOISY_LOGGERS:  # install_redaction quiets them; make them talk anyway
        caplog.set_level(logging.DEBUG, logger=name)
    try:
        async with running(api, library):
            api.fail_next("getUpdates", status=502)  # PTB then backs off for a second
            _, [answered] = await exchange(api, api.private_message(DATA_SECURITY))
            assert answered.ok
            api.fail_next("sendMessage", status=502)  # retried
            _, [bad_gateway, resent] = await exchange(
                api, api.private_message(DATA_SECURITY), count=2
            )
            assert bad_gateway.status == 502 and resent.ok
            api.fail_next("sendMessage", status=400, description="Bad Request: refused")
            failed_update, [failed, _] = await exchange(
                api, api.private_message(EMISSIONS), count=2
            )
            assert failed.status == 400
    finally:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(redactor)

    assert any("[REDACTED]" in r.getMessage() for r in caplog.records if r.name == "httpx")
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        assert TOKEN not in text and SECRET_PART not in text, record.name
    assert TOKEN not in caplog.text and SECRET_PART not in caplog.text

    errors = tg_error_records(caplog)
    assert any(f"update_id={failed_update['update_id']}" in r.getMessage() for r in errors)
    assert any("update=none" in r.getMessage() for r in errors)  # the failed poll
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not [m for m in loud if DATA_SECURITY in m or EMISSIONS in m]


# ------------------------------------------------------------------ 14, 15: start and stop


async def test_post_init_sets_menus_and_descriptions(api: FakeBotApi, library: Library) -> None:
    """The command menu differs between private chats (no /ask needed) and groups, and the
    profile texts are what a user sees before pressing Start."""
    async with running(api, library):
        pass

    menus = api.calls_of("setMyCommands")
    assert len(menus) == 2 and all(call.ok for call in menus)
    assert {call.params["scope"]["type"] for call in menus} == {
        "all_private_chats",
        "all_group_chats",
    }
    for scope, names in (
        ({"type": "all_private_chats"}, PRIVATE_COMMANDS),
        ({"type": "all_group_chats"}, GROUP_COMMANDS),
    ):
        stored = api.commands(scope)
        assert [c["command"] for c in stored] == list(names)
        for command in stored:
            assert command["description"] == tg_texts.TG_COMMANDS[command["command"]]
            assert re.search(r"[\u4e00-\u9fff]", command["description"])
    [description] = api.calls_of("setMyDescription")
    assert description.ok and description.params["description"] == tg_texts.TG_DESCRIPTION
    [short] = api.calls_of("setMyShortDescription")
    assert short.ok and short.params["short_description"] == tg_texts.TG_SHORT_DESCRIPTION


async def test_failing_post_init_does_not_stop_the_bot(api: FakeBotApi, library: Library) -> None:
    """Menus are a convenience: a Bot API hiccup while setting them must not keep the bot down."""
    api.fail_next("setMyCommands", status=502)
    async with running(api, library):
        _, [call] = await exchange(api, api.private_message(DATA_SECURITY))
    assert call.ok and names_in(seen(call)) == {"张乾坤"}


async def test_clean_shutdown_is_quick_and_confirms_updates(
    api: FakeBotApi, library: Library
) -> None:
    """A deploy restarts the bot; stopping must not hang on the long poll, and the updates it
    handled must be confirmed so the next process does not answer them again."""
    app = await start(api, library)
    try:
        pushed, _ = await exchange(api, api.private_message(DATA_SECURITY))
        await api.wait_for_async(
            "getUpdates", predicate=lambda c: c.status is None, timeout=STEP
        )  # a long poll is pending while we stop
    finally:
        took = await stop(app)

    assert took < 3.0
    assert not app.running and app.updater is not None and not app.updater.running
    assert api.pending_update_count == 0
    assert api.calls_of("getUpdates")[-1].params["offset"] == pushed["update_id"] + 1
    leftover = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert leftover == []


# ---------------------------------------------------------------- splitting, on a long corpus


LONG_PAGE_SENTENCE = "量子通信网络建设要统筹推进，A<B & C>D 的标准要统一。"


@pytest.fixture(scope="module")
def long_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """A corpus with one paragraph longer than a Telegram message, full of characters that
    must be escaped: the bundled corpus has no paragraph long enough to need splitting."""
    paragraph = "欧阳晓峰说，" + LONG_PAGE_SENTENCE * 160
    return one_page_library(tmp_path_factory.mktemp("long"), paragraph)


async def test_paragraph_longer_than_a_message_is_split_into_valid_messages(
    api: FakeBotApi, long_library: Library
) -> None:
    """Splitting must cut between sentences and outside tags and entities: every part is valid
    HTML within 4096 UTF-16 units, and together they are the paragraph, verbatim and in order."""
    chunk = max(long_library.corpus.chunks, key=lambda c: len(c.text))
    assert utf16_len(html.escape(chunk.text, quote=False)) > MESSAGE_LIMIT
    heading = tg_texts.TG_PARAGRAPH_HEADING.format(title=chunk.headline, paragraph=chunk.paragraph)
    async with running(api, long_library):
        _, [answer] = await exchange(api, api.private_message("谁提到了量子通信网络？"))
        assert_html_message(answer, DEFAULT_USER_ID)
        data = button(answer, tg_texts.TG_BUTTON_PARAGRAPH.format(n=1))["callback_data"]
        sends = len(api.calls_of("sendMessage"))
        _, [ack] = await exchange(
            api, api.callback_query(data, answer.result), "answerCallbackQuery"
        )
        await new_calls(api, "sendMessage", sends, count=2)
        await asyncio.sleep(0.3)  # let every part arrive
        parts = api.calls_of("sendMessage")[sends:]

    assert ack.ok
    for part in parts:
        assert_html_message(part, DEFAULT_USER_ID)
        assert html_of(part).count("<blockquote>") <= 1
    joined = "".join(seen(part) for part in parts)
    assert joined.startswith(heading)
    assert joined.removeprefix(heading).lstrip("\n") == chunk.text
