"""The UI labels page as a user drives it: filter (pinyin too), sort, select, open a step, copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import search_pack
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QListWidget, QPushButton, QTableView

from guide.core.context import AppContext, build_context
from guide.ui.glossary.page import GlossaryPage
from guide.ui.shell.navigator import Navigator


@pytest.fixture
def context(tmp_path: Path) -> AppContext:
    return build_context(search_pack(tmp_path / "pack"))


@pytest.fixture
def page(qtbot, context: AppContext) -> GlossaryPage:  # noqa: ANN001
    widget = GlossaryPage(context, Navigator())
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def table(page: GlossaryPage) -> QTableView:
    found = page.findChild(QTableView, "glossaryTable")
    assert found is not None
    return found


def type_into(qtbot, box: QLineEdit, text: str) -> None:  # noqa: ANN001
    """Key presses for what a keyboard types; 汉字 arrive through an input method, as one insert."""
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:
        box.insert(text)


def column(page: GlossaryPage, number: int = 0) -> list[str]:
    model = table(page).model()
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_lists_every_label_with_large_hanzi(page: GlossaryPage) -> None:
    assert column(page) == ["发布", "收藏", "小红书", "关注", "已关注"], "pack order until a header is clicked"
    model = table(page).model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == ["汉字", "Pinyin", "English", "Where", "Note"]
    assert model.index(1, 1).data() == "shōucáng" and model.index(1, 4).data() == "Saves matter more than likes."
    zh_font = model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert zh_font is not None and zh_font.pointSize() >= 18


@pytest.mark.parametrize(("typed", "expected"), [
    ("shou cang", ["收藏"]), ("shoucang", ["收藏"]), ("shōucáng", ["收藏"]), ("guan zhu", ["关注", "已关注"]),
    ("关注", ["关注", "已关注"]), ("红书", ["小红书"]), ("fol", ["关注", "已关注"]), ("Post", ["发布"]),
])
def test_filter_understands_english_hanzi_and_pinyin(qtbot, page: GlossaryPage, typed: str, expected: list[str]) -> None:  # noqa: ANN001
    box = page.findChild(QLineEdit, "glossaryFilter")
    type_into(qtbot, box, typed)
    assert column(page) == expected
    assert f"{len(expected)} of 5 labels" in page.count.text()
    box.clear()
    assert len(column(page)) == 5


def test_click_a_header_to_sort(qtbot, page: GlossaryPage) -> None:  # noqa: ANN001
    header = table(page).horizontalHeader()
    english = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(english, 5))
    first = column(page, 2)
    assert first in (sorted(first, key=str.casefold), sorted(first, key=str.casefold, reverse=True))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(english, 5))
    assert column(page, 2) == list(reversed(first))
    table(page).sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(page) == ["发布", "关注", "收藏", "小红书", "已关注"], "汉字 sort by their pinyin, as dictionaries do"


def test_selecting_a_label_lists_the_steps_that_show_it_and_opens_one(qtbot, page: GlossaryPage) -> None:  # noqa: ANN001
    assert page.show_label("收藏")
    steps = page.findChild(QListWidget, "glossarySteps")
    assert [steps.item(i).text() for i in range(steps.count())] == ["First steps › Save a note", "Follow creators › Read your feed"]
    with qtbot.waitSignal(page.navigator.open_walkthrough) as signal:
        qtbot.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, pos=steps.visualItemRect(steps.item(1)).center())
    assert signal.args == ["follow", "feed"]
    assert page.detail_zh.text() == "收藏" and page.detail_where.text() == "Where: Star under a note"


def test_show_label_clears_a_filter_that_hides_it(qtbot, page: GlossaryPage) -> None:  # noqa: ANN001
    qtbot.keyClicks(page.findChild(QLineEdit, "glossaryFilter"), "fol")
    assert page.show_label("小红书")
    assert page.filter.text() == "" and page.selected_label().zh == "小红书"
    assert not page.show_label("不存在")


def test_copy_buttons_and_shortcut(qtbot, page: GlossaryPage) -> None:  # noqa: ANN001
    page.show_label("收藏")
    qtbot.mouseClick(page.findChild(QPushButton, "glossaryCopy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "收藏"
    qtbot.mouseClick(page.findChild(QPushButton, "glossaryCopyPinyin"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "收藏 (shōucáng)"
    page.show_label("发布")
    qtbot.keyClick(table(page), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "发布"


def test_main_window_routes_open_label_here(qtbot, context: AppContext) -> None:  # noqa: ANN001
    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.navigator.open_label.emit("已关注")
    assert window.current_page_name() == "glossary"
    assert window.pages["glossary"].selected_label().zh == "已关注"


@pytest.fixture(scope="module")
def bundled() -> AppContext:
    return build_context(None)


@pytest.mark.parametrize("typed", ["save", "收藏", "shoucang"])
def test_filter_lists_the_best_match_first_like_ctrl_k(qtbot, bundled: AppContext, typed: str) -> None:  # noqa: ANN001
    from guide.core.study.search import index_for

    page = GlossaryPage(bundled, Navigator())
    qtbot.addWidget(page)
    page.show()
    type_into(qtbot, page.findChild(QLineEdit, "glossaryFilter"), typed)
    shown = column(page)
    assert shown[0] == "收藏", shown[:4]
    assert page.selected_label().zh == "收藏", "the best match is the one selected"
    palette = [r.id for r in index_for(bundled.pack).search(typed, limit=None, kinds=("label",))]
    assert shown == palette, "the same order as Ctrl+K"


def test_a_clicked_header_sort_wins_over_the_search_order(qtbot, page: GlossaryPage) -> None:  # noqa: ANN001
    header = table(page).horizontalHeader()
    english = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(english, 5))
    qtbot.keyClicks(page.findChild(QLineEdit, "glossaryFilter"), "guan zhu")
    first = column(page, 2)
    assert first in (sorted(first, key=str.casefold), sorted(first, key=str.casefold, reverse=True))
    page.filter.clear()
    assert len(column(page)) == 5


def test_the_copied_line_clears_after_a_while(qtbot, page: GlossaryPage) -> None:  # noqa: ANN001
    page.show_label("收藏")
    page.copy_selected()
    assert page.copied.text() == "Copied 收藏" and page.copied_timer.isActive()
    page.copied_timer.setInterval(1)
    page.copied_timer.start()
    qtbot.waitUntil(lambda: page.copied.text() == "", timeout=5000)
