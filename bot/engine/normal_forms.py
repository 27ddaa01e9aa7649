"""The normal forms of many short strings at once, exactly as one by one.

An engine for a large corpus normalises tens of thousands of names at start;
called one by one, ``normalize`` spends most of its time on per-call overhead
(OpenCC's converter, regular expressions, Unicode tables). Every step of it
works on each character or on runs that a separator stops: markup needs a
``<``, Unicode normalisation and case folding do not reach across a printable
symbol that composes with nothing, OpenCC's phrases hold no ASCII symbols, and
runs of spaces end at the separator. So the normal form of the strings joined
by the separator is their normal forms joined by it, up to the spaces next to
it, which each string strips on its own. Strings that could break this (see
``_UNSAFE``) are normalised on their own, and a count that does not come out
right falls back to one by one. tests/engine/test_normal_forms.py holds every
character and the corpus's names in every script to this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from fangtan.retrieval.search.normalize import normalize, squeeze

SEPARATOR = "|"
# Characters that become the separator or could start markup spanning two strings,
# and ideographic description characters, which OpenCC keeps together with the
# characters after them (the next string's, after the separator).
_UNSAFE = re.compile("[|｜<\u2ff0-\u2fff\u31ef]")


def normalize_all(texts: Sequence[str]) -> list[str]:
    """``[normalize(t) for t in texts]``, in one call for the safe ones."""
    return _each(
        texts, normalize, lambda joined: [p.strip() for p in normalize(joined).split(SEPARATOR)]
    )


def squeeze_all(texts: Sequence[str]) -> list[str]:
    """``[squeeze(t) for t in texts]``, in one call for the safe ones."""
    return _each(texts, squeeze, lambda joined: squeeze(joined).split(SEPARATOR))


def _each(
    texts: Sequence[str],
    one: Callable[[str], str],
    many: Callable[[str], list[str]],
) -> list[str]:
    """Printable strings in one batch; strings with invisible characters in another,
    as ``normalize`` looks at each character of those; unsafe ones one by one."""
    whole = "".join(texts)
    if whole.isprintable() and _UNSAFE.search(whole) is None:
        return _batch(texts, one, many)
    forms = [""] * len(texts)
    printable: list[int] = []
    invisible: list[int] = []
    for i, text in enumerate(texts):
        if _UNSAFE.search(text) is not None:
            forms[i] = one(text)
        else:
            (printable if text.isprintable() else invisible).append(i)
    for group in (printable, invisible):
        for i, form in zip(group, _batch([texts[i] for i in group], one, many), strict=True):
            forms[i] = form
    return forms


def _batch(
    texts: Sequence[str],
    one: Callable[[str], str],
    many: Callable[[str], list[str]],
) -> list[str]:
    if not texts:
        return []
    forms = many(SEPARATOR.join(texts))
    return forms if len(forms) == len(texts) else [one(t) for t in texts]
