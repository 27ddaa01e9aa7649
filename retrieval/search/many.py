"""The relevance measure over many texts at once, as arrays with one value per text.

``BM25Index.relevance`` measures one chunk; a search measures up to two
hundred candidates, and measuring them one by one was most of an answer's
time. These functions work out each part of the measure for all of them
together, adding term by term in the order the per-chunk measure adds, so
every value equals it to the last bit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.search.tokenize import Query

FloatArray = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def credits_of(
    query: Query, present: Callable[[str], Bools]
) -> tuple[list[FloatArray], list[Bools]]:
    """``BM25Index.credits`` for many texts: per term, its credit and whether it is there."""
    credit: list[FloatArray] = []
    has: list[Bools] = []
    for term in query.terms:
        there = present(term).copy()
        value = there.astype(np.float64)
        for alternative in query.alternatives_of(term):
            instead = present(alternative.term) & ~there
            value[instead] = alternative.credit
            there |= instead
        credit.append(value)
        has.append(there)
    return credit, has


def spans_in(query: Query, texts: Sequence[str]) -> list[Bools]:
    """For each of the question's spans, which texts hold it verbatim."""
    n = len(texts)
    return [
        np.fromiter((span in text for text in texts), dtype=bool, count=n)
        for span, _ in query.spans
    ]


def relevances(
    query: Query,
    weights: Sequence[float],
    total: float,
    credit: list[FloatArray],
    has_span: list[Bools],
    n: int,
) -> tuple[FloatArray, list[Bools]]:
    """``_relevance`` of ``n`` texts, given which spans each holds (``spans_in``);
    and, per term, which texts hold it inside a span."""
    spans = [np.zeros(n, dtype=bool) for _ in query.terms]
    for (_, covered), inside in zip(query.spans, has_span, strict=True):
        if inside.any():
            for i, term in enumerate(query.terms):
                if term in covered:
                    spans[i] |= inside
    if not total:
        return np.zeros(n, dtype=np.float64), spans
    credited = np.zeros(n, dtype=np.float64)
    spanned = np.zeros(n, dtype=np.float64)
    for weight, value, spanning in zip(weights, credit, spans, strict=True):
        contribution = np.where(spanning, 1.0, value)
        contribution *= weight
        credited += contribution
        spanned += np.where(spanning, weight, 0.0)
    credited /= total
    spanned /= total
    credited += spanned
    credited /= 2
    return credited, spans


def patterns(columns: Sequence[Bools], n: int) -> tuple[list[int], list[int]]:
    """Rows grouped by their values across ``columns``: each row's group, each group's first row.

    What a hit reports besides its figures depends only on which words and
    spans its chunk holds; rows alike are worked out once.
    """
    if not n:
        return [], []
    if not columns:
        return [0] * n, [0]
    bits = np.packbits(np.stack(columns, axis=1), axis=1)
    rows: npt.NDArray[np.generic]
    if bits.shape[1] <= 8:
        wide = np.zeros((n, 8), dtype=np.uint8)
        wide[:, : bits.shape[1]] = bits
        rows = wide.view(np.uint64).ravel()
    else:
        rows = np.ascontiguousarray(bits).view(np.dtype((np.void, bits.shape[1]))).ravel()
    _, first, group = np.unique(rows, return_index=True, return_inverse=True)
    return group.ravel().tolist(), first.tolist()
