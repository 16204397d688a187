"""Opening SQLite files so that nothing the user has is lost.

WAL mode and a busy timeout make two app instances safe; a versioned schema
(`PRAGMA user_version`) migrates forward; a corrupt or truncated file is moved aside
(never deleted) and rebuilt, and the caller gets a notice to show; an unwritable
directory falls back to an in-memory database so the app still runs.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class Store:
    """An open database plus any notice the user should see about how it was opened."""

    connection: sqlite3.Connection
    path: Path
    notices: list[str] = field(default_factory=list)
    in_memory: bool = False

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on error; write errors become notices."""
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        try:
            self.connection.close()
        except sqlite3.Error:  # pragma: no cover - closing never matters for data safety
            pass


def _apply_schema(conn: sqlite3.Connection, migrations: Sequence[str]) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(migrations[version:], start=version + 1):
        conn.executescript(f"BEGIN IMMEDIATE; {script}; PRAGMA user_version = {number}; COMMIT;")


def _connect(path: Path, migrations: Sequence[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - e.g. some network filesystems
            log.warning("%s: WAL not available (journal_mode=%s)", path, mode)
        conn.execute("PRAGMA synchronous = NORMAL")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        _apply_schema(conn, migrations)
        return conn
    except BaseException:
        conn.close()
        raise


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(target.with_name(target.name + suffix))
    return target


def open_store(path: Path, migrations: Sequence[str], what: str) -> Store:
    """Open (creating if needed) the database at `path`; never raises for a bad file.

    `what` names the data in notices, e.g. "translation cache".
    """
    notices: list[str] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _memory(path, migrations, f"Cannot create {path.parent} ({exc.strerror}); your {what} will not be saved this session.")
    try:
        return Store(_connect(path, migrations), path)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and _is_access_problem(exc):
            return _memory(path, migrations, f"Cannot write {path} ({exc}); your {what} will not be saved this session.")
        try:
            aside = _move_aside(path)
        except OSError as move_error:
            return _memory(path, migrations, f"{path} is damaged and cannot be moved aside ({move_error.strerror}); your {what} will not be saved this session.")
        log.warning("%s was damaged (%s); moved to %s", path, exc, aside)
        notices.append(f"Your {what} file was damaged and has been rebuilt; the old file was kept as {aside.name}.")
        try:
            return Store(_connect(path, migrations), path, notices)
        except sqlite3.DatabaseError as again:
            return _memory(path, migrations, f"Cannot rebuild {path} ({again}); your {what} will not be saved this session.")


def _is_access_problem(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("readonly", "read-only", "unable to open", "disk i/o", "locked", "full"))


def _memory(path: Path, migrations: Sequence[str], notice: str) -> Store:
    log.warning(notice)
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _apply_schema(conn, migrations)
    return Store(conn, path, [notice], in_memory=True)
