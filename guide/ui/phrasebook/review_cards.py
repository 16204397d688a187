"""Review's "Your cards" tab: every kept card with where it was met and when it comes back;
one card's own front, removing a card, and the two review settings (new cards a day, the
retention goal)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide.core.storage.settings import NEW_CARDS_RANGE, RETENTION_RANGE, Settings
from guide.core.study.cards import Front, KeptCard
from guide.core.study.deck import Deck
from guide.core.study.due import state_name
from guide.ui.phrasebook.card_front import FrontChooser, labelled
from guide.ui.widgets.row_delegates import MixedScriptDelegate
from guide.ui.widgets.safe_browser import message_box
from guide.ui.widgets.safe_text import plain_label, set_tooltip

COLUMNS = ("汉字", "Pinyin", "Meaning", "Met in", "Next")
LIKE_THE_DECK = "Like the other cards"


def _describe(widget: QWidget, name: str, accessible: str, tooltip: str) -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    set_tooltip(widget, tooltip)


def next_text(card: KeptCard, now: datetime) -> str:
    """"new", "today", "tomorrow" or the date (the user's local days)."""
    if card.is_new:
        return "new"
    local = card.due.astimezone(now.tzinfo).date()
    days = (local - now.date()).days
    return "today" if days <= 0 else "tomorrow" if days == 1 else local.isoformat()


class CardsTab(QWidget):
    """Emits `changed` when a card is removed or its front changed, `settingsChanged` when
    the review settings change (the Review tab then starts over)."""

    changed = Signal()
    settingsChanged = Signal()

    def __init__(self, deck: Deck, settings: Settings, save_settings: Callable[[], None], speech: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.settings = settings
        self.save_settings = save_settings
        self.cards: list[KeptCard] = []
        layout = QVBoxLayout(self)
        self.count = plain_label()
        self.count.setObjectName("reviewCardCount")
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("reviewCards")
        self.table.setAccessibleName("Your cards")
        self.table.setAccessibleDescription("Every card you keep, where you met it and when it comes back")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setItemDelegate(MixedScriptDelegate(self.table))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Every column in sight at 800 px: 汉字 and Next as wide as they need (a long line is cut
        # with …), pinyin, meaning and where it was met share the rest; the tooltip has it all.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(220)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.currentCellChanged.connect(lambda *_args: self._show_current())
        layout.addWidget(self.table, 1)

        self.front = FrontChooser(None, speech, self, first=LIKE_THE_DECK, name="reviewCardFront")
        self.front.setAccessibleName("This card's front")
        self.front.chosen.connect(self._set_front)
        row = labelled("This card's &front:", self.front)
        row.addStretch(1)
        self.remove = QPushButton("Remove card…")
        self.remove.setObjectName("reviewRemove")
        self.remove.setAccessibleDescription("Deletes the selected card and its review history, after asking")
        self.remove.clicked.connect(lambda: self.remove_current())
        row.addWidget(self.remove)
        layout.addLayout(row)

        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(*NEW_CARDS_RANGE)
        self.new_per_day.setValue(settings.new_cards_per_day)
        _describe(self.new_per_day, "reviewNewPerDay", "New cards a day",
                  "How many cards you have not seen yet Review starts each day (0: only the ones already "
                  "started). 10 is about ten minutes a day once reviews add up.")
        self.retention = QDoubleSpinBox()
        self.retention.setRange(RETENTION_RANGE[0] * 100, RETENTION_RANGE[1] * 100)
        self.retention.setDecimals(0)
        self.retention.setSuffix(" %")
        self.retention.setValue(round(settings.retention_goal * 100))
        _describe(self.retention, "reviewRetention", "Retention goal",
                  "How many cards in a hundred you want to still know when they come back. Higher brings cards "
                  "back sooner (more reviews); 90 % suits most learners.")
        settings_row = labelled("&New cards a day:", self.new_per_day)
        labelled("&Retention goal:", self.retention, settings_row)
        settings_row.addStretch(1)
        layout.addLayout(settings_row)
        self.new_per_day.valueChanged.connect(self._settings_changed)
        self.retention.valueChanged.connect(self._settings_changed)

    def fill(self) -> None:
        current = self.current()
        self.cards = self.deck.cards()
        now = self.deck.clock()
        self.table.setRowCount(len(self.cards))
        for row, card in enumerate(self.cards):
            met = card.where_met() + (f": {card.example}" if card.example else "")
            for column, text in enumerate((card.zh, card.pinyin, card.en, met, next_text(card, now))):
                item = QTableWidgetItem(text)
                set_tooltip(item, text)  # card text: OCR, translations, pack text
                self.table.setItem(row, column, item)
        learning = sum(1 for c in self.cards if state_name(c) != "new")
        self.count.setText(f"{len(self.cards)} card{'s' if len(self.cards) != 1 else ''}, {learning} started. "
                           "Keep more with Learn this beside any word, label, phrase or line you meet."
                           if self.cards else "No cards yet. Press Learn this (Ctrl+L) beside a word in the "
                           "Translator, a label in a walkthrough or on a screenshot, or a phrase, to keep it here.")
        rows = [r for r, c in enumerate(self.cards) if current is not None and c.id == current.id]
        self.table.setCurrentCell(rows[0] if rows else (0 if self.cards else -1), 0)
        self._show_current()

    def current(self) -> KeptCard | None:
        row = self.table.currentRow()
        return self.cards[row] if 0 <= row < len(self.cards) else None

    def _show_current(self) -> None:
        card = self.current()
        self.front.setEnabled(card is not None)
        self.remove.setEnabled(card is not None)
        self.front.set_front(card.front if card is not None else None)
        self.remove.setAccessibleName(f"Remove {card.zh}" if card else "Remove card")

    def _set_front(self, front: Front | None) -> None:
        card = self.current()
        if card is not None:
            self.deck.set_front(card.id, front)
            self.fill()
            self.changed.emit()

    def remove_current(self, confirm: bool = True) -> None:
        card = self.current()
        if card is None:
            return
        if confirm:
            buttons = QMessageBox.StandardButton
            box = message_box(self, QMessageBox.Icon.Question, "Remove card",  # card text: OCR, translations
                              f"Remove {card.zh} ({card.en}) and its review history?", buttons=buttons.Yes | buttons.No)
            box.exec()
            if box.standardButton(box.clickedButton()) != buttons.Yes:
                return
        self.deck.remove(card.id)
        self.fill()
        self.changed.emit()

    def _settings_changed(self) -> None:
        self.settings.new_cards_per_day = self.new_per_day.value()
        self.settings.retention_goal = round(self.retention.value()) / 100
        self.save_settings()
        self.settingsChanged.emit()

