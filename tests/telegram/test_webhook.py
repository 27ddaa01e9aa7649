"""The webhook server of ``fangtan telegram``, as a process: what it refuses, how much of a
refused body it reads (as good as none: its memory is measured), and what it logs.

Requests are written by hand on a socket, so a 50 MB body can be offered the way an attacker
would stream it, without the test holding 50 MB either.
"""

from __future__ import annotations

import json
import select
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from fangtan.bot.telegram.webhook import MAX_BODY
from fangtan.bot.texts import telegram as tg_texts
from tests.support.bot_api import FakeBotApi
from tests.support.ports import free_port, wait_for_port
from tests.telegram.test_telegram_process import SECRET, TOKEN, run_once, start_bot, stop

PATH = "hook"
MARKER = "BODY-MARKER-5f1c"  # in every refused body: it must never reach the log
HUGE = 50 * 1024 * 1024
CHUNK = b"x" * 65536


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, username="fangtan_bot") as server:
        yield server


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def request(
    port: int,
    body: bytes = b"",
    *,
    secret: str | None = SECRET,
    method: str = "POST",
    path: str = f"/{PATH}",
    declared: int | None = None,
    stream: int = 0,
    chunked: bool = False,
) -> tuple[int | None, int]:
    """(status or None if the server hung up without one, body bytes sent).

    ``stream`` more bytes are sent after ``body`` (plain, or as chunks when ``chunked``), a
    block at a time, stopping as soon as the server answers or hangs up.
    """
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    head.append("Content-Type: application/json")
    if secret is not None:
        head.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    if chunked:
        head.append("Transfer-Encoding: chunked")
    else:
        head.append(f"Content-Length: {declared if declared is not None else len(body) + stream}")
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        first = f"{len(body):x}\r\n".encode() + body + b"\r\n" if chunked and body else body
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + first)
        sent += len(body)
        try:
            while sent < len(body) + stream:
                if select.select([sock], [], [], 0)[0]:
                    break  # the server has answered (or hung up): stop offering
                piece = CHUNK[: len(body) + stream - sent]
                if chunked:
                    sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                else:
                    sock.sendall(piece)
                sent += len(piece)
            if chunked and sent >= len(body) + stream:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            reply = sock.recv(4096)
        except ConnectionResetError:
            return None, sent
    if not reply.startswith(b"HTTP/1.1 "):
        return None, sent
    return int(reply.split()[1]), sent


def webhook_env(port: int) -> dict[str, str]:
    """Webhook settings without FANGTAN_WEBHOOK_LISTEN: the default must be loopback."""
    return {
        "FANGTAN_WEBHOOK_URL": "https://bot.example.org/hooks",
        "FANGTAN_WEBHOOK_PORT": str(port),
        "FANGTAN_WEBHOOK_PATH": PATH,
        "FANGTAN_WEBHOOK_SECRET": SECRET,
    }


def test_webhook_refuses_on_the_headers_reads_nothing_big_and_logs_no_body(
    api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    process = start_bot(api, tmp_path, **webhook_env(port))
    try:
        [hook] = api.wait_for("setWebhook", timeout=30)
        assert hook.params["url"] == f"https://bot.example.org/hooks/{PATH}"
        assert hook.params["secret_token"] == SECRET
        wait_for_port(port)

        update = api.private_message("谁提了数据安全？", user_id=701)
        update["update_id"] = 9001
        good = json.dumps(update).encode()
        assert request(port, good) == (200, len(good))
        [answer] = api.wait_for("sendMessage", timeout=15)
        assert answer.params["chat_id"] == 701 and "张乾坤" in answer.params["text"]
        # Warm: everything lazily imported for an update has been imported.
        assert request(port, good) == (200, len(good))

        marked = json.dumps({"update_id": 9002, "message": {"text": MARKER}}).encode()
        assert request(port, marked, secret=None)[0] == 403
        assert request(port, marked, secret="wrong")[0] == 403
        assert request(port, marked, secret=SECRET[:-1])[0] == 403
        assert request(port, marked, method="GET")[0] == 405
        assert request(port, marked, path="/elsewhere")[0] == 404
        assert request(port, f"{{{MARKER}".encode())[0] == 400  # not JSON
        assert request(port, json.dumps([MARKER]).encode())[0] == 400  # JSON, not an update
        # An update the library cannot read is skipped, not refused: Telegram would resend it.
        assert request(port, marked)[0] == 200
        assert request(port, json.dumps({"text": MARKER}).encode())[0] == 400

        before = rss_kib(process.pid)
        for secret in (None, "wrong", SECRET):
            status, sent = request(port, MARKER.encode(), secret=secret, stream=HUGE)
            assert status == (413 if secret == SECRET else 403)
            assert sent < HUGE // 10, f"the server let {sent} bytes be sent"
        # Without a length the body is read, but never more than the cap.
        status, _ = request(port, MARKER.encode(), stream=3 * MAX_BODY, chunked=True)
        assert status == 413
        grown = rss_kib(process.pid) - before
        assert grown < 5 * 1024, f"the bot grew by {grown} KiB"

        # Still serving, and promptly.
        update = api.private_message("谁提到了超低排放改造？", user_id=702)
        update["update_id"] = 9003
        assert request(port, json.dumps(update).encode())[0] == 200
        api.wait_for("sendMessage", timeout=15, predicate=lambda c: c.params["chat_id"] == 702)
    finally:
        elapsed, output = stop(process)
    assert process.returncode == 0, output
    assert elapsed < 10
    assert MARKER not in output
    assert "CRITICAL" not in output and "Traceback" not in output
    assert SECRET not in output and TOKEN not in output
    refusals = [line for line in output.splitlines() if "webhook: " in line and " from " in line]
    assert len(refusals) == 10 and all(len(line) < 200 for line in refusals)
    skipped = [line for line in output.splitlines() if "webhook: skipped update_id=9002" in line]
    assert len(skipped) == 1


@pytest.mark.parametrize(
    ("moment", "sig"),
    [
        ("setMyCommands", signal.SIGTERM),  # in post_init, half way through start-up
        ("setWebhook", signal.SIGINT),  # the last step of start-up
        ("serving", signal.SIGINT),
    ],
)
def test_webhook_stops_cleanly_on_a_signal_at_any_moment(
    api: FakeBotApi, tmp_path: Path, moment: str, sig: int
) -> None:
    port = free_port()
    process = start_bot(api, tmp_path, **webhook_env(port))
    try:
        if moment == "serving":
            api.wait_for("setWebhook", timeout=30)
            wait_for_port(port)
        else:
            api.wait_for(moment, timeout=30)
    finally:
        elapsed, output = stop(process, sig)
    assert process.returncode == 0, output
    assert elapsed < 10
    assert "Traceback" not in output and "Task was destroyed" not in output
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0  # the port is released


def test_a_taken_port_is_one_line_not_a_traceback(api: FakeBotApi, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_once(
            tmp_path,
            FANGTAN_TELEGRAM_TOKEN=TOKEN,
            FANGTAN_TELEGRAM_BASE_URL=api.base_url,
            **webhook_env(port),
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    prefix = tg_texts.ERR_WEBHOOK_LISTEN.split("{")[0]
    assert result.stderr.strip().splitlines()[-1].startswith(prefix)
