"""fangtan at 100,000 paragraphs: load, index build, memory, latency, ranking parity.

Run by hand (not part of the test suite; the first index build takes minutes)::

    .venv/bin/python bench/scale.py [--folder /tmp/fangtan-bench-100k] [--paragraphs 100000]
                                    [--seed 7] [--questions 200] [--parity 50] [--repeat 3]

Method. The synthetic corpus is written once by ``bench/make_corpus.py``
(seed 7) into FOLDER/corpus and reused while FOLDER/corpus.json records the
same paragraphs and seed. Each measurement then runs in a fresh process
(``python bench/scale.py --_step ...``) so one step's memory cannot distort
another's:

1. build  - the index cache file is deleted; time ``load_corpus``, then
            ``fangtan.retrieval.search.cache.build_index`` (jieba tokenises every paragraph
            and writes the cache: how == "built"), then ``Engine(index)``;
            read ru_maxrss (peak) and VmRSS/VmHWM from /proc/self/status
            after the Engine exists. Then ~200 questions are drawn (seeded)
            from the index vocabulary at five document-frequency bands:
            half who-questions "谁提到了{word}？", half bare topics
            "{word1}{word2}", and written to FOLDER/questions.json.
2. cached - a second process: ``load_corpus``, ``build_index`` again
            (how must be "cached"), ``Engine``, memory as above; then every
            question is asked once untimed and ``--repeat`` times timed
            (``Engine.answer``, perf_counter_ns, GC on); p50/p95 per kind
            and p95 per band.
3. parity - a third process (its memory is not reported as fangtan's):
            the cached index; each document's token list is rebuilt from the
            postings (each term repeated tf times - BM25Okapi uses only
            counts and lengths) and given to ``rank_bm25.BM25Okapi(k1=K1,
            b=B, epsilon=EPSILON)``; for ``--parity`` of the questions (spread
            over both kinds and all bands) the query terms are what the
            engine searches with (``Tokenizer.query(..., known=...)``), and
            the top-10 chunk ids by score (ties broken by chunk id) of
            ``BM25Index.get_scores`` and ``BM25Okapi.get_scores`` are
            compared, with the largest absolute score difference over all
            100k scores; both get_scores calls are timed.

Targets at 100k: answer p95 <= 20 ms (each kind), RSS <= 1 GiB (VmRSS after
the Engine is built and the build's peak ru_maxrss, both processes), ranking
unchanged (top-10 equal for every parity query).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchlib import git_state, machine_description, percentile, snapshot_code

REPO = Path(__file__).resolve().parent.parent
# Where a step imports bot/ and retrieval/ from (a frozen copy; see snapshot_code).
CODE_ROOT = REPO

DEFAULT_FOLDER = Path("/tmp/fangtan-bench-100k")
TARGET_P95_MS = 20.0
TARGET_RSS_BYTES = 1 << 30
TOP = 10
# Document-frequency bands the question words are drawn from (lower bound inclusive).
BANDS: tuple[tuple[str, int, int], ...] = (
    ("df 1-9", 1, 10),
    ("df 10-99", 10, 100),
    ("df 100-999", 100, 1_000),
    ("df 1k-9.9k", 1_000, 10_000),
    ("df >=10k", 10_000, 1 << 62),
)
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")

JSON = dict[str, Any]


# ----------------------------------------------------------------------------- helpers


def memory() -> JSON:
    """ru_maxrss (peak, bytes) and the current VmRSS / peak VmHWM from /proc/self/status."""
    out: JSON = {"ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) * 1024
    return out


def mib(n: float) -> str:
    return f"{n / (1 << 20):.0f} MiB"


def progress_printer(total: int, label: str) -> Any:
    step = max(1, total // 10)
    started = time.perf_counter()

    def report(done: int) -> None:
        if done % step == 0 or done == total:
            elapsed = time.perf_counter() - started
            print(f"    {label}: {done}/{total} paragraphs, {elapsed:.0f} s", file=sys.stderr)

    return report


# ------------------------------------------------------------------------------- steps


def step_build(folder: Path, questions_wanted: int, seed: int) -> JSON:
    from fangtan.bot.engine.answering import Engine
    from fangtan.retrieval.reading.corpus import load_corpus
    from fangtan.retrieval.search.cache import build_index, cache_file

    cache_dir = folder / "cache"
    t = time.perf_counter()
    corpus = load_corpus(folder / "corpus")
    load_s = time.perf_counter() - t
    stale = cache_file(cache_dir, corpus)
    stale.unlink(missing_ok=True)
    jieba_cached = (cache_dir / "jieba.cache").is_file()

    t, cpu = time.perf_counter(), time.process_time()
    index, how = build_index(
        corpus, cache_dir, True, progress_printer(len(corpus.chunks), "tokenising")
    )
    build_s, build_cpu = time.perf_counter() - t, time.process_time() - cpu
    t = time.perf_counter()
    engine = Engine(index)
    engine_s = time.perf_counter() - t
    mem = memory()
    del engine  # alive until its memory was measured

    questions = make_questions(index, questions_wanted, seed)
    (folder / "questions.json").write_text(
        json.dumps(questions, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return {
        "paragraphs": len(corpus.chunks),
        "interviews": len(corpus.interviews),
        "files": len(corpus.files),
        "characters": sum(len(c.text) for c in corpus.chunks),
        "terms": len(index.term_ids),
        "postings": int(index.doc_freq.sum()),
        "load_s": load_s,
        "build_s": build_s,
        "build_cpu_s": build_cpu,
        "how": how,
        "jieba_cache_present": jieba_cached,
        "cache_bytes": stale.stat().st_size if stale.is_file() else 0,
        "engine_s": engine_s,
        "memory": mem,
        "questions": len(questions),
    }


def make_questions(index: Any, wanted: int, seed: int) -> list[JSON]:
    """Who- and topic-questions from words at several document-frequency bands (seeded)."""
    from fangtan.retrieval.search.tokenize import is_content

    rng = random.Random(seed)
    by_band: dict[str, list[str]] = {name: [] for name, _, _ in BANDS}
    for term in sorted(index.term_ids):
        if not CJK_WORD.match(term) or not is_content(term):
            continue
        df = int(index.doc_freq[index.term_ids[term]])
        for name, low, high in BANDS:
            if low <= df < high:
                by_band[name].append(term)
                break
    per_band = max(1, wanted // (2 * len(BANDS)))
    out: list[JSON] = []
    for name, _, _ in BANDS:
        words = by_band[name]
        if len(words) < 2:
            continue
        for word in rng.sample(words, min(per_band, len(words))):
            out.append({"kind": "who", "band": name, "q": f"谁提到了{word}？"})
        for _ in range(per_band):
            first, second = rng.sample(words, 2)
            out.append({"kind": "topic", "band": name, "q": f"{first}{second}"})
    return out


def step_cached(folder: Path, repeat: int) -> JSON:
    from fangtan.bot.engine.answering import Engine
    from fangtan.retrieval.reading.corpus import load_corpus
    from fangtan.retrieval.search.cache import build_index

    t = time.perf_counter()
    corpus = load_corpus(folder / "corpus")
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    index, how = build_index(corpus, folder / "cache", True)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    engine = Engine(index)
    engine_s = time.perf_counter() - t
    mem = memory()

    questions: list[JSON] = json.loads((folder / "questions.json").read_text(encoding="utf-8"))
    answered = 0
    for item in questions:  # warm-up, untimed
        answered += engine.answer(item["q"]).answered
    timings: list[JSON] = []
    for _ in range(repeat):
        for item in questions:
            started = time.perf_counter_ns()
            engine.answer(item["q"])
            ms = (time.perf_counter_ns() - started) / 1e6
            timings.append({"kind": item["kind"], "band": item["band"], "ms": ms, "q": item["q"]})
    return {
        "load_s": load_s,
        "build_s": build_s,
        "how": how,
        "engine_s": engine_s,
        "memory": mem,
        "memory_after_questions": memory(),
        "profiles": profile_slowest(engine, timings),
        "answered": answered,
        "questions": len(questions),
        "timings": timings,
    }


def profile_slowest(engine: Any, timings: list[JSON], count: int = 3) -> list[JSON]:
    """cProfile of the slowest distinct questions (5 asks each): where their time goes."""
    import cProfile
    import pstats

    by_question: dict[str, list[float]] = {}
    for row in timings:
        by_question.setdefault(row["q"], []).append(row["ms"])
    slowest = sorted(by_question, key=lambda q: -sorted(by_question[q])[len(by_question[q]) // 2])
    out = []
    for question in slowest[:count]:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            answer = engine.answer(question)
        profiler.disable()
        entries = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        rows = []
        for (filename, line, function), (_, calls, own, cumulative, _) in entries.items():
            path = Path(filename)
            where = path.name
            for root in (CODE_ROOT, REPO):
                if path.is_absolute() and path.is_relative_to(root):
                    where = path.relative_to(root).as_posix()
                    break
            rows.append((where, line, function, calls, own, cumulative))
        ours = [r for r in rows if r[0].startswith(("bot/", "retrieval/"))]
        out.append(
            {
                "q": question,
                "intent": answer.intent.value,
                "answered": answer.answered,
                "people": len(answer.people),
                "median_ms": sorted(by_question[question])[len(by_question[question]) // 2],
                "by_cumulative": [
                    f"{w}:{ln} {fn} {cum / 5 * 1000:.1f} ms/ask ({calls // 5} calls)"
                    for w, ln, fn, calls, _, cum in sorted(ours, key=lambda r: -r[5])[1:7]
                ],
                "by_own_time": [
                    f"{w}:{ln} {fn} {own / 5 * 1000:.1f} ms/ask ({calls // 5} calls)"
                    for w, ln, fn, calls, own, _ in sorted(rows, key=lambda r: -r[4])[:5]
                ],
            }
        )
    return out


def step_parity(folder: Path, count: int) -> JSON:
    import numpy as np
    from rank_bm25 import BM25Okapi

    from fangtan.retrieval.reading.corpus import load_corpus
    from fangtan.retrieval.search.cache import build_index
    from fangtan.retrieval.search.index import EPSILON, K1, B

    corpus = load_corpus(folder / "corpus")
    index, how = build_index(corpus, folder / "cache", True)
    postings = index.postings_data
    t = time.perf_counter()
    documents: list[list[str]] = [[] for _ in range(index.size)]
    for term_id, term in enumerate(postings.terms):
        start, end = int(postings.offsets[term_id]), int(postings.offsets[term_id + 1])
        for doc, tf in zip(
            postings.docs[start:end].tolist(), postings.tfs[start:end].tolist(), strict=True
        ):
            documents[doc].extend([term] * tf)
    lengths_ok = all(len(d) == int(n) for d, n in zip(documents, postings.doc_len, strict=True))
    rebuild_s = time.perf_counter() - t
    t = time.perf_counter()
    reference = BM25Okapi(documents, k1=K1, b=B, epsilon=EPSILON)
    reference_init_s = time.perf_counter() - t
    del documents

    questions: list[JSON] = json.loads((folder / "questions.json").read_text(encoding="utf-8"))
    step = max(1, len(questions) // count)
    chosen = questions[::step][:count]
    ids = np.arange(index.size)
    rows: list[JSON] = []
    for item in chosen:
        terms = list(index.tokenizer.query(item["q"], known=index.term_ids.__contains__).terms)
        t = time.perf_counter()
        ours = index.get_scores(terms)
        ours_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        theirs = np.asarray(reference.get_scores(terms), dtype=np.float64)
        theirs_ms = (time.perf_counter() - t) * 1000
        top_ours = np.lexsort((ids, -ours))[:TOP].tolist()
        top_theirs = np.lexsort((ids, -theirs))[:TOP].tolist()
        rows.append(
            {
                "q": item["q"],
                "kind": item["kind"],
                "band": item["band"],
                "terms": terms,
                "matching_docs": int(np.count_nonzero(ours)),
                "equal": top_ours == top_theirs,
                "equal_up_to_ties": bool(
                    np.allclose(np.sort(ours[top_ours]), np.sort(theirs[top_theirs]), atol=1e-9)
                ),
                "max_abs_diff": float(np.max(np.abs(ours - theirs))) if index.size else 0.0,
                "ours_ms": ours_ms,
                "theirs_ms": theirs_ms,
            }
        )
    return {
        "how": how,
        "lengths_ok": lengths_ok,
        "rebuild_s": rebuild_s,
        "reference_init_s": reference_init_s,
        "rows": rows,
    }


# -------------------------------------------------------------------------- orchestration


def ensure_corpus(folder: Path, paragraphs: int, seed: int) -> str:
    marker = folder / "corpus.json"
    wanted = {"paragraphs": paragraphs, "seed": seed}
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return f"reused {folder / 'corpus'} ({paragraphs} paragraphs, seed {seed})"
    shutil.rmtree(folder / "corpus", ignore_errors=True)
    shutil.rmtree(folder / "cache", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "make_corpus.py"),
            str(folder / "corpus"),
            "--paragraphs",
            str(paragraphs),
            "--seed",
            str(seed),
        ],
        check=True,
    )
    marker.write_text(json.dumps(wanted))
    return f"generated {folder / 'corpus'} in {time.perf_counter() - started:.1f} s"


def run_step(step: str, folder: Path, code: Path, *extra: str) -> JSON:
    out = folder / f"result-{step}.json"
    out.unlink(missing_ok=True)
    argv = [sys.executable, str(Path(__file__).resolve()), "--_step", step]
    argv += ["--folder", str(folder), "--_out", str(out), "--_code", str(code), *extra]
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=folder)
    result: JSON = json.loads(out.read_text(encoding="utf-8"))
    result["process_s"] = time.perf_counter() - started
    return result


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def report(build: JSON, cached: JSON, parity: JSON, source: str) -> None:
    print(f"\ncorpus: {source}")
    print(
        f"  {build['paragraphs']} paragraphs, {build['interviews']} interviews, "
        f"{build['files']} files, {build['characters'] / 1e6:.1f} M characters, "
        f"{build['terms']} distinct terms, {build['postings']} postings"
    )
    print("\nprocess 1 (no index cache):")
    print(f"  load_corpus                          {build['load_s']:8.2f} s")
    print(
        f"  build_index (tokenise + write cache) {build['build_s']:8.2f} s  "
        f"(CPU {build['build_cpu_s']:.1f} s; how={build['how']}; jieba dictionary cache "
        f"{'present' if build['jieba_cache_present'] else 'absent'}; cache file "
        f"{mib(build['cache_bytes'])})"
    )
    print(f"  Engine(index)                        {build['engine_s']:8.2f} s")
    m = build["memory"]
    print(
        f"  memory after Engine: VmRSS {mib(m['VmRSS'])}, VmHWM {mib(m['VmHWM'])}, "
        f"ru_maxrss {mib(m['ru_maxrss'])}"
    )
    print("\nprocess 2 (index cache present):")
    print(f"  load_corpus                          {cached['load_s']:8.2f} s")
    print(f"  {'build_index (how=' + cached['how'] + ')':<36} {cached['build_s']:8.2f} s")
    print(f"  Engine(index)                        {cached['engine_s']:8.2f} s")
    m2 = cached["memory"]
    print(
        f"  memory after Engine: VmRSS {mib(m2['VmRSS'])}, VmHWM {mib(m2['VmHWM'])}, "
        f"ru_maxrss {mib(m2['ru_maxrss'])}; after the questions: VmRSS "
        f"{mib(cached['memory_after_questions']['VmRSS'])}"
    )
    print(f"  whole process wall clock             {cached['process_s']:8.2f} s")
    if cached["how"] != "cached":
        print("  WARNING: process 2 did not use the index cache; its build time is not a restart's")

    timings = cached["timings"]
    repeat = len(timings) // max(1, cached["questions"])
    print(
        f"\nanswer latency (process 2; {cached['questions']} questions, {cached['answered']} "
        f"answered; 1 warm-up + {repeat} timed asks each):"
    )
    p95s: dict[str, float] = {}
    for kind in ("who", "topic"):
        values = [r["ms"] for r in timings if r["kind"] == kind]
        p95s[kind] = percentile(values, 95)
        print(
            f"  {kind:<6} n={len(values):<4} p50 {percentile(values, 50):7.2f} ms  "
            f"p95 {p95s[kind]:7.2f} ms  max {max(values):7.2f} ms"
        )
    print("  p95 by document-frequency band of the question words (who / topic):")
    for band, _, _ in BANDS:
        cells = []
        for kind in ("who", "topic"):
            values = [r["ms"] for r in timings if r["kind"] == kind and r["band"] == band]
            cells.append(f"{percentile(values, 95):7.2f} ms" if values else "      -   ")
        print(f"    {band:<12} {cells[0]}  {cells[1]}")
    slowest = sorted(timings, key=lambda r: -r["ms"])[:3]
    print("  slowest single asks: " + "; ".join(f"{r['q']} {r['ms']:.1f} ms" for r in slowest))
    print(
        "  cProfile of the slowest questions by median (5 asks each; times inflated by the "
        "profiler, compare them with each other):"
    )
    for item in cached["profiles"]:
        print(
            f"    {item['q']}  median {item['median_ms']:.1f} ms; intent={item['intent']}, "
            f"answered={item['answered']}, people listed={item['people']}"
        )
        print("      cumulative, fangtan code: " + "; ".join(item["by_cumulative"][:4]))
        print("      own time, any code:       " + "; ".join(item["by_own_time"][:4]))

    rows = parity["rows"]
    equal = sum(r["equal"] for r in rows)
    ties = sum(r["equal_up_to_ties"] for r in rows)
    diff = max((r["max_abs_diff"] for r in rows), default=0.0)
    ours = [r["ours_ms"] for r in rows]
    theirs = [r["theirs_ms"] for r in rows]
    print(
        f"\nranking parity (process 3; {len(rows)} queries; token lists rebuilt from postings in "
        f"{parity['rebuild_s']:.1f} s, lengths {'match' if parity['lengths_ok'] else 'DIFFER'}; "
        f"BM25Okapi() built in {parity['reference_init_s']:.1f} s):"
    )
    print(f"  top-{TOP} chunk ids equal: {equal}/{len(rows)} (equal up to tied scores: {ties})")
    print(f"  max |score difference| over all chunks and queries: {diff:.3g}")
    print(
        f"  get_scores per query: BM25Index p50 {percentile(ours, 50):.2f} ms, "
        f"p95 {percentile(ours, 95):.2f} ms; rank_bm25.BM25Okapi p50 "
        f"{percentile(theirs, 50):.1f} ms, p95 {percentile(theirs, 95):.1f} ms"
    )
    for row in [r for r in rows if not r["equal"]][:5]:
        print(f"  differs: {row['q']} terms={row['terms']} max diff {row['max_abs_diff']:.3g}")

    rss = max(m["VmRSS"], m["ru_maxrss"], m2["VmRSS"], m2["ru_maxrss"])
    print("\ntargets at 100k paragraphs:")
    print(
        f"  answer p95 <= {TARGET_P95_MS:.0f} ms: who {p95s['who']:.2f} ms, "
        f"topic {p95s['topic']:.2f} ms -> "
        f"{verdict(max(p95s.values()) <= TARGET_P95_MS)}"
    )
    print(
        f"  RSS <= 1 GiB: largest of VmRSS / ru_maxrss in processes 1 and 2 = {mib(rss)} -> "
        f"{verdict(rss <= TARGET_RSS_BYTES)}"
    )
    print(
        f"  ranking unchanged: {equal}/{len(rows)} top-{TOP} equal, max diff {diff:.3g} -> "
        f"{verdict(equal == len(rows) and diff < 1e-9)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--parity", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3, help="timed asks per question")
    parser.add_argument("--_step", choices=("build", "cached", "parity"), help=argparse.SUPPRESS)
    parser.add_argument("--_out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--_code", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder: Path = args.folder.resolve()

    if args._step is not None:
        global CODE_ROOT
        CODE_ROOT = (args._code or REPO).resolve()
        sys.path.insert(0, str(CODE_ROOT))
        if args._step == "build":
            result = step_build(folder, args.questions, args.seed)
        elif args._step == "cached":
            result = step_cached(folder, args.repeat)
        else:
            result = step_parity(folder, args.parity)
        args._out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return

    print("fangtan at scale: synthetic corpus, fresh process per step")
    print(f"machine: {machine_description()}")
    source = ensure_corpus(folder, args.paragraphs, args.seed)
    code = folder / "code"
    print(
        f"code: {git_state()}; frozen copy {snapshot_code(code)} in {code} "
        "(every step imports this copy)"
    )
    print(f"step 1/3: build without the index cache ({source}) ...", flush=True)
    build = run_step(
        "build", folder, code, "--questions", str(args.questions), "--seed", str(args.seed)
    )
    print("step 2/3: restart with the index cache, answer latency ...", flush=True)
    cached = run_step("cached", folder, code, "--repeat", str(args.repeat))
    print("step 3/3: ranking parity with rank_bm25.BM25Okapi ...", flush=True)
    parity = run_step("parity", folder, code, "--parity", str(args.parity))
    report(build, cached, parity, source)


if __name__ == "__main__":
    main()
