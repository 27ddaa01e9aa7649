"""The SQLite file behind the conversation state: open or repair, load, write, purge.

Used from one thread only (the store's writer). Every write is one
transaction, so a process killed at any moment leaves the previous or the
next state, never half of one; WAL mode lets that transaction be a short
append instead of a rewrite of the file.

A file that is not this store (garbage, a truncated copy, someone else's
database, one that cannot be opened) is renamed aside with a timestamp and a
fresh store takes its place: the bot starts with empty conversations rather
than not at all, and the old file stays for whoever wants to look at it. A
store locked by another process is left alone; the bot then keeps its state
in memory only.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# "ftns" in the file header: a database this code did not create is not read as one.
APPLICATION_ID = 0x66746E73
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE state (
    kind TEXT NOT NULL,
    id INTEGER NOT NULL,
    updated REAL NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE INDEX state_updated ON state (updated);
"""
# Updates unanswered at the last stop (bot/serving/unanswered.py), as Telegram sent them.
# Created where missing, so a store from before it existed needs no new version.
UNANSWERED_SCHEMA = """
CREATE TABLE IF NOT EXISTS unanswered (
    update_id INTEGER PRIMARY KEY,
    asked REAL NOT NULL,
    data TEXT NOT NULL
);
"""
# Another process holds the file: wait this long for it, then give up on saving.
BUSY_SECONDS = 5.0
IN_USE = ("SQLITE_BUSY", "SQLITE_LOCKED")


class NotOurs(sqlite3.DatabaseError):
    """A readable database that is not a fangtan state store of this version."""


@dataclass(frozen=True)
class Row:
    kind: str
    id: int
    updated: float
    data: str


class StateDb:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path, cutoff: float) -> tuple[StateDb | None, list[Row]]:
        """The store at ``path`` and its rows newer than ``cutoff`` (older ones are deleted).

        Never raises for a bad file: it is moved aside and replaced. None means
        no store could be had (locked by another process, a folder not writable);
        the reason was logged.
        """
        try:
            return cls._open_and_load(path, cutoff)
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") in IN_USE:
                log.warning(
                    "state: %s is in use by another process (%s); not saving state", path, exc
                )
                return None, []
            damage = str(exc) or type(exc).__name__
        except OSError as exc:
            damage = str(exc)
        try:
            aside = move_aside(path)
            db, rows = cls._open_and_load(path, cutoff)
        except (sqlite3.DatabaseError, OSError) as exc:
            log.error(
                "state: %s is unusable (%s) and cannot be replaced (%s); not saving state",
                path,
                damage,
                exc,
            )
            return None, []
        log.warning(
            "state: %s was unreadable (%s); moved it to %s and started with empty state",
            path,
            damage,
            aside.name,
        )
        return db, rows

    @classmethod
    def _open_and_load(cls, path: Path, cutoff: float) -> tuple[StateDb, list[Row]]:
        if path.is_dir():
            raise OSError(f"{path} is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            db = cls(connection, path)
            db._prepare()
            return db, db._load(cutoff)
        except BaseException:
            connection.close()
            raise

    def _prepare(self) -> None:
        db = self._db
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id == 0 and version == 0 and tables == 0:  # new, or an empty file
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(
                f"BEGIN IMMEDIATE;{SCHEMA}PRAGMA application_id={APPLICATION_ID};"
                f"PRAGMA user_version={SCHEMA_VERSION};COMMIT;"
            )
        elif application_id != APPLICATION_ID or version != SCHEMA_VERSION:
            raise NotOurs(f"not a fangtan state store (id {application_id}, version {version})")
        db.executescript(f"BEGIN IMMEDIATE;{UNANSWERED_SCHEMA}COMMIT;")
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"damaged: {verdict}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing

    def _load(self, cutoff: float) -> list[Row]:
        self.purge(cutoff)
        cursor = self._db.execute("SELECT kind, id, updated, data FROM state")
        return [Row(str(k), int(i), float(u), str(d)) for k, i, u, d in cursor]

    def take_unanswered(self, cutoff: float) -> tuple[list[tuple[int, float, str]], int]:
        """The kept updates asked after ``cutoff``, oldest first, and how many were older.

        All are deleted in the same transaction: each is handed out once.
        """
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            rows = db.execute(
                "SELECT update_id, asked, data FROM unanswered WHERE asked >= ? ORDER BY update_id",
                (cutoff,),
            ).fetchall()
            stale = db.execute("SELECT count(*) FROM unanswered WHERE asked < ?", (cutoff,))
            old = int(stale.fetchone()[0])
            db.execute("DELETE FROM unanswered")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return [(int(i), float(a), str(d)) for i, a, d in rows], old

    def write(
        self,
        rows: Iterable[tuple[str, int, float, str]],
        drops: Iterable[tuple[str, int]],
        unanswered: Iterable[tuple[int, float, str]] = (),
    ) -> None:
        """Store ``rows``, delete ``drops`` and keep ``unanswered`` updates in one transaction."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO unanswered (update_id, asked, data) VALUES (?, ?, ?)",
                unanswered,
            )
            db.executemany(
                "INSERT INTO state (kind, id, updated, data) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind, id) DO UPDATE SET updated = excluded.updated, "
                "data = excluded.data",
                rows,
            )
            db.executemany("DELETE FROM state WHERE kind = ? AND id = ?", drops)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def purge(self, cutoff: float) -> int:
        """Delete rows last touched before ``cutoff``; how many went."""
        return self._db.execute("DELETE FROM state WHERE updated < ?", (cutoff,)).rowcount

    def close(self) -> None:
        try:
            # Fold the WAL back in, so the store is one file again when the bot is down.
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            log.debug("state: checkpoint on close failed: %s", exc)
        self._db.close()


def move_aside(path: Path, now: float | None = None) -> Path:
    """Rename ``path`` (and its WAL files) to ``<name>.damaged-<time>``; return the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    if path.exists():
        path.rename(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    return aside
