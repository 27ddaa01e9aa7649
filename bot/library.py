"""The engine currently serving questions, swappable as a whole.

Front ends read ``library.engine`` for each question instead of keeping an
engine of their own, so a rebuilt index replaces the old one in one step.
"""

from __future__ import annotations

from bot.engine import Engine
from bot.loading import Loaded
from retrieval.records import Corpus


class Library:
    def __init__(self, loaded: Loaded) -> None:
        self._loaded = loaded

    @property
    def engine(self) -> Engine:
        return self._loaded.engine

    @property
    def corpus(self) -> Corpus:
        return self._loaded.corpus

    def replace(self, loaded: Loaded) -> None:
        self._loaded = loaded
