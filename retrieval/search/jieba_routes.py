"""jieba's tokenizer with its word graph and best route worked out in fewer steps.

Cutting a corpus is most of a build, and most of cutting is two methods of
``jieba.Tokenizer``: ``get_DAG`` (which words of the dictionary start at each
character) and ``calc`` (the most probable route through them). Both are
written for clarity: two dictionary lookups per prefix, and a generator, a
tuple and a ``max`` per character. ``Cutter`` makes the same graph and the same
route, bit for bit: the same lookups, the same floating-point operations in the
same order, and ties settled as ``max`` settles them (the later end wins).
Everything else is jieba's own.

jieba asks for the graph only to hand it to ``calc`` (cutting with or without
its hidden Markov model, and tagging); only cutting into every word reads the
graph itself. So ``get_DAG`` gives a graph that is worked out when something
reads it, and ``calc``, handed one of these, finds the route in one pass over
the prefixes: one lookup each, and no graph built at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from math import log

from fangtan.retrieval.search.jieba_loader import jieba

Route = dict[int, tuple[float, int]]


class Graph(Mapping[int, list[int]]):
    """For each position of ``sentence``, where the dictionary's words starting there
    end (itself when none do): jieba's graph, made on first reading."""

    def __init__(self, cutter: Cutter, sentence: str) -> None:
        self.sentence = sentence
        self._cutter = cutter
        self._ends: dict[int, list[int]] | None = None

    @property
    def read(self) -> bool:
        """Has anything read the graph (so that it was made)?"""
        return self._ends is not None

    def _made(self) -> dict[int, list[int]]:
        if self._ends is None:
            self._ends = _ends(self._cutter.FREQ, self.sentence)
        return self._ends

    def __getitem__(self, start: int) -> list[int]:
        return self._made()[start]

    def __iter__(self) -> Iterator[int]:
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._made())


class Cutter(jieba.Tokenizer):  # type: ignore[misc]  # jieba has no type hints
    """``jieba.Tokenizer``, cutting exactly as it does, in less time."""

    def get_DAG(self, sentence: str) -> Graph:  # jieba's names
        """jieba's word graph of ``sentence``, made when it is read (see ``Graph``)."""
        self.check_initialized()
        return Graph(self, sentence)

    def calc(self, sentence: str, DAG: Mapping[int, list[int]], route: Route) -> None:
        """The best route from each position to the end: its log probability and where
        its first word ends, summed as jieba sums it, so equal to the bit. A graph of
        ``get_DAG``'s is never read for it: the route walks the prefixes it holds."""
        if isinstance(DAG, Graph) and DAG.sentence == sentence:
            self._route(sentence, route)
        else:
            super().calc(sentence, DAG, route)  # a graph made elsewhere: jieba's own way

    def _route(self, sentence: str, route: Route) -> None:
        """``calc`` over the graph ``get_DAG`` would make, without making it: each word
        starting at a position is scored as its prefix is looked up (the same scores,
        in the same order of ends, as scoring the graph's list of them; ``max`` over
        (score, end) prefers the later end on a tie, as here)."""
        size = len(sentence)
        route[size] = (0, 0)
        total = log(self.total)
        get = self.FREQ.get
        for start in range(size - 1, -1, -1):
            best = -1
            score = 0.0
            end = start
            # One lookup per prefix: FREQ holds numbers, never None; 0 for a prefix only.
            freq = get(sentence[start])
            while freq is not None:
                if freq:
                    here = log(freq) - total + route[end + 1][0]
                    if best < 0 or here >= score:
                        best, score = end, here
                end += 1
                if end >= size:
                    break
                freq = get(sentence[start : end + 1])
            if best < 0:
                # No word starts here: the graph's one end is the character itself, whose
                # frequency (none, or 0 as a prefix) counts as 1.
                best, score = start, log(get(sentence[start]) or 1) - total + route[start + 1][0]
            route[start] = (score, best)


def _ends(freq: Mapping[str, int], sentence: str) -> dict[int, list[int]]:
    """jieba's graph: for each position, where words starting there end (itself when none
    do). A prefix of a word is in ``freq`` with frequency 0."""
    get = freq.get
    size = len(sentence)
    graph: dict[int, list[int]] = {}
    for start in range(size):
        ends = []
        end = start
        # One lookup per prefix: FREQ holds numbers, never None.
        found = get(sentence[start])
        while found is not None:
            if found:
                ends.append(end)
            end += 1
            if end >= size:
                break
            found = get(sentence[start : end + 1])
        graph[start] = ends or [start]
    return graph
