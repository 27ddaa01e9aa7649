"""Telegram throughput: the real PTB Application answering 1,000 private questions over loopback.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/telegram_throughput.py [--updates 1000] [--burst 50]
        [--interval 0.1] [--repeats 3] [--skip-limited] [--profile]

Method. ``bench/botapi.BotApi`` (the benchmarks' own small stand-in Bot API
server) runs in a child process of its own - so its HTTP threads do not share
the bot's GIL, as Telegram's servers would not - and records, for every
getUpdates answer, the moment it returned (``time.monotonic()``, just before
the HTTP reply is written) and the update ids it carried. The parent process
loads the bundled corpus, builds the Application, starts it exactly as
``run_polling`` would (initialize, post_init, start, ``start_polling(poll_interval=0,
timeout=1, allowed_updates=Update.ALL_TYPES)``) and tells the fake to push
``--updates`` private text messages in bursts of ``--burst`` every
``--interval`` seconds. The questions are real questions about the bundled
corpus (the development questions' "q" fields when present, else a built-in
list), cycled; every update comes from a distinct user id (= private chat
id), so the product's per-user rate limit (FANGTAN_RATE_LIMIT, default 10 per
60 s) never applies and stays at its default, and each sendMessage is matched
to its update by chat id. All times are the fake's ``time.monotonic()``
(``Call.time`` is the arrival of each request):

* throughput = updates / (last answering sendMessage - first push);
* latency = answering sendMessage arrival - return of the getUpdates call that
  delivered the update (the bot's own queueing, handling and rate limiting;
  an answer in several messages counts at its last one).

Runs, each against a fresh fake:

(A) "product" - ``fangtan.bot.telegram.app.build_application(settings, library)`` as
    ``fangtan telegram`` builds it, AIORateLimiter(max_retries=3) with PTB's
    defaults: 30 requests/s overall, 20/min per group; one run;
(B) "no overall limit" - the same ``build_application``, given
    AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3) so that
    Telegram's 30 messages/s does not hide the bot's own speed.
    ``--repeats`` runs (the machine is noisy); the median run is reported and
    judged against the target (>= 200 answers/s);
(B) again at a light load (300 updates, 100/s offered), for the latency of an
    answer when the bot is not saturated.

If (B) misses the target (or with ``--profile``), (B) is run once more under
cProfile (the event-loop thread, where PTB, httpx and the handlers run) and the
hot spots are printed with file:line.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import multiprocessing as mp
import pstats
import re
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from benchlib import bot_logging, git_state, machine_description, percentile
from botapi import BotApi

REPO = Path(__file__).resolve().parent.parent

TOKEN = "987654321:AAE2e-Fangtan-BenchPart_x9"
USERNAME = "fangtan_bot"
TARGET_PER_SECOND = 200.0
FIRST_USER = 20_000_000
DEV_QUESTIONS = Path("/work/shared/eval/dev_questions.jsonl")
BUILT_IN = (
    "谁提了数据安全？",
    "谁提到了中原科技城？",
    "谁提到了超低排放改造？",
    "谁关注县域电商？",
    "谁提到了政府工作报告？",
    "袁占军是谁？",
    "马琳说了什么？",
    "有哪些受访人？",
    "谁提到了区块链？",
    "人工智能",
)

JSON = dict[str, Any]


def read_questions() -> tuple[list[str], str]:
    if DEV_QUESTIONS.is_file():
        lines = DEV_QUESTIONS.read_text(encoding="utf-8").splitlines()
        return [str(json.loads(line)["q"]) for line in lines if line.strip()], str(DEV_QUESTIONS)
    return list(BUILT_IN), "built-in list"


# ------------------------------------------------------------------ the fake, in its own process


def serve_fake(conn: Connection) -> None:
    """Child process: the stand-in Bot API; pushes the load when told, reports the calls."""
    logging.basicConfig(level=logging.WARNING)
    with BotApi(token=TOKEN, username=USERNAME) as api:
        conn.send({"base_url": api.base_url, "base_file_url": api.base_file_url})
        job: JSON = conn.recv()
        questions: list[str] = job["questions"]
        total, burst, interval = job["updates"], job["burst"], job["interval"]
        pushed: dict[int, tuple[float, int]] = {}
        cpu_before = time.process_time()
        started = time.monotonic()
        for first in range(0, total, burst):
            due = started + (first // burst) * interval
            if due > time.monotonic():
                time.sleep(due - time.monotonic())
            for n in range(first, min(first + burst, total)):
                user = FIRST_USER + n
                update = api.private_message(
                    questions[n % len(questions)], user_id=user, first_name=f"U{n}", username=None
                )
                stored = api.push_update(update)
                pushed[int(stored["update_id"])] = (time.monotonic(), user)
        wanted = {user for _, user in pushed.values()}
        deadline = time.monotonic() + job["timeout"]
        while time.monotonic() < deadline:
            answered = {c.params.get("chat_id") for c in api.calls_of("sendMessage") if c.ok}
            if wanted <= answered:
                break
            time.sleep(0.05)
        cpu_used = time.process_time() - cpu_before
        time.sleep(0.3)  # a second part of an answer, if any, arrives now
        calls = api.calls
        conn.send(
            {
                "pushed": {str(k): v for k, v in pushed.items()},
                "deliveries": api.deliveries,
                "sends": [
                    (c.time, c.params.get("chat_id"), c.status)
                    for c in calls
                    if c.method == "sendMessage"
                ],
                "methods": sorted({c.method for c in calls}),
                "get_updates": sum(1 for c in calls if c.method == "getUpdates"),
                "fake_cpu_s": cpu_used,
                "failed": [
                    (c.method, c.status, str(c.response)[:200])
                    for c in calls
                    if c.status not in (200, None)
                ],
            }
        )
        conn.recv()  # "stop"


# --------------------------------------------------------------------------- the applications


def build_without_overall_limit(settings: Any, library: Any) -> Any:
    """``build_application`` as the product builds it, but AIORateLimiter's limits lifted."""
    from telegram.ext import AIORateLimiter

    from fangtan.bot.telegram.app import RATE_LIMIT_RETRIES, build_application

    limiter = AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=RATE_LIMIT_RETRIES)
    return build_application(settings, library, rate_limiter=limiter)


async def start(app: Any) -> None:
    """What ``run_polling`` would do, without taking over the event loop."""
    from telegram import Update
    from telegram.error import TelegramError

    def polling_error(exc: TelegramError) -> None:
        app.create_task(app.process_error(update=None, error=exc))

    async with asyncio.timeout(10):
        await app.initialize()
        await app.post_init(app)
        await app.start()
        await app.updater.start_polling(
            poll_interval=0,
            timeout=1,
            allowed_updates=Update.ALL_TYPES,
            error_callback=polling_error,
        )


async def stop(app: Any) -> None:
    async with asyncio.timeout(10):
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()


def one_run(
    label: str,
    build: Callable[[Any, Any], Any],
    library: Any,
    questions: list[str],
    args: argparse.Namespace,
    profiler: cProfile.Profile | None = None,
) -> JSON:
    from pydantic import SecretStr

    from fangtan.bot.settings import Settings

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    fake = ctx.Process(target=serve_fake, args=(child,), daemon=True)
    fake.start()

    def receive(limit: float) -> Any:
        """The fake's next message; fails instead of hanging if the fake died or stalled."""
        deadline = time.monotonic() + limit
        while not parent.poll(0.2):
            if not fake.is_alive():
                raise SystemExit(f"the fake Bot API process exited ({fake.exitcode})")
            if time.monotonic() > deadline:
                raise SystemExit(f"no word from the fake Bot API within {limit:.0f} s")
        return parent.recv()

    try:
        urls: JSON = receive(30)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=SecretStr(TOKEN),
            telegram_base_url=urls["base_url"],
            telegram_base_file_url=urls["base_file_url"],
        )
        app = build(settings, library)

        async def drive() -> JSON:
            await start(app)
            try:
                parent.send(
                    {
                        "questions": questions,
                        "updates": args.updates,
                        "burst": args.burst,
                        "interval": args.interval,
                        "timeout": args.timeout,
                    }
                )
                if profiler is not None:
                    profiler.enable()
                cpu_before = time.process_time()
                try:
                    loop = asyncio.get_running_loop()
                    wait = args.timeout + 30
                    done: JSON = await loop.run_in_executor(None, receive, wait)
                    done["bot_cpu_s"] = time.process_time() - cpu_before
                    return done
                finally:
                    if profiler is not None:
                        profiler.disable()
            finally:
                await stop(app)

        print(f"  {label}: running ...", flush=True)
        result = asyncio.run(drive())
        result["label"] = label
        result["rate_limiter"] = describe_limiter(app.bot.rate_limiter)
        parent.send("stop")
    finally:
        fake.join(10)
        if fake.is_alive():
            fake.terminate()
    return summarise(result)


def describe_limiter(limiter: Any) -> str:
    """What an AIORateLimiter enforces (from its attributes; PTB has no public accessor)."""
    if limiter is None:
        return "none"
    limiter = getattr(limiter, "inner", limiter)  # under the delivery retries
    base = getattr(limiter, "_base_limiter", None)
    overall = f"{base.max_rate:g} per {base.time_period:g} s" if base is not None else "off"
    group_rate = getattr(limiter, "_group_max_rate", 0)
    group = (
        f"{group_rate:g} per {getattr(limiter, '_group_time_period', 0):g} s"
        if group_rate
        else "off"
    )
    retries = getattr(limiter, "_max_retries", "?")
    return f"{type(limiter).__name__}: overall {overall}, per group {group}, retries {retries}"


def summarise(result: JSON) -> JSON:
    pushed = {int(k): (float(t), int(u)) for k, (t, u) in result["pushed"].items()}
    delivered: dict[int, float] = {}
    for when, ids in result["deliveries"]:
        for update_id in ids:
            delivered.setdefault(update_id, when)
    answered_at: dict[int, float] = {}
    failed_sends = 0
    for when, chat, status in result["sends"]:
        if status != 200:
            failed_sends += 1
            continue
        answered_at[int(chat)] = max(answered_at.get(int(chat), 0.0), when)
    latencies, end_to_end = [], []
    for update_id, (push_time, user) in pushed.items():
        if user in answered_at and update_id in delivered:
            latencies.append((answered_at[user] - delivered[update_id]) * 1000)
            end_to_end.append((answered_at[user] - push_time) * 1000)
    answered = sum(1 for _, user in pushed.values() if user in answered_at)
    first_push = min(t for t, _ in pushed.values())
    last_answer = max(answered_at.values(), default=first_push)
    span = last_answer - first_push
    batches = [len(ids) for _, ids in result["deliveries"]]
    return {
        "label": result["label"],
        "rate_limiter": result["rate_limiter"],
        "updates": len(pushed),
        "answered": answered,
        "messages": len(result["sends"]) - failed_sends,
        "failed_sends": failed_sends,
        "failed_calls": result["failed"][:5],
        "span_s": span,
        "per_second": answered / span if span > 0 else float("nan"),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies, default=float("nan")),
        "e2e_p50_ms": percentile(end_to_end, 50),
        "e2e_p95_ms": percentile(end_to_end, 95),
        "get_updates": result["get_updates"],
        "batches": len(batches),
        "mean_batch": sum(batches) / len(batches) if batches else 0.0,
        "bot_cpu_s": result["bot_cpu_s"],
        "fake_cpu_s": result["fake_cpu_s"],
    }


def print_run(run: JSON) -> None:
    print(f"\n{run['label']}")
    print(f"  rate limiter: {run['rate_limiter']}")
    print(
        f"  answered {run['answered']}/{run['updates']} updates with {run['messages']} messages "
        f"({run['failed_sends']} failed sendMessage) in {run['span_s']:.2f} s "
        f"-> {run['per_second']:.1f} answers/s"
    )
    print(
        f"  latency getUpdates return -> answering sendMessage: p50 {run['p50_ms']:.1f} ms, "
        f"p95 {run['p95_ms']:.1f} ms, max {run['max_ms']:.1f} ms"
    )
    print(
        f"  push -> answer (incl. waiting for the poll): p50 {run['e2e_p50_ms']:.1f} ms, "
        f"p95 {run['e2e_p95_ms']:.1f} ms; {run['batches']} getUpdates batches with updates, "
        f"{run['mean_batch']:.1f} updates each on average ({run['get_updates']} getUpdates calls)"
    )
    print(
        f"  CPU while answering: bot process {run['bot_cpu_s']:.2f} s, fake Bot API process "
        f"{run['fake_cpu_s']:.2f} s (of {run['span_s']:.2f} s wall clock; bot CPU includes "
        "the time to wait for the final answers)"
    )
    for failure in run["failed_calls"]:
        print(f"  failed call: {failure}")


def where(filename: str) -> str:
    """A profiler file name as a short path: bot/..., or package/... under site-packages."""
    path = Path(filename)
    if path.is_absolute():
        for marker in ("site-packages", "dist-packages"):
            if marker in path.parts:
                return Path(*path.parts[path.parts.index(marker) + 1 :]).as_posix()
        if path.is_relative_to(REPO):
            return path.relative_to(REPO).as_posix()
        for i, part in enumerate(path.parts):
            if re.fullmatch(r"python3\.\d+", part):  # the standard library
                return Path(*path.parts[i + 1 :]).as_posix()
    return filename


# (label, file suffix, function) whose cumulative share of the bot's CPU is reported.
WATCHED = (
    ("Engine.answer (the search itself)", "bot/engine/answering.py", "answer"),
    (
        "httpcore current_async_library: a failed `import sniffio` per lock/event",
        "httpcore/_synchronization.py",
        "current_async_library",
    ),
    (
        "httpcore pool bookkeeping (_assign_requests_to_connections)",
        "httpcore/_async/connection_pool.py",
        "_assign_requests_to_connections",
    ),
    ("PTB Message.de_json (parsing updates and replies)", "telegram/_message.py", "de_json"),
    ("logging (Logger._log)", "logging/__init__.py", "_log"),
)


def hot_spots(profiler: cProfile.Profile, top: int = 15) -> str:
    entries = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in entries.values()) or 1.0
    rows = [
        (where(filename), line, function, calls, own, cumulative)
        for (filename, line, function), (_, calls, own, cumulative, _) in entries.items()
    ]
    out = [f"  profiled CPU in the event-loop thread: {total:.2f} s"]
    out.append("  watched functions (cumulative, share of that CPU):")
    for label, suffix, function in WATCHED:
        cumulative = max(
            (r[5] for r in rows if r[0].endswith(suffix) and r[2] == function), default=0.0
        )
        location = next(
            (f"{r[0]}:{r[1]}" for r in rows if r[0].endswith(suffix) and r[2] == function), "-"
        )
        out.append(
            f"    {cumulative:6.2f} s {100 * cumulative / total:5.1f} %  {label}  [{location}]"
        )
    out.append(f"  top {top} by own time:")
    for file, line, function, calls, own, _ in sorted(rows, key=lambda r: -r[4])[:top]:
        out.append(f"    {own:6.2f} s {calls:>9}  {file}:{line} {function}")
    ours = [r for r in rows if r[0].startswith(("bot/", "retrieval/"))]
    out.append(f"  fangtan code, top {top // 2} by cumulative time:")
    for file, line, function, calls, _, cumulative in sorted(ours, key=lambda r: -r[5])[: top // 2]:
        out.append(f"    {cumulative:6.2f} s {calls:>9}  {file}:{line} {function}")
    return "\n".join(out)


def repeated(
    label: str,
    build: Callable[[Any, Any], Any],
    library: Any,
    questions: list[str],
    args: argparse.Namespace,
    times: int,
) -> JSON:
    """``times`` runs of one configuration; the run with the median throughput, plus spread."""
    runs = [one_run(label, build, library, questions, args) for _ in range(times)]
    runs.sort(key=lambda r: r["per_second"])
    middle = dict(runs[len(runs) // 2])
    middle["all_per_second"] = [r["per_second"] for r in runs]
    return middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--burst", type=int, default=50, help="updates pushed at once")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between bursts")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for answers")
    parser.add_argument("--repeats", type=int, default=3, help="runs of (B)")
    parser.add_argument("--skip-limited", action="store_true", help="do not run (A)")
    parser.add_argument("--profile", action="store_true", help="profile (B) even if fast enough")
    args = parser.parse_args()

    log_file = bot_logging("telegram")

    from fangtan.bot.serving.library import Library
    from fangtan.bot.serving.loading import load_engine
    from fangtan.bot.telegram.app import build_application

    questions, source = read_questions()
    library = Library(load_engine(None, None, False))
    offered = args.burst / args.interval if args.interval > 0 else float("inf")
    print("fangtan Telegram throughput: real PTB Application <-> stand-in Bot API over 127.0.0.1")
    print(f"machine: {machine_description()}")
    print(f"code: {git_state()}")
    print(
        f"load: {args.updates} private messages from {args.updates} distinct users (per-user rate "
        f"limit left at its default; it never triggers), {len(questions)} questions from "
        f"{source}, cycled; bursts of {args.burst} every {args.interval:g} s "
        f"(offered {offered:.0f}/s). Bot logs at INFO to {log_file}."
    )

    limited = None
    if not args.skip_limited:
        limited = one_run(
            "(A) product: build_application, AIORateLimiter as built",
            build_application,
            library,
            questions,
            args,
        )
        print_run(limited)
    unlimited = repeated(
        "(B) build_application with AIORateLimiter(overall_max_rate=0, group_max_rate=0)",
        build_without_overall_limit,
        library,
        questions,
        args,
        args.repeats,
    )
    print_run(unlimited)
    light = argparse.Namespace(**{**vars(args), "updates": 300, "burst": 5, "interval": 0.05})
    gentle = one_run(
        "(B) at a light load: 300 updates, 5 every 0.05 s (100/s offered)",
        build_without_overall_limit,
        library,
        questions,
        light,
    )
    print_run(gentle)

    if limited is not None:
        print(
            "\n(A)'s cap: AIORateLimiter's default overall limit is "
            "telegram.constants.FloodLimit.MESSAGES_PER_SECOND = 30 requests/s for every request "
            "with a chat_id (a leaky bucket that lets a first burst of 30 through), which is "
            "Telegram's documented ~30 messages/s per bot; above it Telegram answers 429 with "
            "retry_after and PTB then pauses *all* requests. So (A) tops out near 30 answers/s "
            "by design, and that is the right behaviour against the real Bot API."
        )
    ok = unlimited["per_second"] >= TARGET_PER_SECOND
    spread = ", ".join(f"{v:.0f}" for v in unlimited["all_per_second"])
    print(
        f"\ntarget: >= {TARGET_PER_SECOND:.0f} answers/s without the overall limit (B) -> "
        f"median {unlimited['per_second']:.1f}/s of {len(unlimited['all_per_second'])} runs "
        f"({spread}): {'MET' if ok else 'NOT MET'}"
    )
    if limited is not None:
        print(
            f"        with the product limiter (A): {limited['per_second']:.1f}/s (capped at "
            "~30/s by design, see above)"
        )

    if not ok or args.profile:
        print("\nprofiling (B) under cProfile (the event-loop thread) ...", flush=True)
        profiler = cProfile.Profile()
        profiled = one_run(
            "(B) under cProfile (slower: the profiler's own overhead)",
            build_without_overall_limit,
            library,
            questions,
            args,
            profiler,
        )
        print_run(profiled)
        print(hot_spots(profiler))


if __name__ == "__main__":
    main()
