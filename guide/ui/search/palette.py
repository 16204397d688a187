"""The Ctrl+K palette: one box that finds phrases, UI labels, walkthroughs and steps.

Type, move with the arrow keys, Enter opens the result through the navigator (the main
window routes it to the right page). The query runs on every keystroke: the index
answers in a few milliseconds, so there is no debounce.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from guide.core.study.search import SearchIndex, SearchResult
from guide.ui.shell.navigator import Navigator
from guide.ui.widgets.safe_text import plain_label

RESULT_ROLE = Qt.ItemDataRole.UserRole
LIMIT = 50
KIND_NAMES = {"phrase": "Phrase", "label": "UI label", "walkthrough": "Walkthrough", "step": "Step"}
HINT = "Type English (save), 汉字 (收藏) or pinyin (shoucang, shou cang, shōucáng). ↑↓ to choose, Enter to open, Esc to close."


def describe(result: SearchResult) -> str:
    """The two lines a result shows: what it is, then where it belongs."""
    kind = KIND_NAMES.get(result.kind, result.kind)
    if result.kind in ("phrase", "label"):
        first = f"{result.zh}   {result.pinyin}   —   {result.en}"
        second = f"{kind} · {result.title}" if result.title else kind
    elif result.kind == "walkthrough":
        first = result.title
        second = f"{kind} · {result.en}" if result.en else kind
    else:
        first = result.title
        second = kind
    if result.snippet:
        second += f" · {result.snippet}"
    return f"{first}\n{second}"


class ResultDelegate(QStyledItemDelegate):
    """Two lines per result: what it is (larger), then kind and context (muted)."""

    PADDING = 6

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        main = QFont(base)
        main.setPixelSize(16)
        detail = QFont(base)
        detail.setPixelSize(12)
        return main, detail

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        main, detail = self._fonts(option.font)
        return QSize(300, 2 * self.PADDING + QFontMetrics(main).height() + QFontMetrics(detail).height() + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        lines = str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n", 1) + [""]
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = text if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        rect = opt.rect.adjusted(self.PADDING * 2, self.PADDING, -self.PADDING * 2, -self.PADDING)
        painter.save()
        y = rect.top()
        for font, colour, value in zip(self._fonts(opt.font), (text, muted), lines[:2]):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRect(rect.left(), y, rect.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(value, Qt.TextElideMode.ElideRight, rect.width()))
            y += metrics.height() + 2
        painter.restore()


class SearchPalette(QDialog):
    def __init__(self, index: SearchIndex, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPalette")
        self.setWindowTitle("Search everything")
        self.setAccessibleName("Search everything")
        self.index = index
        self.navigator = navigator
        self.resize(640, 460)
        layout = QVBoxLayout(self)
        self.input = QLineEdit()
        self.input.setObjectName("searchInput")
        self.input.setAccessibleName("Search phrases, UI labels and walkthroughs")
        self.input.setPlaceholderText("Search phrases, UI labels, walkthroughs…")
        self.input.setClearButtonEnabled(True)
        self.input.textChanged.connect(self.run_query)
        self.input.returnPressed.connect(self.open_current)
        self.input.installEventFilter(self)
        layout.addWidget(self.input)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Results")
        self.results.setAccessibleDescription("Phrases, UI labels and walkthrough steps; Enter opens the chosen one")
        self.results.setUniformItemSizes(True)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        layout.addWidget(self.results, 1)
        self.hint = plain_label(HINT)
        self.hint.setObjectName("searchHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.input.setFocus()

    def run_query(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            self.hint.setText(HINT)
            return
        found = self.index.search(text, limit=LIMIT)
        for result in found:
            item = QListWidgetItem(describe(result))
            item.setData(RESULT_ROLE, result)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, describe(result).replace("\n", ", "))
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            more = f" (first {LIMIT})" if len(found) == LIMIT else ""
            self.hint.setText(f"{len(found)} results{more}. ↑↓ to choose, Enter to open.")
        else:
            self.hint.setText("Nothing found. Try fewer letters, English, or pinyin without tones (xiexie).")

    def current_result(self) -> SearchResult | None:
        item = self.results.currentItem()
        return item.data(RESULT_ROLE) if item is not None else None

    def open_current(self) -> None:
        result = self.current_result()
        if result is not None:
            self.open_result(result)

    def open_result(self, result: SearchResult) -> None:
        """Ask the navigator to show the result, then close the palette."""
        if result.kind == "phrase":
            self.navigator.open_phrase.emit(result.id)
        elif result.kind == "label":
            self.navigator.open_label.emit(result.id)
        else:
            self.navigator.open_walkthrough.emit(result.walkthrough_id, result.step_id)
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Arrow and page keys in the input move through the results."""
        if watched is self.input and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}
            step = steps.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _activated(self, item: QListWidgetItem) -> None:
        result = item.data(RESULT_ROLE)
        if result is not None:
            self.open_result(result)
