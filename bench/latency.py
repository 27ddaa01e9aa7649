"""Warm answer latency of ``Engine.answer`` on the bundled corpus.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/latency.py [--repeat 200] [--questions FILE.jsonl] [--corpus DIR]

Method. One process loads the engine the way the CLI does
(``fangtan.bot.serving.loading.load_engine``; the index cache in a throw-away folder), then
asks every development question (the "q" field of each line of
/work/shared/eval/dev_questions.jsonl when it exists, else a built-in copy of
similar questions) once untimed as a warm-up, and then ``--repeat`` times in
round-robin order (question 1, 2, ..., n, 1, 2, ...), each call of
``Engine.answer(question)`` timed alone with ``time.perf_counter_ns``, with no
previous context, the garbage collector left on as in production. Reports
p50/p95/max over all timed calls (nearest-rank percentiles) and the slowest
questions by their own p95. Target: p95 <= 5 ms.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from benchlib import git_state, machine_description, percentile

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from fangtan.bot.serving.loading import load_engine  # noqa: E402

DEV_QUESTIONS = Path("/work/shared/eval/dev_questions.jsonl")
TARGET_P95_MS = 5.0
# Used when the development questions are not on this machine: the same shapes.
BUILT_IN = (
    "谁提了数据安全？",
    "谁关注数据标注？",
    "谁提到了中原科技城？",
    "谁提到了“数字无主之地”？",
    "谁提到了超低排放改造？",
    "谁关注县域电商？",
    "谁提到了接诉即办？",
    "谁提到了大数据？",
    "谁提到了政府工作报告？",
    "袁占军是谁？",
    "代灿丽在哪家公司？",
    "马琳说了什么？",
    "有哪些受访人？",
    "谁提到了区块链？",
    "誰關注中小微企業？",
    "人工智能",
    "谁是林山寨街道党工委书记？",
)


def read_questions(path: Path | None) -> tuple[list[str], str]:
    source = path or DEV_QUESTIONS
    if source.is_file():
        questions = []
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip():
                questions.append(str(json.loads(line)["q"]))
        return questions, str(source)
    if path is not None:
        raise SystemExit(f"no such questions file: {path}")
    return list(BUILT_IN), "built-in copy (dev_questions.jsonl not found)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="timed asks per question")
    parser.add_argument("--questions", type=Path, help="JSONL with a 'q' field per line")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: the bundled one)")
    args = parser.parse_args()

    questions, source = read_questions(args.questions)
    print("fangtan answer latency: Engine.answer, warm, one process")
    print(f"machine: {machine_description()}")
    print(f"code: {git_state()}")
    with tempfile.TemporaryDirectory(prefix="fangtan-latency-") as cache:
        loaded = load_engine(args.corpus, Path(cache), True)
    engine = loaded.engine
    print(
        f"corpus: {args.corpus or 'bundled seeds/'} ({len(loaded.corpus.chunks)} paragraphs, "
        f"{engine.summary().terms} terms); questions: {len(questions)} from {source}"
    )
    print(
        f"method: one untimed warm-up pass, then {args.repeat} round-robin passes; each "
        "Engine.answer(q) timed alone (perf_counter_ns), no context, GC on."
    )

    for question in questions:
        engine.answer(question)
    per_question: dict[str, list[float]] = {q: [] for q in questions}
    for _ in range(args.repeat):
        for question in questions:
            started = time.perf_counter_ns()
            engine.answer(question)
            per_question[question].append((time.perf_counter_ns() - started) / 1e6)

    every = sorted(ms for values in per_question.values() for ms in values)
    p50, p95, worst = percentile(every, 50), percentile(every, 95), every[-1]
    print(f"\ncalls timed: {len(every)}")
    print(
        f"p50 {p50:.2f} ms   p95 {p95:.2f} ms   max {worst:.2f} ms   "
        f"mean {sum(every) / len(every):.2f} ms"
    )
    print("\nslowest questions by their own p95:")
    ranked = sorted(per_question.items(), key=lambda kv: -percentile(sorted(kv[1]), 95))
    for question, values in ranked[:5]:
        ordered = sorted(values)
        print(
            f"  p50 {percentile(ordered, 50):6.2f} ms  p95 {percentile(ordered, 95):6.2f} ms  "
            f"max {ordered[-1]:6.2f} ms  {question}"
        )
    verdict = "MET" if p95 <= TARGET_P95_MS else "NOT MET"
    print(f"\ntarget: p95 <= {TARGET_P95_MS:.0f} ms -> {p95:.2f} ms: {verdict}")


if __name__ == "__main__":
    main()
