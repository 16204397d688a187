"""Issue 14 item 9, the walkthrough player: at 800×600 the steps move into a drop-down above
the step (full titles, not a 100 px column of "5. Chann…") and the sidebar narrows to its
longest title; at 1280×800 and 2560×1440 the step list sits beside the step with every title whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from guide.core.context import AppContext
from guide.ui.shell.main_window import MainWindow
from guide.ui.shell.theme import apply_theme
from guide.ui.walkthroughs.player import STEP_ROW_PADDING, WalkthroughPlayer


@pytest.fixture
def window(qtbot, bundled: AppContext) -> Iterator[MainWindow]:  # noqa: ANN001
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, "light")  # the stylesheet's fonts and paddings, as a user sees them
    win = MainWindow(bundled)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.open_walkthrough("home-tour", "channels")
    yield win
    apply_theme(app, choice)


def _resize(window: MainWindow, width: int, height: int) -> WalkthroughPlayer:
    for _ in range(2):  # the splitter settles once the page has its new size
        window.resize(width, height)
        QApplication.processEvents()
    return window.pages["walkthroughs"].player


def test_at_800_by_600_the_steps_are_a_drop_down_with_whole_titles(window: MainWindow) -> None:
    player = _resize(window, 800, 600)
    assert window.width() == 800, "the step list column held the window wide"
    steps = player.walkthrough.steps
    assert player.step_picker.isVisible() and not player.step_list.isVisible()
    assert player.progress_label.isVisible() and player.progress_label.text() == "Step 5 of 8"
    assert [player.step_picker.itemText(i) for i in range(player.step_picker.count())] == \
        [f"{n}. {s.title}" for n, s in enumerate(steps, start=1)]
    assert player.step_picker.currentIndex() == 4 and player.step_picker.toolTip() == steps[4].title
    shown = player.step_picker.width() - 40  # the arrow's room
    assert player.step_picker.fontMetrics().horizontalAdvance(player.step_picker.currentText()) <= shown, \
        "the current step's title is cut in the drop-down"
    player.step_picker.activated.emit(2)  # the user picks step 3
    assert player.index == 2 and player.title.text() == steps[2].title
    player.next()
    assert player.step_picker.currentIndex() == 3


def test_the_sidebar_narrows_in_a_small_window_and_keeps_its_titles(window: MainWindow) -> None:
    wide = _resize(window, 1280, 800) and window.nav.width()
    _resize(window, 800, 600)
    nav = window.nav
    assert nav.width() <= wide - 20, "the sidebar keeps its full width at 800 px"
    longest = max(nav.fontMetrics().horizontalAdvance(nav.item(r).text()) for r in range(nav.count()))
    assert nav.viewport().width() >= longest + 2 * (14 + 8), "a sidebar title is cut"


@pytest.mark.parametrize("size", [(1280, 800), (2560, 1440)])
def test_on_larger_windows_the_step_list_shows_every_title_whole(window: MainWindow, size: tuple[int, int]) -> None:
    player = _resize(window, *size)
    listing = player.step_list
    assert listing.isVisible() and not player.step_picker.isVisible()
    width = listing.viewport().width() - 2 * STEP_ROW_PADDING
    for row, step in enumerate(player.walkthrough.steps):
        item = listing.item(row)
        assert item.toolTip() == step.title
        font = listing.font()
        font.setBold(item.font().bold())
        needed = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, item.text())
        assert listing.visualItemRect(item).height() >= needed.height() + 2 * STEP_ROW_PADDING, f"step {row + 1} is cut"
    assert listing.textElideMode() == Qt.TextElideMode.ElideNone


def test_growing_the_window_again_brings_the_step_list_back(window: MainWindow) -> None:
    player = _resize(window, 800, 600)
    player = _resize(window, 1280, 800)
    assert player.step_list.isVisible() and not player.step_picker.isVisible()
    assert player.progress_label.isVisible() and player.progress_bar.isVisible()
    assert player.step_list.currentRow() == player.index
