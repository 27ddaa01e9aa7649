"""``fangtan telegram`` as a process: polling, webhook, signals, secrets in logs.

The real command runs against the stand-in Bot API on 127.0.0.1 through
FANGTAN_TELEGRAM_BASE_URL, exactly as it would against a self-hosted server.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from fangtan.bot.texts import telegram as tg_texts
from tests.conftest import ROOT
from tests.support.bot_api import FakeBotApi
from tests.support.ports import free_port

TOKEN = "424242:process-secret-TOKEN-value"
SECRET = "hook-secret-value"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, username="fangtan_bot") as server:
        yield server


def start_bot(api: FakeBotApi, tmp_path: Path, **extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "FANGTAN_CORPUS_DIR"}
    env.update(
        {
            "FANGTAN_TELEGRAM_TOKEN": TOKEN,
            "FANGTAN_TELEGRAM_BASE_URL": api.base_url,
            "FANGTAN_TELEGRAM_BASE_FILE_URL": api.base_file_url,
            "FANGTAN_LOG_LEVEL": "DEBUG",
            **extra,
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "fangtan", "telegram"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> tuple[float, str]:
    started = time.monotonic()
    process.send_signal(sig)
    try:
        output, _ = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"the bot did not stop within 15 s:\n{output}")
    return time.monotonic() - started, output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_polling_process_answers_and_stops_cleanly(
    api: FakeBotApi, tmp_path: Path, sig: int
) -> None:
    process = start_bot(api, tmp_path)
    try:
        api.wait_for("setMyCommands", count=2, timeout=30)
        api.push_update(api.private_message("谁提了数据安全？", user_id=501))
        [sent] = api.wait_for("sendMessage", timeout=15)
    finally:
        elapsed, output = stop(process, sig)
    assert sent.params["chat_id"] == 501
    assert "<b>张乾坤</b>" in sent.params["text"]
    assert process.returncode == 0, output
    assert elapsed < 10
    assert "answered chat_type=private intent=who answered=True speakers=1" in output
    assert "谁提了数据安全" in output  # the question is logged at DEBUG only …
    assert TOKEN not in output  # … and the token never, not even in httpx's URLs
    assert TOKEN.split(":")[1] not in output
    scopes = {
        json.dumps(c.params.get("scope"), sort_keys=True) for c in api.calls_of("setMyCommands")
    }
    assert len(scopes) == 2
    assert api.calls_of("setMyDescription") and api.calls_of("setMyShortDescription")


def test_question_text_stays_out_of_info_logs(api: FakeBotApi, tmp_path: Path) -> None:
    process = start_bot(api, tmp_path, FANGTAN_LOG_LEVEL="INFO")
    try:
        api.wait_for("setMyCommands", count=2, timeout=30)
        api.push_update(api.private_message("谁提到了超低排放改造？", user_id=502))
        api.wait_for("sendMessage", timeout=15)
    finally:
        _, output = stop(process)
    assert "answered chat_type=private" in output
    assert "超低排放" not in output


def test_webhook_process_checks_the_secret(api: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    process = start_bot(
        api,
        tmp_path,
        FANGTAN_WEBHOOK_URL="https://bot.example.org/hooks",
        FANGTAN_WEBHOOK_LISTEN="127.0.0.1",
        FANGTAN_WEBHOOK_PORT=str(port),
        FANGTAN_WEBHOOK_PATH="fangtan",
        FANGTAN_WEBHOOK_SECRET=SECRET,
    )
    try:
        [hook] = api.wait_for("setWebhook", timeout=30)
        assert hook.params["url"] == "https://bot.example.org/hooks/fangtan"
        assert hook.params["secret_token"] == SECRET
        update = api.private_message("谁提到了土特产？", user_id=503)
        update["update_id"] = 900
        url = f"http://127.0.0.1:{port}/fangtan"
        assert post(url, update, None) == 403
        assert post(url, update, "wrong") == 403
        assert post(url, update, SECRET) == 200
        [sent] = api.wait_for("sendMessage", timeout=15)
    finally:
        _, output = stop(process)
    assert sent.params["chat_id"] == 503 and "谢海丽" in sent.params["text"]
    assert SECRET not in output and TOKEN not in output


def post(url: str, update: dict[str, object], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except urllib.error.URLError:
            time.sleep(0.1)  # the webhook server is still starting
    raise AssertionError("the webhook server never answered")


def run_once(cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """``fangtan telegram`` expected to stop by itself, with only ``extra`` settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FANGTAN_")}
    return subprocess.run(
        [sys.executable, "-m", "fangtan", "telegram"],
        cwd=cwd,
        env={**env, **extra},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_token_is_one_line_pointing_to_the_console(tmp_path: Path) -> None:
    result = run_once(tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == tg_texts.ERR_NO_TOKEN
    assert "FANGTAN_TELEGRAM_TOKEN" in result.stderr and "fangtan console" in result.stderr


def test_rejected_token_is_reported_without_the_token(api: FakeBotApi, tmp_path: Path) -> None:
    result = run_once(
        tmp_path,
        FANGTAN_TELEGRAM_TOKEN="999:not-the-right-token",
        FANGTAN_TELEGRAM_BASE_URL=api.base_url,
        FANGTAN_LOG_LEVEL="DEBUG",
        FANGTAN_CACHE_DIR=os.environ["FANGTAN_CACHE_DIR"],
    )
    assert result.returncode == 2
    assert "not-the-right-token" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_sighup_reloads_and_tells_admins_and_health_reports_the_heartbeat(
    api: FakeBotApi, tmp_path: Path
) -> None:
    from tests.serving.test_operations import NEW_INTERVIEW

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in (ROOT / "seeds").glob("*.txt"):
        (corpus / source.name).write_bytes(source.read_bytes())
    heartbeat = tmp_path / "heartbeat"
    admin = 880088
    extra = {
        "FANGTAN_CORPUS_DIR": str(corpus),
        "FANGTAN_ADMIN_IDS": str(admin),
        "FANGTAN_HEARTBEAT_FILE": str(heartbeat),
    }
    health_env = {**os.environ, "FANGTAN_HEARTBEAT_FILE": str(heartbeat)}
    health = [sys.executable, "-m", "fangtan", "health"]
    assert subprocess.run(health, env=health_env, capture_output=True).returncode == 1
    process = start_bot(api, tmp_path, **extra)
    try:
        api.wait_for("setMyCommands", count=2, timeout=30)
        checked = subprocess.run(health, env=health_env, capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        (corpus / "night.txt").write_text(NEW_INTERVIEW, encoding="utf-8")
        process.send_signal(signal.SIGHUP)
        [told] = api.wait_for(
            "sendMessage", timeout=30, predicate=lambda c: c.params.get("chat_id") == admin
        )
        assert str(told.params["text"]).startswith("已重新载入：9 位发言人")
        api.push_update(api.private_message("谁关注夜市？", user_id=504))
        [answer] = api.wait_for(
            "sendMessage", timeout=15, predicate=lambda c: c.params.get("chat_id") == 504
        )
    finally:
        _, output = stop(process)
    assert "鲁星辰" in str(answer.params["text"])
    assert process.returncode == 0, output
