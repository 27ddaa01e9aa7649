"""Tokens of short texts the engine cuts at every start, kept beside the index.

The engine cuts every speaker's title once to answer "谁是某某书记"; at
tens of thousands of speakers that is most of a restart. The tokens are
kept in one entry keyed by the index's own key (corpus files, retrieval code,
libraries), so they are exactly what cutting again would give. Texts the
entry lacks are cut and the entry rewritten; a damaged or foreign entry is
ignored and rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.search.tokenize import Tokenizer

FORMAT = 1
NAME = "texts.tokens"


@dataclass
class TokenMemo:
    """Tokens of short texts (speakers' titles) in one cache entry under ``key``."""

    folder: Path
    key: str

    def tokens(self, tokenizer: Tokenizer, texts: Sequence[str]) -> list[list[str]]:
        """``tokenizer.tokens`` of each text, from the entry where it has them."""
        header = f"fangtan-text-tokens-{FORMAT}\0{self.key}"
        entry = self.folder / NAME
        kept = read_entry(entry, header)
        known: dict[str, list[str]] = kept if _valid(kept) else {}
        missing = False
        out: list[list[str]] = []
        for text in texts:
            tokens = known.get(text)
            if tokens is None:
                tokens = known[text] = tokenizer.tokens(text)
                missing = True
            out.append(tokens)
        if missing:
            known = _shared(known)
            write_entry(entry, header, known)
            out = [known[text] for text in texts]
        return out


def _shared(known: dict[str, list[str]]) -> dict[str, list[str]]:
    """``known`` with each distinct token one string object: tens of thousands of titles
    use a few thousand words. marshal writes an object met again as a reference, so
    the entry reads back shared as well (19 → 3 MiB read at 100k paragraphs)."""
    seen: dict[str, str] = {}
    return {text: [seen.setdefault(t, t) for t in tokens] for text, tokens in known.items()}


def _valid(kept: object) -> bool:
    return isinstance(kept, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(t, str) for t in v)
        for k, v in kept.items()
    )
