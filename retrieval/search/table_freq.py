"""jieba's ``FREQ`` over the dictionary kept on disk, with a corpus's words on top.

jieba's tokenizer uses its dictionary through ``in``, ``[]``, ``get`` and
assignment (``add_word``) alone, so ``TableFreq`` offers those over a
``WordTable`` and jieba cuts as with its own dict. A tokenizer that has much
to cut turns to jieba's dict again (``merged``), where lookups are faster.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from fangtan.retrieval.search.word_table import WordTable

# Lookups a TableFreq remembers before it forgets them all (a long-running
# process cuts ever new questions).
MEMO_MAX = 50_000
_UNSEEN = object()


class TableFreq:
    """jieba's ``FREQ`` over a ``WordTable``, with words added on top.

    Words set later (``add_word``) are kept in a dict of their own and win
    over the table. ``add_words`` adds many words at once with what
    ``add_word`` does to their prefixes: a prefix keeps the table's
    frequency, or is 0 where the table lacks it. The prefixes are not kept:
    a piece of text is one if the first of the words in order after it
    starts with it. Lookups are remembered: jieba looks the same piece of a
    sentence up several times.
    """

    def __init__(self, table: WordTable) -> None:
        self.table = table
        self._words: dict[str, int] = {}
        # The words added by ``add_words``, in order: their prefixes are in the dictionary.
        self._sorted: tuple[str, ...] = ()
        # word -> frequency, or None for a word the dictionary lacks
        self._memo: dict[Any, Any] = {}

    def add_words(self, words: Iterable[tuple[str, int]]) -> None:
        added = dict(words)
        self._words.update(added)
        self._sorted = tuple(sorted({*self._sorted, *added}))
        self._memo.clear()

    def _is_prefix(self, word: str) -> bool:
        """Is ``word`` a proper prefix of a word ``add_words`` added? The words longer
        than it that start with it come right after it in order, before any other."""
        at = bisect_right(self._sorted, word)
        return bool(word) and at < len(self._sorted) and self._sorted[at].startswith(word)

    def find(self, word: str) -> int | None:
        """``word``'s frequency; None if absent. Not remembered: for one-off lookups."""
        found = self._words.get(word)
        if found is None:
            found = self.table.find(word)
            if found is None and self._is_prefix(word):
                found = 0
        return found

    def has(self, word: str) -> bool:
        """Is ``word``'s frequency above 0 (a prefix at 0 is no word)? Not remembered."""
        found = self._words.get(word)
        return bool(self.table.find(word) if found is None else found)

    def _value(self, word: str) -> int | None:
        found = self.find(word)
        memo = self._memo
        if len(memo) >= MEMO_MAX:
            memo.clear()
        memo[word] = found
        return found

    # The three lookups jieba makes, each reading the memo itself: they run for
    # every piece of every sentence cut.
    def __contains__(self, word: object) -> bool:
        found = self._memo.get(word, _UNSEEN)
        if found is _UNSEEN:
            found = self._value(word) if isinstance(word, str) else None
        return found is not None

    def __getitem__(self, word: str) -> int:
        found: int | None = self._memo.get(word, _UNSEEN)
        if found is _UNSEEN:
            found = self._value(word)
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default: int | None = None) -> int | None:
        found = self._memo.get(word, _UNSEEN)
        if found is _UNSEEN:
            found = self._value(word)
        return default if found is None else found

    def __setitem__(self, word: str, freq: int) -> None:
        self._words[word] = freq
        self._memo.pop(word, None)

    def merged(self, full: dict[str, int]) -> dict[str, int]:
        """``full`` (the table's words as jieba's dict) with the words added here."""
        full.update({p: 0 for p in prefixes_of(self._sorted) if p not in full})
        full.update(self._words)
        return full


def prefixes_of(words: Iterable[str]) -> tuple[str, ...]:
    """Every proper prefix of ``words``, each once, in the order add_word meets them."""
    return tuple(dict.fromkeys(w[:i] for w in words for i in range(1, len(w))))
