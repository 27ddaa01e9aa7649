"""Common two-character words, from jieba's own dictionary: what a name-like run is not.

Where no title stands before a name ("家住城南的陶某某说"), a surname and two more
characters may as well be words: 高兴地说, 许多人说, 向媒体表示. jieba's dictionary
knows each word's frequency and part of speech, so it tells them apart: a run is no
name if its surname and the next character make a common word (高兴, 许多), or its
last two make a common word that is not also a name (媒体, 大家; not 建国 or 海涛).

The dictionary is read on first use, two-character lines only (~0.1 s): most files
introduce everyone with a title and never ask.
"""

from __future__ import annotations

import functools

from fangtan.retrieval.search.jieba_loader import jieba

# How often jieba's corpus must have a word for it to rule out a name: a surname and the
# next character (高兴) rule one out more readily than a name's last two (秋菊).
START_MIN = 20
END_MIN = 500
_NAME_TAGS = ("nr",)  # people's names: 海涛, 志远
_PLACE_TAGS = ("ns", "nz")  # places and other proper names, given names as often: 建国


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words a name cannot start with, words it cannot end with, three-character words
    that are not names)."""
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
