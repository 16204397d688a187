"""Issue 25 item 13 and part of 16: the UI labels table fits the window at every size without
scrolling sideways (it did even at 1920 wide, "Where" read "App na…" while 汉字 and the card
took the room), every Chinese label is drawn whole (smaller if it must), a cut cell has its
whole text as a tooltip, the "Walkthrough steps that show it" are drawn whole and apart, and
"Copied …" does not move the list under it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QStyleOptionViewItem,
    QTableView,
)

from guide.ui.glossary.page import GlossaryPage
from guide.ui.shell.main_window import MainWindow

SIZES = ((800, 600), (1180, 780), (1920, 1050))


@pytest.fixture
def window(qtbot, light_window: MainWindow) -> MainWindow:  # noqa: ANN001
    light_window.show()
    light_window.show_page("glossary")
    qtbot.waitExposed(light_window)
    return light_window


def sized(window: MainWindow, size: tuple[int, int]) -> GlossaryPage:
    for _ in range(2):
        window.resize(*size)
        QApplication.processEvents()
    return window.pages["glossary"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_table_fits_without_scrolling_sideways(window: MainWindow, size: tuple[int, int]) -> None:
    page = sized(window, size)
    table = page.findChild(QTableView, "glossaryTable")
    shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
    assert table.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
    assert {0, 1, 2} <= set(shown), "汉字, pinyin and English are always there"
    assert table.columnWidth(2) >= 110, "English has room to be read"
    if size[0] >= 1900:
        assert set(shown) == {0, 1, 2, 3, 4}, "a wide window shows Where and Note too"
        assert min(table.columnWidth(c) for c in (2, 3, 4)) >= 180


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_chinese_label_is_drawn_whole_and_cut_cells_have_a_tooltip(window: MainWindow, size: tuple[int, int]) -> None:
    page = sized(window, size)
    table = page.findChild(QTableView, "glossaryTable")
    delegate = table.itemDelegateForColumn(0) or table.itemDelegate()
    model = table.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, table.columnWidth(0), table.rowHeight(row))
        delegate.initStyleOption(option, index)  # the font the cell is drawn with
        metrics = QFontMetrics(option.font)
        assert metrics.horizontalAdvance(index.data()) <= table.columnWidth(0) - 4, f"{index.data()} is cut"
        assert option.font.pointSize() >= 12, f"{index.data()} drawn too small"
        for column in range(1, 5):
            cell = model.index(row, column)
            assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data(), "the whole text on hover"


def test_walkthrough_steps_of_a_label_are_whole_and_apart(window: MainWindow) -> None:
    page = sized(window, (800, 1050))  # narrow, with room to draw each step much taller below
    zh = max(page.mentions, key=lambda label: sum(len(f"{w.title} › {s.title}") for w, s in page.mentions[label]))
    page.show_label(zh)
    QApplication.processEvents()
    steps = page.findChild(QListWidget, "glossarySteps")
    assert steps.count() >= 3
    rects = [steps.visualItemRect(steps.item(row)) for row in range(steps.count())]
    for above, below in zip(rects, rects[1:]):
        assert below.top() - above.bottom() >= 2, "two steps run together"
    for row in range(steps.count()):
        item = steps.item(row)
        height = rects[row].height()
        hint = item.sizeHint()
        item.setSizeHint(QSize(hint.width(), height + 120))  # drawn again much taller: where its text really ends
        steps.doItemsLayout()
        steps.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtTop)
        image = steps.viewport().grab(steps.visualItemRect(item)).toImage()
        background = image.pixelColor(image.width() - 3, 1)
        inked = [y for y in range(image.height()) if any(
            abs(image.pixelColor(x, y).lightness() - background.lightness()) > 60 for x in range(3, image.width() - 3))]
        item.setSizeHint(hint)
        steps.doItemsLayout()
        assert inked and inked[-1] - inked[0] + 1 <= height - 4, f"step {row + 1} ({item.text()}) is cut"


def test_copied_does_not_move_the_steps_list(window: MainWindow) -> None:
    page = sized(window, (1180, 780))
    page.show_label("收藏")
    QApplication.processEvents()
    steps = page.findChild(QListWidget, "glossarySteps")
    before = (steps.mapTo(page, steps.rect().topLeft()), steps.height())
    page.copy_selected(with_pinyin=True)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()
    assert page.copied.text().startswith("Copied 收藏")
    assert (steps.mapTo(page, steps.rect().topLeft()), steps.height()) == before, "the steps list moved"
