"""The words a corpus adds to jieba, kept as columns so a restart adds them at once.

jieba's ``add_word`` sets a word's frequency, adds it to the total and puts
each of the word's prefixes in the dictionary at 0 where absent, one word at
a time: 39,000 calls and ~0.2 s at 100,000 paragraphs. ``apply`` leaves the
very same dictionary in bulk: the missing prefixes at 0, then the words
(which overwrite a prefix that is itself an added word, as a later
``add_word`` would), then the total. The prefixes depend on the words alone
and are not kept: over jieba's word table they are found from the words in
order (``TableFreq``), and only a dictionary kept as jieba's own dict has
them written in (at 100,000 paragraphs 120,000 of them, kept, were 14 MiB).

On disk each column is one string (or the frequencies' bytes): unmarshalling
a few long strings and splitting them costs a fraction of unmarshalling
200,000 small ones. Names never hold a line break (normalising turns it into
a space) and jieba's words never hold white space, which makes the
separators safe; an entry that splits into the wrong counts is not used.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any, Protocol

from fangtan.retrieval.search.table_freq import TableFreq, prefixes_of

# (word, jieba frequency, the words jieba cuts it into): one word a corpus added.
AddedWord = tuple[str, int, tuple[str, ...]]
# Between words (and between prefixes, and between words' parts), and between one word's parts.
WORDS_SEP = "\n"
PARTS_SEP = " "


class JiebaWords(Protocol):
    """What of a ``jieba.Tokenizer`` ``apply`` changes."""

    FREQ: MutableMapping[str, int] | TableFreq
    total: int


@dataclass(frozen=True)
class AddedWords:
    """Added words in the order they were added, with their frequencies and parts."""

    words: tuple[str, ...]
    freqs: tuple[int, ...]
    # Each word's parts, joined by PARTS_SEP ("" for a word jieba keeps whole).
    parts: tuple[str, ...]

    @classmethod
    def of(cls, rows: Iterable[AddedWord]) -> AddedWords:
        """ValueError if a word holds a line break or a part white space (jieba's never do)."""
        listed = list(rows)
        words = tuple(word for word, _, _ in listed)
        if any(WORDS_SEP in w for w in words) or any(
            not p or p.isspace() or WORDS_SEP in p or PARTS_SEP in p
            for _, _, parts in listed
            for p in parts
        ):
            raise ValueError("a word holds a separator")
        return cls(
            words=words,
            freqs=tuple(freq for _, freq, _ in listed),
            parts=tuple(PARTS_SEP.join(parts) for _, _, parts in listed),
        )

    def prefixes(self) -> tuple[str, ...]:
        """Every proper prefix of the words, each once: what add_word puts at 0 if absent."""
        return prefixes_of(self.words)

    def rows(self) -> list[AddedWord]:
        return [
            (word, freq, tuple(parts.split(PARTS_SEP)) if parts else ())
            for word, freq, parts in zip(self.words, self.freqs, self.parts, strict=True)
        ]

    def apply(self, tokenizer: JiebaWords) -> None:
        """What ``tokenizer.add_word(word, freq=freq)`` for every row in turn does."""
        freq = tokenizer.FREQ
        if isinstance(freq, TableFreq):
            freq.add_words(zip(self.words, self.freqs, strict=True))
        else:
            freq.update({p: 0 for p in self.prefixes() if p not in freq})
            freq.update(zip(self.words, self.freqs, strict=True))
        tokenizer.total += sum(self.freqs)

    def digest(self) -> str:
        """A SHA-256 of the words, frequencies and parts (the prefixes follow from the words)."""
        digest = hashlib.sha256()
        for column in (WORDS_SEP.join(self.words), WORDS_SEP.join(self.parts)):
            digest.update(column.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(array("q", self.freqs).tobytes())
        return digest.hexdigest()

    def plain(self) -> tuple[Any, ...]:
        """Plain data for a cache entry."""
        return (
            len(self.words),
            WORDS_SEP.join(self.words),
            array("q", self.freqs).tobytes(),
            WORDS_SEP.join(self.parts),
        )

    @classmethod
    def from_plain(cls, plain: Any) -> AddedWords | None:
        """The words of a cache entry's ``plain``; None if it is not of that shape."""
        kinds = (int, str, bytes, str)
        if not isinstance(plain, tuple) or tuple(map(type, plain)) != kinds:
            return None
        count, words, freqs, parts = plain
        column = array("q")
        if len(freqs) != column.itemsize * count:
            return None
        column.frombytes(freqs)
        table = cls(
            words=_split(words, count),
            freqs=tuple(column.tolist()),
            parts=_split(parts, count),
        )
        return table if len(table.words) == len(table.parts) == count else None


def _split(joined: str, count: int) -> tuple[str, ...]:
    return tuple(joined.split(WORDS_SEP)) if count else ()
