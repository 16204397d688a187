"""A status line ("Copied 收藏", "Exported 12 cards to …") that never moves what is around it.

An ordinary label grows from nothing to a line or two when its text is set, pushing the
list above or below it; this one keeps the same height, empty or not, and shows text that
would need more lines cut with "…", the whole text in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from guide.ui.widgets.safe_text import set_tooltip


class StatusLine(QLabel):
    def __init__(self, lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fix_height()

    def _fix_height(self) -> None:
        margins = self.contentsMargins()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.lines + margins.top() + margins.bottom() + 2)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self._show()

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    def _show(self) -> None:
        """The text as it fits in `lines` lines of the current width (the longest start that does, then "…")."""
        metrics = self.fontMetrics()
        width = max(self.contentsRect().width(), 1)
        room = metrics.lineSpacing() * self.lines

        def fits(text: str) -> bool:
            return metrics.boundingRect(0, 0, width, 100000, Qt.TextFlag.TextWordWrap, text).height() <= room

        shown = self._full
        if self.lines == 1:
            shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        elif not fits(shown):
            low, high = 0, len(self._full)
            while low < high:  # the longest start that fits with its "…"
                middle = (low + high + 1) // 2
                low, high = (middle, high) if fits(self._full[:middle].rstrip() + "…") else (low, middle - 1)
            shown = self._full[:low].rstrip() + "…"
        self.setWordWrap(self.lines > 1)
        super().setText(shown)
        set_tooltip(self, self._full if shown != self._full else "")  # what was copied: pack text

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - a theme's font changes the height of a line
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fix_height()
