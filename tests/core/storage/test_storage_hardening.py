"""Storage attacks from the red-team pass (issue 13): wrong or newer schemas, unwritable
or full folders, a database deleted while the app runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guide.core.storage import sqlite_store
from guide.core.storage.userdata import UserData


def _saved(tmp_path: Path) -> None:
    data = UserData("p", tmp_path)
    data.set_favourite("你好", True)
    data.mark_complete("w", "last")
    data.close()


def test_healthy_file_with_a_failing_open_is_never_moved_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _saved(tmp_path)
    real = sqlite_store._connect
    calls = []

    def flaky(path, migrations):  # noqa: ANN001, ANN202 - as if another process raced us once
        calls.append(path)
        if len(calls) == 1:
            raise sqlite3.OperationalError("table progress already exists")
        return real(path, migrations)

    monkeypatch.setattr(sqlite_store, "_connect", flaky)
    data = UserData("p", tmp_path)
    assert data.notices == [] and data.favourites() == ["你好"]
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_migration_ddl_is_idempotent() -> None:
    assert sqlite_store._idempotent("\n  CREATE TABLE t (a)") == "\n  CREATE TABLE IF NOT EXISTS t (a)"
    assert sqlite_store._idempotent("CREATE UNIQUE INDEX i ON t (a)") == "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a)"
    assert sqlite_store._idempotent("CREATE TABLE IF NOT EXISTS t (a)") == "CREATE TABLE IF NOT EXISTS t (a)"
    assert sqlite_store._statements("CREATE TABLE a (x TEXT DEFAULT ';'); CREATE INDEX i ON a (x)") == [
        "CREATE TABLE a (x TEXT DEFAULT ';');", "CREATE INDEX i ON a (x);"]


def test_wrong_schema_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / UserData.FILE_NAME)
    conn.executescript("CREATE TABLE something_else (x); PRAGMA user_version = 1;")
    conn.close()
    data = UserData("p", tmp_path)
    assert any("layout" in n and "rebuilt" in n for n in data.notices), data.notices
    data.set_favourite("你好", True)
    assert data.favourites() == ["你好"] and len(list(tmp_path.glob("*.corrupt-*"))) == 1


def test_newer_schema_is_left_untouched_but_shown(tmp_path: Path) -> None:
    _saved(tmp_path)
    conn = sqlite3.connect(tmp_path / UserData.FILE_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    data = UserData("p", tmp_path)
    assert any("newer version" in n for n in data.notices), data.notices
    assert data.favourites() == ["你好"] and data.completed() == {"w"}
    data.set_favourite("谢谢", True)
    assert data.favourites() == ["你好", "谢谢"]
    data.close()
    conn = sqlite3.connect(tmp_path / UserData.FILE_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
    assert conn.execute("SELECT COUNT(*) FROM favourites").fetchone()[0] == 1, "the newer file is not written"


def test_unwritable_file_shows_what_was_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores permissions, so the read-only folder is SQLite's own refusal."""
    _saved(tmp_path)

    def refuse(path, migrations):  # noqa: ANN001, ANN202
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(sqlite_store, "_connect", refuse)
    data = UserData("p", tmp_path)
    assert any("Showing your saved" in n and "until you close" in n for n in data.notices), data.notices
    assert data.favourites() == ["你好"] and data.completed() == {"w"}
    data.set_favourite("谢谢", True)
    assert data.favourites() == ["你好", "谢谢"]


def test_disk_full_mid_session_keeps_changes_for_the_session(tmp_path: Path) -> None:
    data = UserData("p", tmp_path)
    data.set_favourite("你好", True)
    conn = data._store.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now answers "database or disk is full"
    for n in range(300):
        data.set_favourite(f"phrase {n} " + "x" * 200, True)
    favourites = data.favourites()
    assert favourites[0] == "你好" and len(favourites) == 301, "nothing vanishes"
    assert sum("kept until you close the app" in n for n in data.notices) == 1, "said once"


def test_database_deleted_while_running_is_written_again(tmp_path: Path) -> None:
    data = UserData("p", tmp_path)
    data.set_favourite("你好", True)
    for path in tmp_path.glob(UserData.FILE_NAME + "*"):
        path.unlink()
    data.set_favourite("谢谢", True)
    assert any("deleted while the app was running" in n for n in data.notices), data.notices
    data.close()
    assert UserData("p", tmp_path).favourites() == ["你好", "谢谢"]


@pytest.mark.parametrize("raw", [b'{"theme": "dark\xff"}', b"\xfe\xff{}", b"[" * 100000])
def test_unreadable_settings_are_moved_aside_with_a_notice(tmp_path: Path, raw: bytes) -> None:
    from guide.core.storage.settings import Settings, SettingsStore

    (tmp_path / "settings.json").write_bytes(raw)
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()
    assert any("damaged" in n for n in store.notices)
    assert [p.read_bytes() for p in tmp_path.glob("settings.json.corrupt-*")] == [raw]
