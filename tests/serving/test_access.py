"""The allow-list, the rate limiter and the heartbeat check, with time under control."""

from __future__ import annotations

import os
from pathlib import Path

from fangtan.bot.serving.access import AllowList, RateLimiter, Verdict
from fangtan.bot.serving.heartbeat import STALE_AFTER, check_heartbeat, touch


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_empty_allow_list_serves_everyone() -> None:
    assert (
        AllowList().permits(5, 5) and AllowList().permits(-100, 5) and AllowList().permits(None, 5)
    )


def test_allow_list_by_chat_and_inline_user() -> None:
    allow = AllowList(frozenset({5, -100}))
    assert allow.permits(5, 5)  # private chat of an allowed user
    assert allow.permits(-100, 9)  # anyone in an allowed group
    assert not allow.permits(-200, 5)  # an allowed user in another group
    assert not allow.permits(9, 9)
    assert allow.permits(None, 5) and not allow.permits(None, 9)  # inline queries
    assert allow.first_refusal(9) and not allow.first_refusal(9)


def test_eleventh_question_warned_once_then_silent_then_reopens() -> None:
    clock = Clock()
    limiter = RateLimiter(limit=10, window=60, clock=clock)
    for _ in range(10):
        assert limiter.check(1) is Verdict.ALLOW
        clock.now += 1
    assert limiter.check(1) is Verdict.WARN
    assert limiter.check(1) is Verdict.SILENT
    assert limiter.check(2) is Verdict.ALLOW  # per user
    assert 49 <= limiter.retry_after(1) <= 51
    clock.now += 50.5  # the first question leaves the window
    assert limiter.check(1) is Verdict.ALLOW
    assert limiter.check(1) is Verdict.SILENT  # full again, but told less than a window ago
    clock.now += 10  # a window after the notice, and nine more questions have left it
    assert [limiter.check(1) for _ in range(10)] == [Verdict.ALLOW] * 9 + [Verdict.WARN]


def test_at_most_one_notice_per_window_however_the_refusals_fall() -> None:
    clock = Clock()
    limiter = RateLimiter(limit=10, window=60, clock=clock)
    notices = 0
    for _ in range(600):  # one attempt every second for ten minutes
        notices += limiter.check(1) is Verdict.WARN
        clock.now += 1
    assert notices <= 10
    allowed = 0
    for _ in range(60):
        allowed += limiter.check(1) is Verdict.ALLOW
        clock.now += 1
    assert allowed == 10  # refusals do not count: the full allowance every window


def test_idle_users_are_forgotten() -> None:
    clock = Clock()
    limiter = RateLimiter(limit=1, window=60, clock=clock)
    for user in range(RateLimiter.SWEEP_ABOVE):
        limiter.check(user)
    clock.now += 61
    limiter.check(-1)
    assert len(limiter._asked) == 1


def test_zero_limit_turns_it_off() -> None:
    limiter = RateLimiter(limit=0, window=60)
    assert all(limiter.check(1) is Verdict.ALLOW for _ in range(1000))


def test_heartbeat(tmp_path: Path) -> None:
    path = tmp_path / "run" / "heartbeat"
    assert not check_heartbeat(None)[0]
    assert not check_heartbeat(path)[0]
    touch(path)
    assert check_heartbeat(path)[0]
    old = path.stat().st_mtime - STALE_AFTER - 5
    os.utime(path, (old, old))
    assert not check_heartbeat(path)[0]
