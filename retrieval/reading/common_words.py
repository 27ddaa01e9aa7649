"""Common two-character words, from jieba's own dictionary: what a name-like run is not.

Where no title stands before a name ("家住城南的陶某某说"), a surname and two more
characters may as well be words: 高兴地说, 许多人说, 向媒体表示. jieba's dictionary
knows each word's frequency and part of speech, so it tells them apart: a run is no
name if its surname and the next character make a common word (高兴, 许多), or its
last two make a common word that is not also a name (媒体, 大家; not 建国 or 海涛).

The dictionary is read on first use, two- and three-character lines only: most files
introduce everyone with a title and never ask. That read decodes ~290,000 lines in
Python (0.15 s on a quiet machine, 0.5-1.3 s on a busy one), more than reading one
edited file takes otherwise; so a process that reads files for a corpus cache first
takes the words from an entry in the cache folder (``keep_in``), beside jieba's own
dictionary caches: one for every corpus cached there, made by the first such read and
keyed by jieba's dictionary file and the retrieval code.
"""

from __future__ import annotations

from pathlib import Path

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.word_table import dictionary_key

# How often jieba's corpus must have a word for it to rule out a name: a surname and the
# next character (高兴) rule one out more readily than a name's last two (秋菊).
START_MIN = 20
END_MIN = 500
_NAME_TAGS = ("nr",)  # people's names: 海涛, 志远
_PLACE_TAGS = ("ns", "nz")  # places and other proper names, given names as often: 建国

FORMAT = 1
ENTRY = "common.words"

Words = tuple[frozenset[str], frozenset[str], frozenset[str]]
_words_now: Words | None = None


def _words() -> Words:
    """(words a name cannot start with, words it cannot end with, three-character words
    that are not names), read once a process."""
    global _words_now
    if _words_now is None:
        _words_now = dictionary_words()
    return _words_now


def keep_in(cache_dir: Path, version: str) -> None:
    """Take the words from their entry in ``cache_dir`` (written there if it is missing,
    damaged or for another dictionary or ``version`` of the code), unless this process
    has them already. Worker processes forked after it inherit them."""
    global _words_now
    if _words_now is not None:
        return
    header = entry_header(version)
    entry = cache_dir / ENTRY
    kept = read_entry(entry, header)
    if _valid(kept):
        _words_now = kept
    else:
        write_entry(entry, header, _words(), cache_dir)


def entry_header(version: str) -> str:
    """What the entry is written under: jieba's dictionary file and the code's ``version``."""
    return f"fangtan-common-words-{FORMAT}\0{dictionary_key(jieba.dt)}\0{version}"


def _valid(kept: object) -> bool:
    return (
        isinstance(kept, tuple)
        and len(kept) == 3
        and all(isinstance(words, frozenset) for words in kept)
        and all(isinstance(word, str) for words in kept for word in words)
    )


def dictionary_words() -> Words:
    """The words, read from jieba's dictionary file."""
    starts: set[str] = set()
    ends: set[str] = set()
    whole: set[str] = set()
    with jieba.dt.get_dict_file() as lines:
        for raw in lines:
            # Two or three characters of UTF-8 Han are six or nine bytes, then a space.
            if raw[6:7] != b" " and raw[9:10] != b" ":
                continue
            parts = raw.decode("utf-8").split()
            if len(parts) < 3 or parts[2].startswith(_NAME_TAGS):
                continue
            word, freq = parts[0], int(parts[1])
            if len(word) == 3:
                whole.add(word)  # 伊拉克, 蒙汗药
            elif len(word) == 2 and freq >= START_MIN:
                starts.add(word)
                if freq >= END_MIN and not parts[2].startswith(_PLACE_TAGS):
                    ends.add(word)
    return frozenset(starts), frozenset(ends), frozenset(whole)


def words_not_name(run: str, after: str) -> bool:
    """Is a three-character run (a one-character surname and two more), with ``after``
    following it, better read as common words than as someone's name? So it is when
    it is a word itself, when it starts or ends with one, or when its last character
    makes one with the next (武侠小说: 小说)."""
    starts, ends, whole = _words()
    return run in whole or run[:2] in starts or run[1:] in ends or (run[2] + after[:1]) in starts


def word_start(word: str) -> bool:
    """Is two-character ``word`` a word common enough that no name starts with it (开车,
    打开)? Right after three characters, it says the three end there."""
    return word in _words()[0]


def common_pair(word: str) -> bool:
    """Is two-character ``word`` a common word that is no name, place or title (关心,
    高兴, 林业)? After a title it is not the person the title introduces ("居民关心，……")."""
    return word in _words()[1]


def common_triple(word: str) -> bool:
    """Is three-character ``word`` a word that is no name (家门口, 蒙汗药)?"""
    return word in _words()[2]
