"""How the word-by-word breakdown shares its height between the word cards and the entry of
the word clicked.

A box layout shares a shortage equally, so in a short window the cards (many rows) kept
their room and a clicked word's entry shrank to three lines or went below the fold. Here
the entry is served first: a chosen word's entry gets the lines it needs (up to a limit),
the cards as many rows as fit in the rest (always at least one, scrolling beyond), and
whatever is left goes to the entry panel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLayout, QLayoutItem, QScrollArea, QWidget, QWidgetItem


class CardsArea(QScrollArea):
    """Prefers the height of all its rows of cards; scrolls when it gets less."""

    def rows_height(self, width: int | None = None) -> int:
        holder = self.widget()
        width = max(1, self.viewport().width() if width is None else width)
        rows = holder.heightForWidth(width) if holder is not None and holder.hasHeightForWidth() else 0
        return max(rows, 0) + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().sizeHint().width(), self.rows_height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the cards wrap into more or fewer rows


class CardsOverEntry(QLayout):
    """Two widgets, cards above the entry; `entry_wanted()` says how tall the entry should be."""

    def __init__(self, parent: QWidget, cards: CardsArea, entry: QWidget, entry_wanted: Callable[[], int]) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self.cards, self.entry, self.entry_wanted = cards, entry, entry_wanted
        for widget in (cards, entry):
            self.addChildWidget(widget)  # reparents them into `parent`, as addWidget would
        self._items: list[QLayoutItem] = [QWidgetItem(cards), QWidgetItem(entry)]

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override; the two widgets are fixed
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def _least_cards(self) -> int:
        return max(self.cards.minimumHeight(), self.cards.minimumSizeHint().height())

    def _least_entry(self) -> int:
        return max(self.entry.minimumHeight(), self.entry.minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.cards.sizeHint().width(), self.cards.sizeHint().height() + self.spacing() + self.entry_wanted())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, self._least_cards() + self.spacing() + self._least_entry())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        room = rect.height() - self.spacing()
        entry = max(self._least_entry(), min(self.entry_wanted(), room - self._least_cards()))
        cards = max(self._least_cards(), min(self.cards.rows_height(rect.width()), room - entry))
        self.cards.setGeometry(QRect(rect.x(), rect.y(), rect.width(), cards))
        self.entry.setGeometry(QRect(rect.x(), rect.y() + cards + self.spacing(), rect.width(), max(0, room - cards)))
