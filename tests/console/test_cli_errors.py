"""Every way the command line can go wrong ends in one line and a documented status.

Each test runs the real ``fangtan`` in a process of its own, as a user would,
and checks the exit status, the exact lines on stderr, that no traceback
leaks out, and that the questions that could be answered were answered.
"""

from __future__ import annotations

import ctypes
import json
import os
import pty
import socket
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path

import pytest

from fangtan.bot.texts import cli as cli_texts
from fangtan.bot.texts import console as console_texts
from fangtan.bot.texts import serving as serving_texts
from fangtan.bot.texts import telegram as tg_texts
from fangtan.retrieval.records import IssueKind
from tests.conftest import ROOT, write

FANGTAN = [sys.executable, "-m", "fangtan"]
# Linux capability numbers and prctl's "drop from the bounding set".
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def run(
    *args: str | bytes,
    stdin: bytes = b"",
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
    stdout: int | None = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    clean = {k: v for k, v in os.environ.items() if k != "FANGTAN_CORPUS_DIR"}
    return subprocess.run(
        [*FANGTAN, *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        env={**clean, **(env or {})},
        cwd=ROOT,
        preexec_fn=preexec_fn,
    )


def err_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    return stderr.splitlines()


def out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8")


def _drop_file_permission_override() -> None:
    """In the child: let root be refused by file permissions like anyone else."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def unprivileged(tmp_path: Path) -> Callable[[], None]:
    """A pre-exec hook under which a mode-000 folder really cannot be read."""
    probe = tmp_path / "probe"
    probe.mkdir(mode=0)
    try:
        check = subprocess.run(
            [sys.executable, "-c", f"import os; os.listdir({str(probe)!r})"],
            preexec_fn=_drop_file_permission_override,
            capture_output=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot drop the permission override here: {exc}")
    finally:
        probe.chmod(0o700)
    if check.returncode == 0:
        pytest.skip("file permissions are not enforced for this user here")
    return _drop_file_permission_override


# -- undecodable input ----------------------------------------------------------------


def test_undecodable_stdin_line_is_replaced_and_later_questions_are_answered() -> None:
    stdin = "谁提了数据安全？\n".encode() + b"\xff\xfe\xe8\xb0\n" + "谁提到了土特产？\n".encode()
    result = run("ask", "--json", stdin=stdin)
    assert result.returncode == 0
    assert err_lines(result) == [cli_texts.WARN_UNDECODABLE_LINE.format(line=2)]
    answers = [json.loads(line) for line in out(result).splitlines()]
    assert [a["question"] for a in answers] == [
        "谁提了数据安全？",
        "\ufffd\ufffd\ufffd",
        "谁提到了土特产？",
    ]
    assert answers[0]["speakers"] == ["张乾坤"] and answers[2]["speakers"] == ["谢海丽"]


def test_undecodable_console_line_is_replaced_and_the_session_goes_on() -> None:
    stdin = b"\xff\n" + "谁提到了税收优惠？\n".encode()
    result = run("console", stdin=stdin)
    assert result.returncode == 0
    assert err_lines(result) == [console_texts.WARN_UNDECODABLE_ARG]
    assert "问> \ufffd" in out(result) and "袁占军" in out(result)


def test_undecodable_question_argument_is_replaced() -> None:
    result = run("ask", b"\xff" + "谁提了数据安全？".encode(), "--json")
    assert result.returncode == 0
    assert err_lines(result) == [console_texts.WARN_UNDECODABLE_ARG]
    answer = json.loads(out(result))
    assert answer["question"] == "\ufffd谁提了数据安全？" and answer["speakers"] == ["张乾坤"]


# -- output and terminal ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args, stdin",
    [
        (("ask", "--json"), "谁提了数据安全？\n".encode() * 300),
        (("ask", "谁提到了政府工作报告？"), b""),
        (("corpus",), b""),
    ],
)
def test_closed_output_pipe_ends_quietly(args: tuple[str, ...], stdin: bytes) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone, as after `| head -1`
    try:
        result = run(*args, stdin=stdin, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert err_lines(result) == []


def test_ask_without_question_on_a_terminal_prints_usage_instead_of_waiting() -> None:
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [*FANGTAN, "ask"], stdin=terminal, capture_output=True, timeout=30, cwd=ROOT
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    lines = err_lines(result)
    assert lines[0].startswith("usage: fangtan ask")
    assert lines[-1] == cli_texts.ERR_ASK_NO_QUESTION
    assert result.stdout == b""


def test_one_shot_answer_offers_no_conversation_hints() -> None:
    more = run("ask", "代灿丽在哪家公司？")
    assert more.returncode == 0 and "代灿丽" in out(more)
    assert console_texts.HAS_MORE not in out(more)
    miss = run("ask", "谁提到了区块链？")
    assert "/speakers" not in out(miss) and "有哪些受访者？" in out(miss)
    batch = run("ask", stdin="代灿丽在哪家公司？\n更多\n".encode())
    assert console_texts.HAS_MORE in out(batch) and "更多内容：" in out(batch)


def test_version_and_exit_statuses_in_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert out(version).strip() == f"fangtan {metadata.version('fangtan')}"
    helped = out(run("--help"))
    assert "退出状态" in helped and "130" in helped


def test_corpus_report_names_the_folder_it_read(other_corpus_dir: Path) -> None:
    bundled = run("corpus")
    installed = Path(str(resources.files("fangtan.seeds")))
    assert out(bundled).splitlines()[0] == cli_texts.REPORT_ROOT.format(path=installed)
    other = run("corpus", "--corpus", str(other_corpus_dir))
    assert out(other).splitlines()[0] == cli_texts.REPORT_ROOT.format(path=other_corpus_dir)


def test_undecodable_file_and_folder_names_are_served(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/corpus\xfe"
    os.mkdir(folder)
    page = (ROOT / "seeds" / "zhengzhou-lianghui-interviews.txt").read_bytes()
    with open(folder + b"/page\xff.txt", "wb") as out_file:
        out_file.write(page)
    result = run("ask", "谁提了数据安全？", "--json", "--corpus", folder)
    assert result.returncode == 0 and err_lines(result) == []
    assert json.loads(out(result))["quotes"][0]["source"] == "page\ufffd.txt"
    report = run("corpus", "--corpus", folder)
    assert out(report).splitlines()[0] == cli_texts.REPORT_ROOT.format(
        path=f"{tmp_path}/corpus\ufffd"
    )


# -- settings ---------------------------------------------------------------------------


def test_unknown_log_level_is_one_line_and_status_2() -> None:
    result = run("ask", "谁提了数据安全？", env={"FANGTAN_LOG_LEVEL": "LOUD"})
    assert result.returncode == 2
    [line] = err_lines(result)
    assert "FANGTAN_LOG_LEVEL" in line and "LOUD" in line and result.stdout == b""
    quiet = run("ask", "谁提了数据安全？", env={"FANGTAN_LOG_LEVEL": "warning"})
    assert quiet.returncode == 0 and err_lines(quiet) == []


def test_each_bad_setting_is_one_line() -> None:
    result = run(
        "ask",
        "谁提了数据安全？",
        env={"FANGTAN_LOG_LEVEL": "LOUD", "FANGTAN_RATE_LIMIT": "-3", "FANGTAN_WEBHOOK_PORT": "x"},
    )
    assert result.returncode == 2
    lines = err_lines(result)
    assert len(lines) == 3
    for name in ("FANGTAN_LOG_LEVEL", "FANGTAN_RATE_LIMIT", "FANGTAN_WEBHOOK_PORT"):
        assert sum(name in line for line in lines) == 1


def test_undecodable_dotenv_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"FANGTAN_LOG_LEVEL=\xff\n")
    result = subprocess.run(
        [*FANGTAN, "ask", "谁提了数据安全？"], capture_output=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 2
    [line] = err_lines(result)
    assert line.startswith(cli_texts.ERR_SETTINGS_FILE.format(path=tmp_path / ".env", reason=""))


# -- Telegram start-up ------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_bot_api_is_one_line_and_status_1() -> None:
    base_url = f"http://127.0.0.1:{_closed_port()}/bot"
    token = "424242:unreachable-TOKEN-value"
    result = run(
        "telegram",
        env={"FANGTAN_TELEGRAM_TOKEN": token, "FANGTAN_TELEGRAM_BASE_URL": base_url},
    )
    assert result.returncode == 1
    [line] = err_lines(result)
    assert line.startswith(tg_texts.ERR_TG_UNREACHABLE.format(url=base_url, detail=""))
    assert "unreachable-TOKEN-value" not in line


@pytest.mark.parametrize("token", ["not a token", "123456", "12:ab\u00e9"])
def test_malformed_token_is_one_line_and_status_2(token: str) -> None:
    result = run("telegram", env={"FANGTAN_TELEGRAM_TOKEN": token})
    assert result.returncode == 2
    assert err_lines(result) == [tg_texts.ERR_TG_BAD_TOKEN]


# -- caches and corpus files ------------------------------------------------------------


def _one_cache_warning(lines: list[str], folder: Path) -> None:
    [line] = lines
    assert "WARNING" in line and f"cannot write the cache folder {folder}" in line


def test_cache_folder_that_is_a_file_is_one_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cache = blocker / "cache"
    result = run("ask", "谁提了数据安全？", "--json", env={"FANGTAN_CACHE_DIR": str(cache)})
    assert result.returncode == 0
    _one_cache_warning(err_lines(result), cache)
    assert json.loads(out(result))["speakers"] == ["张乾坤"]


def test_read_only_cache_folder_is_one_warning(
    tmp_path: Path, unprivileged: Callable[[], None]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o555)
    env = {"FANGTAN_CACHE_DIR": str(cache)}
    result = run("ask", "谁提了数据安全？", "--json", env=env, preexec_fn=unprivileged)
    assert result.returncode == 0
    _one_cache_warning(err_lines(result), cache)
    assert json.loads(out(result))["speakers"] == ["张乾坤"]
    assert list(cache.iterdir()) == []


def test_unreadable_corpus_folder_says_permission_denied(
    tmp_path: Path, unprivileged: Callable[[], None]
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "page.txt", (ROOT / "seeds" / "zhengzhou-lianghui-interviews.txt").read_text())
    corpus.chmod(0)
    try:
        for command in (("ask", "谁提了数据安全？"), ("corpus",)):
            result = run(*command, "--corpus", str(corpus), preexec_fn=unprivileged)
            assert result.returncode == 2
            [line] = err_lines(result)
            reason = os.strerror(13)
            assert line == serving_texts.ERR_CORPUS_UNREADABLE.format(path=corpus, reason=reason)
    finally:
        corpus.chmod(0o755)


def test_unreadable_files_are_named_at_start_and_the_rest_is_served(
    tmp_path: Path, unprivileged: Callable[[], None]
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "page.txt", (ROOT / "seeds" / "zhengzhou-lianghui-interviews.txt").read_text())
    write(corpus, "locked.txt", "标题\n\n——访市人大代表王小明\n\n王小明说，好。\n").chmod(0)
    write(corpus, "closed/inner.txt", "标题\n")
    (corpus / "closed").chmod(0)
    (corpus / "binary.txt").write_bytes(b"\xff\x81\x00\x00\x80")
    try:
        result = run(
            "console",
            "--corpus",
            str(corpus),
            stdin="谁提了数据安全？\n".encode(),
            preexec_fn=unprivileged,
        )
        lines = err_lines(result)
    finally:
        (corpus / "closed").chmod(0o755)
    assert result.returncode == 0 and "张乾坤" in out(result)
    denied = os.strerror(13)
    assert lines == [
        cli_texts.WARN_SKIPPED_FILE.format(message=m)
        for m in (
            serving_texts.ISSUES[kind].format(path=path, detail=denied)
            for kind, path in (
                (IssueKind.UNREADABLE, "closed/"),
                (IssueKind.UNDECODABLE, "binary.txt"),
                (IssueKind.UNREADABLE, "locked.txt"),
            )
        )
    ]


def test_nothing_readable_says_why(tmp_path: Path, unprivileged: Callable[[], None]) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "locked.txt", "标题\n\n——访市人大代表王小明\n\n王小明说，好。\n").chmod(0)
    result = run("ask", "谁说了什么？", "--corpus", str(corpus), preexec_fn=unprivileged)
    assert result.returncode == 2
    [line] = err_lines(result)
    assert "locked.txt" in line and os.strerror(13) in line
