"""The "Front:" choice shared by Practice and Review: English, pinyin, 汉字 with or without
pinyin, or listening (only when the [speech] extra can speak)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from guide.core.study.cards import DEFAULT_FRONT, Front, fronts
from guide.ui.widgets.safe_text import plain_label


def labelled(text: str, widget: QWidget, row: QHBoxLayout | None = None) -> QHBoxLayout:
    """`text` then `widget` in a row (a new one, or `row`); the label names the widget for
    screen readers (Linux reads a combo or spin box by its label) and its "&" letter focuses it."""
    row = row if row is not None else QHBoxLayout()
    label = plain_label(text)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget)
    return row


class FrontChooser(QComboBox):
    """Emits `chosen(Front)` when the user picks another front."""

    chosen = Signal(object)  # Front

    def __init__(self, front: Front | None, speech: bool, parent: QWidget | None = None, first: str = "",
                 name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName("Card front")
        self.setAccessibleDescription("What the card shows before the answer; the back always shows 汉字, pinyin "
                                      "and meaning")
        self.setToolTip("What each card shows first. The back always shows the 汉字, the pinyin and the meaning.")
        # Qt would hand a str-valued enum back as a plain str: the choices are kept here instead.
        self._choices: list[Front | None] = ([None] if first else []) + fronts(speech)
        for choice in self._choices:
            self.addItem(first if choice is None else choice.title)
        self.set_front(front)
        self.currentIndexChanged.connect(lambda _i: self.chosen.emit(self.front()))

    def front(self) -> Front | None:
        index = self.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else None

    def set_front(self, front: Front | None) -> None:
        choice = front if front in self._choices else DEFAULT_FRONT
        self.blockSignals(True)
        self.setCurrentIndex(self._choices.index(choice))
        self.blockSignals(False)
