"""A dismissible bar at the top of the window for things the user must know
(a broken content file, a damaged database rebuilt, a missing Chinese font)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from guide.ui.widgets.safe_text import make_plain


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        close = QPushButton("Dismiss")
        close.setAccessibleName("Dismiss notice")
        close.setToolTip("Hide these notices until something new happens")
        close.setAccessibleDescription("Hides the notice bar; a new problem shows it again")
        close.clicked.connect(self.clear)
        layout.addWidget(close)
        self.messages: list[str] = []
        self._plain = False
        self.hide()

    def make_plain(self) -> None:
        """Notices quote file names, settings values and pack text: never rich text. Not in
        __init__: the bar is part of the first frame, which must not touch the Qt namespace."""
        if not self._plain:
            make_plain(self.label)
            self._plain = True

    def add(self, message: str) -> None:
        if message in self.messages:
            return
        self.make_plain()
        self.messages.append(message)
        self.label.setText("\n".join(self.messages[-6:]))
        self.show()

    def clear(self) -> None:
        self.messages.clear()
        self.hide()
