"""The detail card beside the UI labels table and the phrase list: 汉字, pinyin and the
meaning in bold, then lines each page adds. Content text is never markup and can be
selected to copy part of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class DetailCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QLabel { background: transparent; }")  # the dark theme paints every QWidget
        QVBoxLayout(self)
        self.lines: list[QLabel] = []
        self.zh = self.add_line("cardZh")
        self.pinyin = self.add_line("cardPinyin")
        self.en = self.add_line()
        bold = self.en.font()
        bold.setBold(True)
        self.en.setFont(bold)

    def add_line(self, object_name: str = "") -> QLabel:
        """A selectable, wrapping plain-text line below the ones already there."""
        label = QLabel()
        if object_name:
            label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout().addWidget(label)
        self.lines.append(label)
        return label

    def clear(self) -> None:
        for label in self.lines:
            label.clear()
