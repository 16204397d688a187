"""Shared test set-up: offscreen Qt, isolated user dirs, and a tiny fixture pack.

Every test gets its own XDG_* dirs so nothing touches the real user's data, and Qt
renders offscreen so no screen is needed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.dictionary_index import place_index
from helpers.fake_server import FakeServer
from helpers.memory_keyring import MemoryKeyring, use_memory_keyring
from helpers.packs import write_pack
from helpers.qt_windows import delete_closed_windows

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("xdg")
    dirs = {name: base / name for name in ("config", "data", "cache")}
    for name, path in dirs.items():
        path.mkdir()
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(path))
    return dirs


@pytest.fixture(scope="session")
def built_dictionary_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CC-CEDICT index, built once per test session (a few seconds, far more on a loaded
    machine) rather than inside a test that waits for the dictionary with a deadline."""
    from guide.core.translate.dict_index import open_index

    path = tmp_path_factory.mktemp("dictionary") / "index.sqlite3"
    open_index(path)[0].close()
    return path


@pytest.fixture
def dictionary_index(built_dictionary_index: Path, isolated_dirs: dict[str, Path]) -> Path:
    """This test's cache dir holds a ready index (a hard link to the session's), so loading the
    dictionary only opens it."""
    return place_index(built_dictionary_index, isolated_dirs["cache"])


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    """No test reads or writes the real system keyring."""
    return use_memory_keyring()


@pytest.fixture
def server() -> Iterator[FakeServer]:
    """A local fake translation server (Google, MyMemory, LibreTranslate, DeepL … answers)."""
    srv = FakeServer()
    yield srv
    srv.stop()


@pytest.fixture
def second_server() -> Iterator[FakeServer]:
    """Another one, for engine chains (the first fails, the second answers)."""
    srv = FakeServer()
    yield srv
    srv.stop()


@pytest.fixture
def mini_pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "mini")


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """After pytest-qt has closed the test's windows and its fixtures are gone: delete them."""
    delete_closed_windows()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Empty the clipboard before Qt tears down: data a test put there is owned by Qt, and
    freeing it during interpreter exit crashed the process after every test had passed."""
    import sys

    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is not None:
            QGuiApplication.clipboard().clear()
