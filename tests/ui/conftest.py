"""UI test fixtures: the bundled pack with its own user dirs, and a main window on it in the
light theme (the stylesheet's fonts and paddings, as a user sees them).

A module-scoped fixture runs before the function-scoped `isolated_dirs` of tests/conftest.py,
so building the context there would read and write the real user's progress file; `bundled`
points XDG_* at a temporary folder first. A module may define its own `bundled`; it wins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.qt_windows import delete_closed_windows
from PySide6.QtWidgets import QApplication

from guide.core.context import AppContext, build_context


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    base = tmp_path_factory.mktemp("bundled-xdg")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("config", "data", "cache"):
            (base / name).mkdir()
            patch.setenv(f"XDG_{name.upper()}_HOME", str(base / name))
        context = build_context(None)
        yield context
        context.userdata.close()


@pytest.fixture
def light_window(qtbot, bundled: AppContext):  # noqa: ANN001, ANN201 - Iterator[MainWindow]
    """A main window on the bundled pack, light theme; the theme before is put back after."""
    from guide.ui.shell.main_window import MainWindow
    from guide.ui.shell.theme import apply_theme

    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, "light")
    window = MainWindow(bundled)
    qtbot.addWidget(window)
    yield window
    delete_closed_windows()  # pytest-qt has closed it: not restyled once more on its way out
    apply_theme(app, choice)
