"""Issue 14 items 8, 11, 12: every control's boundary is at least 3:1 against the surfaces it
sits on in both themes (WCAG 1.4.11), English punctuation comes from a Latin font, and scroll
bar handles are drawn from the theme (no solid black handle)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from helpers.contrast import contrast
from PySide6.QtGui import QColor, QFontDatabase, QFontMetricsF, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from guide.ui.shell.theme import DARK, LIGHT, apply_theme, stylesheet

# selector -> the property that draws its boundary
CONTROLS = {
    "QPushButton": "border", "QPushButton#labelChip": "border", "QLineEdit": "border", "QPlainTextEdit": "border",
    "QComboBox": "border", "QAbstractSpinBox": "border", "QCheckBox::indicator": "border",
    "QAbstractItemView::indicator": "border", "QListView": "border", "QTableView": "border",
    "QScrollBar::handle:vertical": "background", "QScrollBar::handle:horizontal": "background",
    "QMenu": "border",  # a menu's edge against the page it opens over
}
COLOUR = r"(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}\b|white|black)"


def _rules(sheet: str) -> Iterator[tuple[list[str], str]]:
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        yield [s.strip() for s in selectors.split(",")], body


def _declared(sheet: str, selector: str, prop: str) -> str | None:
    """The colour the last rule naming exactly `selector` gives `prop` (border: its colour)."""
    found = None
    for selectors, body in _rules(sheet):
        if selector not in selectors:
            continue
        for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
            if name in ({prop, f"{prop}-color"} if prop == "border" else {prop}):
                colour = re.search(COLOUR, value)
                if colour:
                    found = colour.group(1)
    return found


def _surfaces(sheet: str, colours: dict[str, tuple[str, str | None]]) -> list[str]:
    """The backgrounds controls are placed on: window, text fields, dialogs, cards."""
    found = [colours["Window"][0], colours["Base"][0]]
    for selector in ("QMainWindow", "QFrame#labelCard"):
        colour = _declared(sheet, selector, "background")
        if colour:
            found.append(colour)
    return found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_control_boundary_is_three_to_one_against_its_surfaces(dark: bool) -> None:
    sheet = stylesheet(dark)
    surfaces = _surfaces(sheet, DARK if dark else LIGHT)
    assert len(surfaces) >= 3
    for selector, prop in CONTROLS.items():
        boundary = _declared(sheet, selector, prop)
        assert boundary, f"{selector} has no {prop} colour in the {'dark' if dark else 'light'} stylesheet"
        for surface in surfaces:
            ratio = contrast(QColor(boundary).name(), surface)
            assert ratio >= 3.0, f"{selector} {prop} {boundary} on {surface}: {ratio:.2f}:1"


@pytest.fixture
def themed(qapp) -> Iterator[QApplication]:
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    yield app
    apply_theme(app, choice)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_an_unticked_checkbox_is_drawn_with_a_visible_boundary(themed: QApplication, qtbot, theme: str) -> None:
    """What the screen shows, not just what the sheet says: the darkest/lightest pixel of an
    unticked box stands out 3:1 from the window behind it."""
    apply_theme(themed, theme)
    host = QWidget()
    QVBoxLayout(host).addWidget(box := QCheckBox("Offline only"))
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    image = host.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).translated(box.pos())
    behind = host.palette().color(QPalette.ColorRole.Window)
    best = max(contrast(image.pixelColor(x, y), behind)
               for x in range(indicator.left(), indicator.right() + 1) for y in range(indicator.top(), indicator.bottom() + 1))
    assert best >= 3.0, f"{theme}: unticked box at most {best:.2f}:1 against the window"


def test_english_punctuation_comes_from_a_latin_font(themed: QApplication, qtbot) -> None:
    """Curly quotes are half as wide as a Chinese character, not a full-width CJK glyph."""
    if not set(QFontDatabase.families()) & {"Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Ubuntu", "Cantarell"}:
        pytest.skip("no common Latin font is installed here")
    apply_theme(themed, "light")
    label = QLabel("Turn on “Offline only” and")
    qtbot.addWidget(label)
    label.ensurePolished()
    metrics = QFontMetricsF(label.font())
    assert metrics.horizontalAdvance("“") < 0.7 * metrics.horizontalAdvance("汉"), label.font().families()
    assert metrics.horizontalAdvance("’") < 0.7 * metrics.horizontalAdvance("汉")
