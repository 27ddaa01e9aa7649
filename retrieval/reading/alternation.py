"""One regular expression for a long list of words, as a tree of their shared starts.

Python's ``re`` tries the branches of ``a|b|c|…`` one after another at every
position a match could start; for the reader's ~400 titles that is most of a
line's scan. Branching on one character at a time (主(?:任|席|…)) asks each
position a handful of questions instead. Where one word is the start of another
(主任, 主任委员) the longer is tried first, so a match is the longest word there,
as an alternation sorted longest first gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Tree = dict[str, "_Tree"]
_END = ""  # the key that marks a word ending at a node


def longest_first(words: Iterable[str]) -> str:
    """A pattern (no groups) matching the longest of ``words`` that starts where it is tried."""
    tree: _Tree = {}
    for word in words:
        if not word:
            raise ValueError("an empty word would match everywhere")
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not tree:
        raise ValueError("no words to match")
    return _branches(tree)


def _branches(node: _Tree) -> str:
    nexts = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if not nexts:
        return ""
    body = nexts[0] if len(nexts) == 1 else "(?:" + "|".join(nexts) + ")"
    # A word ending here as well: the longer words are tried first, then this one.
    return f"(?:{body})?" if _END in node else body
