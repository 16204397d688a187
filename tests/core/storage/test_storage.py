"""Progress, favourites and settings survive damage: a corrupt file is moved aside and
rebuilt with a notice, an unwritable dir still lets the app run, two instances share data."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from guide.core.storage.settings import Settings, SettingsStore
from guide.core.storage.userdata import UserData


def test_progress_and_favourites_persist(tmp_path: Path) -> None:
    first = UserData("rednote", tmp_path)
    first.set_step("sign-up", "code")
    first.mark_complete("home-tour", "last")
    first.set_favourite("你好", True)
    first.set_favourite("谢谢", True)
    first.set_favourite("谢谢", False)
    first.close()
    again = UserData("rednote", tmp_path)
    assert again.progress("sign-up").step == "code" and not again.progress("sign-up").completed
    assert again.completed() == {"home-tour"}
    assert again.favourites() == ["你好"]
    assert UserData("other-pack", tmp_path).favourites() == []


def test_completion_is_kept_when_moving_through_steps_again(tmp_path: Path) -> None:
    data = UserData("p", tmp_path)
    data.mark_complete("w", "last")
    data.set_step("w", "first")
    assert data.completed() == {"w"}
    data.restart("w")
    assert data.completed() == set() and data.progress("w") is None


def test_two_instances_see_each_others_writes(tmp_path: Path) -> None:
    a, b = UserData("p", tmp_path), UserData("p", tmp_path)
    a.set_favourite("你好", True)
    b.set_favourite("大家好", True)
    assert set(a.favourites()) == set(b.favourites()) == {"大家好", "你好"}


@pytest.mark.parametrize("damage", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 3000])
def test_corrupt_database_is_moved_aside_and_rebuilt(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / UserData.FILE_NAME).write_bytes(damage)
    data = UserData("p", tmp_path)
    assert any("damaged" in n and "rebuilt" in n for n in data.notices)
    data.set_favourite("你好", True)
    assert data.favourites() == ["你好"]
    kept = list(tmp_path.glob(f"{UserData.FILE_NAME}.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage, "the damaged file is kept, not deleted"


def test_truncated_database_is_rebuilt(tmp_path: Path) -> None:
    data = UserData("p", tmp_path)
    for n in range(200):
        data.set_favourite(f"phrase {n}", True)
    data.close()
    path = tmp_path / UserData.FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    again = UserData("p", tmp_path)
    again.set_step("w", "s")
    assert again.progress("w").step == "s"


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root ignores permissions")
def test_read_only_data_dir_still_runs(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        data = UserData("p", tmp_path / "sub")
        assert any("will not be saved" in n for n in data.notices)
        data.set_favourite("你好", True)
        assert data.favourites() == ["你好"]
    finally:
        tmp_path.chmod(0o700)


def test_unwritable_data_dir_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    data = UserData("p", blocker / "data")  # cannot create a dir under a file, even as root
    assert any("will not be saved" in n for n in data.notices)
    data.set_step("w", "s")
    assert data.progress("w").step == "s"


def test_settings_round_trip_and_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()
    settings = Settings(engines=["mymemory"], timeout_seconds=3.0, offline_only=True, theme="dark")
    assert store.save(settings)
    assert SettingsStore(tmp_path).load() == settings


def test_corrupt_settings_fall_back_to_defaults_with_notice(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()
    assert any("damaged" in n for n in store.notices)
    assert list(tmp_path.glob("settings.json.corrupt-*"))


def test_mistyped_setting_keeps_default_and_others(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"timeout_seconds": "soon", "theme": "dark", "offline_only": True}))
    store = SettingsStore(tmp_path)
    settings = store.load()
    assert settings.timeout_seconds == 8.0 and settings.theme == "dark" and settings.offline_only
    assert any("timeout_seconds" in n for n in store.notices)


def test_settings_save_failure_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = SettingsStore(blocker / "config")
    assert store.save(Settings()) is False
    assert store.notices and "Could not save settings" in store.notices[0]


def test_review_settings_have_sane_defaults_and_are_kept_in_range(tmp_path: Path) -> None:
    defaults = Settings()
    assert (defaults.new_cards_per_day, defaults.retention_goal, defaults.review_front) == (10, 0.9, "hanzi+pinyin")
    (tmp_path / "settings.json").write_text(json.dumps({"new_cards_per_day": 5000, "retention_goal": 0.2,
                                                        "review_front": "english"}))
    store = SettingsStore(tmp_path)
    settings = store.load()
    assert (settings.new_cards_per_day, settings.retention_goal, settings.review_front) == (100, 0.7, "english")
    assert len([n for n in store.notices if "is outside" in n]) == 2
    (tmp_path / "settings.json").write_text(json.dumps({"new_cards_per_day": "lots", "retention_goal": True}))
    assert SettingsStore(tmp_path).load().new_cards_per_day == 10
