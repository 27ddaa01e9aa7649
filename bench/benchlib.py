"""What every benchmark prints besides its figures: the machine, the code, percentiles."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def machine_description() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown RAM"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{cpu}, {os.cpu_count()} logical cores ({usable} usable), {ram}; "
        f"Python {platform.python_version()} ({sys.executable}); {platform.platform()}"
    )


def git_state() -> str:
    """The commit and uncommitted changes of the code measured."""

    def git(*argv: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO), *argv], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "bot", "retrieval", "seeds").splitlines()
    head = git("rev-parse", "--short", "HEAD") or "?"
    return f"git {head} + {len(changed)} uncommitted change(s) in bot/, retrieval/, seeds/"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def snapshot_code(dest: Path, packages: tuple[str, ...] = ("bot", "retrieval", "seeds")) -> str:
    """Copy ``packages`` (no __pycache__) to ``dest/fangtan``; return a short content hash.

    Timed processes import the copy (with ``PYTHONPATH=dest``), so edits made
    while a benchmark runs cannot mix two versions of the code (or invalidate
    the index cache key, which covers retrieval/*.py) between its steps. The
    copy is laid out as the installed namespace (``fangtan`` from
    bot/_fangtan, ``fangtan.bot`` from bot, ...): with the folders alone,
    ``import fangtan`` would find the editable install instead.
    """
    shutil.rmtree(dest, ignore_errors=True)
    digest = hashlib.sha256()
    root = dest / "fangtan"
    for package in packages:
        for source in sorted((REPO / package).rglob("*")):
            if "__pycache__" in source.parts or not source.is_file():
                continue
            relative = source.relative_to(REPO)
            data = source.read_bytes()
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)
            digest.update(relative.as_posix().encode() + b"\0" + data + b"\0")
    for source in sorted((REPO / "bot" / "_fangtan").glob("*.py")):
        (root / source.name).write_bytes(source.read_bytes())
    return digest.hexdigest()[:12]


def bot_logging(name: str) -> Path:
    """Run the bot as configured by its defaults, logging at INFO to a file, as the CLI does.

    ``FANGTAN_*`` variables of the shell are dropped so that a benchmark measures
    the defaults; the file keeps the terminal for the results. Returns the file.
    """
    for key in [k for k in os.environ if k.startswith("FANGTAN_")]:
        del os.environ[key]
    log_file = Path(tempfile.gettempdir()) / f"fangtan-bench-{name}.log"
    logging.basicConfig(
        level=logging.INFO,
        filename=log_file,
        filemode="w",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return log_file
