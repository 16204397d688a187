"""A small card showing one glossary entry (汉字, pinyin, meaning, where), and chips."""

from __future__ import annotations


from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import GlossaryEntry
from guide.ui.widgets.button_text import button_text
from guide.ui.widgets.safe_text import markup, plain_label, rich_label, set_tooltip


class LabelCard(QFrame):
    """Shown when a hotspot, chip or inline label is clicked."""

    def __init__(self, entry: GlossaryEntry, parent: QWidget | None = None, learn: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        zh = plain_label(entry.zh)
        zh.setObjectName("cardZh")
        zh.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(zh)
        copy = QPushButton("Copy")
        copy.setAccessibleName(f"Copy {entry.zh}")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(entry.zh))
        top.addStretch(1)
        top.addWidget(copy)
        if learn is not None:  # "Learn this", beside Copy
            top.addWidget(learn)
        layout.addLayout(top)
        pinyin = plain_label(entry.pinyin)
        pinyin.setObjectName("cardPinyin")
        layout.addWidget(pinyin)
        meaning = rich_label(markup("<b>{}</b>", entry.en))
        meaning.setWordWrap(True)
        layout.addWidget(meaning)
        if entry.where:
            where = plain_label(f"Where: {entry.where}")
            where.setWordWrap(True)
            layout.addWidget(where)
        if entry.note:
            note = plain_label(entry.note)
            note.setWordWrap(True)
            note.setObjectName("cardNote")
            layout.addWidget(note)
        self.setAccessibleName(f"{entry.zh}, {entry.pinyin}, {entry.en}")


class LabelChip(QPushButton):
    """A flat button: 汉字 · pinyin · English; clicking shows the full card. "&" in the
    text is shown as "&", not taken as a mnemonic (see button_text)."""

    chosen = Signal(str)

    def __init__(self, entry: GlossaryEntry, parent: QWidget | None = None) -> None:
        super().__init__(button_text(f"{entry.zh}  {entry.pinyin}  ·  {entry.en}"), parent)
        self.setObjectName("labelChip")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Label {entry.zh}, {entry.pinyin}, {entry.en}")
        set_tooltip(self, entry.where or entry.en)
        self.clicked.connect(lambda: self.chosen.emit(entry.zh))
