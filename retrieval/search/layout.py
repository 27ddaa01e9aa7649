"""Which rows of the index each corpus file gave, kept with the index.

An index cache that no longer matches the corpus because one file changed
is still right for every other file: their chunks and interviews are runs
of the index's rows, in file order. Kept beside the postings, each file's
name, digest, counts and the words it teaches jieba (see
``corpus_vocabulary``) let a rebuild replace that file's rows alone
(``splice``) and know whether the tokenizer's words changed without reading
every paragraph again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.records import ChunkColumns, Corpus, Interview
from fangtan.retrieval.search.tokenize import quoted_terms

Arrays = dict[str, npt.NDArray[np.generic]]
Counts = npt.NDArray[np.int64]


def interview_words(interviews: Iterable[Interview]) -> set[str]:
    """Names, organisations, posts and quoted terms, to keep whole in jieba."""
    words: set[str] = set()
    for interview in interviews:
        speaker = interview.speaker
        words.update(w for w in (speaker.name, speaker.organisation, speaker.post) if w)
        words.update(quoted_terms(interview.headline))
        for paragraph in interview.paragraphs:
            words.update(quoted_terms(paragraph))
    return words


def _joined(strings: Iterable[str]) -> npt.NDArray[np.uint8]:
    return np.frombuffer("\0".join(strings).encode("utf-8"), dtype=np.uint8)


def _split(data: npt.NDArray[np.generic], count: int) -> tuple[str, ...]:
    text = bytes(data).decode("utf-8")
    parts = tuple(text.split("\0")) if count else ()
    if len(parts) != count:
        raise ValueError("the file layout's strings do not match its counts")
    return parts


@dataclass(frozen=True)
class FileLayout:
    """Per corpus file, in corpus order: name, digest, chunks, interviews and words."""

    names: tuple[str, ...]
    digests: tuple[str, ...]
    chunks: Counts
    interviews: Counts
    words: tuple[tuple[str, ...], ...]

    def chunk_starts(self) -> Counts:
        return np.concatenate(([0], np.cumsum(self.chunks))).astype(np.int64)

    def interview_starts(self) -> Counts:
        return np.concatenate(([0], np.cumsum(self.interviews))).astype(np.int64)

    def vocabulary(self) -> set[str]:
        words: set[str] = set()
        for some in self.words:
            words.update(some)
        return words

    def replaced(
        self, number: int, digest: str, chunks: int, interviews: int, words: Iterable[str]
    ) -> FileLayout:
        """The layout with file ``number`` as it is now."""
        chunk_counts, interview_counts = self.chunks.copy(), self.interviews.copy()
        chunk_counts[number], interview_counts[number] = chunks, interviews
        return FileLayout(
            self.names,
            (*self.digests[:number], digest, *self.digests[number + 1 :]),
            chunk_counts,
            interview_counts,
            (*self.words[:number], tuple(sorted(words)), *self.words[number + 1 :]),
        )

    def arrays(self) -> Arrays:
        words = [w for some in self.words for w in some]
        return {
            "file_names": _joined(self.names),
            "file_digests": _joined(self.digests),
            "file_chunks": self.chunks,
            "file_interviews": self.interviews,
            "file_word_counts": np.array([len(w) for w in self.words], dtype=np.int64),
            "file_words": _joined(words),
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, npt.NDArray[np.generic]]) -> FileLayout:
        """The layout ``arrays`` gave; KeyError or ValueError when it is not there or not whole."""
        chunks = np.asarray(data["file_chunks"], dtype=np.int64)
        interviews = np.asarray(data["file_interviews"], dtype=np.int64)
        counts = np.asarray(data["file_word_counts"], dtype=np.int64)
        files = len(chunks)
        if len(interviews) != files or len(counts) != files:
            raise ValueError("the file layout's columns differ in length")
        if files and min(int(chunks.min()), int(interviews.min()), int(counts.min())) < 0:
            raise ValueError("the file layout holds negative counts")
        flat = _split(data["file_words"], int(counts.sum()))
        ends = np.cumsum(counts).tolist()
        words = tuple(flat[end - n : end] for end, n in zip(ends, counts.tolist(), strict=True))
        return cls(
            _split(data["file_names"], files),
            _split(data["file_digests"], files),
            chunks,
            interviews,
            words,
        )


def file_sizes(corpus: Corpus) -> list[tuple[str, int, int]] | None:
    """Each file's (name, chunks, interviews) in corpus order; None when the corpus cannot
    tell without making every chunk."""
    chunks = corpus.chunks
    if isinstance(chunks, ChunkColumns):
        return chunks.file_sizes()
    return None


def layout_of(corpus: Corpus, words: Mapping[str, set[str]]) -> FileLayout | None:
    """The corpus's layout, with each file's ``words``; None where it has none."""
    sizes = file_sizes(corpus)
    if sizes is None:
        return None
    digests = {report.path: report.digest for report in corpus.files}
    return FileLayout(
        tuple(name for name, _, _ in sizes),
        tuple(digests.get(name, "") for name, _, _ in sizes),
        np.array([n for _, n, _ in sizes], dtype=np.int64),
        np.array([m for _, _, m in sizes], dtype=np.int64),
        tuple(tuple(sorted(words.get(name, ()))) for name, _, _ in sizes),
    )


def words_by_file(interviews: Sequence[Interview]) -> dict[str, set[str]]:
    """``interview_words`` of each file's interviews."""
    words: dict[str, set[str]] = {}
    for source, group in groupby(interviews, key=lambda i: i.source):
        words.setdefault(source, set()).update(interview_words(group))
    return words
