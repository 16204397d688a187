"""The enlarged picture of a step's screen: the same mockup and highlights, as tall as the
window allows, for when the picture beside the text is too small to read (~7 px text at
the smallest window). Esc or Close shuts it; choosing a highlight shuts it and shows that
label's card in the player.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import Highlight
from guide.ui.walkthroughs.mockup_view import MockupView
from guide.ui.widgets.safe_text import plain_label


class ZoomDialog(QDialog):
    labelChosen = Signal(str)

    def __init__(self, path: Path | None, highlights: tuple[Highlight, ...], title: str,
                 describe: Callable[[str], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("zoomDialog")
        self.setWindowTitle(f"Picture: {title}" if title else "Picture")
        self.setAccessibleName("Enlarged picture of the screen")
        self.setAccessibleDescription("Tab or the arrow keys move between the highlighted labels; Esc closes")
        layout = QVBoxLayout(self)
        self.view = MockupView(self, describe)
        self.view.zoomable = False
        self.view.setAccessibleName("Enlarged screen mockup")
        self.view.show_screen(path, highlights)
        self.view.labelClicked.connect(self._chosen)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        hint = plain_label("Click a highlighted label for its meaning · Esc closes")
        hint.setObjectName("zoomHint")
        row.addWidget(hint, 1)
        close = QPushButton("Close")
        close.setAccessibleName("Close the enlarged picture")
        close.setAccessibleDescription("Back to the step (Esc)")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(self._fitting_size(parent))
        if self.view.hotspots:
            self.view.hotspots[0].setFocus()

    def _fitting_size(self, parent: QWidget | None) -> QSize:
        """As tall as the window (or screen) allows, the picture's shape kept."""
        window = parent.window() if parent is not None else None
        screen = (window.screen() if window is not None else None) or self.screen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        height = int(available.height() * 0.92)
        natural = self.view.natural_size()
        width = int((height - 60) * natural.width() / max(1, natural.height())) + 24
        return QSize(min(width, int(available.width() * 0.95)), height)

    def _chosen(self, label: str) -> None:
        self.labelChosen.emit(label)
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - `+` again, or Esc, closes
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self.reject()
            return
        super().keyPressEvent(event)
