"""``matching.best`` against the definition: every chunk scored densely, all sorted.

The choice of the best chunks must equal a full sort by coverage, then BM25,
then chunk number, with the same scores to the last bit, whichever way the
scores were found (looked up for a few chunks, or every posting scored).
"""

from __future__ import annotations

import numpy as np
import pytest

from fangtan.retrieval.search import matching
from fangtan.retrieval.search.chunk_set import ChunkSet
from fangtan.retrieval.search.matching import CoverRun, ScoreRun, Scoring

SIZE = 20_000
LIFT = 2.2


def runs(rng: np.random.Generator, levels: int) -> tuple[list[CoverRun], list[ScoreRun], Scoring]:
    """A question of one to four terms over ``SIZE`` chunks, some common, some with a
    stand-in; ``levels`` distinct weights, so coverage ties as real weights do."""
    norm = rng.uniform(0.5, 2.5, SIZE)
    cover, scored = [], []
    for _ in range(int(rng.integers(1, 5))):
        count = int(rng.choice([3, 40, 900, 6000]))
        docs = np.sort(rng.choice(SIZE, count, replace=False)).astype(np.int32)
        tfs = rng.integers(1, 4, count).astype(np.int32)
        weight = float(rng.integers(1, levels + 1)) * 0.7
        if rng.random() < 0.25:  # a stand-in: credit per chunk, a scaled score
            credit = rng.choice([0.5, 0.8], count)
            cover.append(CoverRun(docs, weight * credit))
            scored.append(ScoreRun(docs, tfs, float(rng.uniform(0.1, 5)), 0.8))
        else:
            # A made-up word holding the term: covered where it is not scored.
            extra = rng.choice(SIZE, count // 10, replace=False).astype(np.int32)
            cover.append(CoverRun(np.union1d(docs, extra).astype(np.int32), weight))
            scored.append(ScoreRun(docs, tfs, float(rng.uniform(0.1, 5))))
    return cover, scored, Scoring(norm, LIFT)


def definition(
    cover: list[CoverRun],
    scored: list[ScoreRun],
    scoring: Scoring,
    limit: int,
    allowed: list[int] | None,
) -> tuple[list[int], list[float]]:
    covered = np.zeros(SIZE)
    scores = np.zeros(SIZE)
    for docs, part in cover:
        covered[docs] += part
    for run in scored:
        part = run.idf * (run.tfs * LIFT / (run.tfs + scoring.norm[run.docs]))
        scores[run.docs] += part if run.factor is None else run.factor * part
    inside = None if allowed is None else set(allowed)
    reached = [d for d in np.flatnonzero(covered > 0).tolist() if inside is None or d in inside]
    reached.sort(key=lambda d: (-covered[d], -scores[d], d))
    chosen = reached[:limit]
    return chosen, [float(scores[d]) for d in chosen]


@pytest.mark.parametrize("share", [0, matching.SEARCH_SHARE, 10**9])
@pytest.mark.parametrize("lookup", [0, matching.LOOKUP_COST, 10**9])
@pytest.mark.parametrize("levels", [1, 2, 12])
def test_best_equals_a_full_sort(
    share: int, lookup: int, levels: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 0: every posting scored; 10**9: every needed score looked up, each
    # searched for (share 0) or each run tested against them (share 10**9).
    monkeypatch.setattr(matching, "LOOKUP_COST", lookup)
    monkeypatch.setattr(matching, "SEARCH_SHARE", share)
    rng = np.random.default_rng(levels)
    for _ in range(12):
        cover, scored, scoring = runs(rng, levels)
        for limit in (1, 10, 200):
            for allowed in (None, sorted(rng.choice(SIZE, 3000, replace=False).tolist())):
                within = None if allowed is None else ChunkSet(allowed)
                ids, scores = matching.best(cover, scored, scoring, limit, within)
                want_ids, want_scores = definition(cover, scored, scoring, limit, allowed)
                assert ids.tolist() == want_ids
                assert scores.tolist() == want_scores


def test_nothing_reached_is_nothing_found() -> None:
    ids, scores = matching.best([], [], Scoring(np.ones(3), LIFT), 10)
    assert len(ids) == 0 and len(scores) == 0


def test_a_weight_lost_in_rounding_leaves_no_top_tier() -> None:
    """1e16 + 1 is 1e16: chunks holding one term tie with those holding both, and the
    best of them by BM25 may hold only one."""
    rng = np.random.default_rng(5)
    norm = rng.uniform(0.5, 2.5, SIZE)
    both = np.sort(rng.choice(SIZE, 4000, replace=False)).astype(np.int32)
    half = both[::2]
    cover = [CoverRun(both, 1e16), CoverRun(half, 1.0)]
    scored = [
        ScoreRun(both, rng.integers(1, 4, len(both)).astype(np.int32), 1.0),
        ScoreRun(half, np.ones(len(half), dtype=np.int32), 0.01),
    ]
    scoring = Scoring(norm, LIFT)
    ids, scores = matching.best(cover, scored, scoring, 200)
    want_ids, want_scores = definition(cover, scored, scoring, 200, None)
    assert ids.tolist() == want_ids
    assert scores.tolist() == want_scores
    assert not set(want_ids) <= set(half.tolist())
