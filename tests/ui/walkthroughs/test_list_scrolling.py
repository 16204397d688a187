"""Issue 25 item 12: one wheel notch over the walkthrough list jumped three whole cards (five
notches went from the top of the 21 to the bottom); it scrolls by pixels, a few lines of text."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from guide.core.context import AppContext
from guide.ui.shell.main_window import MainWindow


def notch(widget, down: bool = True) -> None:  # noqa: ANN001 - one click of a mouse wheel over `widget`
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, -120 if down else 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_one_wheel_notch_moves_the_list_by_less_than_a_card(qtbot, bundled: AppContext) -> None:  # noqa: ANN001
    window = MainWindow(bundled)
    qtbot.addWidget(window)
    window.resize(1180, 780)
    window.show()
    window.show_page("walkthroughs")
    qtbot.waitExposed(window)
    listing = window.pages["walkthroughs"].list
    QApplication.processEvents()
    first = listing.item(0)
    top = listing.visualItemRect(first).top()
    card = listing.visualItemRect(first).height()
    notch(listing.viewport())
    QApplication.processEvents()
    moved = top - listing.visualItemRect(first).top()
    assert 0 < moved < card, f"one notch moved the list {moved} px; a card is {card} px"
    notch(listing.viewport(), down=False)
    QApplication.processEvents()
    assert listing.visualItemRect(first).top() == top, "and one notch back returns"
