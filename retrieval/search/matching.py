"""The chunks a question's terms reach, and the best of them: by term coverage,
then BM25, then chunk number.

A question's terms each give a run of postings: the chunks holding the term
(for coverage) and its frequencies there (for BM25). Coverage decides most of
the order, and only the chunks that can be among the best need a BM25 score:
those above the last place's coverage, and those tied with it. Where they are
few beside the postings, their scores are looked up in the runs by binary
search; otherwise every posting is scored at once, which is quicker when most
chunks need a score anyway (one common word: every chunk ties on coverage).
When enough chunks hold every term, they are the ones that can be best, and
are found without merging the runs at all.

Either way each chunk's score and coverage are added run by run, in the
question's order, from zero, so both equal the plain definition to the last
bit (the tests hold them to it).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.search.chunk_set import ChunkSet
from fangtan.retrieval.search.in_order import added

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]
Positions = npt.NDArray[np.intp]

# Distinct values stepped through before a selection falls back to partitioning.
LEVELS = 8
# The needed chunks' scores are looked up (a binary search per chunk and run)
# rather than every posting scored when the lookups are fewer than the
# postings over this. On the benchmark's questions any value from 2 to 16 gave
# totals within 3% of each other; looking up always was 20-40% faster than
# scoring always.
LOOKUP_COST = 4
# A run is tested against the chunks needed, not searched for each of them, when
# they number more than its postings over this. In a run of 28,000 postings at
# 100,000 chunks, the test took 0.12 ms for 7,000 chunks and 0.18 ms for all
# 28,000, the searches 0.13 and 0.39 ms; for 3,500 the searches took 0.05 ms.
SEARCH_SHARE = 4


class ScoreRun(NamedTuple):
    """One term's postings for BM25: chunks ascending, frequencies, and the term's
    idf; a stand-in word counts at ``factor`` of its score."""

    docs: IntArray
    tfs: npt.NDArray[Any]
    idf: float
    factor: float | None = None


class CoverRun(NamedTuple):
    """The chunks (ascending, distinct) where a question term or a stand-in for it
    is, and what each adds to the chunk's coverage: one value for all, or one each."""

    docs: IntArray
    part: float | FloatArray


class Scoring(NamedTuple):
    """What a BM25 score is worked out from besides the runs: each chunk's
    ``k1 × (1 − b + b × length / mean length)``, and ``k1 + 1``."""

    norm: FloatArray
    lift: float


def best(
    cover: list[CoverRun],
    scored: list[ScoreRun],
    scoring: Scoring,
    limit: int,
    allowed: ChunkSet | None = None,
) -> tuple[IntArray, FloatArray]:
    """(chunk numbers, BM25 scores) of the first ``limit`` chunks reached, best first.

    Every scored chunk must be among the covered ones (a term's postings are
    among the chunks holding it).
    """
    tier = _top_tier(cover, limit) if allowed is None else None
    if tier is not None:
        needed, full = tier
        coverage = np.full(len(needed), full)
        scores = _scores_of(scored, scoring, needed)
        cut: float | None = full
    else:
        needed, coverage, scores, cut = _candidates(cover, scored, scoring, limit, allowed)
    if cut is None:
        picked = np.lexsort((needed, -scores, -coverage))[:limit]
    else:
        chosen = _settle(coverage, scores, cut, limit)
        order = np.lexsort((needed[chosen], -scores[chosen], -coverage[chosen]))[:limit]
        picked = chosen[order]
    return needed[picked], scores[picked]


def _candidates(
    cover: list[CoverRun],
    scored: list[ScoreRun],
    scoring: Scoring,
    limit: int,
    allowed: ChunkSet | None,
) -> tuple[IntArray, FloatArray, FloatArray, float | None]:
    """(chunks that can be among the first ``limit``, their coverage, their scores,
    and the ``limit``-th coverage; None when every chunk reached is kept)."""
    reached, covered, every, where = _covered(cover)
    # The chunks a search may give: reached at some credit, and allowed.
    keep = covered > 0
    if allowed is not None:
        keep &= allowed.holds(reached)
    open_ = None if keep.all() else np.flatnonzero(keep)
    pool, cut = _pool(covered if open_ is None else covered[open_], limit)
    # Positions into ``reached`` of the chunks that need a score; None for all.
    at = open_ if pool is None else pool if open_ is None else open_[pool]
    needed = reached if at is None else reached[at]
    coverage = covered if at is None else covered[at]
    if len(needed) * len(scored) * LOOKUP_COST < sum(len(run.docs) for run in scored):
        scores = _scores_of(scored, scoring, needed)
    else:
        scores = _scores_all(scored, scoring, reached, every, where)
        if at is not None:
            scores = scores[at]
    return needed, coverage, scores, cut


def _top_tier(cover: list[CoverRun], limit: int) -> tuple[IntArray, float] | None:
    """The chunks holding every term and their coverage, when there are at least
    ``limit`` of them and nothing else can cover as much; else None.

    Two common words each reach tens of thousands of chunks, and merging them
    was most of such a question's search; the chunks holding both are found by
    a membership test of one run in the other, smallest first.
    """
    parts = [run.part for run in cover if isinstance(run.part, float)]
    if len(cover) < 2 or limit <= 0 or len(parts) < len(cover):
        return None
    # Coverage as ``bincount`` adds it, run by run from zero; a chunk missing any run
    # must cover strictly less (it does unless a weight is below the sum's rounding).
    full = added(parts)
    if any(added(parts[:i] + parts[i + 1 :]) >= full for i in range(len(parts))):
        return None
    runs = sorted((run.docs for run in cover), key=len)
    every = runs[0]
    for docs in runs[1:]:
        if len(every) < limit:
            return None
        every = every[np.isin(every, docs, assume_unique=True)]
    return (every, full) if len(every) >= limit else None


def _covered(
    cover: list[CoverRun],
) -> tuple[IntArray, FloatArray, IntArray, Positions | None]:
    """(chunks reached ascending, their coverage, the runs' chunks one after
    another, where each of those is among the chunks reached; None when one
    run is itself the chunks reached)."""
    if not cover:
        empty = np.empty(0, dtype=np.int32)
        return empty, np.empty(0, dtype=np.float64), empty, None
    parts = [
        np.full(len(run.docs), run.part) if isinstance(run.part, float) else run.part
        for run in cover
    ]
    if len(cover) == 1:
        return cover[0].docs, parts[0], cover[0].docs, None
    every = np.concatenate([run.docs for run in cover])
    reached, where = _distinct(every)
    covered = np.bincount(where, np.concatenate(parts), len(reached)).astype(np.float64, copy=False)
    return reached, covered, every, where


def _pool(covered: FloatArray, limit: int) -> tuple[Positions | None, float | None]:
    """The positions that can be among the first ``limit`` (None for all), and
    the ``limit``-th coverage (None when the chunks are too few to cut)."""
    if limit <= 0 or 4 * limit >= len(covered):
        return None, None
    cut = _nth_largest(covered, limit)
    pool = np.flatnonzero(covered >= cut)
    # One common word: every chunk ties, and the pool is all of them.
    return (None if len(pool) == len(covered) else pool), cut


def _settle(covered: FloatArray, scores: FloatArray, cut: float, limit: int) -> Positions:
    """Of a pool, those above the cut and the best-scoring of those tied with it,
    enough to complete ``limit``."""
    above = covered > cut
    tied = np.flatnonzero(~above) if above.any() else np.arange(len(covered))
    wanted = limit - int(np.count_nonzero(above))
    if 0 < wanted < len(tied):
        tied_scores = scores[tied] if len(tied) < len(covered) else scores
        floor = np.partition(tied_scores, len(tied) - wanted)[len(tied) - wanted]
        tied = tied[tied_scores >= floor]
    return np.concatenate((np.flatnonzero(above), tied))


def _part(run: ScoreRun, scoring: Scoring, at: Positions | slice) -> FloatArray:
    """The run's BM25 contribution at postings ``at``: idf × tf × (k1 + 1) / (tf + norm),
    each operation as ``BM25Okapi.get_scores`` does it (a frequency widens exactly)."""
    tfs = run.tfs[at]
    part: FloatArray = np.multiply(tfs, scoring.lift, dtype=np.float64)
    below = scoring.norm[run.docs[at]]
    below += tfs
    part /= below
    part *= run.idf
    if run.factor is not None:
        part *= run.factor
    return part


def _scores_of(scored: list[ScoreRun], scoring: Scoring, chunks: IntArray) -> FloatArray:
    """The scores of ``chunks`` (ascending) alone, each run searched for them.

    Where the chunks are many beside a run (the chunks holding every one of
    three common words), the run's postings are tested against them instead:
    a binary search per chunk was most of such a question's answer.
    """
    scores = np.zeros(len(chunks), dtype=np.float64)
    for run in scored:
        if not len(run.docs):
            continue
        if len(chunks) * SEARCH_SHARE > len(run.docs):
            _add_members(scores, run, scoring, chunks)
            continue
        at = np.searchsorted(run.docs, chunks)
        np.minimum(at, len(run.docs) - 1, out=at)
        there = np.flatnonzero(run.docs[at] == chunks)
        if len(there):
            # Added only where the run holds the chunk, as ``bincount`` adds.
            scores[there] += _part(run, scoring, at[there])
    return scores


def _add_members(scores: FloatArray, run: ScoreRun, scoring: Scoring, chunks: IntArray) -> None:
    """Add to ``scores`` the run's part at the postings that are among ``chunks``."""
    inside = np.flatnonzero(np.isin(run.docs, chunks, assume_unique=True))
    if not len(inside):
        return
    # Both ascending and distinct: when every chunk is in the run, they pair in order.
    at = slice(None) if len(inside) == len(chunks) else np.searchsorted(chunks, run.docs[inside])
    scores[at] += _part(run, scoring, inside)


def _scores_all(
    scored: list[ScoreRun],
    scoring: Scoring,
    reached: IntArray,
    every: IntArray,
    where: Positions | None,
) -> FloatArray:
    """The scores of every chunk reached, every posting scored."""
    if not scored:
        return np.zeros(len(reached), dtype=np.float64)
    parts = [_part(run, scoring, slice(None)) for run in scored]
    docs = scored[0].docs if len(scored) == 1 else np.concatenate([run.docs for run in scored])
    # Without stand-ins or made-up words, the scored chunks are the covered ones.
    if len(docs) == len(every) and (docs is every or np.array_equal(docs, every)):
        if where is None:  # one run, which is the chunks reached: nothing to add up
            return parts[0] if len(parts) == 1 else np.concatenate(parts)
        at = where
    else:
        at = np.searchsorted(reached, docs)
    return np.bincount(at, np.concatenate(parts), len(reached)).astype(np.float64, copy=False)


def _distinct(runs: IntArray) -> tuple[IntArray, Positions]:
    """The values of ``runs`` (sorted runs one after another) once each, ascending,
    and where each of ``runs`` is among them: ``np.unique`` with ``return_inverse``.

    A stable sort merges sorted runs in about linear time, where ``np.unique``
    sorts from scratch: with a common word's postings, most of a search.
    """
    order = np.argsort(runs, kind="stable")
    merged = runs[order]
    first = np.ones(len(merged), dtype=bool)
    np.not_equal(merged[1:], merged[:-1], out=first[1:])
    where = np.empty(len(runs), dtype=np.intp)
    where[order] = np.cumsum(first) - 1
    return merged[first], where


def _nth_largest(values: FloatArray, k: int) -> float:
    """The ``k``-th largest of ``values`` (1 ≤ ``k`` ≤ their number).

    Coverage takes only as many values as the question's terms have
    combinations, and ``np.partition`` is slow on so many ties: the values
    are stepped down from the largest first, a few times at most.
    """
    top = float(values.max())
    for _ in range(LEVELS):
        if np.count_nonzero(values >= top) >= k:
            return top
        top = float(np.max(values, where=values < top, initial=-np.inf))
    return float(np.partition(values, len(values) - k)[len(values) - k])
