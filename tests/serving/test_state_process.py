"""``fangtan telegram`` as a process, with conversation state: restarts, kills, signals.

The real command runs against the stand-in Bot API on 127.0.0.1 (as in
tests/telegram/test_telegram_process.py). Its output goes to a file, not a pipe: under load a full
pipe would stall the bot and measure the test instead of the bot.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fangtan.bot.engine.answer import Miss
from fangtan.bot.texts import common as common_texts
from fangtan.bot.texts import telegram as tg_texts
from tests.support.bot_api import FakeBotApi
from tests.telegram.test_telegram_e2e import EMISSIONS, button, seen

TOKEN = "434343:state-process-TOKEN-value"
ADMIN = 880099
FIRST_USER = 30_000_000


class HeldBotApi(FakeBotApi):
    """The stand-in Bot API that can hold the bot's first setMyCommands: start-up, frozen."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hold = threading.Event()
        self.held = threading.Event()
        self.release = threading.Event()

    def _handle(self, http_method: str, target: str, headers: dict[str, str], body: bytes) -> Any:
        if self.hold.is_set() and target.endswith("/setMyCommands"):
            self.hold.clear()
            self.held.set()
            self.release.wait(30)
        return super()._handle(http_method, target, headers, body)


@pytest.fixture
def api() -> Iterator[HeldBotApi]:
    with HeldBotApi(token=TOKEN, username="fangtan_bot") as server:
        yield server


class Bot:
    """One ``fangtan telegram`` process writing to ``log``."""

    def __init__(self, api: FakeBotApi, folder: Path, **extra: str) -> None:
        env = {k: v for k, v in os.environ.items() if k != "FANGTAN_CORPUS_DIR"}
        env.update(
            {
                "FANGTAN_TELEGRAM_TOKEN": TOKEN,
                "FANGTAN_TELEGRAM_BASE_URL": api.base_url,
                "FANGTAN_TELEGRAM_BASE_FILE_URL": api.base_file_url,
                "FANGTAN_STATE_FILE": str(folder / "state.sqlite"),
                "FANGTAN_LOG_LEVEL": "INFO",
                **extra,
            }
        )
        self.log = folder / f"bot-{time.monotonic_ns()}.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "fangtan", "telegram"],
                cwd=folder,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    @property
    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> float:
        """Send ``sig``; seconds until the process was gone."""
        started = time.monotonic()
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"the bot did not stop within {timeout} s:\n{self.output}")
        return time.monotonic() - started


def ready(api: FakeBotApi, count: int = 2) -> None:
    api.wait_for("setMyCommands", count=count, timeout=30)


def ask(api: FakeBotApi, question: str, user_id: int) -> Any:
    before = len(api.messages_sent_to(user_id))
    pushed = api.push_update(api.private_message(question, user_id=user_id))
    api.wait_for(
        "sendMessage",
        timeout=15,
        predicate=lambda c: c.params.get("chat_id") == user_id,
        count=before + 1,
    )
    return pushed, api.calls_of("sendMessage")[-1]


def stored_chats(path: Path) -> set[int]:
    with sqlite3.connect(path) as db:
        ids = {int(i) for (i,) in db.execute("SELECT id FROM state WHERE kind = 'chat'")}
    db.close()
    return ids


def flood(api: FakeBotApi, count: int, first: int = FIRST_USER) -> list[int]:
    users = list(range(first, first + count))
    for n, user in enumerate(users):
        question = EMISSIONS if n % 2 else "谁提了数据安全？"
        api.push_update(api.private_message(question, user_id=user, username=None))
    return users


def answered_users(api: FakeBotApi) -> dict[int, float]:
    """Each user's first answer and when it arrived (the fake's monotonic clock)."""
    first: dict[int, float] = {}
    for call in api.calls_of("sendMessage"):
        if call.ok:
            first.setdefault(int(call.params["chat_id"]), call.time)
    return first


def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


# ------------------------------------------------------------------------------------- tests


def test_a_conversation_carries_on_after_a_restart(api: HeldBotApi, tmp_path: Path) -> None:
    user = 701
    bot = Bot(api, tmp_path)
    ready(api)
    _, first = ask(api, EMISSIONS, user)
    assert bot.stop() < 10 and bot.process.returncode == 0, bot.output
    more = button(first, tg_texts.TG_BUTTON_SPEAKER.format(name="袁占军"))

    again = Bot(api, tmp_path)
    try:
        ready(api, count=4)
        _, followed = ask(api, "他还说了什么？", user)
        assert "袁占军" in seen(followed)
        assert seen(followed) != common_texts.MISSES[Miss.NO_CONTEXT]
        pressed = api.callback_query(more["callback_data"], first.result, user_id=user)
        api.push_update(pressed)
        [ack] = api.wait_for("answerCallbackQuery", timeout=15)
        assert ack.params.get("text") != tg_texts.TG_EXPIRED
    finally:
        again.stop()
    assert again.process.returncode == 0
    assert "loaded 1 chats" in again.output
    assert "Traceback" not in bot.output + again.output


def test_killed_while_saving_hard_then_starts_clean_and_answers(
    api: HeldBotApi, tmp_path: Path
) -> None:
    bot = Bot(api, tmp_path)
    ready(api)
    early = FIRST_USER - 1
    ask(api, EMISSIONS, early)
    users = flood(api, 500)
    # Every second the answered chats are saved while more keep coming: kill in the middle.
    wait_until(lambda: len(answered_users(api)) > 120, 30, "answers under load")
    bot.stop(signal.SIGKILL)
    assert len(answered_users(api)) < len(users)  # killed mid-flood, not after it

    again = Bot(api, tmp_path)
    try:
        ready(api, count=4)
        stored = stored_chats(tmp_path / "state.sqlite")
        assert early in stored and len(stored) > 60
        _, followed = ask(api, "他还说了什么？", early)
        assert "袁占军" in seen(followed)
        _, fresh = ask(api, "谁提了数据安全？", 702)
        assert "张乾坤" in seen(fresh)
    finally:
        again.stop()
    assert again.process.returncode == 0, again.output
    assert "unreadable" not in again.output and "Traceback" not in again.output


def test_sighup_during_start_up_is_kept_for_when_the_bot_is_ready(
    api: HeldBotApi, tmp_path: Path
) -> None:
    api.hold.set()
    bot = Bot(api, tmp_path, FANGTAN_ADMIN_IDS=str(ADMIN))
    try:
        assert api.held.wait(30), bot.output  # in post_init: loaded, not yet ready
        bot.process.send_signal(signal.SIGHUP)
        time.sleep(0.3)
        assert bot.process.poll() is None, bot.output
        api.release.set()
        [told] = api.wait_for(
            "sendMessage", timeout=30, predicate=lambda c: c.params.get("chat_id") == ADMIN
        )
        assert str(told.params["text"]).startswith("已重新载入")
        _, answer = ask(api, "谁提了数据安全？", 703)
        assert "张乾坤" in seen(answer)
    finally:
        api.release.set()
        bot.stop()
    assert bot.process.returncode == 0, bot.output
    assert "SIGHUP arrived during start-up: reloading now that the bot is ready" in bot.output


def test_sigterm_under_load_stops_within_ten_seconds_saves_and_answers_everyone_after(
    api: HeldBotApi, tmp_path: Path
) -> None:
    bot = Bot(api, tmp_path)
    ready(api)
    users = flood(api, 400)
    wait_until(lambda: len(answered_users(api)) > 60, 30, "answers under load")
    signalled = time.monotonic()
    answered_before = set(answered_users(api))
    took = bot.stop(signal.SIGTERM)

    assert took < 10, bot.output
    assert bot.process.returncode == 0, bot.output
    answered = answered_users(api)
    assert len(answered) < len(users)  # the load was still there when the signal came
    assert "still unanswered after 5 s" in bot.output
    stored = stored_chats(tmp_path / "state.sqlite")
    assert answered_before <= stored
    late = {u for u, at in answered.items() if at < signalled + 4}
    assert late <= stored  # answered while stopping, saved as well
    [kept] = re.findall(r"kept (\d+) unanswered updates for the next start", bot.output)
    assert int(kept) >= len(users) - len(answered)
    assert "Traceback" not in bot.output

    # Telegram will not send them again (the offset was confirmed): the next start must.
    again = Bot(api, tmp_path)
    try:
        wait_until(lambda: len(answered_users(api)) == len(users), 60, "every chat answered")
        time.sleep(0.5)  # room for a duplicate to show up
    finally:
        again.stop()
    assert f"replaying {kept} updates kept at the last stop" in again.output
    replies = Counter(int(c.params["chat_id"]) for c in api.calls_of("sendMessage") if c.ok)
    assert {u: replies[u] for u in users if replies[u] != 1} == {}
    assert again.process.returncode == 0, again.output
    assert "Traceback" not in again.output
