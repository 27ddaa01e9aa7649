"""The conversation state store: JSON round trips, damaged files, expiry, never blocking.

The store is driven through the methods PTB calls (get_chat_data, update_chat_data, flush);
what it wrote is then read back by a second store on the same file, as after a restart.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from fangtan.bot.engine.answer import Context, Intent
from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.state_codec import Codec, Unreadable, Unstorable
from fangtan.bot.serving.state_store import UNANSWERED_FOR, StateStore, forget_expired
from fangtan.bot.serving.unanswered import Unanswered, replay
from fangtan.bot.telegram.app import STORED_TYPES
from fangtan.bot.telegram.shown import (
    ShownAnswer,
    conversation,
    recall,
    remember,
    remember_conversation,
)

DAY = 86400.0
TTL = 30 * DAY
CODEC = Codec(STORED_TYPES)


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def store(path: Path, clock: Clock | None = None) -> StateStore:
    return StateStore(path, CODEC, TTL, clock=clock or Clock())


async def save(path: Path, chats: dict[int, dict[Any, Any]], clock: Clock | None = None) -> None:
    writing = store(path, clock)
    await writing.get_chat_data()
    for chat_id, data in chats.items():
        await writing.update_chat_data(chat_id, data)
    await writing.flush()


async def load(path: Path, clock: Clock | None = None) -> dict[int, dict[Any, Any]]:
    reading = store(path, clock)
    try:
        return await reading.get_chat_data()
    finally:
        await reading.flush()


def conversation_of(engine: Engine, user_id: int) -> tuple[dict[Any, Any], str]:
    """chat_data as the Telegram handlers leave it after two questions and a page turn."""
    chat_data: dict[Any, Any] = {}
    first = engine.answer("谁提到了政府工作报告？")
    shown = ShownAnswer.start(first)
    shown.extend(engine.next_page(shown.context))
    token = remember(chat_data, shown)
    follow = engine.answer("他还说了什么？", first.context)
    remember(chat_data, ShownAnswer.start(follow))
    assert follow.context is not None
    remember_conversation(chat_data, user_id, follow.context)
    return chat_data, token


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# ----------------------------------------------------------------------------------- the codec


def test_codec_keeps_what_json_alone_would_change() -> None:
    value = {
        "tuple": (1, "二", None),
        "list": [1.5, True],
        "ints": {7: "seven", -1001: (1,)},
        "dollar": {"$t": "not a tag", "plain": 1},
        "ordered": OrderedDict([("b", 1), ("a", 2)]),
        "enum": Intent.WHO,
        "sets": ({1, 2}, frozenset({"x"})),
        "context": Context("corpus", Intent.SPEAKER, terms=("数据",), shown_chunks=(3, 1)),
    }
    back = CODEC.loads(CODEC.dumps(value))
    assert back == value
    assert type(back["ordered"]) is OrderedDict and list(back["ordered"]) == ["b", "a"]
    assert type(back["tuple"]) is tuple and type(back["list"]) is list
    assert back["enum"] is Intent.WHO
    assert type(back["context"].terms) is tuple


def test_codec_refuses_types_it_was_not_told_about() -> None:
    @dataclass
    class Stranger:
        x: int

    with pytest.raises(Unstorable, match="Stranger"):
        CODEC.dumps({"a": [Stranger(1)]})
    with pytest.raises(Unstorable):
        CODEC.dumps(object())
    with pytest.raises(Unreadable, match="Stranger"):
        CODEC.loads('{"$c": "Stranger", "f": {"x": 1}}')
    with pytest.raises(Unreadable):
        CODEC.loads('{"$e": "Intent", "v": "no such intent"}')
    with pytest.raises(Unreadable):
        CODEC.loads("not json")


# ------------------------------------------------------------------------------ the store


async def test_chat_data_survives_a_restart_as_json(seed_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    chat_data, token = conversation_of(seed_engine, user_id=42)
    await save(path, {42: chat_data, -100123: {"contexts": {}}})

    loaded = await load(path)

    assert loaded[42] == chat_data
    assert type(loaded[42]["shown"]) is OrderedDict
    assert list(loaded[42]["shown"]) == list(chat_data["shown"])
    assert recall(loaded[42], token) == recall(chat_data, token)
    assert conversation(loaded[42], 42) == conversation(chat_data, 42)
    with sqlite3.connect(path) as db:
        [(data,)] = db.execute("SELECT data FROM state WHERE id = 42").fetchall()
    assert json.loads(data)[0][0] == "shown"  # JSON, readable by anyone, runnable by no one


async def test_an_unstorable_value_is_skipped_with_one_log_line(
    seed_engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite"
    chat_data, _ = conversation_of(seed_engine, user_id=42)
    writing = store(path)
    await writing.get_chat_data()
    for _ in range(3):
        await writing.update_chat_data(42, {**chat_data, "lock": threading.Lock()})
        await asyncio.sleep(0.05)
    await writing.flush()

    assert await load(path) == {42: chat_data}
    [skipped] = [m for m in warnings_of(caplog) if "cannot be stored" in m]
    assert "'lock'" in skipped and "lock" in skipped


async def test_empty_conversations_are_not_written(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    await save(path, {1: {"shown": OrderedDict()}, 2: {}})
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT id FROM state").fetchall() == [(1,)]


async def test_an_empty_file_is_a_fresh_store(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite"
    path.touch()
    await save(path, {5: {"contexts": {}}})
    assert await load(path) == {5: {"contexts": {}}}
    assert warnings_of(caplog) == []
    assert [p.name for p in tmp_path.iterdir()] == ["state.sqlite"]


def aside_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


async def assert_moved_aside_and_fresh(
    path: Path, original: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.clear()
    assert await load(path) == {}
    [line] = warnings_of(caplog)
    assert "moved it to" in line and "empty state" in line
    [aside] = aside_files(path)
    assert aside.read_bytes() == original  # kept as it was, for whoever wants to look
    await save(path, {9: {"contexts": {}}})  # and the fresh store works
    assert await load(path) == {9: {"contexts": {}}}


async def test_garbage_is_moved_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "state.sqlite"
    garbage = os.urandom(5000)
    path.write_bytes(garbage)
    await assert_moved_aside_and_fresh(path, garbage, caplog)


async def test_an_old_pickle_is_moved_aside_not_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite"
    # The opcodes of a pickle that would call os.system when unpickled.
    payload = b"\x80\x04\x95\x1d\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x8c\x06system\x93."
    path.write_bytes(payload)
    await assert_moved_aside_and_fresh(path, payload, caplog)


async def test_a_truncated_store_is_moved_aside(
    seed_engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite"
    chat_data, _ = conversation_of(seed_engine, user_id=1)
    await save(path, {n: chat_data for n in range(1, 60)})
    whole = path.read_bytes()
    assert len(whole) > 100_000
    cut = whole[: len(whole) // 2]
    path.write_bytes(cut)
    await assert_moved_aside_and_fresh(path, cut, caplog)


async def test_someone_elses_database_is_moved_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE state (kind TEXT, id INTEGER, data TEXT)")
    db.close()
    original = path.read_bytes()
    await assert_moved_aside_and_fresh(path, original, caplog)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
async def test_an_unreadable_store_is_moved_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite"
    await save(path, {3: {"contexts": {}}})
    path.chmod(0)
    caplog.clear()
    assert await load(path) == {}
    assert len(warnings_of(caplog)) == 1
    [aside] = aside_files(path)
    aside.chmod(0o600)
    assert await load(aside) == {3: {"contexts": {}}}


async def test_a_row_that_no_longer_reads_is_dropped_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.sqlite"
    await save(path, {1: {"a": 1, "b": 2}, 2: {"c": 3}})
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE state SET data = ? WHERE id = 1",
            ('[["a",{"$c":"Renamed","f":{}}],["b",2]]',),
        )
        db.execute("UPDATE state SET data = '{broken' WHERE id = 2")
    db.close()
    assert await load(path) == {1: {"b": 2}}
    [line] = warnings_of(caplog)
    assert "dropped 2 stored values" in line


async def test_old_conversations_expire_on_load_and_while_running(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    clock = Clock()
    await save(path, {1: {"x": 1}}, clock)
    clock.now += 20 * DAY
    await save(path, {2: {"x": 2}}, clock)
    clock.now += 15 * DAY  # chat 1 is 35 days old, chat 2 fifteen

    running = store(path, clock)
    app = Application.builder().token("1:state-test").persistence(running).build()
    assert await running.get_chat_data() == {2: {"x": 2}}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT id FROM state").fetchall() == [(2,)]
    db.close()

    await running.update_chat_data(3, {})  # a refused stranger: nothing stored, still counted
    assert forget_expired(app, running) == 0
    clock.now += 16 * DAY  # chat 2 is now 31 days old, the stranger 16
    for chat_id in (2, 3):
        app.chat_data[chat_id]  # as PTB does for an update: the access makes the entry
    assert forget_expired(app, running) == 1
    assert 2 not in app.chat_data and 3 in app.chat_data
    await app.update_persistence()
    clock.now += 15 * DAY
    assert forget_expired(app, running) == 1
    assert 3 not in app.chat_data
    await app.update_persistence()
    await running.flush()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT id FROM state").fetchall() == []
    db.close()


async def test_saving_never_waits_for_the_disk(tmp_path: Path) -> None:
    """A store whose file is locked by someone else: updates return at once, and are written
    once the lock goes."""
    path = tmp_path / "state.sqlite"
    await save(path, {})
    running = store(path)
    await running.get_chat_data()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    started = time.perf_counter()
    for chat_id in range(1, 2001):
        await running.update_chat_data(chat_id, {"contexts": {chat_id: "x"}})
        if chat_id % 100 == 0:
            await asyncio.sleep(0.01)  # the writer wakes up and meets the lock
    assert time.perf_counter() - started < 1.0
    blocker.execute("COMMIT")
    blocker.close()
    await running.flush()
    loaded = await load(path)
    assert len(loaded) == 2000 and loaded[1234] == {"contexts": {1234: "x"}}


# ----------------------------------------------------------- updates unanswered at a stop


def an_update(update_id: int, chat_id: int, text: str, asked: float) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": int(asked),
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": chat_id, "is_bot": False, "first_name": "A"},
                "text": text,
            },
        },
        None,
    )


async def stop_with(path: Path, clock: Clock, updates: list[Update], answered: set[int]) -> None:
    """A store that received ``updates``, answered some, and then stopped."""
    unanswered = Unanswered()
    running = StateStore(path, CODEC, TTL, clock=clock, unanswered=unanswered)
    await running.get_chat_data()
    for update in updates:
        unanswered.received(update)
    for update in updates:
        if update.update_id in answered:
            unanswered.answered(update)
    await running.flush()


async def kept_at_start(path: Path, clock: Clock) -> tuple[list[str], StateStore]:
    starting = store(path, clock)
    await starting.get_chat_data()
    return starting.take_unanswered(), starting


def ids_of(kept: list[str]) -> list[int]:
    return [Update.de_json(json.loads(text), None).update_id for text in kept]


async def test_unanswered_updates_are_kept_oldest_first_and_handed_out_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, clock = tmp_path / "state.sqlite", Clock()
    caplog.set_level(logging.INFO)
    updates = [an_update(n, 500 + n, f"问题{n}", clock.now) for n in (12, 10, 11, 13)]
    await stop_with(path, clock, updates, answered={11})
    assert "kept 3 unanswered updates for the next start" in caplog.messages

    kept, starting = await kept_at_start(path, clock)
    assert ids_of(kept) == [10, 12, 13]
    again = Update.de_json(json.loads(kept[0]), None)
    assert again.message is not None and again.message.text == "问题10"
    assert again.to_json() == updates[1].to_json()  # as Telegram sent it
    assert starting.take_unanswered() == []  # once
    await starting.flush()

    kept, starting = await kept_at_start(path, clock)
    assert kept == []  # taken at the last start: not handed out twice
    await starting.flush()


async def test_kept_updates_not_yet_replayed_survive_another_stop(tmp_path: Path) -> None:
    path, clock = tmp_path / "state.sqlite", Clock()
    await stop_with(path, clock, [an_update(7, 507, "问", clock.now)], answered=set())
    loaded = store(path, clock)
    await loaded.get_chat_data()  # stopped before the bot was ready to replay
    await loaded.flush()
    kept, starting = await kept_at_start(path, clock)
    assert ids_of(kept) == [7]
    await starting.flush()


async def test_kept_updates_older_than_a_day_are_dropped_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, clock = tmp_path / "state.sqlite", Clock()
    old = an_update(1, 501, "旧问题", clock.now - UNANSWERED_FOR - 60)
    fresh = an_update(2, 502, "新问题", clock.now - 60)
    await stop_with(path, clock, [old, fresh], answered=set())
    caplog.set_level(logging.INFO)
    kept, starting = await kept_at_start(path, clock)
    assert ids_of(kept) == [2]
    assert "state: dropped 1 kept updates asked more than a day ago" in caplog.messages
    await starting.flush()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM unanswered").fetchone()[0] == 0
    db.close()


async def test_a_kept_update_that_no_longer_reads_is_dropped_with_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, clock = tmp_path / "state.sqlite", Clock()
    await stop_with(path, clock, [an_update(3, 503, "好问题", clock.now)], answered=set())
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO unanswered (update_id, asked, data) VALUES (1, ?, '{\"秘密\": '), "
            "(2, ?, '[\"秘密问题\"]')",
            (clock.now, clock.now),
        )
    db.close()
    kept, starting = await kept_at_start(path, clock)
    await starting.flush()
    app = Application.builder().token("123:kept-update-token").build()
    caplog.set_level(logging.INFO)
    assert await replay(app, kept) == 1
    assert "replaying 3 updates kept at the last stop" in caplog.messages
    dropped = [m for m in caplog.messages if "no longer reads" in m]
    assert len(dropped) == 2 and "秘密" not in "".join(caplog.messages)
    queued = app.update_queue.get_nowait()
    assert isinstance(queued, Update) and queued.message is not None
    assert queued.message.text == "好问题"
    assert app.update_queue.empty()
