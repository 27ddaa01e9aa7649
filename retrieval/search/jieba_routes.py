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
the prefixes: one lookup each, and no graph built at all. A process that cuts
much text looks each word's log probability up in a table made once, rather than
taking a logarithm per word found (the same subtraction, done beforehand).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from math import inf, log
from typing import Any

from fangtan.retrieval.search.jieba_loader import jieba

Route = dict[int, tuple[float, int]]

# jieba's own splitting of a text before cutting: runs it cuts, and whitespace.
_CUTTABLE = jieba.re_han_default
_SPACE = jieba.re_skip_default
_LATIN = jieba.re_eng  # a letter or digit jieba joins to its neighbours without its model

# Characters cut with one dictionary before its words' log probabilities are worked out
# once (``Cutter._logs``): ~0.15 s and ~40 MiB for jieba's dictionary, repaid after
# a few million characters; a process cutting questions alone never gets there.
LOGS_AFTER = 1_000_000
# A prefix of a word that is no word itself, in the table of log probabilities.
_PREFIX = inf


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._logs: dict[str, float] | None = None
        # The dictionary cut with, its size and jieba's total, when last looked at.
        self._logs_of: tuple[object, tuple[int, float]] | None = None
        self._cut_since_change = 0

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """jieba's ``add_word``; a word set to 0 changes neither the dictionary's size
        nor the total, so the table of log probabilities is dropped here."""
        super().add_word(word, freq, tag)
        self._forget_logs()

    def _forget_logs(self) -> None:
        """No table, and the characters cut since counted afresh."""
        self._logs = self._logs_of = None

    def _log_table(self, size: int) -> dict[str, float] | None:
        """Each word's ``log(freq) - log(total)`` (``_PREFIX`` for a prefix only), once
        ``LOGS_AFTER`` characters were cut since the dictionary last changed. Only for
        jieba's own dict: a ``TableFreq`` cuts few characters. A change to the
        dictionary changes its size or the total (``add_word`` adds a word's frequency
        to it) or goes through ``add_word``."""
        freq = self.FREQ
        if type(freq) is not dict:
            return None
        now = (len(freq), self.total)
        if self._logs_of is None or self._logs_of[0] is not freq or self._logs_of[1] != now:
            self._logs_of = (freq, now)
            self._logs = None
            self._cut_since_change = 0
        elif self._logs is not None:
            return self._logs
        self._cut_since_change += size
        if self._cut_since_change < LOGS_AFTER:
            return None
        total = log(self.total)
        self._logs = {word: log(n) - total if n else _PREFIX for word, n in freq.items()}
        return self._logs

    @contextmanager
    def cutting(self, chars: int) -> Iterator[None]:
        """``chars`` characters are about to be cut, here or by processes forked here: the
        table of log probabilities is made now if that is enough text, so each of them
        inherits it rather than cutting its first ``LOGS_AFTER`` characters without one
        and then making its own. A table made for them is dropped after, and the count
        of characters cut starts again (they were counted, but cut elsewhere)."""
        had = self._logs
        self._log_table(chars)
        try:
            yield
        finally:
            if had is None:
                self._forget_logs()

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
        """``calc`` over the graph ``get_DAG`` would make, without making it."""
        scores, ends = self._best(sentence)
        route.update(enumerate(zip(scores, ends, strict=True)))

    def _best(self, sentence: str) -> tuple[list[float], list[int]]:
        """For each position, the best route's score and where its first word ends (and
        jieba's (0, 0) past the end): each word starting at a position is scored as its
        prefix is looked up (the same scores, in the same order of ends, as scoring the
        graph's list of them; ``max`` over (score, end) prefers the later end on a tie,
        as here)."""
        logs = self._log_table(len(sentence))
        if logs is not None:
            return self._best_logged(sentence, logs)
        size = len(sentence)
        scores: list[float] = [0] * (size + 1)
        ends = [0] * (size + 1)
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
                    here = log(freq) - total + scores[end + 1]
                    if best < 0 or here >= score:
                        best, score = end, here
                end += 1
                if end >= size:
                    break
                freq = get(sentence[start : end + 1])
            if best < 0:
                # No word starts here: the graph's one end is the character itself, whose
                # frequency (none, or 0 as a prefix) counts as 1.
                best, score = start, log(get(sentence[start]) or 1) - total + scores[start + 1]
            scores[start] = score
            ends[start] = best
        return scores, ends

    def _best_logged(self, sentence: str, logs: dict[str, float]) -> tuple[list[float], list[int]]:
        """``_best`` with each word's ``log(freq) - total`` looked up, not worked out:
        the same numbers, added in the same order."""
        size = len(sentence)
        scores: list[float] = [0] * (size + 1)
        ends = [0] * (size + 1)
        unknown = log(1) - log(self.total)
        get = logs.get
        for start in range(size - 1, -1, -1):
            best = -1
            score = 0.0
            end = start
            logp = get(sentence[start])
            while logp is not None:
                if logp < _PREFIX:
                    here = logp + scores[end + 1]
                    if best < 0 or here >= score:
                        best, score = end, here
                end += 1
                if end >= size:
                    break
                logp = get(sentence[start : end + 1])
            if best < 0:
                best, score = start, unknown + scores[start + 1]
            scores[start] = score
            ends[start] = best
        return scores, ends

    def cut(  # jieba's names
        self, sentence: str, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> Iterator[str]:
        """jieba's ``cut``, as ``lcut`` lists it (jieba's own ``suggest_freq`` and
        ``cut_for_search`` cut through it too)."""
        return iter(self.lcut(sentence, cut_all, HMM, use_paddle))

    def lcut(
        self, sentence: str, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> list[str]:
        """jieba's ``lcut``; the precise mode, with its hidden Markov model or without, in
        one list built as the route is walked, rather than through nested generators."""
        if cut_all or use_paddle:
            return list(super().cut(sentence, cut_all, HMM, use_paddle))
        return self._precise(sentence, HMM)

    def lcut_for_search(self, sentence: str, HMM: bool = True) -> list[str]:
        """jieba's ``lcut_for_search``: each word of the precise cut, after the
        dictionary's two- and then three-character words inside it, in order."""
        get = self.FREQ.get
        words: list[str] = []
        for word in self._precise(sentence, HMM):
            size = len(word)
            if size > 2:
                words.extend(gram for i in range(size - 1) if get(gram := word[i : i + 2]))
                if size > 3:
                    words.extend(gram for i in range(size - 2) if get(gram := word[i : i + 3]))
            words.append(word)
        return words

    def _precise(self, sentence: str, hmm: bool = True) -> list[str]:
        """``cut(sentence, HMM=hmm)`` as a list: runs of characters jieba cuts, cut by
        the best route (``_walk``, ``_walk_plain``); whitespace as it stands; any other
        character alone."""
        self.check_initialized()
        walk = self._walk if hmm else self._walk_plain
        words: list[str] = []
        for block in _CUTTABLE.split(jieba.strdecode(sentence)):
            if not block:
                continue
            if _CUTTABLE.match(block):
                walk(block, words)
                continue
            for piece in _SPACE.split(block):
                if _SPACE.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
        return words

    def _walk(self, block: str, words: list[str]) -> None:
        """jieba's ``__cut_DAG``: the best route's words, with each run of single
        characters between them kept whole if it is one word of the dictionary, split
        into characters if a word but 0 (a prefix only) or, unknown, cut by the model."""
        ends = self._best(block)[1]
        get = self.FREQ.get
        size = len(block)
        run = 0  # where the current run of single characters starts
        start = 0
        while start < size:
            after = ends[start] + 1
            if after - start > 1:
                if run < start:
                    self._run(block[run:start], words, get)
                words.append(block[start:after])
                run = after
            start = after
        if run < size:
            self._run(block[run:], words, get)

    def _walk_plain(self, block: str, words: list[str]) -> None:
        """jieba's ``__cut_DAG_NO_HMM``: the best route's words, with each run of single
        Latin letters or digits between them joined into one."""
        ends = self._best(block)[1]
        latin = _LATIN.match
        size = len(block)
        run = -1  # where the current run of single Latin characters starts, if one is
        start = 0
        while start < size:
            after = ends[start] + 1
            if after - start == 1 and latin(block[start]):
                if run < 0:
                    run = start
            else:
                if run >= 0:
                    words.append(block[run:start])
                    run = -1
                words.append(block[start:after])
            start = after
        if run >= 0:
            words.append(block[run:])

    @staticmethod
    def _run(run: str, words: list[str], get: Callable[[str], int | None]) -> None:
        if len(run) == 1:
            words.append(run)
        elif not get(run):
            words.extend(jieba.finalseg.cut(run))
        else:
            words.extend(run)


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
