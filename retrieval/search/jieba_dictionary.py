"""Which dictionary a tokenizer's jieba reads: the table on disk, or jieba's own dict.

jieba's dict takes ~0.2 s and ~80 MiB to load; the table
(``fangtan.retrieval.search.word_table``) takes a few milliseconds to open,
but each lookup costs more, and cutting text with it takes ~40% longer. A
tokenizer starts on the table (a one-shot question, a restart, a small
corpus) and turns to jieba's dict, with the words added so far, once it cuts
text fast enough for the faster lookups to win back the load: more than
``TABLE_BURST`` characters at once, beyond what ``TABLE_REFILL`` characters
a second (far more than a busy chat asks) give back. Both give the same cuts.

Without a table (the first start, or another jieba), jieba's dict is loaded
and kept as the table for the next start.
"""

from __future__ import annotations

import functools
import logging
import marshal
import tempfile
from pathlib import Path
from time import monotonic

from fangtan.retrieval.search import pos_tags
from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.table_freq import TableFreq
from fangtan.retrieval.search.word_table import WordTable, dictionary_key, write_table
from fangtan.retrieval.unwritable import cache_not_written, write_cache

log = logging.getLogger(__name__)

TABLE_BURST = 50_000
TABLE_REFILL = 20_000


def cache_folder(cache_dir: Path | None) -> Path:
    """Where jieba's dictionary is kept: ``cache_dir``, or the system temp folder."""
    return cache_dir if cache_dir is not None else Path(tempfile.gettempdir())


def load_jieba_dict(
    tokenizer: jieba.Tokenizer, cache_dir: Path | None, like: WordTable | None = None
) -> None:
    """jieba's own start-up, but reading and writing its dictionary cache ourselves.

    ``jieba.Tokenizer.initialize`` unmarshals the 9 MB cache straight from
    the file object, which takes three times as long as reading the bytes
    first (0.6 s against 0.2 s here). It also logs a traceback whenever the
    cache cannot be written; here that is one warning for the folder
    (``cache_dir``; the system temp folder, quietly, if None). A cache that
    does not hold as many words and as great a total as ``like`` (a table
    made from the dictionary file as it is now) is made again.
    """
    folder = cache_folder(cache_dir)
    cache = folder / "jieba.cache"
    try:
        freq, total = marshal.loads(cache.read_bytes())
        if like is None or (len(freq), total) == (len(like), like.total):
            tokenizer.FREQ, tokenizer.total = freq, total
            tokenizer.initialized = True
            return
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True
    freq = (tokenizer.FREQ, tokenizer.total)
    write_cache(cache, lambda temporary: temporary.write_bytes(marshal.dumps(freq)), cache_dir)


class Dictionary:
    """The dictionary under one ``jieba.Tokenizer``, and when to change it."""

    def __init__(self, tokenizer: jieba.Tokenizer, cache_dir: Path | None) -> None:
        self._jieba = tokenizer
        self._cache_dir = cache_dir
        self._allowance = float(TABLE_BURST)
        self._since = monotonic()
        folder = cache_folder(cache_dir)
        key = dictionary_key(tokenizer)
        table = WordTable.open(folder, key)
        if table is not None:
            tokenizer.FREQ, tokenizer.total = TableFreq(table), table.total
            tokenizer.initialized = True
            return
        load_jieba_dict(tokenizer, cache_dir)
        try:
            tags = functools.partial(pos_tags.dictionary_tags, tokenizer)
            write_table(folder, key, tokenizer.FREQ, tokenizer.total, tags)
        except OSError as exc:
            cache_not_written(cache_dir, exc)

    @property
    def on_table(self) -> bool:
        return isinstance(self._jieba.FREQ, TableFreq)

    def has(self, word: str) -> bool:
        """Is ``word`` a word of the dictionary (frequency above 0)? Not remembered."""
        freq = self._jieba.FREQ
        if isinstance(freq, TableFreq):
            return freq.has(word)
        return bool(freq.get(word))

    def spend(self, chars: int) -> None:
        """``chars`` characters are about to be cut: turn to jieba's dict if that is much."""
        if not self.on_table:
            return
        now = monotonic()
        earned = (now - self._since) * TABLE_REFILL
        self._allowance = min(float(TABLE_BURST), self._allowance + earned) - chars
        self._since = now
        if self._allowance < 0:
            self.to_jieba_dict()

    def to_jieba_dict(self) -> None:
        """From the table to jieba's dict, with the words added so far."""
        freq = self._jieba.FREQ
        if isinstance(freq, TableFreq):
            loaded = jieba.Tokenizer()
            load_jieba_dict(loaded, self._cache_dir, like=freq.table)
            self._jieba.FREQ = freq.merged(loaded.FREQ)
            log.debug("cutting with jieba's dictionary loaded: much text to cut")
