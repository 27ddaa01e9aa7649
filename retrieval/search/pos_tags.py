"""jieba's word classes, looked up one word at a time from the table on disk.

``import jieba.posseg`` reads the whole of jieba's ``dict.txt`` (350,000
words, ~0.15 s) into a dict of tags, although a question needs the tags of
ten words. Here the tags are read from the word table jieba's dictionary is
kept in (``fangtan.retrieval.search.word_table``); posseg is imported over an
empty dictionary and given those tags, so its tagging is unchanged. Without
a table (a cache folder that cannot be written), the tags are read from
``dict.txt`` as posseg would.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.posseg_models import import_posseg
from fangtan.retrieval.search.table_freq import TableFreq
from fangtan.retrieval.search.word_table import WordTable, dictionary_key


class TableTags:
    """The tags of a ``WordTable``, with the words posseg is told of later."""

    def __init__(self, table: WordTable) -> None:
        self._table = table
        self._added: dict[str, str] = {}

    def get(self, word: str, default: str | None = None) -> str | None:
        if word in self._added:
            return self._added[word]
        tag = self._table.tag(word)
        return default if tag is None else tag

    def update(self, more: dict[str, str]) -> None:
        self._added.update(more)


# What posseg is given as its ``word_tag_tab`` (it uses ``get`` and ``update``).
Tags = TableTags | dict[str, str]


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


def dictionary_tags(tokenizer: jieba.Tokenizer) -> dict[str, str]:
    """The tags of ``tokenizer``'s dictionary file."""
    source = tokenizer.get_dict_file()
    try:
        return read_tags(source)
    finally:
        source.close()


def tagger(tokenizer: jieba.Tokenizer, folder: Path) -> Any:
    """A posseg tagger cutting with ``tokenizer``, tagging from the table in ``folder``."""
    freq = tokenizer.FREQ
    table = (
        freq.table
        if isinstance(freq, TableFreq)
        else WordTable.open(folder, dictionary_key(tokenizer))
    )
    tags: Tags = TableTags(table) if table is not None else dictionary_tags(tokenizer)
    posseg = _posseg(tags, folder)
    tagging = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    tagging.tokenizer = tokenizer
    tagging.word_tag_tab = tags
    return tagging


def _posseg(tags: Tags, folder: Path) -> Any:
    """``jieba.posseg``, imported without reading the dictionary for its own tagger,
    and with its model from ``folder`` (``fangtan.retrieval.search.posseg_models``).

    Its module-level tagger is given the same tags, so posseg's own functions
    still tag as before.
    """
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]

    def importing() -> ModuleType:
        default = jieba.dt.dictionary
        jieba.dt.dictionary = os.devnull
        try:
            return importlib.import_module("jieba.posseg")
        finally:
            jieba.dt.dictionary = default

    posseg: Any = import_posseg(folder, importing)
    posseg.dt.word_tag_tab = tags
    return posseg
