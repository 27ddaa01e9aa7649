"""The command's own exit: what it must still do although the interpreter is not torn down."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import atexit, io, sys, threading, time
from pathlib import Path
from fangtan.bot.process_exit import leave

# Whatever the output is, the text stays in the buffer until the exit flushes it.
sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False), 1 << 16))
marker = Path(sys.argv[1])
if sys.argv[2] == "late":
    time.sleep(0.5)  # the reader goes away meanwhile
atexit.register(lambda: marker.write_text("atexit ran"))
if sys.argv[2] == "thread":
    def late() -> None:
        time.sleep(0.3)
        marker.with_suffix(".thread").write_text("thread finished")
    threading.Thread(target=late).start()
sys.stdout.write("held in the buffer")  # no newline, no flush
leave(int(sys.argv[3]), "lost: {reason}", 9)
"""


def _run(
    tmp_path: Path, mode: str, status: int, stdout: object
) -> subprocess.CompletedProcess[str]:
    marker = tmp_path / "marker.txt"
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, str(marker), mode, str(status)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("status", [0, 3])
def test_buffered_output_and_exit_handlers_survive(tmp_path: Path, status: int) -> None:
    done = _run(tmp_path, "plain", status, subprocess.PIPE)
    assert done.returncode == status
    assert done.stdout == "held in the buffer"
    assert (tmp_path / "marker.txt").read_text() == "atexit ran"
    assert done.stderr == ""


def test_running_threads_are_waited_for(tmp_path: Path) -> None:
    done = _run(tmp_path, "thread", 0, subprocess.PIPE)
    assert done.returncode == 0
    assert (tmp_path / "marker.thread").read_text() == "thread finished"
    assert done.stdout == "held in the buffer"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_fails_the_run(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = _run(tmp_path, "plain", 0, full)
    assert done.returncode == 9
    assert done.stderr.startswith("lost: ")
    assert "Traceback" not in done.stderr


def test_a_reader_that_left_ends_the_run_quietly(tmp_path: Path) -> None:
    marker = tmp_path / "marker.txt"
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(marker), "late", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader goes away before anything is written
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert err == ""
