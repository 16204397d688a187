"""The Ctrl+K palette: type, arrow keys, Enter opens the phrase, label or step."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import search_pack
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget

from guide.core.content.loader import load_pack
from guide.core.context import build_context
from guide.core.study.search import SearchIndex
from guide.ui.search.palette import SearchPalette
from guide.ui.shell.navigator import Navigator


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return search_pack(tmp_path / "pack")


@pytest.fixture
def palette(qtbot, pack_dir: Path) -> SearchPalette:  # noqa: ANN001
    dialog = SearchPalette(SearchIndex.build(load_pack(pack_dir)), Navigator())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def results(palette: SearchPalette) -> QListWidget:
    found = palette.findChild(QListWidget, "searchResults")
    assert found is not None
    return found


def type_query(qtbot, palette: SearchPalette, text: str) -> None:  # noqa: ANN001
    box = palette.findChild(QLineEdit, "searchInput")
    box.clear()
    qtbot.keyClicks(box, text)


def test_object_name_and_hint(palette: SearchPalette) -> None:
    assert palette.objectName() == "searchPalette"
    assert results(palette).count() == 0 and "pinyin" in palette.hint.text()


def test_enter_opens_the_label(qtbot, palette: SearchPalette) -> None:  # noqa: ANN001
    type_query(qtbot, palette, "shou cang")
    assert results(palette).currentRow() == 0
    assert results(palette).item(0).text().startswith("收藏   shōucáng")
    with qtbot.waitSignal(palette.navigator.open_label) as signal:
        qtbot.keyClick(palette.findChild(QLineEdit, "searchInput"), Qt.Key.Key_Return)
    assert signal.args == ["收藏"]
    assert palette.result() == QDialog.DialogCode.Accepted and not palette.isVisible()


def test_arrow_keys_choose_and_enter_opens_a_phrase(qtbot, palette: SearchPalette) -> None:  # noqa: ANN001
    type_query(qtbot, palette, "ni hao")
    box = palette.findChild(QLineEdit, "searchInput")
    assert [results(palette).item(i).data(Qt.ItemDataRole.UserRole).id for i in range(2)] == ["你好", "你好吗？"]
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)  # stops at the last result
    assert results(palette).currentRow() == 1
    qtbot.keyClick(box, Qt.Key.Key_Up)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    with qtbot.waitSignal(palette.navigator.open_phrase) as signal:
        qtbot.keyClick(box, Qt.Key.Key_Enter)
    assert signal.args == ["你好吗？"]


def test_steps_and_walkthroughs_open_the_player(qtbot, palette: SearchPalette) -> None:  # noqa: ANN001
    type_query(qtbot, palette, "save a note")
    row = next(i for i in range(results(palette).count())
               if results(palette).item(i).data(Qt.ItemDataRole.UserRole).kind == "step")
    with qtbot.waitSignal(palette.navigator.open_walkthrough) as signal:
        qtbot.mouseClick(results(palette).viewport(), Qt.MouseButton.LeftButton,
                         pos=results(palette).visualItemRect(results(palette).item(row)).center())
    assert signal.args == ["first", "save"]
    palette.show()
    type_query(qtbot, palette, "follow creators")
    with qtbot.waitSignal(palette.navigator.open_walkthrough) as signal:
        qtbot.keyClick(palette.findChild(QLineEdit, "searchInput"), Qt.Key.Key_Return)
    assert signal.args == ["follow", ""]


def test_nothing_found_and_escape_closes(qtbot, palette: SearchPalette) -> None:  # noqa: ANN001
    type_query(qtbot, palette, "xyzzyq")
    assert results(palette).count() == 0 and "Nothing found" in palette.hint.text()
    qtbot.keyClick(palette.findChild(QLineEdit, "searchInput"), Qt.Key.Key_Return)  # nothing to open: no crash
    qtbot.keyClick(palette.findChild(QLineEdit, "searchInput"), Qt.Key.Key_Escape)
    assert not palette.isVisible() and palette.result() == QDialog.DialogCode.Rejected


def test_main_window_palette_opens_results_on_their_pages(qtbot, pack_dir: Path) -> None:  # noqa: ANN001
    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(build_context(pack_dir))
    qtbot.addWidget(window)
    window.show()
    window.open_search()
    palette = window.findChild(SearchPalette, "searchPalette")
    assert palette is not None and palette.isVisible()
    type_query(qtbot, palette, "yyds")
    qtbot.keyClick(palette.findChild(QLineEdit, "searchInput"), Qt.Key.Key_Return)
    assert window.current_page_name() == "phrasebook"
    assert window.pages["phrasebook"].selected_phrase().zh == "yyds"
    window.open_search()
    palette = window._palette
    type_query(qtbot, palette, "fol")
    qtbot.keyClick(palette.findChild(QLineEdit, "searchInput"), Qt.Key.Key_Return)
    assert window.current_page_name() == "glossary"
    assert window.pages["glossary"].selected_label().zh == "关注"
