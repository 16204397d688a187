"""The translation cache: what engines answered, per sentence, so it works offline later.
An LLM's note on slang is kept with its translation (a cache hit used to lose it).

Keyed by the normalised sentence and the direction, not by engine: any engine's answer
serves. Lives in the cache dir (safe to delete) through `open_store`: WAL, so two app
instances share it; a damaged file is moved aside and rebuilt with a notice; an
unwritable dir gives an in-memory cache for the session.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guide.core.storage import paths
from guide.core.storage.sqlite_store import Store, open_store

log = logging.getLogger(__name__)

MIGRATIONS = (
    """
    CREATE TABLE translations (
        key TEXT NOT NULL,            -- normalise(sentence)
        direction TEXT NOT NULL,      -- "zh-en" | "en-zh"
        source TEXT NOT NULL,         -- the sentence as first seen
        translation TEXT NOT NULL,
        engine TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (key, direction)) WITHOUT ROWID
    """,
    # 2: the LLM's note on slang travels with the translation it explains
    "ALTER TABLE translations ADD COLUMN note TEXT NOT NULL DEFAULT ''",
)


@dataclass(frozen=True)
class CachedTranslation:
    translation: str
    engine: str
    created: float
    note: str = ""


class TableStore:
    """What the cache and the history share: one table of pasted text in one SQLite file,
    counted, cleared (zeroed on disk) and closed under a lock; problems become notices."""

    TABLE = ""
    _lock: threading.Lock
    _store: Store
    notices: list[str]

    def count(self) -> int:
        with self._lock:
            try:
                return int(self._store.connection.execute(f"SELECT COUNT(*) FROM {self.TABLE}").fetchone()[0])
            except sqlite3.Error:
                return 0

    def clear(self) -> int:
        """Delete every row (zeroed on disk, WAL truncated); returns how many."""
        with self._lock:
            return _clear_table(self._store, self.TABLE, self._problem)

    def close(self) -> None:
        with self._lock:
            self._store.close()

    def _problem(self, message: str) -> None:
        log.warning(message)
        if message not in self.notices:
            self.notices.append(message)


class TranslationCache(TableStore):
    """Thread-safe: the UI's worker threads and the CLI share one connection under a lock."""

    FILE_NAME = "translations.sqlite"
    TABLE = "translations"

    def __init__(self, directory: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._store: Store = open_store((directory or paths.cache_dir()) / self.FILE_NAME, MIGRATIONS, "translation cache")
        self.notices: list[str] = list(self._store.notices)
        _secure_delete(self._store.connection)

    @property
    def path(self) -> Path:
        return self._store.path

    def get(self, key: str, direction: str) -> CachedTranslation | None:
        with self._lock:
            try:
                row = self._store.connection.execute(
                    "SELECT translation, engine, created, note FROM translations WHERE key = ? AND direction = ?",
                    (key, direction)).fetchone()
            except sqlite3.Error as exc:
                self._problem(f"The translation cache could not be read ({exc}).")
                return None
        return CachedTranslation(*row) if row else None

    def put_many(self, rows: list[tuple[str, str, str, str, str, str]]) -> bool:
        """Rows of (key, direction, source, translation, engine, note); False (and a notice) on failure."""
        if not rows:
            return True
        now = time.time()
        with self._lock:
            try:
                with self._store.transaction() as conn:
                    conn.executemany(
                        "INSERT OR REPLACE INTO translations (key, direction, source, translation, engine, note, "
                        "created) VALUES (?, ?, ?, ?, ?, ?, ?)", [(*row, now) for row in rows])
            except sqlite3.Error as exc:
                self._problem(f"New translations could not be saved to the cache ({exc}); they still show now.")
                return False
        return True

    def put(self, key: str, direction: str, source: str, translation: str, engine: str, note: str = "") -> bool:
        return self.put_many([(key, direction, source, translation, engine, note)])



def _secure_delete(conn: sqlite3.Connection) -> None:
    """Deleted rows are overwritten on disk: clearing must really remove what was pasted."""
    try:
        conn.execute("PRAGMA secure_delete = ON")
    except sqlite3.Error:  # pragma: no cover - very old SQLite builds
        pass


def _clear_table(store: Store, table: str, problem: Callable[[str], None]) -> int:
    """Rows deleted from the file: a store kept in memory (the file could not be written)
    deletes none there, and says that the file still holds them."""
    try:
        with store.transaction() as conn:
            count = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            conn.execute(f"DELETE FROM {table}")
    except sqlite3.Error as exc:
        problem(f"Could not clear {store.path.name} ({exc}).")
        return 0
    if store.in_memory and os.path.lexists(store.path):
        problem(f"Could not clear {store.path}: the file cannot be written, so the text it holds stays on disk "
                f"(removed only from this session).")
        return 0
    if not _checkpoint(store):
        problem(f"Deleted from {store.path.name}, but another open window or process of the app is still "
                "reading it, so the old text stays on disk until that one closes; close it and clear again.")
    return int(count)


def _checkpoint(store: Store, wait_seconds: float = 1.0) -> bool:
    """Fold the WAL into the database and truncate it, so deleted text leaves the disk.

    False when another connection holds a read transaction for longer than `wait_seconds`:
    its snapshot pins the old pages, and saying "deleted" would then be untrue."""
    if store.in_memory:
        return True
    conn = store.connection
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        return False
    finally:
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
        except sqlite3.Error:  # pragma: no cover
            pass
    return not busy
