"""Issue 14 item 9: the window goes down to 800×600 and every page stays usable there:
readable category titles, no sideways scrolling that hides the stars, the walkthrough list's
grey line after a resize, and whole Chinese labels in the UI labels table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QListView, QListWidget, QTableView

from guide.core.context import AppContext, build_context
from guide.ui.glossary.page import fitted_zh_font
from guide.ui.phrasebook.phrase_list import STAR_ON
from guide.ui.shell.main_window import PAGES, MainWindow
from guide.ui.shell.theme import apply_theme


@pytest.fixture(scope="module")
def bundled() -> AppContext:
    return build_context(None)


@pytest.fixture
def window(qtbot, bundled: AppContext) -> Iterator[MainWindow]:
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, "light")  # the stylesheet's fonts, as a user sees them
    bundled.userdata.set_favourite(bundled.pack.phrases[0].key, True)
    win = MainWindow(bundled)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    apply_theme(app, choice)


def _small(window: MainWindow, page: str) -> None:
    window.show_page(page)
    window.resize(800, 600)
    QApplication.processEvents()
    window.resize(800, 600)  # the splitters settle once the page has its new size
    QApplication.processEvents()


def test_the_window_goes_down_to_800_by_600_with_every_page_built(window: MainWindow) -> None:
    for name, _title in PAGES:
        window.show_page(name)
    window.open_walkthrough(window.context.pack.walkthroughs[0].id)
    window.notices.add("A long notice that should wrap rather than widen the window. " * 4)
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600, hint
    window.resize(800, 600)
    assert (window.width(), window.height()) == (800, 600)


def test_phrase_book_at_800_wide_shows_category_titles_and_stars(window: MainWindow) -> None:
    _small(window, "phrasebook")
    page = window.pages["phrasebook"]
    categories = page.findChild(QListWidget, "phraseCategories")
    needed = categories.fontMetrics().horizontalAdvance(f"{STAR_ON} Favourites (4)")
    assert categories.viewport().width() >= needed, "the Favourites title is cut"
    phrases = page.findChild(QListView, "phraseList")
    assert phrases.horizontalScrollBar().maximum() == 0, "the phrase list scrolls sideways"
    star = page.delegate.star_rect(phrases.visualRect(phrases.model().index(0, 0, QModelIndex())))
    assert phrases.viewport().rect().contains(star), "the star is outside the visible list"


def test_walkthrough_list_rows_grow_when_the_window_narrows(window: MainWindow) -> None:
    window.show_page("walkthroughs")
    QApplication.processEvents()
    window.resize(window.minimumSizeHint().width(), 600)  # narrower than the width rows were sized for
    QApplication.processEvents()
    rows = window.pages["walkthroughs"].list
    cards = [(row, rows.itemWidget(rows.item(row))) for row in range(rows.count())]
    cards = [(row, card) for row, card in cards if card is not None]  # cards are made as rows come on screen
    assert cards
    for row, card in cards:
        assert card.height() >= card.heightForWidth(card.width()), f"row {row} cuts its last line"


def test_ui_labels_table_shows_whole_chinese_labels(window: MainWindow) -> None:
    _small(window, "glossary")
    table = window.pages["glossary"].findChild(QTableView, "glossaryTable")
    model = window.pages["glossary"].model
    for entry in model.entries:  # whole, if need be a little smaller (issue 25 item 13: English must fit too)
        font = fitted_zh_font(model.zh_font, entry.zh, table.columnWidth(0) - 8)
        assert table.columnWidth(0) >= QFontMetrics(font).horizontalAdvance(entry.zh) + 8, entry.zh


def test_translator_at_800_wide_shows_the_whole_failure_reason_and_word_cards(qtbot, window: MainWindow) -> None:
    _small(window, "translator")
    page = window.pages["translator"]
    page.offline.setChecked(True)
    page.set_text("这个博主的穿搭绝绝子，已经种草了！")
    qtbot.waitUntil(lambda: bool(page.words.chips) and "Offline" in page.origin.text(), timeout=20000)
    page.origin.setText("Offline gloss only — offline only is on: showing the dictionary breakdown")
    window.resize(800, 600)
    QApplication.processEvents()
    assert page.origin.height() >= page.origin.heightForWidth(page.origin.width()), "the reason is cut"
    chip = page.words.chips[0]
    assert page.words.scroll.viewport().height() >= chip.height(), "a row of word cards is cut"
