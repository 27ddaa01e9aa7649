"""One file's interviews and chunks as columns of numbers over its distinct strings.

This is what reading a file yields and what its cache entry keeps: a chunk is
a row of numbers (its interview, paragraph, kind, and which strings are its
passage and prompt), its text the slice ``start:end`` of its passage. A
string said many times (a prompt, a headline) is kept once, and loading an
entry makes no object per chunk at all.

The squeezed forms the index matches phrases in are a table of their own, in
order: each chunk's text, then each interview's headline, then the prompts
(which a chunk row names). The index reads them for every candidate of every
question, so a load decodes them all at once into lists.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.texts import TextTable
from fangtan.retrieval.search.normalize import squeeze_all

Rows = npt.NDArray[np.int32]

# Kinds by their number in a row.
KINDS: tuple[Kind, ...] = tuple(Kind)
_KIND_NUMBERS = {kind: n for n, kind in enumerate(KINDS)}

# The columns of a chunk row and of an interview row, in order.
CHUNK_COLUMNS = (
    "interview",
    "paragraph",
    "kind",
    "passage",
    "start",
    "end",
    "prompt",
    "squeezed_prompt",
)
INTERVIEW_COLUMNS = ("headline", "speaker")
NO_SPEAKER = -1
_C = {name: n for n, name in enumerate(CHUNK_COLUMNS)}


@dataclass(frozen=True)
class FileColumns:
    """``chunks`` and ``interviews`` are rows of the columns above; strings by number."""

    strings: TextTable
    squeezed: TextTable
    chunks: Rows
    interviews: Rows

    def plain(self) -> tuple[Any, ...]:
        """The columns as marshal can write them."""
        return (
            self.strings.plain(),
            self.squeezed.plain(),
            self.chunks.tobytes(),
            self.interviews.tobytes(),
        )

    @classmethod
    def from_plain(cls, plain: Any) -> FileColumns:
        """The columns of ``plain``; a ValueError if they do not hold together."""
        strings, squeezed, chunks, interviews = plain
        columns = cls(
            TextTable.from_plain(strings),
            TextTable.from_plain(squeezed),
            _rows(chunks, len(CHUNK_COLUMNS)),
            _rows(interviews, len(INTERVIEW_COLUMNS)),
        )
        columns.check()
        return columns

    def check(self) -> None:
        """Every number in range: a row that points nowhere would fail a question, not a load."""
        chunks, interviews, count = self.chunks, self.interviews, len(self.strings)
        if len(self.squeezed) < len(chunks) + len(interviews):
            raise ValueError("squeezed texts missing")
        if len(chunks):
            low, high = chunks.min(axis=0).tolist(), chunks.max(axis=0).tolist()
            del low[_C["paragraph"]]  # any number a reader gives
            if (
                min(low) < 0
                or high[_C["interview"]] >= len(interviews)
                or high[_C["kind"]] >= len(KINDS)
                or max(high[_C["passage"]], high[_C["prompt"]]) >= count
                or high[_C["squeezed_prompt"]] >= len(self.squeezed)
                or bool((chunks[:, _C["start"]] > chunks[:, _C["end"]]).any())
            ):
                raise ValueError("chunk columns point outside the file")
        if len(interviews):
            low, high = interviews.min(axis=0).tolist(), interviews.max(axis=0).tolist()
            if low[0] < 0 or low[1] < NO_SPEAKER or max(high) >= count:
                raise ValueError("interview columns point outside the file")


def _rows(data: Any, width: int) -> Rows:
    if not isinstance(data, bytes):
        raise TypeError("columns are not bytes")
    flat = np.frombuffer(data, dtype=np.int32)
    if len(flat) % width:
        raise ValueError("columns cut short")
    return flat.reshape(-1, width)


class ColumnsBuilder:
    """Collects a file's interviews and chunks as it is read."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._chunks = array("i")
        self._interviews = array("i")
        self._texts: list[str] = []  # the chunks' texts, squeezed together at the end
        self._headlines: list[str] = []
        self._prompts: dict[str, int] = {}  # squeezed prompts by prompt
        self.interviews = 0

    def interview(self, headline: str, speaker: str | None) -> int:
        """A new interview's number in the file."""
        who = NO_SPEAKER if speaker is None else self._number(speaker)
        self._interviews.extend((self._number(headline), who))
        self._headlines.append(headline)
        self.interviews += 1
        return self.interviews - 1

    def chunk(
        self,
        interview: int,
        paragraph: int,
        kind: Kind,
        passage: str,
        start: int,
        end: int,
        prompt: str,
    ) -> None:
        """A chunk whose text is ``passage[start:end]``."""
        self._chunks.extend(
            (
                interview,
                paragraph,
                _KIND_NUMBERS[kind],
                self._number(passage),
                start,
                end,
                self._number(prompt),
                self._prompts.setdefault(prompt, len(self._prompts)),
            )
        )
        self._texts.append(passage[start:end])

    def columns(self) -> FileColumns:
        # Squeezed in one call (see normalize.squeeze_all): one by one, most of the time
        # went to each call's own overhead. A headline recurs interview after interview.
        distinct = list(dict.fromkeys(self._headlines))
        texts = squeeze_all([*self._texts, *distinct, *(p for p in self._prompts if p)])
        squeezed = texts[: len(self._texts)]
        by_headline = dict(zip(distinct, texts[len(squeezed) :], strict=False))
        headlines = [by_headline[h] for h in self._headlines]
        rest = iter(texts[len(squeezed) + len(distinct) :])
        prompts = [next(rest) if p else "" for p in self._prompts]
        chunks = np.array(self._chunks, dtype=np.int32).reshape(-1, len(CHUNK_COLUMNS))
        first_prompt = len(squeezed) + len(headlines)
        if len(chunks):
            chunks[:, _C["squeezed_prompt"]] += first_prompt
        return FileColumns(
            TextTable.of(self._numbers),
            TextTable.of([*squeezed, *headlines, *prompts]),
            chunks,
            np.array(self._interviews, dtype=np.int32).reshape(-1, len(INTERVIEW_COLUMNS)),
        )

    def _number(self, text: str) -> int:
        number = self._numbers.get(text)
        if number is None:
            number = self._numbers[text] = len(self._numbers)
        return number


NO_COLUMNS = ColumnsBuilder().columns()
