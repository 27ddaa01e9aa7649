"""``added`` adds as numpy adds a column at a time, whatever Python's ``sum`` does."""

from __future__ import annotations

import random

import numpy as np

from fangtan.retrieval.search.in_order import added


def test_added_is_the_running_total_numpy_gives() -> None:
    rng = random.Random(7)
    for _ in range(500):
        values = [rng.uniform(0.0, 12.0) for _ in range(rng.randint(0, 9))]
        column = np.zeros(1)
        for value in values:
            column += value
        assert added(values) == float(column[0])


def test_added_does_not_compensate_rounding() -> None:
    # Compensated addition (Python 3.12's sum, math.fsum) gives 2.0 here.
    assert added([1.0, 1e100, 1.0, -1e100]) == 0.0
    assert added([]) == 0.0
