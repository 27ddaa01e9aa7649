"""Floats added one by one, in order, from zero.

A search works out its figures for many chunks at once with numpy, which adds
them term by term; the one-chunk measures must add the same way to give the
same figures to the last bit. Python's ``sum`` did until 3.11; since 3.12 it
compensates the rounding, so its last bit can differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import add


def added(values: Iterable[float]) -> float:
    """``((0.0 + a) + b) + …``, on every Python version."""
    return reduce(add, values, 0.0)
