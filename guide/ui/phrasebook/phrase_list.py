"""The phrase list of the Phrase book: a model over `Phrase` objects and a delegate that
draws each row (汉字, pinyin, meaning, a clickable favourite star)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from guide.core.content.model import Phrase
from guide.core.study.pinyin_text import zh_with_pinyin

FAVOURITES = "__favourites__"
CATEGORY_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PHRASE_ROLE = Qt.ItemDataRole.UserRole + 2
FAVOURITE_ROLE = Qt.ItemDataRole.UserRole + 3
CONTEXT_ROLE = Qt.ItemDataRole.UserRole + 4
STAR_ON, STAR_OFF = "★", "☆"


def with_pinyin(phrase: Phrase) -> str:
    """What "Copy with pinyin" puts on the clipboard."""
    return zh_with_pinyin(phrase.zh, phrase.pinyin)


class PhraseListModel(QAbstractListModel):
    """The phrases shown right now; the delegate draws them, tests read DisplayRole."""

    def __init__(self, is_favourite: Callable[[str], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.phrases: list[Phrase] = []
        self.context_titles: dict[str, str] = {}  # phrase key -> category title, shown while searching
        self._is_favourite = is_favourite

    def set_phrases(self, phrases: list[Phrase], context_titles: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.phrases = phrases
        self.context_titles = context_titles or {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.phrases)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.phrases):
            return None
        phrase = self.phrases[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{phrase.en} — {with_pinyin(phrase)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            star = ", favourite" if self._is_favourite(phrase.key) else ""
            return f"{phrase.en}: {phrase.zh}, {phrase.pinyin}{star}"
        if role == KEY_ROLE:
            return phrase.key
        if role == PHRASE_ROLE:
            return phrase
        if role == FAVOURITE_ROLE:
            return self._is_favourite(phrase.key)
        if role == CONTEXT_ROLE:
            return self.context_titles.get(phrase.key, "")
        return None

    def row_of(self, key: str) -> int | None:
        for row, phrase in enumerate(self.phrases):
            if phrase.key == key:
                return row
        return None

    def refresh_row(self, key: str) -> None:
        row = self.row_of(key)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)


class PhraseDelegate(QStyledItemDelegate):
    """Draws a phrase as a card: 汉字 large, pinyin, English, then literal meaning and note,
    with a star on the right that toggles the favourite."""

    starClicked = Signal(str)

    PADDING = 10
    STAR_SIZE = 30
    MIN_WIDTH = 200

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont, QFont]:
        zh = QFont(base)
        zh.setPixelSize(24)
        pinyin = QFont(base)
        pinyin.setPixelSize(15)
        en = QFont(base)
        en.setPixelSize(15)
        en.setBold(True)
        note = QFont(base)
        note.setPixelSize(13)
        return zh, pinyin, en, note

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        height = 2 * self.PADDING + sum(QFontMetrics(f).height() + 2 for f in self._fonts(option.font))
        return QSize(PhraseDelegate.MIN_WIDTH, height)  # the list is as wide as it gets; rows elide

    def star_rect(self, rect: QRect) -> QRect:
        return QRect(rect.right() - self.PADDING - self.STAR_SIZE, rect.top() + self.PADDING, self.STAR_SIZE, self.STAR_SIZE)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        phrase: Phrase | None = index.data(PHRASE_ROLE)
        if phrase is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        accent = text if selected else palette.color(QPalette.ColorRole.Link)
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        zh_font, pinyin_font, en_font, note_font = self._fonts(opt.font)
        painter.save()
        rect = opt.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        star = self.star_rect(opt.rect)
        width = star.left() - rect.left() - 6
        y = rect.top()
        extras = " · ".join(part for part in (index.data(CONTEXT_ROLE),
                                              f'literally "{phrase.literal}"' if phrase.literal else "", phrase.note) if part)
        for font, colour, value in ((zh_font, text, phrase.zh), (pinyin_font, accent, phrase.pinyin),
                                    (en_font, text, phrase.en), (note_font, muted, extras)):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRect(rect.left(), y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(value, Qt.TextElideMode.ElideRight, width))
            y += metrics.height() + 2
        favourite = bool(index.data(FAVOURITE_ROLE))
        star_font = QFont(opt.font)
        star_font.setPixelSize(22)
        painter.setFont(star_font)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText) if selected else
                       (palette.color(QPalette.ColorRole.Link) if favourite else muted))
        painter.drawText(star, Qt.AlignmentFlag.AlignCenter, STAR_ON if favourite else STAR_OFF)
        painter.restore()

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,  # noqa: N802
                    index: QModelIndex) -> bool:
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton
                and self.star_rect(option.rect).contains(event.position().toPoint())):
            self.starClicked.emit(index.data(KEY_ROLE))
            return True
        return super().editorEvent(event, model, option, index)
