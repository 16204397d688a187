"""Selections read as one clear colour: the sidebar's selected page has no lighter band inside
its red (the style's focus gradient), keyboard focus there shows as a ring only once the keyboard
is used, and a selected walkthrough in the dark theme shows its fill, with text ≥ 4.5:1 on it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from helpers.contrast import contrast
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from guide.core.context import AppContext, build_context
from guide.ui.shell.main_window import MainWindow
from guide.ui.shell.theme import apply_theme


@pytest.fixture(scope="module")
def bundled() -> AppContext:
    return build_context(None)


@pytest.fixture(params=["light", "dark"])
def window(request, qtbot, bundled: AppContext) -> Iterator[MainWindow]:  # noqa: ANN001
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, request.param)
    win = MainWindow(bundled)
    qtbot.addWidget(win)
    win.resize(800, 600)
    win.show()
    qtbot.waitExposed(win)
    yield win
    apply_theme(app, choice)


def _colours(image: QImage, x: int, top: int, bottom: int) -> set[str]:
    return {QColor(image.pixel(x, y)).name() for y in range(top, bottom)}


def _selected_nav_column(win: MainWindow, keyboard: bool = False) -> tuple[QImage, int, int, int]:
    """A column of the selected sidebar item right of its text (the fill, no glyphs)."""
    nav = win.nav
    win.show_page("walkthroughs")
    nav.setFocus()
    QApplication.processEvents()
    assert nav.hasFocus()
    # As after Tab; set last, since the window's activation may clear it again.
    win.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, keyboard)
    rect = nav.visualItemRect(nav.currentItem())
    image = nav.viewport().grab().toImage()
    return image, rect.right() - 30, rect.top() + 6, rect.bottom() - 5


def test_the_selected_sidebar_item_is_one_clean_colour(window: MainWindow) -> None:
    image, x, top, bottom = _selected_nav_column(window)
    assert _colours(image, x, top, bottom) == {"#d91e3a"}, "a band of another colour inside the selection"
    text = window.nav.palette().color(QPalette.ColorRole.HighlightedText)
    assert contrast(text, QColor("#d91e3a")) >= 4.5


def test_keyboard_focus_in_the_sidebar_shows_as_a_ring(window: MainWindow) -> None:
    image, _x, top, bottom = _selected_nav_column(window, keyboard=True)
    rect = window.nav.visualItemRect(window.nav.currentItem())
    ring = _colours(image, rect.center().x(), rect.top(), rect.top() + 8)
    assert "#ffffff" in ring, ring
    inside = _colours(image, rect.right() - 30, top + 4, bottom - 4)
    assert inside == {"#d91e3a"}, "the fill inside the ring stays one colour"


def test_a_selected_walkthrough_shows_its_fill_with_readable_text(window: MainWindow) -> None:
    window.show_page("walkthroughs")
    listing = window.pages["walkthroughs"].list
    listing.setCurrentRow(0)
    QApplication.processEvents()
    image = listing.viewport().grab().toImage()

    def fill(row: int) -> QColor:
        rect = listing.visualItemRect(listing.item(row))
        return QColor(image.pixel(rect.right() - 12, rect.bottom() - 8))  # inside the card, below its text

    selected, other = fill(0), fill(1)
    assert contrast(selected, other) >= 1.12, f"the selection {selected.name()} barely differs from {other.name()}"
    card = listing.itemWidget(listing.item(0))
    assert isinstance(card, QLabel)
    assert contrast(card.palette().color(QPalette.ColorRole.WindowText), selected) >= 4.5
    for grey in re.findall(r"color:\s*(#[0-9a-fA-F]{3,6})", card.text()):
        assert contrast(QColor(grey), selected) >= 4.5, f"meta line {grey} on {selected.name()}"
        assert contrast(QColor(grey), other) >= 4.5, f"meta line {grey} on {other.name()}"


def test_the_meta_line_follows_a_theme_switch(qtbot, bundled: AppContext) -> None:  # noqa: ANN001
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, "light")
    win = MainWindow(bundled)
    qtbot.addWidget(win)
    win.show()
    win.show_page("walkthroughs")
    listing = win.pages["walkthroughs"].list
    try:
        for theme in ("dark", "light"):
            apply_theme(app, theme)
            QApplication.processEvents()
            base = listing.palette().color(QPalette.ColorRole.Base)
            card = listing.itemWidget(listing.item(1))
            greys = re.findall(r"color:\s*(#[0-9a-fA-F]{3,6})", card.text())
            assert greys and all(contrast(QColor(g), base) >= 4.5 for g in greys), (theme, greys, base.name())
    finally:
        apply_theme(app, choice)
