"""A small card showing one glossary entry (汉字, pinyin, meaning, where), and chips."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import GlossaryEntry
from guide.ui.widgets.button_text import button_text
from guide.ui.widgets.enter_key import enter_clicks
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
        enter_clicks(copy)
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
    text is shown as "&", not taken as a mnemonic (see button_text).

    In a narrow column the chip shrinks and ends its text with "…" (the tooltip has it
    whole) instead of widening the column, which would move the picture and Next."""

    chosen = Signal(str)

    def __init__(self, entry: GlossaryEntry, parent: QWidget | None = None) -> None:
        self.full_text = f"{entry.zh}  {entry.pinyin}  ·  {entry.en}"
        super().__init__(button_text(self.full_text), parent)
        self.setObjectName("labelChip")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        enter_clicks(self)
        self.setAccessibleName(f"Label {entry.zh}, {entry.pinyin}, {entry.en}")
        self._hint = entry.where or entry.en
        set_tooltip(self, self._hint)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)
        self.clicked.connect(lambda: self.chosen.emit(entry.zh))

    def sizeHint(self) -> QSize:  # noqa: N802 - always the whole text's size, whatever is shown now
        hint = super().sizeHint()
        shown = self.text().replace("&&", "&")
        metrics = self.fontMetrics()
        return QSize(hint.width() + metrics.horizontalAdvance(self.full_text) - metrics.horizontalAdvance(shown), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(min(self.sizeHint().width(), 8 * self.fontMetrics().averageCharWidth() + 28), self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        metrics = self.fontMetrics()
        room = self.width() - (self.sizeHint().width() - metrics.horizontalAdvance(self.full_text))
        fits = metrics.horizontalAdvance(self.full_text) <= room
        shown = self.full_text if fits else metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(room, 0))
        if button_text(shown) != self.text():
            self.blockSignals(True)
            self.setText(button_text(shown))
            self.blockSignals(False)
        set_tooltip(self, self._hint if shown == self.full_text else f"{self.full_text}\n{self._hint}")
