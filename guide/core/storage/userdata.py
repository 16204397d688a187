"""The user's own data: walkthrough progress, favourite phrases, and the cards they keep to
learn with their review history (SQLite, data dir; the cards' rules are guide.core.study.deck).

A write that fails (disk full, folder turned read-only) switches to an in-memory copy of
everything saved so far, so that change and later ones last for this session, and says
so once; the app goes on working. A file deleted while the app runs is written again
from what the app still has open, with a notice.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guide.core.storage import paths
from guide.core.storage.sqlite_store import Store, open_store, restore_deleted

MIGRATIONS = (
    """
    CREATE TABLE progress (
        pack TEXT NOT NULL, walkthrough TEXT NOT NULL, step TEXT NOT NULL,
        completed INTEGER NOT NULL DEFAULT 0, updated REAL NOT NULL,
        PRIMARY KEY (pack, walkthrough));
    CREATE TABLE favourites (
        pack TEXT NOT NULL, key TEXT NOT NULL, added REAL NOT NULL,
        PRIMARY KEY (pack, key))
    """,
    # 2: cards kept to learn (a word, label, phrase or line, with where it was met) and every
    # answer given in Review. The FSRS state is kept in columns (state, step, stability,
    # difficulty, due, last_review; times in UTC seconds); `introduced` is when it was first
    # reviewed (new cards per day).
    """
    CREATE TABLE cards (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pack TEXT NOT NULL, zh TEXT NOT NULL, pinyin TEXT NOT NULL DEFAULT '', en TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL, source TEXT NOT NULL,
        example TEXT NOT NULL DEFAULT '', example_en TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '', picture TEXT NOT NULL DEFAULT '',
        front TEXT NOT NULL DEFAULT '', added REAL NOT NULL,
        state INTEGER NOT NULL DEFAULT 1, step INTEGER, stability REAL, difficulty REAL,
        due REAL NOT NULL, last_review REAL, introduced REAL,
        UNIQUE (pack, zh));
    CREATE INDEX cards_by_due ON cards (pack, due);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pack TEXT NOT NULL, card INTEGER NOT NULL, rating INTEGER NOT NULL, reviewed REAL NOT NULL,
        state INTEGER NOT NULL, due REAL NOT NULL, duration_ms INTEGER);
    CREATE INDEX reviews_by_time ON reviews (pack, reviewed)
    """,
)


@dataclass(frozen=True)
class Progress:
    step: str
    completed: bool


class UserData:
    """Progress, favourites and kept cards for one pack, shared safely by two app instances."""

    FILE_NAME = "userdata.sqlite"
    WHAT = "progress and favourites"  # (and cards) named in notices; other code and tests match this text

    def __init__(self, pack_id: str, directory: Path | None = None) -> None:
        self.pack_id = pack_id
        self.directory = directory or paths.data_dir()  # kept cards' pictures live beside the file
        self._lock = threading.Lock()
        self._store: Store = open_store(self.directory / self.FILE_NAME, MIGRATIONS, self.WHAT)
        self.notices: list[str] = list(self._store.notices)
        self._listeners: list[Callable[[str], None]] = []

    def on_notice(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def off_notice(self, listener: Callable[[str], None]) -> None:
        """A window that closes stops listening: its notice bar is gone, the data may stay."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notice(self, message: str) -> None:
        self.notices.append(message)
        for listener in self._listeners:
            listener(message)

    def _write(self, sql: str, params: tuple) -> bool:
        return self.write((sql, params))

    def write(self, *statements: tuple[str, tuple]) -> bool:
        """Run the statements in one transaction: all of them are saved or none is.

        True when saved to disk; False when kept only in memory for this session."""
        with self._lock:
            if self._store.file_gone():
                self._store, message = restore_deleted(self._store, MIGRATIONS, self.WHAT)
                self._notice(message)
            try:
                with self._store.transaction() as conn:
                    for sql, params in statements:
                        conn.execute(sql, params)
                return not self._store.in_memory
            except sqlite3.Error as exc:
                if self._store.in_memory:
                    self._notice(f"Could not keep a change to your {self.WHAT} ({exc}).")
                    return False
                error = exc
            try:
                self._store = self._store.to_memory()
                with self._store.transaction() as conn:
                    for sql, params in statements:
                        conn.execute(sql, params)
            except sqlite3.Error as exc:
                self._notice(f"Could not keep a change to your {self.WHAT} ({exc}).")
                return False
            self._notice(f"Could not save to {self._store.path} ({error}). This change and later ones are kept "
                         f"until you close the app, then lost; free some disk space or check the folder, and restart.")
            return False

    def read(self, sql: str, params: tuple) -> list[tuple]:
        """Rows of one query; an unreadable file gives none, with a notice."""
        with self._lock:
            try:
                return self._store.connection.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                self._notice(f"Could not read {self._store.path} ({exc}).")
                return []

    # -- walkthrough progress -------------------------------------------------------

    def progress(self, walkthrough_id: str) -> Progress | None:
        rows = self.read("SELECT step, completed FROM progress WHERE pack=? AND walkthrough=?", (self.pack_id, walkthrough_id))
        return Progress(rows[0][0], bool(rows[0][1])) if rows else None

    def all_progress(self) -> dict[str, Progress]:
        rows = self.read("SELECT walkthrough, step, completed FROM progress WHERE pack=?", (self.pack_id,))
        return {w: Progress(s, bool(c)) for w, s, c in rows}

    def set_step(self, walkthrough_id: str, step_id: str) -> None:
        """Remember where the user is; completion, once earned, is kept."""
        self._write(
            "INSERT INTO progress(pack, walkthrough, step, completed, updated) VALUES (?,?,?,0,?) "
            "ON CONFLICT(pack, walkthrough) DO UPDATE SET step=excluded.step, updated=excluded.updated",
            (self.pack_id, walkthrough_id, step_id, time.time()),
        )

    def mark_complete(self, walkthrough_id: str, step_id: str) -> None:
        self._write(
            "INSERT INTO progress(pack, walkthrough, step, completed, updated) VALUES (?,?,?,1,?) "
            "ON CONFLICT(pack, walkthrough) DO UPDATE SET step=excluded.step, completed=1, updated=excluded.updated",
            (self.pack_id, walkthrough_id, step_id, time.time()),
        )

    def restart(self, walkthrough_id: str) -> None:
        self._write("DELETE FROM progress WHERE pack=? AND walkthrough=?", (self.pack_id, walkthrough_id))

    def completed(self) -> set[str]:
        return {w for w, p in self.all_progress().items() if p.completed}

    # -- favourites -------------------------------------------------------------------

    def favourites(self) -> list[str]:
        """Favourite phrase keys, oldest first."""
        rows = self.read("SELECT key FROM favourites WHERE pack=? ORDER BY added, key", (self.pack_id,))
        return [r[0] for r in rows]

    def is_favourite(self, key: str) -> bool:
        return bool(self.read("SELECT 1 FROM favourites WHERE pack=? AND key=?", (self.pack_id, key)))

    def set_favourite(self, key: str, favourite: bool) -> None:
        if favourite:
            self._write("INSERT OR IGNORE INTO favourites(pack, key, added) VALUES (?,?,?)", (self.pack_id, key, time.time()))
        else:
            self._write("DELETE FROM favourites WHERE pack=? AND key=?", (self.pack_id, key))

    def close(self) -> None:
        with self._lock:
            self._store.close()
