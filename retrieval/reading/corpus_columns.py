"""Every file's columns side by side: the corpus's chunks and interviews, made on access.

Joining files costs one copy of their rows (file number added, interview
numbers made the corpus's); strings stay in their file's table. A ``Chunk``
or an ``Interview`` is made from its row when it is asked for, with the very
values the loader once made for every one of them at start. The squeezed
texts (what the index matches phrases in) stay in their files' tables too,
each decoded when read: as lists they were a tenth of a large corpus's
serving memory, and a question reads a few hundred of them.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.reading.columns import (
    CHUNK_COLUMNS,
    INTERVIEW_COLUMNS,
    KINDS,
    NO_SPEAKER,
    FileColumns,
)
from fangtan.retrieval.reading.merged_people import PeopleView
from fangtan.retrieval.reading.speaker_groups import GroupsEntry, SpeakerGroups, kept_groups
from fangtan.retrieval.reading.texts import TextTable, decode_joined
from fangtan.retrieval.reading.views import Kept, LazySequence
from fangtan.retrieval.records import (
    Chunk,
    ChunkColumns,
    Interview,
    InterviewColumns,
    InterviewHead,
    ReadsMany,
    Speaker,
)

# A row of the corpus: the file's number, then the file's own row.
_CHUNK_WIDTH = 1 + len(CHUNK_COLUMNS)
_INTERVIEW_WIDTH = 1 + len(INTERVIEW_COLUMNS)
# Where each column is in a corpus row.
_C = {name: 1 + n for n, name in enumerate(CHUNK_COLUMNS)}
_I = {name: 1 + n for n, name in enumerate(INTERVIEW_COLUMNS)}
# Where a file's own chunk row names its squeezed prompt.
_PROMPT = CHUNK_COLUMNS.index("squeezed_prompt")


class CorpusColumns:
    """The rows of every file, numbered as the corpus numbers chunks and interviews."""

    def __init__(
        self,
        sources: Sequence[str],
        files: Sequence[FileColumns],
        people: PeopleView,
        groups_entry: GroupsEntry | None = None,
    ) -> None:
        self.sources = tuple(sources)
        self._groups_entry = groups_entry
        self._groups: SpeakerGroups | None = None
        self.people = people
        self._tables: list[TextTable] = [f.strings for f in files]
        # Python reads single numbers from an array faster than from numpy: the rows are
        # arrays, filled through numpy views of them (not copied from numpy's own).
        self._chunks = _zeros(sum(len(f.chunks) for f in files) * _CHUNK_WIDTH)
        self._interviews = _zeros(sum(len(f.interviews) for f in files) * _INTERVIEW_WIDTH)
        chunks = np.frombuffer(self._chunks, dtype=np.int32).reshape(-1, _CHUNK_WIDTH)
        interviews = np.frombuffer(self._interviews, dtype=np.int32).reshape(-1, _INTERVIEW_WIDTH)
        squeezed_tables = self._squeezed_tables = [f.squeezed for f in files]
        # Each file's chunks and interviews: (first, end).
        self._file_chunks: list[tuple[int, int]] = []
        self._file_interviews: list[tuple[int, int]] = []
        at = first = 0
        for number, f in enumerate(files):
            n, m = len(f.chunks), len(f.interviews)
            self._file_chunks.append((at, at + n))
            self._file_interviews.append((first, first + m))
            rows = chunks[at : at + n]
            rows[:, 0] = number
            rows[:, 1:] = f.chunks
            rows[:, _C["interview"]] += first
            heads = interviews[first : first + m]
            heads[:, 0] = number
            heads[:, 1:] = f.interviews
            at, first = at + n, first + m
        self.chunk_count = len(chunks)
        self.interview_count = len(interviews)
        # Where each squeezed string is: its file, and its number in the file's table
        # (a file's chunk texts come first, then its headlines).
        chunk_files, interview_files = chunks[:, 0], interviews[:, 0]
        sizes = [(len(f.chunks), len(f.interviews)) for f in files]
        local = np.concatenate([np.arange(n) for n, _ in sizes] or [np.empty(0, dtype=np.intp)])
        head_numbers = np.concatenate(
            [np.arange(n, n + m) for n, m in sizes] or [np.empty(0, dtype=np.intp)]
        )
        # Texts and prompts share their chunks' files: one array of them, not two.
        files_of_chunks = _numbers(chunk_files)
        self.squeezed = Squeezed(squeezed_tables, files_of_chunks, local)
        self.squeezed_prompts = Squeezed(
            squeezed_tables, files_of_chunks, chunks[:, _C["squeezed_prompt"]]
        )
        self.squeezed_headlines = Squeezed(squeezed_tables, interview_files, head_numbers)
        self._by_interview: tuple[array[int], array[int]] | None = None
        self._headlines: Kept[str] = Kept()
        self._speakers: list[Speaker | None] = [None] * self.interview_count

    # ------------------------------------------------------------- chunks

    def chunk(self, i: int) -> Chunk:
        w = i * _CHUNK_WIDTH
        number = self._chunks[w]
        return self._chunk(
            i, number, self._chunks[w + 1 : w + _CHUNK_WIDTH - 1], self._tables[number].text
        )

    def scan_chunks(self) -> Iterator[Chunk]:
        """Every chunk in order: each file's strings decoded at once, its rows read as lists."""
        rows = self._chunk_rows()
        for number, (first, end) in enumerate(self._file_chunks):
            if end == first:
                continue
            text = self._tables[number].strings().__getitem__
            block = rows[first:end].T.tolist()
            for i, row in zip(range(first, end), zip(*block[1:-1], strict=True), strict=True):
                yield self._chunk(i, number, row, text)

    def interview_ids(self) -> npt.NDArray[np.int32]:
        """Each chunk's interview, as one array."""
        return self._chunk_rows()[:, _C["interview"]]

    def spoken_texts(self) -> Iterator[str]:
        """The texts of the chunks whose interview has a named speaker, in order: each
        file's strings decoded at once, no chunk or speaker made."""
        named = self.speaker_groups().named()
        for _, _, texts in self._texts_by_file():
            yield from (text for interview, text in texts if named[interview])

    def _texts_by_file(self) -> Iterator[tuple[int, list[str], list[tuple[int, str]]]]:
        """Each file with chunks: its number, and its ``_chunk_texts``."""
        for number, (first, end) in enumerate(self._file_chunks):
            if end != first:
                yield number, *self._chunk_texts(number)

    def _chunk_texts(self, number: int) -> tuple[list[str], list[tuple[int, str]]]:
        """File ``number``'s strings (decoded at once) and its chunks' (interview, text),
        cut in one pass over its rows."""
        first, end = self._file_chunks[number]
        strings = self._tables[number].strings()
        columns = [_C[name] for name in ("interview", "passage", "start", "end")]
        texts = [
            (interview, strings[passage][start:cut])
            for interview, passage, start, cut in self._chunk_rows()[first:end, columns].tolist()
        ]
        return strings, texts

    def file_texts(self, number: int) -> tuple[list[str], list[str]]:
        """File ``number``'s chunks' texts and interviews' headlines: its strings decoded
        at once, no chunk or interview made."""
        strings, texts = self._chunk_texts(number)
        start, stop = self._file_interviews[number]
        heads = self._interview_rows()[start:stop, _I["headline"]].tolist()
        return [text for _, text in texts], [strings[n] for n in heads]

    def file_squeezed(self, number: int) -> list[str]:
        """File ``number``'s chunks' squeezed texts: the first of its squeezed strings."""
        first, end = self._file_chunks[number]
        return self._squeezed_tables[number].strings()[: end - first]

    def file_chars(self, number: int) -> int:
        """The characters of file ``number``'s strings (two bytes each in its table)."""
        blob, _ = self._tables[number].layout()
        return len(blob) // 2

    def file_sizes(self) -> list[tuple[str, int, int]]:
        """Each file's name and how many chunks and interviews it gave, in corpus order."""
        return [
            (source, end - first, stop - start)
            for source, (first, end), (start, stop) in zip(
                self.sources, self._file_chunks, self._file_interviews, strict=True
            )
        ]

    def paragraph_count(self) -> int:
        """Distinct (file, headline, paragraph, passage): strings are numbered by value."""
        rows = self._chunk_rows()
        if not len(rows):
            return 0
        headlines = self._interview_rows()[rows[:, _C["interview"]], _I["headline"]]
        keys = np.stack(
            (rows[:, 0], headlines, rows[:, _C["paragraph"]], rows[:, _C["passage"]]), axis=1
        )
        return len(np.unique(keys, axis=0))

    def _chunk(self, i: int, number: int, row: Sequence[int], text: Callable[[int], str]) -> Chunk:
        """Chunk ``i`` of file ``number`` from its row (without the squeezed prompt);
        ``text`` gives the strings of its file."""
        interview, paragraph, kind, passage, start, end, prompt = row
        whole = text(passage)
        headline, speaker = self.headline_and_speaker(interview, text)
        return Chunk(
            i,
            self.sources[number],
            interview,
            paragraph,
            speaker,
            headline,
            whole[start:end],
            KINDS[kind],
            text(prompt),
            whole,
        )

    def _chunk_text(self, i: int, text: Callable[[int], str]) -> str:
        w = i * _CHUNK_WIDTH
        rows = self._chunks
        return text(rows[w + _C["passage"]])[rows[w + _C["start"]] : rows[w + _C["end"]]]

    def _chunk_rows(self) -> npt.NDArray[np.int32]:
        rows = np.frombuffer(self._chunks, dtype=np.int32).reshape(-1, _CHUNK_WIDTH)
        rows.flags.writeable = False
        return rows

    def _interview_rows(self) -> npt.NDArray[np.int32]:
        rows = np.frombuffer(self._interviews, dtype=np.int32).reshape(-1, _INTERVIEW_WIDTH)
        rows.flags.writeable = False
        return rows

    # --------------------------------------------------------- interviews

    def interview(self, j: int) -> Interview:
        return self._interview(j, self._tables[self._interviews[j * _INTERVIEW_WIDTH]].text)

    def scan_interviews(self) -> Iterator[Interview]:
        """Every interview in order: each file's strings decoded at once, and its chunks'
        texts cut in one pass over its rows."""
        for number, strings, chunk_texts in self._texts_by_file():
            first, end = self._file_interviews[number]
            paragraphs: list[list[str]] = [[] for _ in range(first, end)]
            for interview, chunk_text in chunk_texts:
                paragraphs[interview - first].append(chunk_text)
            text = strings.__getitem__
            for j, texts in zip(range(first, end), paragraphs, strict=True):
                headline, speaker = self.headline_and_speaker(j, text)
                yield Interview(
                    j, self.sources[number], headline, speaker, tuple(texts), header=headline
                )

    def headline_and_speaker(
        self, j: int, text: Callable[[int], str] | None = None
    ) -> tuple[str, Speaker]:
        """What every chunk of interview ``j`` shares; kept, as its chunks come together.
        ``text`` gives the strings of the interview's file (else they are decoded)."""
        headline = self._headlines.get(j)
        if headline is None:
            w = j * _INTERVIEW_WIDTH
            text = text or self._tables[self._interviews[w]].text
            headline = self._headlines.keep(j, text(self._interviews[w + _I["headline"]]))
        return headline, self.speaker(j, text)

    def head(self, j: int) -> InterviewHead:
        """Interview ``j`` without its paragraphs' texts."""
        headline, speaker = self.headline_and_speaker(j)
        _, starts = self._chunks_by_interview()
        source = self.sources[self._interviews[j * _INTERVIEW_WIDTH]]
        return InterviewHead(j, source, headline, speaker, starts[j + 1] - starts[j])

    def speakers_at(self, indices: list[int]) -> list[Speaker]:
        """The speakers of chunks ``indices``, without making the chunks."""
        interviews = self.interview_ids()[indices].tolist()
        known = self._speakers
        found = [known[j] for j in interviews]
        for k, speaker in enumerate(found):
            if speaker is None:
                found[k] = self.speaker(interviews[k])
        return found

    def speaker(self, j: int, text: Callable[[int], str] | None = None) -> Speaker:
        """Interview ``j``'s speaker. Each is kept once made: a search asks for two
        hundred at once, and a pointer per interview is little beside its rows."""
        found = self._speakers[j]
        if found is None:
            found = self._speakers[j] = self.people.speaker(self._speaker_key(j, text))
        return found

    def roles(self, j: int) -> tuple[str, ...]:
        """Interview ``j``'s speaker's roles, from its speaker if made, else without
        making one."""
        found = self._speakers[j]
        if found is not None:
            return found.roles
        key = self._speaker_key(j)
        return () if key is None else self.people.roles_of(key)

    def _speaker_key(self, j: int, text: Callable[[int], str] | None = None) -> str | None:
        """Interview ``j``'s speaker's key (None for nobody); ``text`` as in ``speaker``."""
        w = j * _INTERVIEW_WIDTH
        number, who = self._interviews[w], self._interviews[w + _I["speaker"]]
        return None if who == NO_SPEAKER else (text or self._tables[number].text)(who)

    def speaker_names(self) -> list[str | None]:
        """Each interview's speaker's name, as the interview shows it, without making any:
        who speaks where is all the engine needs of every interview at start."""
        rows, tables, name_of = self._interviews, self._tables, self.people.name_of
        return [
            None if who == NO_SPEAKER else name_of(tables[number].text(who))
            for number, who in zip(
                rows[::_INTERVIEW_WIDTH], rows[_I["speaker"] :: _INTERVIEW_WIDTH], strict=True
            )
        ]

    def speaker_groups(self) -> SpeakerGroups:
        """Each named speaker's interviews: from their entry when the loader gave one."""
        if self._groups is None:
            self._groups = kept_groups(
                self._groups_entry,
                self.interview_count,
                lambda: SpeakerGroups.of(self.speaker_names()),
            )
        return self._groups

    def _interview(self, j: int, text: Callable[[int], str]) -> Interview:
        number = self._interviews[j * _INTERVIEW_WIDTH]
        headline, speaker = self.headline_and_speaker(j, text)
        order, starts = self._chunks_by_interview()
        paragraphs = tuple(self._chunk_text(c, text) for c in order[starts[j] : starts[j + 1]])
        return Interview(j, self.sources[number], headline, speaker, paragraphs, header=headline)

    def chunk_ids(self, j: int) -> array[int]:
        """Interview ``j``'s chunks' numbers, in order."""
        order, starts = self._chunks_by_interview()
        return order[starts[j] : starts[j + 1]]

    def _chunks_by_interview(self) -> tuple[array[int], array[int]]:
        """Chunk numbers grouped by interview, in order, and where each interview's begin."""
        if self._by_interview is None:
            interviews = self.interview_ids()
            order = np.argsort(interviews, kind="stable").astype(np.int32)
            starts = np.searchsorted(interviews[order], np.arange(self.interview_count + 1)).astype(
                np.int32
            )
            self._by_interview = (array("i", order.tobytes()), array("i", starts.tobytes()))
        return self._by_interview

    # -------------------------------------------------------------- views

    def chunks(self) -> ChunkSequence:
        return ChunkSequence(self)

    def interviews(self) -> InterviewSequence:
        return InterviewSequence(self)


class ChunkSequence(LazySequence[Chunk], ChunkColumns):
    """The corpus's chunks; also answers what needs all of them from the columns alone."""

    __slots__ = ("_columns",)

    def __init__(self, columns: CorpusColumns) -> None:
        super().__init__(columns.chunk_count, columns.chunk, scan=columns.scan_chunks)
        self._columns = columns

    def interview_ids(self) -> npt.NDArray[np.int32]:
        """Each chunk's ``interview_id``, without making any chunk."""
        return self._columns.interview_ids()

    def paragraph_count(self) -> int:
        """``Corpus.paragraphs`` without making any chunk."""
        return self._columns.paragraph_count()

    def file_sizes(self) -> list[tuple[str, int, int]]:
        """Each file's chunks and interviews, counted without making any."""
        return self._columns.file_sizes()

    def file_texts(self, number: int) -> tuple[list[str], list[str]]:
        """A file's chunks' texts and headlines, without making any chunk."""
        return self._columns.file_texts(number)

    def file_squeezed(self, number: int) -> list[str]:
        return self._columns.file_squeezed(number)

    def file_chars(self, number: int) -> int:
        return self._columns.file_chars(number)

    def speakers_at(self, indices: list[int]) -> list[Speaker]:
        """``chunks[i].speaker`` for each of ``indices``, without making any chunk."""
        return self._columns.speakers_at(indices)

    def spoken_texts(self) -> Iterator[str]:
        """The named speakers' chunks' texts, without making any chunk."""
        return self._columns.spoken_texts()


class InterviewSequence(LazySequence[Interview], InterviewColumns):
    """The corpus's interviews; also names their speakers from the columns alone."""

    __slots__ = ("_columns",)

    def __init__(self, columns: CorpusColumns) -> None:
        super().__init__(columns.interview_count, columns.interview, scan=columns.scan_interviews)
        self._columns = columns

    def speaker_names(self) -> list[str | None]:
        """Each interview's ``speaker.name``, without making any interview."""
        return self._columns.speaker_names()

    def speaker_groups(self) -> SpeakerGroups:
        return self._columns.speaker_groups()

    def head(self, j: int) -> InterviewHead:
        return self._columns.head(j)

    def speaker(self, j: int) -> Speaker:
        return self._columns.speaker(j)

    def roles(self, j: int) -> tuple[str, ...]:
        return self._columns.roles(j)

    def chunk_ids(self, j: int) -> Sequence[int]:
        return self._columns.chunk_ids(j)


class Squeezed(ReadsMany):
    """Squeezed strings by number, each decoded from its file's table when read."""

    __slots__ = (
        "_blobs",
        "_files",
        "_numbers",
        "_odd",
        "_offsets",
        "_places",
        "_tables",
        "_texts",
    )

    def __init__(
        self,
        tables: Sequence[TextTable],
        files: npt.NDArray[np.int32] | array[int],
        numbers: npt.NDArray[np.int32],
    ) -> None:
        self._tables = list(tables)
        self._texts = [t.text for t in tables]
        layouts = [t.layout() for t in tables]
        self._blobs = [blob for blob, _ in layouts]
        self._offsets = [offsets for _, offsets in layouts]
        self._odd = any(t.has_odd for t in tables)
        self._files = files if isinstance(files, array) else _numbers(files)
        self._numbers = _numbers(numbers)
        self._places: _Places | None = None

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._texts[self._files[index]](self._numbers[index])

    def __iter__(self) -> Iterator[str]:
        texts, numbers = self._texts, self._numbers
        for i, file in enumerate(self._files):
            yield texts[file](numbers[i])

    def many(self, indices: list[int]) -> list[str]:
        """``[self[i] for i in indices]``, decoded together (twice as fast).

        Where each string lies is looked up for all of them at once (see
        ``_Places``): looked up one by one, that was half of reading two hundred.
        """
        places = self._places
        if places is None:
            places = self._places = self._layout()
        return self._read(places, indices)

    def every(self) -> list[str]:
        """Every string, decoded together. Where they lie is worked out for this and not
        kept: a table read whole once (the headlines, kept decoded) would keep it for
        nothing."""
        return self._read(self._places or self._layout(), list(range(len(self))))

    def _layout(self) -> _Places:
        return _Places(self._files, self._numbers, self._offsets)

    def _read(self, places: _Places, indices: list[int]) -> list[str]:
        files, starts, ends = places.of(indices)
        blobs = self._blobs
        found = decode_joined([blobs[f][a:b] for f, a, b in zip(files, starts, ends, strict=True)])
        if self._odd:
            tables, numbers = self._tables, self._numbers
            for j, (f, i) in enumerate(zip(files, indices, strict=True)):
                kept = tables[f].odd(numbers[i])
                if kept is not None:
                    found[j] = kept
        return found


class _Places:
    """Where each string of a ``Squeezed`` lies: its file, and its bytes in the file's
    blob, as arrays indexed together. The files' offsets are copied once into one
    array (8 bytes a string); the files and numbers are the columns' own memory."""

    __slots__ = ("_files", "_first", "_numbers", "_offsets")

    def __init__(
        self, files: array[int], numbers: array[int], offsets: Sequence[array[int]]
    ) -> None:
        self._files = np.asarray(files, dtype=np.int32)
        self._numbers = np.asarray(numbers, dtype=np.int32)
        # Where each file's offsets start in the joined array.
        self._first = np.cumsum([0, *map(len, offsets)])[:-1].astype(np.int64)
        joined = [np.asarray(o, dtype=np.int64) for o in offsets]
        self._offsets = np.concatenate(joined) if joined else np.zeros(1, dtype=np.int64)

    def of(self, indices: list[int]) -> tuple[list[int], list[int], list[int]]:
        """(file, start, end) of each of ``indices``, as lists."""
        at = np.array(indices, dtype=np.intp)
        files = self._files[at]
        where = self._first[files] + self._numbers[at]
        return files.tolist(), self._offsets[where].tolist(), self._offsets[where + 1].tolist()


def _zeros(count: int) -> array[int]:
    return array("i", bytes(4 * count))


def _numbers(values: npt.NDArray[np.integer[Any]]) -> array[int]:
    """Python reads single numbers from an ``array`` faster than from numpy."""
    return array("i", values.astype(np.int32).tobytes())
