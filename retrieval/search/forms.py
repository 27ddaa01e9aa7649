"""Other forms of a word: the abbreviations Chinese cuts compounds to, and back.

A compound of two-character words is abbreviated by keeping the first
character of each (环境保护 → 环保, 食品安全 → 食安, 文化旅游 → 文旅). So a
question word and a corpus word are forms of one another when one is the
other's abbreviation, and a question word is part of an abbreviation the
corpus uses when that abbreviation is a word jieba does not know (文旅 for
旅游): such words are usually recent short forms, not ordinary words that
happen to share a character.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from fangtan.retrieval.search.chunk_set import ChunkSet

# Abbreviations are made of this many pieces at most (三个代表 → 三代, rarely more).
MAX_PIECES = 3


def abbreviation(word: str, in_dictionary: Callable[[str], bool]) -> str | None:
    """The first characters of ``word``'s two-character pieces, if it is such a compound."""
    if len(word) % 2 or not 4 <= len(word) <= 2 * MAX_PIECES:
        return None
    pieces = [word[i : i + 2] for i in range(0, len(word), 2)]
    if not all(in_dictionary(p) for p in pieces):
        return None
    return "".join(p[0] for p in pieces)


class Forms:
    """The corpus's words indexed by the forms a question may spell them in.

    Each index is a pair of sorted arrays (a key, a term's number) rather than a
    dict of lists of strings: the dicts were 7 MiB at a hundred thousand
    paragraphs, kept by every server from the first question with a word the
    corpus lacks. Terms are read back from ``terms`` by number.
    """

    def __init__(
        self,
        terms: Sequence[str],
        in_dictionary: Callable[[str], bool],
        exclude: Callable[[str], bool] = lambda _: False,
    ) -> None:
        """``terms``: the corpus's words, each at its number; those ``exclude`` says
        are never anyone's form, and their numbers are kept as ``excluded``."""
        self._terms = terms
        self._in_dictionary = in_dictionary
        long: list[tuple[int, int]] = []  # 环保 → corpus words 环境保护
        # 旅 → corpus words 文旅: the two-character words jieba does not know (abbreviations).
        by_char: list[tuple[int, int]] = []
        excluded: list[int] = []
        for number, term in enumerate(terms):
            if exclude(term):
                excluded.append(number)
                continue
            if not all("\u4e00" <= ch <= "\u9fff" for ch in term):
                continue
            short = abbreviation(term, in_dictionary)
            if short is not None:
                long.append((_code(short), number))
            elif len(term) == 2 and not in_dictionary(term):
                by_char.extend((ord(ch), number) for ch in term)
        self._long = _Index(long)
        self._by_char = _Index(by_char)
        self.excluded = ChunkSet(excluded)

    def longer(self, word: str) -> list[str]:
        """Corpus compounds that ``word`` abbreviates (环保 → 环境保护)."""
        if not 2 <= len(word) <= MAX_PIECES:
            return []
        return [self._terms[n] for n in self._long.numbers(_code(word))]

    def shorter(self, word: str) -> list[str]:
        """Corpus abbreviations of ``word`` (环境保护 → 环保)."""
        short = abbreviation(word, self._in_dictionary)
        return [short] if short is not None and self._is_new(short) else []

    def containing(self, word: str) -> list[str]:
        """Corpus abbreviations ``word`` may be part of (旅游 → 文旅).

        Only an ordinary dictionary word is looked for, by its first
        character, the one an abbreviation keeps.
        """
        if len(word) < 2 or not self._in_dictionary(word) or self._is_new(word):
            return []
        found = (self._terms[n] for n in self._by_char.numbers(ord(word[0])))
        return [w for w in found if w != word]

    def _is_new(self, word: str) -> bool:
        """Is ``word`` a two-character corpus word jieba does not know (an abbreviation)?"""
        if len(word) != 2 or self._in_dictionary(word):
            return False
        return any(self._terms[n] == word for n in self._by_char.numbers(ord(word[0])))


def _code(word: str) -> int:
    """A word of up to three characters as one number (a character is below 2**21)."""
    code = 0
    for ch in word:
        code = code << 21 | ord(ch)
    return code


class _Index:
    """Term numbers by an integer key, as two arrays sorted by key (numbers ascending)."""

    __slots__ = ("_keys", "_numbers")

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        keys = np.array([k for k, _ in pairs], dtype=np.int64)
        numbers = np.array([n for _, n in pairs], dtype=np.int32)
        order = np.argsort(keys, kind="stable")
        self._keys, self._numbers = keys[order], numbers[order]

    def numbers(self, key: int) -> list[int]:
        keys = self._keys
        lo = int(np.searchsorted(keys, key, side="left"))
        hi = int(np.searchsorted(keys, key, side="right"))
        found: list[int] = self._numbers[lo:hi].tolist()
        return found
