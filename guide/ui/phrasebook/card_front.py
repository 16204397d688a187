"""The "Front:" choice shared by Practice and Review: English, pinyin, 汉字 with or without
pinyin, or listening (only when the [speech] extra can speak)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from guide.core.study.cards import DEFAULT_FRONT, Front, fronts


class FrontChooser(QComboBox):
    """Emits `chosen(Front)` when the user picks another front."""

    chosen = Signal(object)  # Front

    def __init__(self, front: Front, speech: bool, parent: QWidget | None = None, first: str = "") -> None:
        super().__init__(parent)
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
