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

from collections.abc import Callable, Iterable

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
    """The corpus's words indexed by the forms a question may spell them in."""

    def __init__(
        self,
        terms: Iterable[str],
        in_dictionary: Callable[[str], bool],
        exclude: Callable[[str], bool] = lambda _: False,
    ) -> None:
        self._in_dictionary = in_dictionary
        self._long: dict[str, list[str]] = {}  # 环保 → corpus words 环境保护
        self._short: set[str] = set()  # corpus words that are abbreviations
        self._new_by_char: dict[str, list[str]] = {}  # 旅 → corpus words 文旅
        for term in terms:
            if exclude(term) or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
                continue
            short = abbreviation(term, in_dictionary)
            if short is not None:
                self._long.setdefault(short, []).append(term)
            elif len(term) == 2 and not in_dictionary(term):
                self._short.add(term)
                for ch in term:
                    self._new_by_char.setdefault(ch, []).append(term)

    def longer(self, word: str) -> list[str]:
        """Corpus compounds that ``word`` abbreviates (环保 → 环境保护)."""
        return list(self._long.get(word, ()))

    def shorter(self, word: str) -> list[str]:
        """Corpus abbreviations of ``word`` (环境保护 → 环保)."""
        short = abbreviation(word, self._in_dictionary)
        return [short] if short is not None and short in self._short else []

    def containing(self, word: str) -> list[str]:
        """Corpus abbreviations ``word`` may be part of (旅游 → 文旅).

        Only an ordinary dictionary word is looked for, by its first
        character, the one an abbreviation keeps.
        """
        if len(word) < 2 or not self._in_dictionary(word) or word in self._short:
            return []
        return [w for w in self._new_by_char.get(word[0], ()) if w != word]
