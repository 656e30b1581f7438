"""Which articles have been read, and when that changed (no Textual here).

Kept in ``read.sqlite`` in the home: one row per article whose state was
ever set (``id``, ``read`` 0/1, ``changed`` as ISO time in UTC); an
article with no row is unread. SQLite makes each change atomic and lets
the app and ``reader`` commands change it at once; a file that is not a
database is never overwritten: the state is then kept in memory only and
``error`` says which file is wrong and what to do.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from reader.errors import ReaderError

BUSY_TIMEOUT = 10.0
"""Seconds a change waits for another process's (which lasts milliseconds)."""


class ReadStateError(ReaderError):
    """The read-state file cannot be used; the message names it and the fix."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()


class ReadState:
    """The read state of one home's articles."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.error: ReadStateError | None = None
        self._memory: dict[str, tuple[bool, str]] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self.error is not None:
            return None
        if self._db is not None:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS read_state (id TEXT PRIMARY KEY, read INTEGER NOT NULL, changed TEXT NOT NULL)"
            )
        except sqlite3.DatabaseError as error:
            self.error = ReadStateError(
                f"{self.path}: not a read-state database ({error}); what you read is kept until you quit only: "
                "move the file away or delete it to start again"
            )
            return None
        except OSError as error:
            self.error = ReadStateError(f"{self.path}: cannot open it ({error.strerror or error}); check the folder")
            return None
        self._db = db
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def read_ids(self) -> frozenset[str]:
        """The ids of every article marked read."""
        with self._lock:
            db = self._connect()
            if db is None:
                return frozenset(article for article, (read, _) in self._memory.items() if read)
            try:
                return frozenset(row[0] for row in db.execute("SELECT id FROM read_state WHERE read = 1"))
            except sqlite3.DatabaseError as error:
                raise ReadStateError(f"{self.path}: cannot read it ({error})") from None

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read_ids()

    def states(self, ids: Iterable[str]) -> dict[str, bool]:
        """Each of ``ids`` -> read or not."""
        read = self.read_ids()
        return {article: article in read for article in ids}

    def mark(self, ids: Iterable[str], read: bool = True) -> dict[str, bool]:
        """Set the state of ``ids``; returns what each was before (for undo)."""
        ids = list(dict.fromkeys(ids))
        before = self.states(ids)
        changed = _now()
        with self._lock:
            db = self._connect()
            if db is None:
                for article in ids:
                    self._memory[article] = (read, changed)
                return before
            try:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT INTO read_state (id, read, changed) VALUES (?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET read = excluded.read, changed = excluded.changed",
                    [(article, int(read), changed) for article in ids],
                )
                db.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                try:
                    db.execute("ROLLBACK")
                except sqlite3.DatabaseError:
                    pass
                raise ReadStateError(f"{self.path}: cannot save what was read ({error}); try again") from None
        return before

    def restore(self, before: dict[str, bool]) -> None:
        """Put back states returned by :meth:`mark` (undo)."""
        for state in (True, False):
            ids = [article for article, read in before.items() if read is state]
            if ids:
                self.mark(ids, state)

    def changed(self, article_id: str) -> str | None:
        """When the state of ``article_id`` last changed (ISO, UTC), if ever."""
        with self._lock:
            db = self._connect()
            if db is None:
                held = self._memory.get(article_id)
                return held[1] if held else None
            row = db.execute("SELECT changed FROM read_state WHERE id = ?", (article_id,)).fetchone()
            return str(row[0]) if row else None
