"""Conversation state under load: 5,000 chats asking at Telegram's 30 messages/s, state on.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/state_load.py [--chats 5000] [--rate 30] [--no-prefill]

Method. ``bench/botapi.BotApi``, the benchmarks' stand-in Bot API, runs in a child process
of its own (as in ``bench/telegram_throughput.py``) and pushes one private question from each
of ``--chats`` distinct users, evenly paced at ``--rate`` per second, recording when each was
pushed; it records every sendMessage as it arrives. The parent process builds the bot exactly as
``fangtan telegram`` does (``fangtan.bot.telegram.app.build_application`` with
FANGTAN_STATE_FILE set, the product's AIORateLimiter, state saved every ``PERSIST_EVERY`` s
by ``fangtan.bot.serving.state_store``) and starts it as ``run_polling`` would.

Before the run (unless ``--no-prefill``) the store is filled with the same ``--chats`` chats,
each holding what the handlers keep after two answers and a follow-up (threads, a context),
so the bot starts, as in production, with thousands of conversations to load and every
question rewrites a chat that already has state.

Figures:

* answered: chats that got their answer (every one must);
* event-loop stall: a task in the bot's loop sleeps 10 ms over and over; the largest overshoot
  is the longest time the loop could not run anything (target < 2 s);
* longest gap between two consecutive answers while questions were still coming
  (the fake's clock; at 30/s the expected gap is 33 ms; target < 2 s);
* reply latency: push -> the answer's sendMessage arriving (p50 / p95 / max);
* the store: load time at start, rows and file size (with the WAL) at the end of the load and
  after the final save at shutdown, and how long that shutdown took.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import multiprocessing as mp
import sqlite3
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from benchlib import bot_logging, git_state, machine_description, percentile
from botapi import BotApi

TOKEN = "987654321:AAE2e-Fangtan-StatePart_x9"
FIRST_USER = 40_000_000
QUESTIONS = (
    "谁提了数据安全？",
    "谁提到了超低排放改造？",
    "谁提到了政府工作报告？",
    "有哪些受访人？",
    "谁关注县域电商？",
    "马琳说了什么？",
    "谁提到了区块链？",
)
STALL_TICK = 0.01
TARGET_PAUSE = 2.0

JSON = dict[str, Any]


def serve_fake(conn: Connection) -> None:
    """Child process: push the questions at the given pace, report pushes and answers."""
    logging.basicConfig(level=logging.WARNING)
    with BotApi(token=TOKEN, username="fangtan_bot") as api:
        conn.send({"base_url": api.base_url, "base_file_url": api.base_file_url})
        job: JSON = conn.recv()
        chats, rate = job["chats"], job["rate"]
        pushed: dict[int, float] = {}
        started = time.monotonic()
        for n in range(chats):
            due = started + n / rate
            if due > time.monotonic():
                time.sleep(due - time.monotonic())
            user = FIRST_USER + n
            question = QUESTIONS[n % len(QUESTIONS)]
            api.push_update(api.private_message(question, user_id=user, username=None))
            pushed[user] = time.monotonic()
        last_push = time.monotonic()
        deadline = last_push + job["timeout"]
        while time.monotonic() < deadline:
            answered = {c.params.get("chat_id") for c in api.calls_of("sendMessage") if c.ok}
            if len(answered) >= chats:
                break
            time.sleep(0.1)
        time.sleep(0.3)
        sends = [
            (c.time, int(c.params["chat_id"]), c.status)
            for c in api.calls_of("sendMessage")
            if "chat_id" in c.params
        ]
        conn.send({"pushed": pushed, "last_push": last_push, "sends": sends})
        conn.recv()


def prefill(path: Path, chats: int, library: Any) -> float:
    """Write ``chats`` conversations to the store as the handlers would leave them."""
    from fangtan.bot.engine.answer import Answer
    from fangtan.bot.serving.state_codec import Codec
    from fangtan.bot.serving.state_store import StateStore
    from fangtan.bot.telegram.app import STORED_TYPES
    from fangtan.bot.telegram.shown import ShownAnswer, remember, remember_conversation

    engine = library.engine
    answers: list[tuple[Answer, Answer]] = []
    for question in QUESTIONS:
        first = engine.answer(question)
        answers.append((first, engine.answer("他还说了什么？", first.context)))

    async def write() -> float:
        store = StateStore(path, Codec(STORED_TYPES), ttl=30 * 86400)
        await store.get_chat_data()
        started = time.perf_counter()
        for n in range(chats):
            first, follow = answers[n % len(answers)]
            data: dict[Any, Any] = {}
            remember(data, ShownAnswer.start(first))
            remember(data, ShownAnswer.start(follow))
            if follow.context is not None:
                remember_conversation(data, FIRST_USER + n, follow.context)
            await store.update_chat_data(FIRST_USER + n, data)
        await store.flush()
        return time.perf_counter() - started

    return asyncio.run(write())


def store_figures(path: Path) -> tuple[int, int]:
    """(chat rows, bytes of the file and its WAL)."""
    files = [p for p in path.parent.glob(path.name + "*") if "damaged" not in p.name]
    size = sum(p.stat().st_size for p in files)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = int(db.execute("SELECT count(*) FROM state WHERE kind = 'chat'").fetchone()[0])
    db.close()
    return rows, size


async def watch_loop(stalls: list[float]) -> None:
    """Sleep STALL_TICK over and over; record by how much each sleep overran."""
    loop = asyncio.get_running_loop()
    while True:
        before = loop.time()
        await asyncio.sleep(STALL_TICK)
        stalls.append(loop.time() - before - STALL_TICK)


def run(args: argparse.Namespace, state: Path, library: Any) -> JSON:
    from pydantic import SecretStr
    from telegram import Update

    from fangtan.bot.settings import Settings
    from fangtan.bot.telegram.app import build_application

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    fake = ctx.Process(target=serve_fake, args=(child,), daemon=True)
    fake.start()
    try:
        urls: JSON = parent.recv()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=SecretStr(TOKEN),
            telegram_base_url=urls["base_url"],
            telegram_base_file_url=urls["base_file_url"],
            state_file=state,
        )
        app = build_application(settings, library)
        figures: JSON = {}

        async def drive() -> JSON:
            stalls: list[float] = []
            started = time.perf_counter()
            await app.initialize()
            figures["load_s"] = time.perf_counter() - started
            await app.post_init(app)
            await app.start()
            await app.updater.start_polling(
                poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES
            )
            watcher = asyncio.create_task(watch_loop(stalls))
            parent.send({"chats": args.chats, "rate": args.rate, "timeout": args.timeout})
            done: JSON = await asyncio.get_running_loop().run_in_executor(None, parent.recv)
            figures["rows_during"], figures["bytes_during"] = store_figures(state)
            watcher.cancel()
            started = time.perf_counter()
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            await app.post_shutdown(app)
            figures["stop_s"] = time.perf_counter() - started
            figures["stalls"] = stalls
            return done

        done = asyncio.run(drive())
        parent.send("stop")
    finally:
        fake.join(10)
        if fake.is_alive():
            fake.terminate()
    figures["rows_after"], figures["bytes_after"] = store_figures(state)
    return {**done, **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=30.0, help="questions per second")
    parser.add_argument("--timeout", type=float, default=60.0, help="wait for answers after")
    parser.add_argument("--no-prefill", action="store_true", help="start with an empty store")
    args = parser.parse_args()

    log_file = bot_logging("state")

    from fangtan.bot.serving.library import Library
    from fangtan.bot.serving.loading import load_engine
    from fangtan.bot.telegram.app import PERSIST_EVERY

    library = Library(load_engine(None, None, False))
    folder = Path(tempfile.mkdtemp(prefix="fangtan-bench-state-"))
    state = folder / "state.sqlite"
    print("fangtan conversation state under load: real PTB Application <-> stand-in Bot API")
    print(f"machine: {machine_description()}")
    print(f"code: {git_state()}")
    print(
        f"load: {args.chats} private chats, one question each, paced at {args.rate:g}/s "
        f"(~{args.chats / args.rate:.0f} s); product AIORateLimiter (30/s); state saved every "
        f"{PERSIST_EVERY:g} s to {state}; bot logs at INFO to {log_file}"
    )
    if not args.no_prefill:
        seconds = prefill(state, args.chats, library)
        rows, size = store_figures(state)
        print(
            f"prefill: {rows} chats written in {seconds:.1f} s, store {size / 1e6:.1f} MB "
            "(two answers and a follow-up context per chat)"
        )

    print("running ...", flush=True)
    result = run(args, state, library)

    pushed: dict[int, float] = {int(k): float(v) for k, v in result["pushed"].items()}
    answered_at: dict[int, float] = {}
    for when, chat, status in result["sends"]:
        if status == 200 and chat in pushed and when >= pushed[chat]:
            answered_at.setdefault(chat, when)
    latencies = [(answered_at[c] - pushed[c]) * 1000 for c in answered_at]
    times = sorted(answered_at.values())
    during = [t for t in times if t <= result["last_push"]]
    gaps = [b - a for a, b in itertools.pairwise(during)]
    stall = max(result["stalls"], default=0.0)
    gap = max(gaps, default=0.0)
    span = (times[-1] - min(pushed.values())) if times else 0.0

    print(f"\nanswered: {len(answered_at)}/{len(pushed)} chats in {span:.1f} s")
    print(
        f"reply latency (push -> sendMessage): p50 {percentile(latencies, 50):.0f} ms, "
        f"p95 {percentile(latencies, 95):.0f} ms, max {max(latencies, default=0):.0f} ms"
    )
    print(
        f"longest event-loop stall: {stall * 1000:.0f} ms "
        f"(p99 of {len(result['stalls'])} ticks: {percentile(result['stalls'], 99) * 1000:.0f} ms)"
    )
    print(f"longest gap between consecutive answers while questions came: {gap * 1000:.0f} ms")
    print(f"store load at start: {result['load_s']:.2f} s (initialize, incl. getMe)")
    print(
        f"store at the end of the load: {result['rows_during']} chats, "
        f"{result['bytes_during'] / 1e6:.1f} MB with its WAL; after shutdown: "
        f"{result['rows_after']} chats, {result['bytes_after'] / 1e6:.1f} MB"
    )
    print(f"stop (updater, application, final save): {result['stop_s']:.2f} s")
    worst = max(stall, gap)
    all_answered = len(answered_at) == len(pushed)
    verdict = "MET" if all_answered and worst < TARGET_PAUSE else "NOT MET"
    print(
        f"\ntarget: every chat answered and no pause over {TARGET_PAUSE:.0f} s -> "
        f"{len(answered_at)}/{len(pushed)}, longest pause {worst:.2f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
