"""The engine currently serving questions, and rebuilding it in place.

Front ends read ``library.engine`` for each question instead of keeping an
engine of their own, so a rebuilt index replaces the old one in one step and
questions asked during the rebuild are answered from the old one.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.loading import CorpusError, Loaded, load_engine, not_read
from fangtan.bot.texts import serving as serving_texts
from fangtan.retrieval.records import Corpus

log = logging.getLogger(__name__)


class Library:
    def __init__(
        self,
        loaded: Loaded,
        source: Path | None = None,
        cache_dir: Path | None = None,
        use_cache: bool = True,
    ) -> None:
        self._loaded = loaded
        self.source = source
        self.cache_dir = cache_dir
        self.use_cache = use_cache

    @property
    def engine(self) -> Engine:
        return self._loaded.engine

    @property
    def corpus(self) -> Corpus:
        return self._loaded.corpus

    def replace(self, loaded: Loaded) -> None:
        self._loaded = loaded

    def rebuild(self) -> Loaded:
        """Load the corpus folder again; swap it in only if every file was read.

        Files that cannot be read make a reload fail rather than silently
        shrink the corpus.

        Blocking (it tokenises): call it off the event loop. Raises
        CorpusError with a message for people and leaves the old engine in
        place when the new corpus is unusable.
        """
        loaded = load_engine(self.source, self.cache_dir, self.use_cache)
        broken = [issue.path for issue in not_read(loaded.corpus)]
        if broken:
            raise CorpusError(serving_texts.TG_RELOAD_BROKEN_FILES.format(files="、".join(broken)))
        # Warmed before it serves: questions asked meanwhile go to the old engine.
        loaded.engine.warm()
        self.replace(loaded)
        return loaded

    def warm_in_background(self) -> threading.Thread:
        """Warm the serving engine (``Engine.warm``) in a thread of its own, so a server
        answers from its start and its first unanswered question is as quick as the
        rest. A question that needs the table before the thread has made it makes it."""
        engine = self.engine

        def warm() -> None:
            try:
                engine.warm()
            except Exception as exc:  # only a head start is lost: questions make the tables
                log.warning("warming the engine failed: %s: %s", type(exc).__name__, exc)

        thread = threading.Thread(target=warm, name="fangtan-warm", daemon=True)
        thread.start()
        return thread
