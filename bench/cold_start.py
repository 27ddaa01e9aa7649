"""Cold start of a one-shot question: ``fangtan ask "谁提了数据安全？"`` as a whole process.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/cold_start.py [--runs 7] [--question Q] [--other Q2] [--corpus DIR]

Method. Each run starts ``sys.executable -m fangtan ask QUESTION`` in a fresh
process (the same entry point as the ``fangtan`` script), from an empty
working directory (no ``.env``), with every ``FANGTAN_*`` variable removed
from the environment except the ones a condition sets, and measures the wall
clock from ``Popen`` to exit. Four conditions, interleaved run by run so slow
drifts of the machine hit all of them alike:

(a) warm   - FANGTAN_CACHE_DIR is a prepared folder holding jieba's
             dictionary cache and fangtan's index cache (filled by one
             untimed run first);
(b) noidx  - the same folder, FANGTAN_INDEX_CACHE=false: jieba's cache is
             read but the corpus is tokenised again;
(c) cold   - a new, empty FANGTAN_CACHE_DIR for every run: jieba builds its
             prefix dictionary from dict.txt and writes its cache, fangtan
             tokenises and writes its index cache;
(a') other  - as (a), but a second question (``--other``, default
             "谁提到了中原科技城？"), for comparison: not every question costs
             the same on a first ask.

Every run's stdout must name the expected speaker, so a broken answer cannot
pass as a fast one. Then one more process with the warm cache times the
stages of the same work with ``time.perf_counter`` (imports, settings, corpus,
tokenizer - split into jieba's dictionary (its word table opened, or jieba's dict
loaded) and the rest -, index cache, index, engine, first answer, rendering,
then the second question), and
``python -X importtime -c "import fangtan.bot.cli"`` is summarised by package and
module. Finally the jieba cache file is read both the way jieba reads it
(``marshal.load`` on the file object) and as ``marshal.loads`` of the whole
file, to show what that one call costs. The timed processes import a frozen
copy of bot/, retrieval/ and seeds/ made at start (others edit the code
meanwhile), compiled to .pyc by the untimed first run, as an installed
package would be. Target: median of (a) <= 1.0 s on the bundled corpus.
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchlib import git_state, machine_description, snapshot_code

REPO = Path(__file__).resolve().parent.parent
# What the timed processes import bot/, retrieval/ and seeds/ from: a frozen copy made at
# start (see snapshot_code), so edits made meanwhile by others cannot change a run midway.
CODE = REPO
QUESTION = "谁提了数据安全？"
# Who each known question must name, so a broken answer cannot pass as a fast one.
EXPECTED = {"谁提了数据安全？": "张乾坤", "谁提到了中原科技城？": "马琳"}
# A second question, timed warm only: its words include one the corpus lacks, which
# sends the tokenizer down its part-of-speech path (jieba.posseg) on first use.
OTHER = "谁提到了中原科技城？"
TARGET_SECONDS = 1.0
CONDITIONS = ("warm", "noidx", "cold")
LABELS = {
    "other": "(a') warm, the second question (--other), for comparison",
    "warm": "(a) warm: jieba cache + index cache",
    "noidx": "(b) no index cache (FANGTAN_INDEX_CACHE=false), jieba cache present",
    "cold": "(c) cold: empty FANGTAN_CACHE_DIR each run",
}


# ----------------------------------------------------------------------------- machine


# ------------------------------------------------------------------------------ code


# ------------------------------------------------------------------------------ runs


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FANGTAN_")}
    env["PYTHONPATH"] = str(CODE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def ask_once(
    question: str, corpus: Path | None, cache_dir: Path, workdir: Path, index_cache: bool
) -> float:
    argv = [sys.executable, "-m", "fangtan", "ask", question]
    if corpus is not None:
        argv += ["--corpus", str(corpus)]
    env = clean_env(FANGTAN_CACHE_DIR=str(cache_dir))
    if not index_cache:
        env["FANGTAN_INDEX_CACHE"] = "false"
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    expected = EXPECTED.get(question, "")
    if done.returncode != 0 or expected not in done.stdout:
        raise SystemExit(
            f"fangtan ask failed (status {done.returncode}); stdout:\n{done.stdout}\n"
            f"stderr:\n{done.stderr}"
        )
    return elapsed


def timed_runs(
    runs: int, question: str, other: str, corpus: Path | None, scratch: Path
) -> dict[str, list[float]]:
    workdir = scratch / "cwd"
    workdir.mkdir()
    warm = scratch / "warm-cache"
    ask_once(question, corpus, warm, workdir, index_cache=True)  # fills both caches
    if not (warm / "jieba.cache").is_file() or not list(warm.glob("index-*.npz")):
        raise SystemExit(f"the warm-up run did not leave jieba's and fangtan's caches in {warm}")
    conditions = [*CONDITIONS, "other"] if other else list(CONDITIONS)
    times: dict[str, list[float]] = {c: [] for c in conditions}
    for run in range(runs):
        times["warm"].append(ask_once(question, corpus, warm, workdir, index_cache=True))
        times["noidx"].append(ask_once(question, corpus, warm, workdir, index_cache=False))
        empty = scratch / f"cold-{run}"
        times["cold"].append(ask_once(question, corpus, empty, workdir, index_cache=True))
        if other:
            times["other"].append(ask_once(other, corpus, warm, workdir, index_cache=True))
        progress = "  ".join(f"{c} {times[c][-1]:.3f}s" for c in conditions)
        print(f"  run {run + 1}/{runs}: {progress}", flush=True)
    return times


# -------------------------------------------------------------------- stage breakdown


def breakdown(
    question: str, other: str, corpus_arg: str | None, cache_dir: Path
) -> dict[str, float]:
    """Runs in a fresh child process: the stages of ``fangtan ask`` with timers around each.

    It follows ``fangtan.bot.cli.main`` -> ``fangtan.bot.serving.loading.load_engine`` ->
    ``fangtan.retrieval.search.cache.build_index`` step by step, calling the same functions.
    """
    stages: dict[str, float] = {}
    t = time.perf_counter()
    import fangtan.bot.cli  # noqa: F401  (the import cost of the command itself)

    stages["import fangtan.bot.cli (numpy, jieba, ...)"] = time.perf_counter() - t

    from fangtan.bot.console.render import render
    from fangtan.bot.engine.answering import Engine
    from fangtan.bot.settings import Settings
    from fangtan.retrieval.reading.corpus import default_corpus_dir, load_corpus
    from fangtan.retrieval.search.cache import cache_file, cache_key, load_postings
    from fangtan.retrieval.search.index import BM25Index, corpus_vocabulary
    from fangtan.retrieval.search.tokenize import Tokenizer

    t = time.perf_counter()
    Settings()
    stages["Settings()"] = time.perf_counter() - t

    t = time.perf_counter()
    corpus = load_corpus(Path(corpus_arg) if corpus_arg else default_corpus_dir())
    stages["load_corpus"] = time.perf_counter() - t

    # Time jieba's dictionary inside Tokenizer.__init__ by wrapping what loads it: opening the
    # word table (or, without one, loading jieba's dict and writing the table), and turning to
    # jieba's dict when the corpus's words are much to cut.
    from fangtan.retrieval.search.jieba_dictionary import Dictionary

    spent = [0.0]
    originals = {name: getattr(Dictionary, name) for name in ("__init__", "to_jieba_dict")}

    def timed(original: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - began

        return run

    for name, original in originals.items():
        setattr(Dictionary, name, timed(original))
    t = time.perf_counter()
    tokenizer = Tokenizer(corpus_vocabulary(corpus), cache_dir=cache_dir)
    total = time.perf_counter() - t
    for name, original in originals.items():
        setattr(Dictionary, name, original)
    stages["Tokenizer: jieba's dictionary (jieba_dictionary)"] = spent[0]
    stages["Tokenizer: the rest (corpus words added)"] = total - spent[0]

    t = time.perf_counter()
    postings = load_postings(cache_file(cache_dir, corpus), cache_key(corpus), len(corpus.chunks))
    stages["index cache: key + load_postings"] = time.perf_counter() - t
    if postings is None:
        raise SystemExit("breakdown: the index cache was not usable")

    t = time.perf_counter()
    index = BM25Index(corpus, tokenizer, postings=postings)
    stages["BM25Index from cached postings"] = time.perf_counter() - t

    t = time.perf_counter()
    engine = Engine(index)
    stages["Engine()"] = time.perf_counter() - t

    t = time.perf_counter()
    answer = engine.answer(question)
    stages["first answer (Engine.answer)"] = time.perf_counter() - t

    t = time.perf_counter()
    render(answer)
    stages["render"] = time.perf_counter() - t

    if other:
        t = time.perf_counter()
        engine.answer(other)
        stages[f"then Engine.answer({other})"] = time.perf_counter() - t
    return stages


def run_breakdown(
    question: str, other: str, corpus: Path | None, scratch: Path
) -> dict[str, float]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--_breakdown", question]
    argv += ["--other", other]
    argv += ["--_cache", str(scratch / "warm-cache")]
    if corpus is not None:
        argv += ["--corpus", str(corpus)]
    started = time.perf_counter()
    done = subprocess.run(
        argv, cwd=scratch / "cwd", env=clean_env(), capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    stages: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    stages["(whole child process, wall clock)"] = wall
    return stages


def import_profile(
    scratch: Path,
) -> tuple[float, list[tuple[str, float]], list[tuple[str, float]], list[tuple[str, float]]]:
    """``-X importtime`` of ``import fangtan.bot.cli``.

    Returns the total, the self time summed per top-level package, the
    cumulative time per top-level package counted where a module of another
    package (or the script) first imports it - "what importing numpy costs",
    its own dependencies included -, and the self time of single modules.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import fangtan.bot.cli"],
        cwd=scratch / "cwd",
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[tuple[int, str, int, int]] = []
    modules: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own_text, cumulative_text, name = line.removeprefix("import time:").split("|", 2)
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((depth, name.strip().split(".")[0], int(own_text), int(cumulative_text)))
        modules.append((name.strip(), int(own_text) / 1e6))
    own: dict[str, float] = defaultdict(float)
    outer: dict[str, float] = defaultdict(float)
    total = 0.0
    # importtime prints a module after its imports; walking backwards meets parents first.
    roots: list[str] = []
    for depth, root, self_us, cumulative_us in reversed(rows):
        own[root] += self_us / 1e6
        del roots[depth:]
        if depth == 0:
            total += cumulative_us / 1e6
        if depth == 0 or roots[-1] != root:
            outer[root] += cumulative_us / 1e6
        roots.append(root)
    return (
        total,
        sorted(own.items(), key=lambda kv: -kv[1]),
        sorted(outer.items(), key=lambda kv: -kv[1]),
        sorted(modules, key=lambda kv: -kv[1]),
    )


def startup_floor(scratch: Path, repeats: int = 5) -> tuple[float, float]:
    """Median wall clock of ``python -c pass`` and of ``python -c "import fangtan.bot.cli"``."""
    result = []
    for code in ("pass", "import fangtan.bot.cli"):
        samples = []
        for _ in range(repeats):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code], cwd=scratch / "cwd", env=clean_env(), check=True
            )
            samples.append(time.perf_counter() - t)
        result.append(statistics.median(samples))
    return result[0], result[1]


def marshal_probe(cache_dir: Path, repeats: int = 3) -> tuple[float, float]:
    """Seconds to read jieba's cache as jieba does, and with one read + ``marshal.loads``."""
    path = cache_dir / "jieba.cache"
    as_jieba, whole = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        with path.open("rb") as handle:
            marshal.load(handle)
        as_jieba.append(time.perf_counter() - t)
        t = time.perf_counter()
        marshal.loads(path.read_bytes())
        whole.append(time.perf_counter() - t)
    return statistics.median(as_jieba), statistics.median(whole)


# ---------------------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per condition")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: the bundled one)")
    parser.add_argument("--other", default=OTHER, help="a second question timed warm ('' to skip)")
    parser.add_argument("--_breakdown", help=argparse.SUPPRESS)
    parser.add_argument("--_cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._breakdown is not None:
        corpus_arg = str(args.corpus) if args.corpus else None
        print(json.dumps(breakdown(args._breakdown, args.other, corpus_arg, args._cache)))
        return

    print("fangtan cold start: `python -m fangtan ask QUESTION` as a whole process")
    print(f"machine: {machine_description()}")
    print(
        f"question: {args.question}   second question: {args.other or '-'}   "
        f"corpus: {args.corpus or 'bundled seeds/'}"
    )
    print(
        f"method: {args.runs} runs per condition, interleaved; wall clock Popen -> exit; "
        "empty cwd, FANGTAN_* cleared; stdout must name the expected speaker."
    )
    with tempfile.TemporaryDirectory(prefix="fangtan-cold-") as tmp:
        scratch = Path(tmp)
        global CODE
        CODE = scratch / "code"
        print(f"code: {git_state()}; timed processes import a frozen copy ({snapshot_code(CODE)})")
        times = timed_runs(args.runs, args.question, args.other, args.corpus, scratch)
        print()
        print(f"{'condition':<72} {'median':>8} {'min':>8} {'max':>8}")
        for condition in times:
            values = times[condition]
            print(
                f"{LABELS[condition]:<72} {statistics.median(values):>7.3f}s "
                f"{min(values):>7.3f}s {max(values):>7.3f}s"
            )
        warm = statistics.median(times["warm"])
        verdict = "MET" if warm <= TARGET_SECONDS else "NOT MET"
        print(f"\ntarget: warm median <= {TARGET_SECONDS:.1f} s -> {warm:.3f} s: {verdict}")

        print("\nwhere the time goes (one warm process, perf_counter around each stage):")
        stages = run_breakdown(args.question, args.other, args.corpus, scratch)
        for stage, seconds in stages.items():
            print(f"  {stage:<52} {seconds * 1000:>8.1f} ms")

        total, ranked, outer, modules = import_profile(scratch)
        print(
            f"\npython -X importtime -c 'import fangtan.bot.cli': {total * 1000:.0f} ms of imports "
            "(interpreter start-up modules included);"
        )
        print("  self time by top-level package, top 5:")
        for package, seconds in ranked[:5]:
            print(f"    {package:<24} {seconds * 1000:>7.1f} ms")
        print("  cumulative by package where another package first imports it, top 5:")
        for package, seconds in [kv for kv in outer if kv[0] not in ("bot", "retrieval")][:5]:
            print(f"    {package:<24} {seconds * 1000:>7.1f} ms")
        print("  single modules by self time, top 5:")
        for module, seconds in modules[:5]:
            print(f"    {module:<40} {seconds * 1000:>7.1f} ms")

        bare, imported = startup_floor(scratch)
        print(
            f"  whole-process floor: `python -c pass` {bare * 1000:.0f} ms, "
            f"`python -c 'import fangtan.bot.cli'` {imported * 1000:.0f} ms (medians of 5)"
        )

        as_jieba, whole = marshal_probe(scratch / "warm-cache")
        size = (scratch / "warm-cache" / "jieba.cache").stat().st_size / 1e6
        print(
            f"\njieba's dictionary cache ({size:.1f} MB): marshal.load(file) as jieba does "
            f"(jieba/__init__.py Tokenizer.initialize) {as_jieba * 1000:.0f} ms; "
            f"marshal.loads(file.read_bytes()) {whole * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
