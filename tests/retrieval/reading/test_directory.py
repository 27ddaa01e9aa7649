"""A directory narrowed to a text keeps exactly the forms the text uses."""

from __future__ import annotations

import random

from fangtan.retrieval.reading.attribution import Directory


def test_within_keeps_the_forms_the_text_holds() -> None:
    rng = random.Random(3)
    alphabet = "王李张某甲乙代表委员主任说"
    directory = Directory()
    for n in range(300):
        form = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))
        directory.add(form, f"person{n % 40}")
    forms = {*directory.names, *directory.ambiguous}
    assert len(forms) > 100 and directory.ambiguous
    for _ in range(200):
        text = "".join(rng.choice(alphabet + "，。的\n") for _ in range(rng.randint(0, 40)))
        narrowed = directory.within(text)
        held = sorted(f for f in forms if f in text)
        assert sorted(narrowed.names) == [f for f in held if f in directory.names]
        assert sorted(narrowed.ambiguous) == [f for f in held if f in directory.ambiguous]
        assert all(narrowed.names[f] == directory.names[f] for f in narrowed.names)
        assert narrowed.titles is directory.titles
    # A form added after a narrowing is found by the next one.
    directory.add("赵某代表", "late")
    assert directory.within("赵某代表说").names.get("赵某代表") == "late"


def test_forms_are_longest_first_and_follow_additions() -> None:
    directory = Directory()
    directory.add("王某某", "wang")
    directory.add("王代表", "wang")
    assert directory.forms() == ["王代表", "王某某"]
    directory.add("王某某代表", "wang")
    directory.add("李某", "li")
    assert directory.forms() == ["王某某代表", "王代表", "王某某", "李某"]
    assert directory.within("王某某代表和李某").forms() == ["王某某代表", "王某某", "李某"]
