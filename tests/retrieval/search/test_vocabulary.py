"""The terms as a blob with a hash table: numbered exactly as a dict would number them."""

from __future__ import annotations

import random

import numpy as np
import pytest

from fangtan.retrieval.search.vocabulary import Vocabulary

TERMS = ["数据", "安全", "数据安全", "a", "冰雪旅游", "🙂", "x" * 40, "湿地"]


def test_terms_are_numbered_as_a_dict_numbers_them() -> None:
    rng = random.Random(5)
    terms = list(
        dict.fromkeys("".join(rng.choices("数据安全冰雪旅游湿地abc", k=4)) for _ in range(3000))
    )
    vocabulary = Vocabulary.build(terms)
    plain = {t: i for i, t in enumerate(terms)}
    assert list(vocabulary) == terms and len(vocabulary) == len(terms)
    assert vocabulary[5] == terms[5] and vocabulary[-1] == terms[-1]
    assert vocabulary.ids == plain and dict(vocabulary.ids.items()) == plain
    for term in [*terms, "从未出现", "", "数据安全x", "\ud800"]:
        assert vocabulary.ids.get(term) == plain.get(term)
        assert (term in vocabulary.ids) == (term in plain)
        # Asked again, it is remembered: still the same answer.
        assert vocabulary.number(term) == plain.get(term)
    with pytest.raises(KeyError):
        vocabulary.ids["从未出现"]
    with pytest.raises(IndexError):
        vocabulary[len(terms)]


def test_the_arrays_come_back_as_the_same_table() -> None:
    vocabulary = Vocabulary.build(TERMS)
    again = Vocabulary.from_arrays(vocabulary.arrays())
    assert list(again) == TERMS
    assert [again.number(t) for t in TERMS] == list(range(len(TERMS)))
    assert list(Vocabulary.from_arrays(Vocabulary.build([]).arrays())) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda a: a.update(term_slots=np.full_like(a["term_slots"], -1)),
        lambda a: a.update(term_slots=np.where(a["term_slots"] > 0, 0, a["term_slots"])),
        lambda a: a.update(term_slots=a["term_slots"][:-1]),
        lambda a: a.update(term_starts=a["term_starts"][::-1].copy()),
        lambda a: a.update(terms=a["terms"][:-2]),
    ],
)
def test_inconsistent_arrays_raise(damage) -> None:
    arrays = dict(Vocabulary.build(TERMS).arrays())
    damage(arrays)
    with pytest.raises(ValueError):
        Vocabulary.from_arrays(arrays)
