"""The development questions, graded by the shared grader against ``ask --json``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

GRADER = SHARED / "eval" / "grade.py"
QUESTIONS = SHARED / "eval" / "dev_questions.jsonl"


@pytest.mark.skipif(not GRADER.exists(), reason="the shared grader is not beside this checkout")
def test_development_questions_all_pass() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(GRADER),
            "--questions",
            str(QUESTIONS),
            "--corpus",
            str(ROOT / "seeds"),
            "--",
            sys.executable,
            "-m",
            "bot",
            "ask",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "27/27 questions pass" in result.stdout
