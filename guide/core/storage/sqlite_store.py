"""Opening SQLite files so that nothing the user has is lost.

WAL mode and a busy timeout make two app instances safe. The versioned schema
(`PRAGMA user_version`) is created and migrated inside one `BEGIN IMMEDIATE`
transaction that re-reads the version, with idempotent DDL, so processes starting
together on a new profile never trip over each other. A file is called damaged only
when SQLite says so (`PRAGMA quick_check`, "not a database") or its tables are not the
ones this version needs; it is then moved aside (never deleted) and rebuilt, with a
notice. A file that cannot be written (read-only folder, full disk, newer version) is
copied into memory, so the user still sees what was saved and changes last until the
app closes; only when nothing can be read at all does the store start empty.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from guide.core.storage import user_files

log = logging.getLogger(__name__)


class NewerSchema(sqlite3.DatabaseError):
    """The file was written by a newer version of the app (higher `user_version`)."""


class WrongSchema(sqlite3.DatabaseError):
    """The version matches but tables or columns this version needs are missing."""


@dataclass
class Store:
    """An open database plus any notice the user should see about how it was opened."""

    connection: sqlite3.Connection
    path: Path
    notices: list[str] = field(default_factory=list)
    in_memory: bool = False
    identity: tuple[int, int] | None = None  # (device, inode) of the file opened

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on error; write errors become notices."""
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def file_gone(self) -> bool:
        """True when the file this store opened was deleted or replaced behind its back."""
        if self.in_memory or self.identity is None:
            return False
        return _identity(self.path) != self.identity

    def to_memory(self) -> Store:
        """A copy of everything this store holds, in memory, for when the file cannot be written."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self.connection.backup(memory)
        self.close()
        return Store(memory, self.path, [], in_memory=True)

    def close(self) -> None:
        try:
            self.connection.close()
        except sqlite3.Error:  # pragma: no cover - closing never matters for data safety
            pass


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \t\r\n;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \t\r\n;"):
        statements.append(current.strip())
    return statements


_CREATE_RE = re.compile(r"^(\s*(?:--[^\n]*\n\s*)*CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER))\s+(?!IF\s+NOT\s+EXISTS)", re.IGNORECASE)


def _idempotent(statement: str) -> str:
    """`CREATE TABLE x` -> `CREATE TABLE IF NOT EXISTS x`: running a step twice is harmless."""
    return _CREATE_RE.sub(r"\1 IF NOT EXISTS ", statement, count=1)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _apply_schema(conn: sqlite3.Connection, migrations: Sequence[str]) -> None:
    """Create or migrate atomically: the version is re-read under the write lock."""
    target = len(migrations)
    version = _user_version(conn)
    if version > target:
        raise NewerSchema(f"layout version {version}, this app knows up to {target}")
    if version == target:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _user_version(conn)  # another process may have done it while we waited
        if version > target:
            raise NewerSchema(f"layout version {version}, this app knows up to {target}")
        for number, script in enumerate(migrations[version:], start=version + 1):
            for statement in _statements(script):
                conn.execute(_idempotent(statement))
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _tables(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: frozenset(row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')) for name in names}


@lru_cache(maxsize=16)
def _expected_tables(migrations: tuple[str, ...]) -> dict[str, frozenset[str]]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _apply_schema(conn, migrations)
        return _tables(conn)
    finally:
        conn.close()


def _missing_schema(conn: sqlite3.Connection, migrations: Sequence[str]) -> str | None:
    """What this version needs that the file lacks (None when everything is there)."""
    actual = _tables(conn)
    for table, columns in _expected_tables(tuple(migrations)).items():
        if table not in actual:
            return f"table {table} is missing"
        missing = columns - actual[table]
        if missing:
            return f"table {table} lacks {', '.join(sorted(missing))}"
    return None


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
        missing = _missing_schema(conn, migrations)
        if missing:
            raise WrongSchema(missing)
        return conn
    except BaseException:
        conn.close()
        raise


def _open_read_only(path: Path) -> sqlite3.Connection | None:
    """The file opened for reading only (also in a read-only folder); None if impossible."""
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"file:{quote(str(path))}?{options}", uri=True, timeout=5.0,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            continue
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error:
            conn.close()
    return None


def is_damaged(path: Path) -> bool:
    """Only SQLite decides: `quick_check` is not "ok", or the file is not a database.

    A busy or unreadable file is not damaged (it must never be moved aside for that)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=5.0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.OperationalError as exc:
        return not _is_access_problem(exc)
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


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


def _opened(conn: sqlite3.Connection, path: Path, notices: list[str]) -> Store:
    return Store(conn, path, notices, identity=_identity(path))


def open_store(path: Path, migrations: Sequence[str], what: str) -> Store:
    """Open (creating if needed) the database at `path`; never raises for a bad file.

    `what` names the data in notices, e.g. "translation cache".
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _memory(path, migrations, f"Cannot create {path.parent} ({exc.strerror}); your {what} will not be saved this session.")
    try:  # SQLite itself would block on a FIFO or read a device: only a regular file is opened
        user_files.check_regular(path, user_files.SQLITE_SIDECARS)
    except user_files.NotRegularFile as exc:
        return _rebuild(path, migrations, what, f"was damaged: not a regular file ({exc.reason})")
    last: sqlite3.DatabaseError | None = None
    for attempt in range(8):
        try:
            return _opened(_connect(path, migrations), path, [])
        except NewerSchema as exc:
            return _read_only_copy(path, migrations, what,
                                   f"Your {what} file {path} comes from a newer version of RedNote Guide ({exc}); it is left "
                                   f"unchanged. Showing what it holds; changes you make last until you close the app.")
        except WrongSchema as exc:
            return _rebuild(path, migrations, what, f"did not have the layout this version needs ({exc})")
        except sqlite3.OperationalError as exc:
            if _is_busy(exc) and attempt < 7:  # another copy is creating or migrating it right now
                last = exc
                time.sleep(0.02 * (attempt + 1))
                continue
            if _is_access_problem(exc):
                return _read_only_copy(path, migrations, what,
                                       f"Cannot write {path} ({exc}). Showing your saved {what}; changes you make last "
                                       f"until you close the app.")
            last = exc
        except sqlite3.DatabaseError as exc:
            last = exc
        if is_damaged(path):
            return _rebuild(path, migrations, what, f"was damaged ({last})")
        log.info("%s: %s, but SQLite finds the file healthy; trying again", path, last)
        time.sleep(0.05)
    return _read_only_copy(path, migrations, what, f"Cannot open {path} ({last}). Showing your saved {what}; changes you "
                                                   f"make last until you close the app.")


def _rebuild(path: Path, migrations: Sequence[str], what: str, why: str) -> Store:
    try:
        aside = _move_aside(path)
    except FileNotFoundError:  # another process moved it first; use what it rebuilt
        aside = None
    except OSError as move_error:
        return _memory(path, migrations, f"{path} {why} and cannot be moved aside ({move_error.strerror}); your {what} will not be saved this session.")
    notices = []
    if aside is not None:
        log.warning("%s %s; moved to %s", path, why, aside)
        notices.append(f"Your {what} file {why.split(' (')[0]} and has been rebuilt; the old file was kept as {aside.name}.")
    try:
        return _opened(_connect(path, migrations), path, notices)
    except sqlite3.DatabaseError as again:
        return _memory(path, migrations, f"Cannot rebuild {path} ({again}); your {what} will not be saved this session.")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """SQLite answers "locked" at once (no busy wait) when waiting could deadlock: try again."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_access_problem(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("readonly", "read-only", "unable to open", "disk i/o", "locked", "full"))


def _read_only_copy(path: Path, migrations: Sequence[str], what: str, notice: str) -> Store:
    """What the file holds, copied into memory; empty (with a plainer notice) if unreadable."""
    source = _open_read_only(path) if path.exists() else None
    if source is None:
        return _memory(path, migrations, notice.split(". Showing")[0].rstrip(".") + f"; your {what} will not be saved this session.")
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        source.backup(memory)
        if _user_version(memory) <= len(migrations):
            _apply_schema(memory, migrations)
        if _missing_schema(memory, migrations):
            raise WrongSchema("unusable layout")
    except sqlite3.Error:
        memory.close()
        return _memory(path, migrations, notice.split(". Showing")[0].rstrip(".") + f"; your {what} will not be saved this session.")
    finally:
        source.close()
    log.warning(notice)
    return Store(memory, path, [notice], in_memory=True)


def _memory(path: Path, migrations: Sequence[str], notice: str) -> Store:
    log.warning(notice)
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _apply_schema(conn, migrations)
    return Store(conn, path, [notice], in_memory=True)


def restore_deleted(store: Store, migrations: Sequence[str], what: str) -> tuple[Store, str]:
    """The file was deleted while open: write it again from what the connection still holds."""
    memory = store.to_memory()
    fresh = open_store(store.path, migrations, what)
    if fresh.in_memory:
        memory.close()
        return fresh, fresh.notices[0] if fresh.notices else f"Your {what} file {store.path} was deleted."
    try:
        memory.connection.backup(fresh.connection)
        fresh.identity = _identity(store.path)
    except sqlite3.Error as exc:
        return memory, (f"Your {what} file {store.path} was deleted while the app was running and could not be written "
                        f"again ({exc}); what you had lasts until you close the app.")
    memory.close()
    return fresh, (f"Your {what} file {store.path} was deleted while the app was running; it has been written again "
                   f"from what the app still had open.")


__all__ = ["NewerSchema", "Store", "WrongSchema", "is_damaged", "open_store", "restore_deleted"]
