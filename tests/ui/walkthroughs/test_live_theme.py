"""Issue 25 item 5: View → Theme restyles the step on screen at once. The inline Chinese labels
of a step's text ({{ui:…}}) kept the light theme's red (#c0182f on #1e1e22, 2.7:1) until the
app was restarted; every one of them reads at 4.5:1 or more against the page in both themes,
right after a switch and on every step of the pack."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.contrast import contrast
from helpers.qt_windows import delete_closed_windows
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication

from guide.core.context import AppContext
from guide.ui.shell.main_window import MainWindow
from guide.ui.shell.theme import apply_theme
from guide.ui.walkthroughs.player import WalkthroughPlayer

PAGE = {"light": "#fafafa", "dark": "#1e1e22"}  # QMainWindow's background in style-light/-dark.qss


@pytest.fixture
def window(qtbot, bundled: AppContext) -> Iterator[MainWindow]:  # noqa: ANN001
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    win = MainWindow(bundled)
    qtbot.addWidget(win)
    win.resize(1180, 780)
    win.set_theme("light")
    win.show()
    qtbot.waitExposed(win)
    yield win
    delete_closed_windows()  # with the step cards of 171 steps: not restyled once more on its way out
    apply_theme(app, choice)


def inline_label_colours(document: QTextDocument, palette: QPalette) -> list[tuple[str, QColor]]:
    """(text, colour drawn) of every link in the document: its own colour, else the palette's text."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor() and fmt.anchorHref().startswith("label:"):
                brush = fmt.foreground()
                colour = brush.color() if brush.style() != 0 else palette.color(QPalette.ColorRole.Text)
                found.append((fragment.text(), colour))
            it += 1
        block = block.next()
    return found


def low_contrast(player: WalkthroughPlayer, theme: str) -> list[str]:
    return [f"{text} {colour.name()} on {PAGE[theme]}: {contrast(colour, PAGE[theme]):.1f}:1"
            for text, colour in inline_label_colours(player.body.document(), player.body.palette())
            if contrast(colour, PAGE[theme]) < 4.5]


def test_switching_theme_restyles_the_inline_labels_on_screen(window: MainWindow) -> None:
    window.open_walkthrough("going-live", "verify-first")
    player = window.pages["walkthroughs"].player
    assert len(inline_label_colours(player.body.document(), player.body.palette())) >= 2
    assert low_contrast(player, "light") == []
    for theme in ("dark", "light", "dark"):
        window.set_theme(theme)
        QApplication.processEvents()
        assert low_contrast(player, theme) == [], f"after View → Theme → {theme}"
        assert "实名认证" in player.body.toPlainText(), "the same step is still shown"


def test_every_inline_label_of_the_pack_reads_after_a_switch_to_dark(window: MainWindow) -> None:
    """Dark is where the light theme's red fails; the light theme is checked on screen above."""
    theme = "dark"
    window.open_walkthrough("sign-up")
    window.set_theme(theme)
    window.hide()  # the colours are fixed when a step's text is set; drawing 171 pictures adds nothing
    player = window.pages["walkthroughs"].player
    bad, seen = [], 0
    for walkthrough in window.context.pack.walkthroughs:
        for step in walkthrough.steps:
            window.open_walkthrough(walkthrough.id, step.id)
            seen += len(inline_label_colours(player.body.document(), player.body.palette()))
            bad += [f"{walkthrough.id}/{step.id}: {problem}" for problem in low_contrast(player, theme)]
    assert seen > 200
    assert bad == []


def test_a_theme_switch_reads_nothing_from_disk(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list's grey line follows the theme from the text its rows have: re-reading the progress
    file ran inside Qt's restyle of every widget, on the UI thread."""
    window.show_page("walkthroughs")
    QApplication.processEvents()
    reads: list[str] = []
    userdata = window.context.userdata
    read = userdata.read
    monkeypatch.setattr(userdata, "read", lambda sql, params: reads.append(sql) or read(sql, params))
    window.set_theme("dark")
    QApplication.processEvents()
    listing = window.pages["walkthroughs"].list
    card = listing.itemWidget(listing.item(1))
    assert card is not None and "#b4b4bb" in card.text(), "the grey line is the dark theme's"
    assert reads == []
