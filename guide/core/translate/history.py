"""Recent translations, for the history list: searchable, re-openable, deletable.

In the data dir (the user would miss it), through `open_store` like the other stores.
Translation-as-you-type would log every keystroke, so a new entry that extends (or
trims) the one made a moment ago replaces it instead of piling up.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from guide.core.storage import paths
from guide.core.storage.sqlite_store import Store, open_store
from guide.core.translate.cache import TableStore, TranslationCache, _secure_delete

log = logging.getLogger(__name__)

MIGRATIONS = (
    """
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        translation TEXT NOT NULL DEFAULT '',
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        origin TEXT NOT NULL,
        created REAL NOT NULL);
    CREATE INDEX history_created ON history (created)
    """,
)


@dataclass(frozen=True)
class HistoryItem:
    id: int
    source: str
    translation: str
    source_lang: str
    target_lang: str
    origin: str
    created: float


class History(TableStore):
    FILE_NAME = "history.sqlite"
    TABLE = "history"
    KEEP = 1000  # newest entries kept
    MERGE_SECONDS = 120.0  # typing the same text longer within this time updates one entry

    def __init__(self, directory: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._store: Store = open_store((directory or paths.data_dir()) / self.FILE_NAME, MIGRATIONS, "translation history")
        self.notices: list[str] = list(self._store.notices)
        _secure_delete(self._store.connection)

    @property
    def path(self) -> Path:
        return self._store.path

    def add(self, source: str, translation: str, source_lang: str, target_lang: str, origin: str,
            now: float | None = None) -> int | None:
        """Record a translation; returns its id (None when it could not be saved)."""
        source = source.strip()
        if not source:
            return None
        now = time.time() if now is None else now
        with self._lock:
            try:
                with self._store.transaction() as conn:
                    recent = conn.execute("SELECT id, source, created FROM history ORDER BY id DESC LIMIT 2").fetchall()
                    if recent and self._typing_step(source, recent, now):
                        conn.execute("DELETE FROM history WHERE id = ?", (recent[0][0],))
                    conn.execute("DELETE FROM history WHERE source = ?", (source,))
                    cursor = conn.execute(
                        "INSERT INTO history (source, translation, source_lang, target_lang, origin, created) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (source, translation or "", source_lang, target_lang, origin, now))
                    item_id = cursor.lastrowid
                    conn.execute("DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?)",
                                 (self.KEEP,))
            except sqlite3.Error as exc:
                self._problem(f"The translation history could not be saved ({exc}).")
                return None
        return item_id

    def _typing_step(self, source: str, recent: list[tuple[int, str, float]], now: float) -> bool:
        """Whether the newest entry was only a step of typing that `source` continues.

        Typing on (the new text extends the last) replaces it. A shorter text never deletes
        a longer one (translating "我" after "我今天很高兴" keeps both), except a trimmed
        text made a moment ago by backspacing, which the next trim replaces."""
        _, last, created = recent[0]
        if now - created >= self.MERGE_SECONDS or source == last:
            return False
        if source.startswith(last):
            return True
        if last.startswith(source) and len(recent) > 1:
            before = recent[1][1]
            return before.startswith(last) and before != last and now - recent[1][2] < self.MERGE_SECONDS
        return False

    def recent(self, query: str = "", limit: int = 200) -> list[HistoryItem]:
        """Newest first; `query` matches source or translation (case-insensitive for Latin).
        Entries without a translation (older versions kept texts that only got the dictionary
        breakdown) are not listed."""
        sql = "SELECT id, source, translation, source_lang, target_lang, origin, created FROM history WHERE translation != ''"
        params: tuple = ()
        query = query.strip()
        if query:
            pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            sql += " AND (source LIKE ? ESCAPE '\\' OR translation LIKE ? ESCAPE '\\')"
            params = (pattern, pattern)
        sql += " ORDER BY id DESC LIMIT ?"
        with self._lock:
            try:
                rows = self._store.connection.execute(sql, (*params, limit)).fetchall()
            except sqlite3.Error as exc:
                self._problem(f"The translation history could not be read ({exc}).")
                return []
        return [HistoryItem(*row) for row in rows]

    def get(self, item_id: int) -> HistoryItem | None:
        with self._lock:
            row = self._store.connection.execute(
                "SELECT id, source, translation, source_lang, target_lang, origin, created FROM history WHERE id = ?",
                (item_id,)).fetchone()
        return HistoryItem(*row) if row else None

    def delete(self, item_id: int) -> bool:
        with self._lock:
            try:
                with self._store.transaction() as conn:
                    return conn.execute("DELETE FROM history WHERE id = ?", (item_id,)).rowcount > 0
            except sqlite3.Error as exc:
                self._problem(f"Could not delete from the translation history ({exc}).")
                return False



@dataclass(frozen=True)
class Cleared:
    history: int  # entries deleted
    cache: int  # cached translations deleted
    damaged_files: int  # copies of damaged databases removed (they hold pasted text too)
    problems: tuple[str, ...] = ()


def clear_history_and_cache(history: History, cache: TranslationCache) -> Cleared:
    """The privacy action: forget everything pasted, including damaged copies kept aside."""
    history_count, cache_count = history.clear(), cache.clear()
    removed = 0
    problems: list[str] = []
    for path in (history.path, cache.path):
        for aside in path.parent.glob(path.name + ".corrupt-*"):
            try:
                aside.unlink()
                removed += 1
            except OSError as exc:
                problems.append(f"Could not delete {aside} ({exc.strerror}).")
    problems.extend(n for n in history.notices + cache.notices
                    if n.startswith("Could not clear") or "still reading" in n)
    for store in (history, cache):  # shown once here; a later clear may succeed
        store.notices[:] = [n for n in store.notices if not n.startswith("Could not clear") and "still reading" not in n]
    return Cleared(history_count, cache_count, removed, tuple(problems))
