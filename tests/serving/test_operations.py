"""Running it for real: allow-list, rate limit, admin commands, reload, persistence.

Like the other end-to-end tests, the real Application talks HTTP to the stand-in Bot API; each
test builds it with the settings an operator would set.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import SecretStr

from fangtan.bot.engine.answer import Miss
from fangtan.bot.serving.library import Library
from fangtan.bot.serving.loading import load_engine
from fangtan.bot.serving.stats import Stats
from fangtan.bot.settings import Settings
from fangtan.bot.telegram.replies import Replies
from fangtan.bot.texts import common as common_texts
from fangtan.bot.texts import telegram as tg_texts
from fangtan.retrieval.reading.corpus import default_corpus_dir
from tests.support.bot_api import DEFAULT_GROUP_ID, FakeBotApi
from tests.telegram.test_telegram_e2e import (
    DATA_SECURITY,
    EMISSIONS,
    SENTINEL_USER,
    TOKEN,
    assert_ignored,
    button,
    exchange,
    running,
    seen,
    settings_for,
    start,
    stop,
)

ADMIN = 700001
STRANGER = 700002
FRIEND = 700003
NEW_INTERVIEW = """\
让夜市亮起来

——访市政协委员鲁星辰

“夜间经济是城市活力的晴雨表。”市政协委员、星辰文旅发展有限公司董事长鲁星辰说。

鲁星辰建议，规划特色夜市街区，延长公共交通运营时间，让市民游客逛得开心、走得方便。
"""


def configured(api: FakeBotApi, **extra: object) -> Settings:
    return settings_for(api).model_copy(update=extra)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, username="fangtan_bot") as server:
        yield server


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(next(default_corpus_dir().glob("*.txt")), folder)
    return folder


@pytest.fixture
def own_library(corpus_dir: Path, tmp_path: Path) -> Library:
    cache = tmp_path / "cache"
    return Library(load_engine(corpus_dir, cache), source=corpus_dir, cache_dir=cache)


# ---------------------------------------------------------------------------------- allow-list


async def test_allow_list_serves_refuses_once_and_ignores_groups(
    api: FakeBotApi,
    own_library: Library,
) -> None:
    allowed = configured(
        api, allowed_chat_ids=frozenset({FRIEND, SENTINEL_USER, DEFAULT_GROUP_ID - 1})
    )
    async with running(api, own_library, allowed):
        _, [served] = await exchange(api, api.private_message(DATA_SECURITY, user_id=FRIEND))
        assert "张乾坤" in seen(served)
        _, [refusal] = await exchange(api, api.private_message(DATA_SECURITY, user_id=STRANGER))
        assert seen(refusal) == tg_texts.TG_NOT_ALLOWED
        await assert_ignored(api, api.private_message(EMISSIONS, user_id=STRANGER))
        await assert_ignored(api, api.group_message(f"/ask {DATA_SECURITY}", user_id=FRIEND))


# ---------------------------------------------------------------------------------- rate limit


async def test_eleventh_question_in_a_window_is_refused_once_then_the_window_reopens(
    api: FakeBotApi,
    own_library: Library,
) -> None:
    window = 3.0
    limited = configured(api, rate_limit=10, rate_window=window)
    async with running(api, own_library, limited):
        started = asyncio.get_running_loop().time()
        for n in range(10):
            chat = FRIEND if n % 2 else DEFAULT_GROUP_ID  # the limit spans private and groups
            text = DATA_SECURITY if chat == FRIEND else f"/ask {DATA_SECURITY}"
            update = (
                api.private_message(text, user_id=FRIEND)
                if chat == FRIEND
                else api.group_message(text, user_id=FRIEND)
            )
            _, [answer] = await exchange(api, update)
            assert "张乾坤" in seen(answer)
        _, [warning] = await exchange(api, api.private_message(EMISSIONS, user_id=FRIEND))
        assert seen(warning).startswith(tg_texts.TG_RATE_LIMITED.split("{")[0])
        await assert_ignored(api, api.private_message(EMISSIONS, user_id=FRIEND))
        # Someone else is not affected.
        _, [other] = await exchange(api, api.private_message(EMISSIONS, user_id=STRANGER))
        assert "袁占军" in seen(other)
        elapsed = asyncio.get_running_loop().time() - started
        await asyncio.sleep(max(0.0, window - elapsed) + 0.2)
        _, [again] = await exchange(api, api.private_message(EMISSIONS, user_id=FRIEND))
        assert "袁占军" in seen(again)


async def test_inline_queries_count_towards_the_limit(
    api: FakeBotApi,
    own_library: Library,
) -> None:
    async with running(api, own_library, configured(api, rate_limit=2, rate_window=60)):
        for _ in range(2):
            _, [shown] = await exchange(
                api, api.inline_query("数据安全", user_id=FRIEND), "answerInlineQuery"
            )
            assert shown.params["results"]
        _, [empty] = await exchange(
            api, api.inline_query("数据安全", user_id=FRIEND), "answerInlineQuery"
        )
        assert empty.params["results"] == []


# ------------------------------------------------------------------------------ administration


async def test_admin_commands_are_refused_to_non_admins(
    api: FakeBotApi,
    own_library: Library,
) -> None:
    async with running(api, own_library, configured(api, admin_ids=frozenset({ADMIN}))):
        for command in ("/reload", "/stats"):
            _, [refusal] = await exchange(api, api.private_message(command, user_id=STRANGER))
            assert seen(refusal) == tg_texts.TG_ADMIN_ONLY


async def test_stats_counts_answers(api: FakeBotApi, own_library: Library) -> None:
    async with running(api, own_library, configured(api, admin_ids=frozenset({ADMIN}))):
        await exchange(api, api.private_message(DATA_SECURITY, user_id=FRIEND))
        await exchange(api, api.private_message("谁提到了区块链？", user_id=FRIEND))
        _, [report] = await exchange(api, api.private_message("/stats", user_id=ADMIN))
    text = seen(report)
    assert "发言人 8 位，段落 21 个" in text
    assert "回答 1 个问题，未能回答 1 个" in text


async def test_an_answer_is_counted_before_it_is_sent(
    own_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Updates are handled concurrently: a /stats sent once a reply has arrived must find
    that answer counted, so it is counted before the send, not after it returns."""
    stats = Stats()
    replies = Replies(own_library, stats)
    counted_at_send: list[tuple[int, int]] = []

    async def send(*_: object, **__: object) -> None:
        counted_at_send.append((stats.answered, stats.unanswered))

    monkeypatch.setattr(replies, "send_answer", send)
    asker: Any = SimpleNamespace(
        effective_user=SimpleNamespace(id=FRIEND), effective_chat=SimpleNamespace(type="private")
    )
    context: Any = SimpleNamespace(chat_data={})
    await replies.answer_question(asker, context, DATA_SECURITY)
    await replies.answer_question(asker, context, "谁提到了区块链？")
    assert counted_at_send == [(1, 0), (1, 1)]


async def test_reload_with_a_good_corpus_makes_a_new_interview_answerable(
    api: FakeBotApi,
    own_library: Library,
    corpus_dir: Path,
) -> None:
    async with running(api, own_library, configured(api, admin_ids=frozenset({ADMIN}))):
        _, [before] = await exchange(api, api.private_message("谁关注夜市？", user_id=FRIEND))
        assert "鲁星辰" not in seen(before)
        (corpus_dir / "night.txt").write_text(NEW_INTERVIEW, encoding="utf-8")
        _, [started, done] = await exchange(
            api, api.private_message("/reload", user_id=ADMIN), count=2
        )
        assert seen(started) == tg_texts.TG_RELOAD_STARTED
        assert seen(done).startswith("已重新载入：9 位发言人")
        _, [after] = await exchange(api, api.private_message("谁关注夜市？", user_id=FRIEND))
        assert "鲁星辰" in seen(after)


async def test_reload_with_a_broken_corpus_keeps_the_old_one(
    api: FakeBotApi,
    own_library: Library,
    corpus_dir: Path,
) -> None:
    async with running(api, own_library, configured(api, admin_ids=frozenset({ADMIN}))):
        (corpus_dir / "night.txt").write_text(NEW_INTERVIEW, encoding="utf-8")
        (corpus_dir / "broken.txt").write_bytes(b"\xff\x81\x00\x00\x80garbage")
        _, [_, failed] = await exchange(api, api.private_message("/reload", user_id=ADMIN), count=2)
        assert seen(failed).startswith(tg_texts.TG_RELOAD_FAILED.split("{")[0])
        assert "broken.txt" in seen(failed)
        _, [still] = await exchange(api, api.private_message(DATA_SECURITY, user_id=FRIEND))
        assert "张乾坤" in seen(still)
        _, [new] = await exchange(api, api.private_message("谁关注夜市？", user_id=FRIEND))
        assert "鲁星辰" not in seen(new)
        # An emptied folder is refused too.
        for file in corpus_dir.iterdir():
            file.unlink()
        _, [_, empty] = await exchange(api, api.private_message("/reload", user_id=ADMIN), count=2)
        assert seen(empty).startswith(tg_texts.TG_RELOAD_FAILED.split("{")[0])
        _, [served] = await exchange(api, api.private_message(EMISSIONS, user_id=FRIEND))
        assert "袁占军" in seen(served)


# -------------------------------------------------------------------------------- persistence


async def test_conversation_state_survives_a_restart(
    api: FakeBotApi,
    own_library: Library,
    tmp_path: Path,
) -> None:
    persisted = configured(api, state_file=tmp_path / "state.sqlite")
    app = await start(api, own_library, persisted)
    try:
        _, [answer] = await exchange(api, api.private_message(EMISSIONS, user_id=FRIEND))
        more = button(answer, tg_texts.TG_BUTTON_SPEAKER.format(name="袁占军"))
    finally:
        await stop(app)
    assert (tmp_path / "state.sqlite").exists()

    app = await start(api, own_library, persisted)
    try:
        _, [followed] = await exchange(api, api.private_message("他还说了什么？", user_id=FRIEND))
        assert "袁占军" in seen(followed)
        assert seen(followed) != common_texts.MISSES[Miss.NO_CONTEXT]
        pressed = api.callback_query(more["callback_data"], answer.result, user_id=FRIEND)
        _, [ack] = await exchange(api, pressed, "answerCallbackQuery")
        assert ack.params.get("text") != tg_texts.TG_EXPIRED
    finally:
        await stop(app)


def test_settings_read_id_lists_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FANGTAN_ALLOWED_CHAT_IDS", "12, -1001234, 34")
    monkeypatch.setenv("FANGTAN_ADMIN_IDS", "56")
    loaded = Settings(telegram_token=SecretStr(TOKEN))
    assert loaded.allowed_chat_ids == frozenset({12, -1001234, 34})
    assert loaded.admin_ids == frozenset({56})
