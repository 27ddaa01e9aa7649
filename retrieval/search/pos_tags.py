"""jieba's word classes, looked up one word at a time from a table on disk.

``import jieba.posseg`` reads the whole of jieba's ``dict.txt`` (350,000
words, ~0.15 s) into a dict of tags, although a question needs the tags of
ten words. Here the tags are kept once in the cache folder as a sorted table
(one entry, marshal of plain data behind a SHA-256) and each word is found by
bisection; posseg is imported over an empty dictionary and given this table,
so its tagging is unchanged. The entry is keyed by jieba's version and the
dictionary's size and time; any other entry is rebuilt.
"""

from __future__ import annotations

import os
import sys
from array import array
from bisect import bisect_left
from importlib import metadata
from pathlib import Path
from typing import Any

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.search.jieba_loader import jieba

FORMAT = 1
# One folder below the cache folder, as every entry is (see fangtan.retrieval.entries).
NAME = "tags/jieba.tags"


class TagTable:
    """What posseg needs of its ``word_tag_tab``: ``get`` and ``update``."""

    def __init__(self, words: str, ends: array[int], names: tuple[str, ...], tags: bytes) -> None:
        self._words = words  # sorted, each followed by "\n"
        self._ends = ends  # where each word's "\n" is
        self._names = names
        self._tags = tags  # per word, an index into names
        self._added: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._ends)

    def _word(self, i: int) -> str:
        start = self._ends[i - 1] + 1 if i else 0
        return self._words[start : self._ends[i]]

    def get(self, word: str, default: str | None = None) -> str | None:
        if word in self._added:
            return self._added[word]
        i = bisect_left(range(len(self._ends)), word, key=self._word)
        if i < len(self._ends) and self._word(i) == word:
            return self._names[self._tags[i]]
        return default

    def update(self, more: dict[str, str]) -> None:
        self._added.update(more)


def read_tags(lines: Any) -> dict[str, str]:
    """The tags of a jieba dictionary file, as posseg's ``load_word_tag`` reads them."""
    table: dict[str, str] = {}
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip().decode("utf-8")
        if not line:
            continue
        try:
            word, _, tag = line.split(" ")
        except ValueError:
            raise ValueError(f"invalid POS dictionary entry at line {lineno}: {line}") from None
        table[word] = tag
    return table


def tag_table(tokenizer: jieba.Tokenizer, folder: Path) -> TagTable:
    """The tags of ``tokenizer``'s dictionary, from ``folder`` when kept there."""
    source = tokenizer.get_dict_file()
    try:
        stat = os.fstat(source.fileno())
        header = (
            f"fangtan-jieba-tags-{FORMAT}\0{metadata.version('jieba')}\0"
            f"{stat.st_size}\0{stat.st_mtime_ns}"
        )
        kept = read_entry(folder / NAME, header)
        if _valid(kept):
            words, raw, names, tags = kept
            ends = array("I")
            ends.frombytes(raw)
            return TagTable(words, ends, names, tags)
        table = read_tags(source)
    finally:
        source.close()
    ordered = sorted(table)
    words = "".join(w + "\n" for w in ordered)
    ends = array("I")
    at = -1
    for w in ordered:
        at += len(w) + 1
        ends.append(at)
    names = tuple(sorted(set(table.values())))
    index = {n: i for i, n in enumerate(names)}
    tags = bytes(index[table[w]] for w in ordered)
    write_entry(folder / NAME, header, (words, ends.tobytes(), names, tags))
    return TagTable(words, ends, names, tags)


def _valid(kept: object) -> bool:
    return (
        isinstance(kept, tuple)
        and len(kept) == 4
        and isinstance(kept[0], str)
        and isinstance(kept[1], bytes)
        and isinstance(kept[2], tuple)
        and isinstance(kept[3], bytes)
        and len(kept[1]) == array("I").itemsize * len(kept[3])
        and len(kept[2]) < 256
    )


def tagger(tokenizer: jieba.Tokenizer, folder: Path) -> Any:
    """A posseg tagger cutting with ``tokenizer`` and tagging from the table."""
    table = tag_table(tokenizer, folder)
    posseg = _posseg(table)
    tagging = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    tagging.tokenizer = tokenizer
    tagging.word_tag_tab = table
    return tagging


def _posseg(table: TagTable) -> Any:
    """``jieba.posseg``, imported without reading the dictionary for its own tagger.

    Its module-level tagger is given the same table, so posseg's own functions
    still tag as before.
    """
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    default = jieba.dt.dictionary
    jieba.dt.dictionary = os.devnull
    try:
        import jieba.posseg as posseg
    finally:
        jieba.dt.dictionary = default
    posseg.dt.word_tag_tab = table
    return posseg
