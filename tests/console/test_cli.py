"""The ``fangtan`` command as a user runs it: a real process, real output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, write


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path = ROOT):
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FANGTAN_CORPUS_DIR", None) if env is None else None
    return subprocess.run(
        [sys.executable, "-m", "fangtan", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=full_env,
        cwd=cwd,
    )


def test_ask_json_prints_one_object() -> None:
    result = run("ask", "谁提了数据安全？", "--json")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    answer = json.loads(line)
    assert answer["intent"] == "who" and answer["answered"] is True
    assert answer["speakers"][0] == "张乾坤"
    quote = answer["quotes"][0]
    assert set(quote) == {
        "speaker",
        "role",
        "affiliation",
        "title",
        "source",
        "paragraph",
        "text",
        "kind",
        "score",
    }
    assert quote["kind"] in ("quote", "reported", "answer", "narration")
    assert quote["source"] == "zhengzhou-lianghui-interviews.txt"


def test_ask_batch_from_stdin_keeps_order_and_follow_ups() -> None:
    result = run("ask", "--json", stdin="谁提到了土特产？\n她还说了什么？\n\n谁提到了区块链？\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in lines] == [
        "谁提到了土特产？",
        "她还说了什么？",
        "",
        "谁提到了区块链？",
    ]
    assert lines[0]["speakers"] == ["谢海丽"]
    assert {q["speaker"] for q in lines[1]["quotes"]} == {"谢海丽"}
    assert lines[2]["answered"] is False
    assert lines[3] == {**lines[3], "answered": False, "speakers": [], "quotes": []}


def test_ask_plain_text_shows_quote_and_citation() -> None:
    result = run("ask", "谁提到了接诉即办？")
    assert result.returncode == 0
    assert "【李嵘】市人大代表、中原区林山寨街道党工委书记" in result.stdout
    assert "——《激活智慧动能 探索高效能治理新路径》第 2 段" in result.stdout


def test_empty_question_and_wrong_corpus_exit_2(tmp_path: Path) -> None:
    empty = run("ask", "  ")
    assert empty.returncode == 2 and len(empty.stderr.strip().splitlines()) == 1
    missing = run("ask", "问题", "--corpus", str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert "nope" in missing.stderr and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_environment_sets_corpus_and_flag_overrides(other_corpus_dir: Path, tmp_path: Path) -> None:
    env = {"FANGTAN_CORPUS_DIR": str(other_corpus_dir)}
    from_env = run("ask", "谁提到了湿地保护？", "--json", env=env)
    assert json.loads(from_env.stdout)["speakers"] == ["刘芳"]
    flag = run("ask", "谁提到了湿地保护？", "--json", "--corpus", str(ROOT / "seeds"), env=env)
    assert json.loads(flag.stdout)["answered"] is False


def test_dotenv_file_is_read(other_corpus_dir: Path, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"FANGTAN_CORPUS_DIR={other_corpus_dir}\n", encoding="utf-8")
    result = run("ask", "谁提到了湿地保护？", "--json", cwd=tmp_path)
    assert json.loads(result.stdout)["speakers"] == ["刘芳"]


def test_bad_setting_is_one_line(tmp_path: Path) -> None:
    result = run("ask", "问题", env={"FANGTAN_WEBHOOK_PORT": "not-a-port"})
    assert result.returncode == 2
    assert "FANGTAN_WEBHOOK_PORT" in result.stderr and "Traceback" not in result.stderr


def test_corpus_report(tmp_path: Path) -> None:
    result = run("corpus")
    assert result.returncode == 0
    assert "8 篇文章" in result.stdout and "21 个段落" in result.stdout
    assert "发言人 8 位，只被提及 0 位" in result.stdout
    assert "修复断行 8 处" in result.stdout
    assert "张乾坤｜市政协委员｜郑州云智信安安全技术有限公司董事长｜《锚定" in result.stdout


def test_corpus_report_warns_and_fails_when_nothing_usable(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\x81\x00\x00\x80")
    result = run("corpus", "--corpus", str(tmp_path))
    assert result.returncode != 0
    assert "bad.txt" in result.stdout and "无法识别编码" in result.stdout
    write(tmp_path, "ok.txt", "标题\n\n——访市人大代表王小明\n\n王小明说，好。\n")
    ok = run("corpus", "--corpus", str(tmp_path))
    assert ok.returncode == 0 and "王小明" in ok.stdout and "bad.txt" in ok.stdout


def test_console_session_with_commands_and_follow_ups() -> None:
    session = "/help\n谁提到了中原科技城？\n她还说了什么？\n/speakers\n/nonsense\n/quit\n"
    result = run("console", stdin=session)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "已载入 8 位发言人、21 个段落" in out
    assert "/speakers" in out and "接着问" in out
    assert "【马琳】" in out and "更多内容" in out
    assert "共有 8 位受访者" in out
    assert "不认识的命令 /nonsense" in out
    assert out.rstrip().endswith("再见。")


def test_console_ends_on_eof() -> None:
    result = run("console", stdin="谁提到了税收优惠？\n")
    assert result.returncode == 0 and "袁占军" in result.stdout and "再见" in result.stdout
