"""Conversation state in SQLite: a PTB persistence that never blocks the event loop.

``FANGTAN_STATE_FILE`` names an SQLite file (see :mod:`fangtan.bot.serving.state_db`).
Each chat's ``chat_data`` is one row of JSON (see :mod:`fangtan.bot.serving.state_codec`),
and so is each user's ``user_data`` and the ``bot_data`` when the application
stores them. Callback data and conversation handlers are not stored: the bot
keeps its own button tokens in ``chat_data`` and has no conversation handlers.

Every ``update_interval`` seconds PTB hands over deep copies of the chats that
changed. Here they are only noted in a dict; one writer thread encodes them
and commits everything that piled up since its last transaction in one, so
the event loop never waits for the disk and a busy minute costs a handful of
transactions, not one rewrite of everything per chat. A chat changed twice
before the writer got to it is written once.

Rows not touched for ``ttl`` seconds are deleted when the store is loaded and
every :data:`PURGE_EVERY` seconds after; :func:`forget_expired` drops the same
chats from the running application, so memory does not grow with every chat
that ever wrote (refused strangers included: their empty state is never
written, only remembered as touched until it expires).

Updates still unanswered at shutdown (:mod:`fangtan.bot.serving.unanswered`) are
written with the final save, in the same transaction, and handed out once at
the next start by :meth:`StateStore.take_unanswered`; those asked more than
:data:`UNANSWERED_FOR` ago are deleted instead.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from telegram.ext import Application, BasePersistence, PersistenceInput

from fangtan.bot.serving.state_codec import Codec, Unreadable, Unstorable
from fangtan.bot.serving.state_db import Row, StateDb
from fangtan.bot.serving.unanswered import Unanswered

log = logging.getLogger(__name__)

CHAT, USER, BOT = "chat", "user", "bot"
BOT_ROW = 0
PURGE_EVERY = 3600.0
# The final save at shutdown may take this long; a stop must not hang on a stuck disk.
FLUSH_SECONDS = 3.0
# After a failed write (disk full, file locked) the writer waits this long before retrying.
RETRY_SECONDS = 1.0
# A question kept at a stop and still not replayed a day later is no longer wanted: whoever
# asked has moved on or asked again, and an answer out of the blue would only confuse.
UNANSWERED_FOR = 86400.0

Data = dict[Any, Any]
Key = tuple[str, int]
Kept = tuple[int, float, str]  # update_id, when it was asked, Telegram's JSON


class StateStore(BasePersistence[Data, Data, Data]):
    """chat_data (and user_data, bot_data if asked for) in the SQLite file at ``path``."""

    def __init__(
        self,
        path: Path,
        codec: Codec,
        ttl: float,
        *,
        store_data: PersistenceInput | None = None,
        update_interval: float = 1.0,
        clock: Callable[[], float] = time.time,
        unanswered: Unanswered | None = None,
    ) -> None:
        store_data = store_data or PersistenceInput(
            bot_data=False, chat_data=True, user_data=False, callback_data=False
        )
        if store_data.callback_data:
            raise ValueError("the state store does not keep callback data")
        super().__init__(store_data=store_data, update_interval=update_interval)
        self.path = path
        self.ttl = ttl
        self._codec = codec
        self._clock = clock
        self._writer: _Writer | None = None
        self._loaded: dict[str, dict[int, Data]] | None = None
        self._touched: dict[Key, float] = {}
        self.unanswered = unanswered
        self._kept: list[Kept] = []

    # ---------------------------------------------------------------- loading

    async def _load(self, kind: str) -> dict[int, Data]:
        if self._loaded is None:
            self._writer = _Writer(self.path, self._codec, self.ttl, self._clock)
            self._writer.start()
            self._loaded = await asyncio.wrap_future(self._writer.loaded)
            self._kept = self._writer.kept
            for kind_, rows in self._loaded.items():
                for id_ in rows:
                    self._touched[(kind_, id_)] = self._writer.updated.get((kind_, id_), 0.0)
        return self._loaded.pop(kind, {})

    def take_unanswered(self) -> list[str]:
        """The updates kept at the last stop (Telegram's JSON), oldest first; once only."""
        kept, self._kept = self._kept, []
        return [text for _, _, text in kept]

    async def get_chat_data(self) -> dict[int, Data]:
        return await self._load(CHAT)

    async def get_user_data(self) -> dict[int, Data]:
        return await self._load(USER)

    async def get_bot_data(self) -> Data:
        return (await self._load(BOT)).get(BOT_ROW, {})

    async def get_callback_data(self) -> Any:
        return None

    async def get_conversations(self, name: str) -> Any:
        raise NotImplementedError("the state store does not keep conversation handlers' states")

    # ---------------------------------------------------------------- writing

    def _put(self, kind: str, id_: int, data: Data | None) -> None:
        now = self._clock()
        if data is None:
            self._touched.pop((kind, id_), None)
        else:
            self._touched[(kind, id_)] = now
        if self._writer is not None:
            self._writer.put((kind, id_), now, data)

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        self._put(CHAT, chat_id, data)

    async def update_user_data(self, user_id: int, data: Data) -> None:
        self._put(USER, user_id, data)

    async def update_bot_data(self, data: Data) -> None:
        self._put(BOT, BOT_ROW, data)

    async def drop_chat_data(self, chat_id: int) -> None:
        self._put(CHAT, chat_id, None)

    async def drop_user_data(self, user_id: int) -> None:
        self._put(USER, user_id, None)

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def update_conversation(self, name: str, key: Any, new_state: object | None) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        return None

    async def refresh_bot_data(self, bot_data: Data) -> None:
        return None

    async def flush(self) -> None:
        """The final save (PTB calls this at shutdown): wait for the writer, but not forever."""
        writer, self._writer, self._loaded = self._writer, None, None
        if writer is None:
            return
        writer.keep(self._unanswered_now())
        writer.stop()
        try:
            await asyncio.wait_for(asyncio.wrap_future(writer.finished), FLUSH_SECONDS)
        except TimeoutError:
            log.warning(
                "state: saving did not finish within %.0f s; the last changes may be lost",
                FLUSH_SECONDS,
            )

    def _unanswered_now(self) -> list[Kept]:
        """What to keep for the next start: the leftovers and what was never replayed."""
        now = self._clock()
        kept, self._kept = self._kept, []
        for update in self.unanswered.leftovers() if self.unanswered else []:
            message = update.effective_message
            asked = message.date.timestamp() if message is not None and message.date else now
            kept.append((update.update_id, asked, update.to_json()))
        if kept:
            log.info("kept %d unanswered updates for the next start", len(kept))
        return kept

    # ----------------------------------------------------------------- expiry

    def expired(self, kind: str = CHAT) -> list[int]:
        """Ids of ``kind`` (chat, user) not touched for longer than the TTL."""
        cutoff = self._clock() - self.ttl
        return [id_ for (k, id_), when in self._touched.items() if k == kind and when < cutoff]


def forget_expired(app: Application[Any, Any, Any, Any, Any, Any], store: StateStore) -> int:
    """Drop expired chats and users from the running application (and so from the store)."""
    chats = store.expired(CHAT)
    users = store.expired(USER)
    for chat_id in chats:
        app.drop_chat_data(chat_id)
    for user_id in users:
        app.drop_user_data(user_id)
    if chats or users:
        log.info("state: forgot %d chats and %d users idle for too long", len(chats), len(users))
    return len(chats) + len(users)


async def expire_periodically(
    app: Application[Any, Any, Any, Any, Any, Any], store: StateStore, every: float = PURGE_EVERY
) -> None:
    while True:
        await asyncio.sleep(every)
        forget_expired(app, store)


class _Writer(threading.Thread):
    """Owns the SQLite connection: loads once, then commits what piles up, until stopped.

    A daemon thread, so a disk that never answers cannot keep the process alive.
    """

    def __init__(self, path: Path, codec: Codec, ttl: float, clock: Callable[[], float]) -> None:
        super().__init__(name="fangtan-state-writer", daemon=True)
        self._path = path
        self._codec = codec
        self._ttl = ttl
        self._clock = clock
        self._cond = threading.Condition()
        self._pending: dict[Key, tuple[float, Data | None]] = {}
        self._stopping = False
        self._skipped: set[tuple[str, str]] = set()
        self._keep: list[Kept] = []
        self.kept: list[Kept] = []
        self.updated: dict[Key, float] = {}
        self.loaded: Future[dict[str, dict[int, Data]]] = Future()
        self.finished: Future[None] = Future()

    def put(self, key: Key, when: float, data: Data | None) -> None:
        with self._cond:
            self._pending[key] = (when, data)
            self._cond.notify()

    def keep(self, unanswered: list[Kept]) -> None:
        """Updates to write with the final save."""
        with self._cond:
            self._keep.extend(unanswered)
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify()

    def run(self) -> None:
        db: StateDb | None = None
        try:
            db, rows = StateDb.open(self._path, self._clock() - self._ttl)
            self.kept = self._take_unanswered(db)
            self.loaded.set_result(self._decode(rows))
            self._serve(db)
        except BaseException as exc:  # the loop must hear of it rather than wait forever
            log.exception("state: the writer stopped")
            if not self.loaded.done():
                self.loaded.set_exception(exc)
        finally:
            if db is not None:
                db.close()
            self.finished.set_result(None)

    def _serve(self, db: StateDb | None) -> None:
        next_purge = self._clock() + PURGE_EVERY
        failed = False
        while True:
            with self._cond:
                while (
                    not self._pending
                    and not self._keep
                    and not self._stopping
                    and self._clock() < next_purge
                ):
                    self._cond.wait(timeout=max(0.0, min(next_purge - self._clock(), 60.0)))
                if failed and not self._stopping:
                    self._cond.wait(timeout=RETRY_SECONDS)
                batch, self._pending = self._pending, {}
                keep, self._keep = self._keep, []
                stopping = self._stopping
            if db is None:
                if keep:
                    log.error("state: no store; %d unanswered updates are dropped", len(keep))
                batch, keep = {}, []
            failed = bool(batch or keep) and not self._write(db, batch, keep)
            if db is not None and self._clock() >= next_purge:
                next_purge = self._clock() + PURGE_EVERY
                self._purge(db)
            if stopping and (failed or not self._pending):
                if failed:
                    log.error("state: %d changed chats could not be saved", len(batch))
                return

    def _take_unanswered(self, db: StateDb | None) -> list[Kept]:
        if db is None:
            return []
        try:
            kept, old = db.take_unanswered(self._clock() - UNANSWERED_FOR)
        except sqlite3.Error as exc:
            log.warning("state: could not read the updates kept at the last stop: %s", exc)
            return []
        if old:
            log.info("state: dropped %d kept updates asked more than a day ago", old)
        return kept

    def _write(
        self,
        db: StateDb | None,
        batch: dict[Key, tuple[float, Data | None]],
        keep: list[Kept],
    ) -> bool:
        rows: list[tuple[str, int, float, str]] = []
        drops: list[Key] = []
        for (kind, id_), (when, data) in batch.items():
            text = self._encode(kind, data) if data is not None else None
            if text is None:
                drops.append((kind, id_))
            else:
                rows.append((kind, id_, when, text))
        try:
            assert db is not None
            db.write(rows, drops, keep)
        except sqlite3.Error as exc:
            log.warning("state: could not save %d chats, will retry: %s", len(batch), exc)
            with self._cond:
                for key, value in batch.items():
                    self._pending.setdefault(key, value)
                self._keep[:0] = keep
            return False
        return True

    def _purge(self, db: StateDb) -> None:
        try:
            gone = db.purge(self._clock() - self._ttl)
        except sqlite3.Error as exc:
            log.warning("state: could not delete expired conversations: %s", exc)
            return
        if gone:
            log.info("state: deleted %d expired conversations", gone)

    def _encode(self, kind: str, data: Data) -> str | None:
        """The row's JSON, without what cannot be stored; None when nothing is left."""
        pairs = []
        for key, value in data.items():
            try:
                pairs.append([self._codec.encode(key), self._codec.encode(value)])
            except (Unstorable, RecursionError, ValueError) as exc:
                what = (repr(key)[:40], str(exc) or type(exc).__name__)
                if what not in self._skipped:  # once per key and type, not once per save
                    self._skipped.add(what)
                    log.warning("state: not saving %s_data[%s]: %s cannot be stored", kind, *what)
        return json.dumps(pairs, ensure_ascii=False, separators=(",", ":")) if pairs else None

    def _decode(self, rows: list[Row]) -> dict[str, dict[int, Data]]:
        loaded: dict[str, dict[int, Data]] = {CHAT: {}, USER: {}, BOT: {}}
        lost = 0
        first = ""
        for row in rows:
            if row.kind not in loaded:
                continue
            data: Data = {}
            try:
                pairs = json.loads(row.data)
                if type(pairs) is not list:
                    raise Unreadable("a row that is not a list of pairs")
            except (ValueError, RecursionError) as exc:
                pairs, lost, first = [], lost + 1, first or str(exc)
            for pair in pairs:
                try:
                    key, value = pair
                    data[self._codec.decode(key)] = self._codec.decode(value)
                except (ValueError, TypeError, RecursionError) as exc:
                    lost, first = lost + 1, first or str(exc)
            if data:
                loaded[row.kind][row.id] = data
                self.updated[(row.kind, row.id)] = row.updated
        if lost:
            log.warning("state: dropped %d stored values that could not be read (%s)", lost, first)
        log.info(
            "state: loaded %d chats and %d users from %s",
            len(loaded[CHAT]),
            len(loaded[USER]),
            self._path,
        )
        return loaded
