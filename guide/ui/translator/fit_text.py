"""A text box as tall as its text, between a least and a most number of lines.

The Translator's boxes used to share the column by fixed stretch factors: an empty
translation kept a 220 px box that said "see the breakdown below" while the breakdown got
130 px. Sized by their text instead, an empty answer takes one line and a long one scrolls
inside its box, and the word-by-word breakdown gets the room that is left.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QScrollArea, QSizePolicy, QWidget

MEASURED_CHARS = 5_000  # enough to fill `most` lines at any width; a 50,000-character paste is not measured whole


class FitTextEdit(QPlainTextEdit):
    """Its height follows its text (or placeholder) from `lines[0]` to `lines[1]` lines; empty,
    it asks for `empty_lines` (an inviting box to paste into before anything else is shown)."""

    def __init__(self, lines: tuple[int, int], empty_lines: int = 0) -> None:
        super().__init__()
        self.least, self.most = lines
        self.empty_lines = empty_lines
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # never more than its text
        self.textChanged.connect(self.refit)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setPlaceholderText(text)
        self.refit()

    def refit(self) -> None:
        """Ask the layout for the new height; a scroll bar only when the text is past `most`
        (otherwise the box is as tall as its text and a bar would scroll nothing)."""
        beyond = self.lines_needed() > self.most
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if beyond else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.updateGeometry()

    def lines_needed(self) -> int:
        """Wrapped lines of the text, or of the placeholder when empty, at the current width."""
        text = (self.toPlainText() or self.placeholderText())[:MEASURED_CHARS]
        metrics = self.fontMetrics()
        width = max(1, self.viewport().width() - 2 * math.ceil(self.document().documentMargin()))
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
        height = metrics.boundingRect(QRect(0, 0, width, 1 << 24), flags, text or " ").height()
        return 1 + max(0, round((height - metrics.height()) / metrics.lineSpacing()))

    def _height(self, lines: int) -> int:
        """Pixels for `lines` lines: the text, the document margin, and the frame and padding
        around the viewport (the stylesheet's padding, so measured rather than assumed)."""
        chrome = self.height() - self.viewport().height() if self.viewport().height() > 0 else 2 * self.frameWidth() + 8
        margin = 2 * math.ceil(self.document().documentMargin())
        metrics = self.fontMetrics()
        return metrics.height() + 1 + (lines - 1) * metrics.lineSpacing() + margin + max(0, chrome)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        lines = min(self.most, max(self.least, self.lines_needed()))
        if not self.toPlainText():
            lines = max(lines, self.empty_lines)
        return QSize(super().sizeHint().width(), self._height(lines))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().minimumSizeHint().width(), self._height(self.least))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.refit()  # a new width wraps the text onto more or fewer lines


class FitScrollArea(QScrollArea):
    """As tall as its (word-wrapped) content up to `most` pixels, and down to `least` when the
    window is short; past that it scrolls inside (never sideways)."""

    def __init__(self, most: int, least: int | None = None) -> None:
        super().__init__()
        self.most = most
        self.least = most if least is None else least
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.viewport().setAutoFillBackground(False)  # text on the page's own background, not a grey band

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt override
        super().setWidget(widget)
        widget.setAutoFillBackground(False)

    def _content_height(self) -> int:
        widget = self.widget()
        if widget is None:
            return 0
        width = max(1, self.viewport().width())
        height = widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()
        return height + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().sizeHint().width(), min(self.most, self._content_height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, min(self.least, self._content_height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.refit()

    def refit(self) -> None:
        """The content changed: ask the layout for the new height."""
        self.updateGeometry()
