"""One way to let a column scroll up and down inside a small window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def vertical_scroller(content: QWidget | None, object_name: str) -> QScrollArea:
    """A frameless scroll area that fits `content` to its width and scrolls only vertically:
    a card or column in a short window scrolls instead of cutting off its last lines and
    buttons, and never scrolls sideways."""
    scroller = QScrollArea()
    scroller.setObjectName(object_name)
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if content is not None:
        scroller.setWidget(content)
    return scroller
