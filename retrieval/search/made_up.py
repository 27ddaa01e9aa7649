"""Made-up corpus words searched for a word the corpus never uses on its own.

jieba's guesser glues a word it does not know to its neighbours (托育 in 托育点
and 普惠托育). Where every use of a word was glued so, the corpus has no token
for it, and ``WordsInside`` (parts that are corpus words themselves) cannot
reach it: a question about it found nothing though its characters are there.
Made-up words are few beside the vocabulary, so they are joined in one string
when such a question first comes, and searched with ``str.find``. Names are
left out: jieba makes up most of them, and a question cut wrongly ("晏承志在"
as 晏承 and 志在) would otherwise find its pieces in the name.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from fangtan.retrieval.search.tables import INSIDE_MAX

# No corpus word holds it (tokens are cut from text without NULs).
_GAP = "\0"


class MadeUpWords:
    """The corpus's made-up words, by the parts they hold."""

    __slots__ = ("_numbers", "_starts", "_text")

    def __init__(
        self, numbers: Sequence[int], terms: Sequence[str], is_name: Callable[[str], bool]
    ) -> None:
        """``numbers``: the made-up words' term numbers, ascending; ``terms``: every term."""
        self._numbers = [n for n in numbers if not is_name(terms[n])]
        words = [terms[n] for n in self._numbers]
        self._text = _GAP.join(words)
        self._starts: list[int] = []
        at = 0
        for word in words:
            self._starts.append(at)
            at += len(word) + len(_GAP)

    def holding(self, part: str) -> list[int]:
        """The numbers (ascending) of the made-up words holding ``part``; none for a
        part found more than ``INSIDE_MAX`` times, a fragment rather than a topic."""
        if len(part) < 2 or _GAP in part:
            return []
        found: list[int] = []
        find, starts, numbers = self._text.find, self._starts, self._numbers
        at = find(part)
        times = 0
        while at >= 0:
            times += 1
            if times > INSIDE_MAX:
                return []
            number = numbers[bisect_right(starts, at) - 1]
            if not found or found[-1] != number:
                found.append(number)
            at = find(part, at + 1)
        return found
