"""A role's paragraphs kept as a ChunkSet filter a search as the plain ids would."""

from __future__ import annotations

import random

import numpy as np

from fangtan.retrieval.search.chunk_set import ChunkSet


def test_holds_agrees_with_membership_of_the_ids() -> None:
    rng = random.Random(3)
    for size in (0, 1, 7, 500):
        ids = [rng.randrange(1000) for _ in range(size)]
        chunk_set = ChunkSet(iter(ids))
        candidates = np.array(sorted(rng.sample(range(1200), 300)), dtype=np.int32)
        wanted = [c in set(ids) for c in candidates.tolist()]
        assert chunk_set.holds(candidates).tolist() == wanted
        assert len(chunk_set) == len(set(ids))
        assert list(chunk_set) == sorted(set(ids))
        assert all((c in chunk_set) == w for c, w in zip(candidates.tolist(), wanted, strict=True))


def test_only_ints_are_members() -> None:
    chunk_set = ChunkSet([2, 5])
    assert 5 in chunk_set and np.int64(2) in chunk_set
    assert "5" not in chunk_set and 6 not in chunk_set and -1 not in chunk_set
