"""The postings' sort keeps equal terms in document order, as a stable argsort does."""

from __future__ import annotations

import random

import numpy as np
import pytest

from fangtan.retrieval.search import index
from fangtan.retrieval.search.index import Postings, _stable_order
from fangtan.retrieval.search.token_cache import _numbering


@pytest.mark.parametrize(
    "size, top", [(0, 1), (1, 1), (50, 3), (10_000, 40), (10_000, 2**31 - 1), (2_001, 7)]
)
def test_stable_order_is_the_stable_argsort(
    size: int, top: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = np.random.default_rng(size).integers(0, top, size, dtype=np.int32)
    np.testing.assert_array_equal(_stable_order(values), np.argsort(values, kind="stable"))
    # The same order when the sort is split into two halves sorted side by side.
    monkeypatch.setattr(index, "SORT_IN_HALVES_FROM", 2)
    np.testing.assert_array_equal(_stable_order(values), np.argsort(values, kind="stable"))


def test_negative_values_fall_back_to_argsort() -> None:
    values = np.array([3, -1, 3, -1, 0], dtype=np.int32)
    np.testing.assert_array_equal(_stable_order(values), [1, 3, 4, 0, 2])


def test_postings_list_each_terms_documents_in_order() -> None:
    # Term 1 in documents 0, 1 and 3; term 0 in 1 and 2; term 2 in 3.
    terms = np.array([1, 1, 0, 0, 1, 2], dtype=np.int32)
    docs = np.array([0, 1, 1, 2, 3, 3], dtype=np.int32)
    tfs = np.array([5, 6, 7, 8, 9, 4], dtype=np.int32)
    lengths = np.array([5, 13, 8, 13], dtype=np.int32)
    postings = Postings.from_entries(("a", "b", "c"), terms, docs, tfs, lengths)
    assert postings.offsets.tolist() == [0, 2, 5, 6]
    assert postings.docs.tolist() == [1, 2, 0, 1, 3, 3]
    assert postings.tfs.tolist() == [7, 8, 5, 6, 9, 4]


def test_terms_are_numbered_in_the_order_first_looked_up() -> None:
    numbers = _numbering()
    rng = random.Random(4)
    words = [f"词{rng.randint(0, 300)}" for _ in range(2000)]
    expected: dict[str, int] = {}
    for batch in (words[:700], words[700:701], words[701:]):
        assert "不在" not in numbers and numbers.get("也不在") is None  # asked, not numbered
        got = list(map(numbers.__getitem__, batch))
        assert got == [expected.setdefault(w, len(expected)) for w in batch]
    assert list(numbers) == list(expected)
