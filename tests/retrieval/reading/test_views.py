"""The lazy sequences behave as the lists they stand for."""

from __future__ import annotations

import numpy as np
import pytest

from fangtan.retrieval.reading.views import Kept, LazySequence


class Counted:
    """``make`` that counts how often each item was made."""

    def __init__(self) -> None:
        self.made: list[int] = []

    def __call__(self, i: int) -> str:
        self.made.append(i)
        return f"item {i}"


def items(size: int, kept: int = 16) -> tuple[LazySequence[str], Counted]:
    make = Counted()
    return LazySequence(size, make, kept), make


def test_length_indexing_and_iteration_match_a_list() -> None:
    lazy, _ = items(5)
    expected = [f"item {i}" for i in range(5)]
    assert len(lazy) == 5
    assert [lazy[i] for i in range(5)] == expected
    assert list(lazy) == expected
    assert list(reversed(lazy)) == expected[::-1]
    assert lazy[-1] == expected[-1] and lazy[-5] == expected[0]
    assert lazy[np.int64(2)] == expected[2]
    assert "item 3" in lazy and "item 9" not in lazy
    assert lazy.index("item 4") == 4


@pytest.mark.parametrize("at", [5, 6, -6, -100])
def test_out_of_range_is_an_index_error(at: int) -> None:
    lazy, make = items(5)
    with pytest.raises(IndexError):
        lazy[at]
    assert make.made == []


def test_an_empty_sequence_is_false_and_has_nothing() -> None:
    lazy, _ = items(0)
    assert not lazy and list(lazy) == []
    with pytest.raises(IndexError):
        lazy[0]


@pytest.mark.parametrize("cut", [slice(None), slice(1, 3), slice(-2, None), slice(None, None, -2)])
def test_slices_are_lists(cut: slice) -> None:
    lazy, _ = items(5)
    expected = [f"item {i}" for i in range(5)]
    assert lazy[cut] == expected[cut]
    assert isinstance(lazy[cut], list)


def test_equal_item_by_item_to_any_sequence() -> None:
    lazy, _ = items(3)
    same, _ = items(3)
    listed = ["item 0", "item 1", "item 2"]
    assert lazy == same and lazy == listed
    assert listed == lazy  # the list defers to the sequence
    assert lazy != ["item 0", "item 1"] and lazy != ["item 0", "item 1", "other"]
    assert lazy != "item 0item 1item 2"
    with pytest.raises(TypeError):
        hash(lazy)


def test_an_item_asked_for_again_is_not_made_again() -> None:
    lazy, make = items(5)
    first = lazy[2]
    assert lazy[2] is first and lazy[-3] is first
    assert make.made == [2]


def test_a_scan_keeps_nothing() -> None:
    lazy, make = items(5)
    list(lazy)
    list(lazy)
    assert make.made == [0, 1, 2, 3, 4] * 2


def test_what_is_kept_is_bounded() -> None:
    lazy, make = items(100, kept=4)
    for i in range(10):
        lazy[i]
    assert len(lazy._kept) <= 8
    lazy[9]
    assert make.made.count(9) == 1


def test_the_recently_used_are_kept() -> None:
    kept: Kept[str] = Kept(3)
    for n in range(3):
        kept.keep(n, f"item {n}")  # 0, 1, 2 fill the young generation: it becomes the old
    assert kept.get(0) == "item 0"  # back into the young generation
    for n in range(3, 6):
        kept.keep(n, f"item {n}")  # fills it again: 1 and 2, not used since, are dropped
    assert kept.get(0) == "item 0" and kept.get(5) == "item 5"
    assert kept.get(1) is None and kept.get(2) is None
    nothing: Kept[str] = Kept(0)
    nothing.keep(1, "item 1")
    assert nothing.get(1) is None and len(nothing) == 0
