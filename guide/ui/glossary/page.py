"""The UI labels page: every Chinese label of the app in a sortable, filterable table, and
for the selected one its card and the walkthrough steps that show it.

This is what a newcomer keeps open while tapping around the app, so the 汉字 are large
and the filter understands pinyin typed any way (it uses `guide.core.study.search`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import GlossaryEntry
from guide.core.context import AppContext
from guide.core.study import drafts, pinyin_text
from guide.core.study.pinyin_text import zh_with_pinyin
from guide.core.study.search import SearchIndex, label_mentions
from guide.ui.shell import keys
from guide.ui.shell.navigator import Navigator
from guide.ui.widgets.detail_card import DetailCard
from guide.ui.widgets.flow_layout import FlowLayout
from guide.ui.widgets.safe_text import SAFE_TOOLTIP_ROLE, markup, plain_label, rich_label, tooltip_text
from guide.ui.widgets.learn_button import LearnButton
from guide.ui.widgets.scrolling import vertical_scroller
from guide.ui.widgets.status_line import StatusLine
from guide.ui.widgets.wrapped_rows import fit_wrapped_rows

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STEP_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("汉字", "Pinyin", "English", "Where", "Note")
ZH_POINT_SIZE = 20
ZH_MIN_POINT_SIZE = 13  # a long label is drawn smaller, down to this, rather than cut
CARD_MIN_WIDTH = 250
STATUS_SECONDS = 12
ZH_COLUMN_MAX = 320
ZH_COLUMN_MIN = 120  # four characters at full size
ZH_SHARE, PINYIN_SHARE = 0.18, 0.16  # at most these parts of the table's width (a longer label is drawn smaller)
TEXT_SHARES = (1.3, 1.3, 1.6)  # English, Where, Note share what is left
WHERE_FROM, NOTE_FROM = 560, 900  # table widths (px) from which Where and Note have a column (the card has them always)
CELL_MARGIN = 8


class LabelTableModel(QAbstractTableModel):
    """The glossary as table rows; Qt asks for cells as it draws them (cheap for big packs)."""

    def __init__(self, entries: list[GlossaryEntry], zh_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.zh_font = zh_font
        self._pinyin_keys = [pinyin_text.key(e.pinyin) for e in entries]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.zh, entry.pinyin, entry.en, entry.where, entry.note)[column]
        if role in (Qt.ItemDataRole.ToolTipRole, SAFE_TOOLTIP_ROLE):  # pack text: never read as HTML
            return tooltip_text((entry.zh, entry.pinyin, entry.en, entry.where, entry.note)[column])
        if role == ID_ROLE:
            return entry.zh
        if role == SORT_ROLE:  # 汉字 and pinyin sort by pinyin, as dictionaries do
            key = self._pinyin_keys[index.row()]
            return (key, key, entry.en.casefold(), entry.where.casefold(), entry.note.casefold())[column]
        if role == Qt.ItemDataRole.FontRole and column == 0:
            return self.zh_font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"{entry.zh}, {entry.pinyin}, {entry.en}"
        return None


class _LabelFilter(QSortFilterProxyModel):
    """Shows the rows whose label id is in `allowed` (None: all rows); while `by_rank`, rows
    come in the order of `rank` (the search's best match first) instead of a column's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.allowed: set[str] | None = None
        self.rank: dict[str, int] = {}
        self.by_rank = False

    def set_allowed(self, allowed: set[str] | None, rank: dict[str, int] | None = None) -> None:
        self.rank = rank or {}
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.allowed = allowed
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.allowed = allowed
            self.invalidateRowsFilter()

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        if self.by_rank:
            last = len(self.rank)
            return self.rank.get(left.data(ID_ROLE), last) < self.rank.get(right.data(ID_ROLE), last)
        return super().lessThan(left, right)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if self.allowed is None:
            return True
        zh = self.sourceModel().index(source_row, 0, source_parent).data(ID_ROLE)
        return zh in self.allowed


class ZhDelegate(QStyledItemDelegate):
    """The 汉字 column: a label longer than the column is drawn smaller (down to
    ZH_MIN_POINT_SIZE) so it stays whole; only beyond that it ends in "…" (tooltip: all)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.font = fitted_zh_font(option.font, option.text, option.rect.width() - CELL_MARGIN)


def fitted_zh_font(font: QFont, text: str, width: int) -> QFont:
    """`font` at the largest point size from its own down to ZH_MIN_POINT_SIZE that fits `text` in `width`."""
    fitted = QFont(font)
    while fitted.pointSize() > ZH_MIN_POINT_SIZE and QFontMetrics(fitted).horizontalAdvance(text) > width:
        fitted.setPointSize(fitted.pointSize() - 1)
    return fitted


class GlossaryPage(QWidget):
    def __init__(self, context: AppContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryPage")
        self.context = context
        self.navigator = navigator
        self.entries: dict[str, GlossaryEntry] = {e.zh: e for e in context.pack.glossary}
        self.index = SearchIndex.build(context.pack, kinds=("label",))
        self.mentions = label_mentions(context.pack)
        self._build()
        self._fill()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        heading = rich_label(markup("<h2>UI labels</h2>The Chinese words on {}'s buttons "
                                    "and tabs, what they mean and where you find them. Filter in English, 汉字 or pinyin "
                                    "(shoucang, shou cang, shōucáng).", self.context.pack.app.name or "the app"))
        heading.setWordWrap(True)
        outer.addWidget(heading)

        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setObjectName("glossaryFilter")
        self.filter.setAccessibleName("Filter UI labels")
        self.filter.setPlaceholderText("Filter: Save, 收藏, shoucang…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        bar.addWidget(self.filter, 1)
        self.count = plain_label()
        self.count.setObjectName("glossaryCount")
        bar.addWidget(self.count)
        outer.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        zh_font = QFont(self.font())
        zh_font.setPointSize(ZH_POINT_SIZE)
        self.model = LabelTableModel(list(self.context.pack.glossary), zh_font, self)
        self.proxy = _LabelFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("glossaryTable")
        self.table.setAccessibleName("UI labels")
        self.table.setAccessibleDescription("Chinese label, pinyin, English meaning and where it appears; choose a row for details")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole text is the cell's tooltip, and in the card
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # columns fit the width instead
        self.table.setItemDelegateForColumn(0, ZhDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(int(ZH_POINT_SIZE * 2.4))
        header = self.table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._user_sorted)  # before the view's own sort slot
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # pack order until a header is clicked
        self.table.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # _fit_columns shares the width out
        header.setStretchLastSection(True)
        self.table.viewport().installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_current(current))
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([680, 400])
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)
        outer.addWidget(splitter, 1)
        QShortcut(keys.COPY_LABEL.sequence(), self.table, self.copy_selected)
        QShortcut(keys.LEARN.sequence(), self, self.learn_button.click)

    def _build_details(self) -> QWidget:
        self.card = card = DetailCard()
        layout = card.layout()
        self.detail_zh, self.detail_pinyin, self.detail_en = card.zh, card.pinyin, card.en
        self.detail_where = card.add_line()
        self.detail_note = card.add_line("cardNote")
        buttons = FlowLayout(spacing=6)  # wraps in a narrow window
        self.copy_button = QPushButton("Copy")
        self.copy_button.setObjectName("glossaryCopy")
        self.copy_button.setToolTip("Copy the Chinese label (Ctrl+C in the table)")
        self.copy_button.clicked.connect(self.copy_selected)
        buttons.addWidget(self.copy_button)
        self.copy_pinyin_button = QPushButton("Copy with pinyin")
        self.copy_pinyin_button.setObjectName("glossaryCopyPinyin")
        self.copy_pinyin_button.setToolTip("Copy the Chinese with its pinyin")
        self.copy_pinyin_button.clicked.connect(lambda: self.copy_selected(with_pinyin=True))
        buttons.addWidget(self.copy_pinyin_button)
        self.learn_button = LearnButton.for_context(self.context, key=keys.LEARN.shown())
        buttons.addWidget(self.learn_button)
        layout.addLayout(buttons)
        self.copied = StatusLine()  # keeps its height, so "Copied …" never moves the steps below
        self.copied.setObjectName("glossaryCopied")
        layout.addWidget(self.copied)
        self.copied_timer = QTimer(self)  # "Copied …" clears itself, as the Phrase book's status does
        self.copied_timer.setSingleShot(True)
        self.copied_timer.setInterval(STATUS_SECONDS * 1000)
        self.copied_timer.timeout.connect(self.copied.clear)
        self.steps_heading = rich_label(markup("<b>Walkthrough steps that show it</b>"))
        self.steps_heading.setWordWrap(True)
        layout.addWidget(self.steps_heading)
        self.steps = QListWidget()
        self.steps.setObjectName("glossarySteps")
        self.steps.setAccessibleName("Walkthrough steps that show this label")
        self.steps.setAccessibleDescription("Press Enter on a step to open it")
        self.steps.setWordWrap(True)
        self.steps.setSpacing(2)  # one step per row, apart from the next
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.viewport().installEventFilter(self)
        self.steps.itemActivated.connect(self._open_step)
        self.steps.itemClicked.connect(self._open_step)
        layout.addWidget(self.steps, 1)
        # In a small window the card keeps a readable width and scrolls instead of overlapping.
        scroller = vertical_scroller(card, "glossaryDetailsScroller")
        scroller.setMinimumWidth(CARD_MIN_WIDTH)
        return scroller

    def _fill(self) -> None:
        self._fit_columns()
        self._update_count()

    def zh_column_width(self) -> int:
        """Wide enough for the longest label (陌生人消息, 获赞与收藏), within reason."""
        metrics = QFontMetrics(self.model.zh_font)
        longest = max((metrics.horizontalAdvance(e.zh) for e in self.model.entries), default=0)
        return max(ZH_COLUMN_MIN, min(longest + 24, ZH_COLUMN_MAX))

    def zh_floor_width(self) -> int:
        """The narrowest 汉字 column in which the longest label fits at the smallest size it may be drawn."""
        font = QFont(self.model.zh_font)
        font.setPointSize(ZH_MIN_POINT_SIZE)
        metrics = QFontMetrics(font)
        return max((metrics.horizontalAdvance(e.zh) for e in self.model.entries), default=0) + CELL_MARGIN + 6

    def _fit_columns(self) -> None:
        """Columns share the table's width, never wider (no sideways scrolling): 汉字 and pinyin
        as wide as they need within a share, English, Where and Note the rest; Where and Note
        step aside in a narrow table (the card beside it shows them)."""
        width = self.table.viewport().width()
        if width < 100:
            return
        zh = max(self.zh_floor_width(), min(self.zh_column_width(), max(ZH_COLUMN_MIN, int(width * ZH_SHARE))))
        metrics = self.table.fontMetrics()
        longest_pinyin = max((metrics.horizontalAdvance(e.pinyin) for e in self.model.entries), default=60)
        pinyin = min(longest_pinyin + 2 * CELL_MARGIN, max(90, int(width * PINYIN_SHARE)))
        shown = [True, width >= WHERE_FROM, width >= NOTE_FROM]
        for offset, visible in enumerate(shown[1:], start=3):
            self.table.setColumnHidden(offset, not visible)
        shares = [share for share, visible in zip(TEXT_SHARES, shown) if visible]
        rest = max(width - zh - pinyin, 0)
        widths = [zh, pinyin] + [int(rest * share / sum(shares)) for share in shares]
        for column, column_width in zip([0, 1] + [2 + n for n, visible in enumerate(shown) if visible], widths):
            self.table.setColumnWidth(column, column_width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            if watched is self.table.viewport():
                self._fit_columns()
            elif watched is self.steps.viewport():
                fit_wrapped_rows(self.steps)
        return super().eventFilter(watched, event)

    # -- public API --------------------------------------------------------------------------

    def apply_filter(self, text: str) -> None:
        """Show only the labels matching `text` (English, 汉字 or pinyin); empty shows all."""
        ranked = self.index.ranked_ids(text, "label") if text.strip() else None
        self.proxy.set_allowed(set(ranked) if ranked is not None else None,
                               {zh: n for n, zh in enumerate(ranked or ())})
        if self.table.horizontalHeader().sortIndicatorSection() < 0 or self.proxy.by_rank:
            # No header chosen: best matches first (as in Ctrl+K), pack order when cleared.
            self.proxy.by_rank = ranked is not None
            self.proxy.sort(-1)  # sort() ignores a repeat of the current column, and the ranks changed
            if ranked is not None:
                self.proxy.sort(0)
        self._update_count()
        if self.proxy.rowCount() and (ranked is not None or not self.table.selectionModel().hasSelection()):
            self.table.selectRow(0)
            self.table.scrollToTop()

    def show_label(self, zh: str) -> bool:
        """Select a label (navigator.open_label); clears a filter that hides it."""
        row = self._proxy_row(zh)
        if row is None and self.filter.text():
            self.filter.clear()
            row = self._proxy_row(zh)
        if row is None:
            log.info("label %r is not in the glossary", zh)
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))
        self.table.setFocus()
        return True

    def selected_label(self) -> GlossaryEntry | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.entries.get(index.data(ID_ROLE))

    def copy_selected(self, with_pinyin: bool = False) -> None:
        entry = self.selected_label()
        if entry is None:
            return
        text = zh_with_pinyin(entry.zh, entry.pinyin) if with_pinyin else entry.zh
        QGuiApplication.clipboard().setText(text)
        self.copied.setText(f"Copied {text}")
        self.copied_timer.start()

    # -- internals ---------------------------------------------------------------------------

    def _proxy_row(self, zh: str) -> int | None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == zh:
                return row
        return None

    def _user_sorted(self, section: int, _order: Qt.SortOrder) -> None:
        """A clicked header wins over the search order until the filter is typed again."""
        if section >= 0:
            self.proxy.by_rank = False

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} labels" if shown != total else f"{total} labels")

    def _show_current(self, index: QModelIndex) -> None:
        entry = self.entries.get(index.data(ID_ROLE)) if index.isValid() else None
        self.copied.clear()
        self.steps.clear()
        for button in (self.copy_button, self.copy_pinyin_button):
            button.setEnabled(entry is not None)
        self.learn_button.set_draft(drafts.label(entry, "glossary") if entry is not None else None)
        if entry is None:
            self.card.clear()
            return
        self.detail_zh.setText(entry.zh)
        self.detail_pinyin.setText(entry.pinyin)
        self.detail_en.setText(entry.en)
        self.detail_where.setText(f"Where: {entry.where}" if entry.where else "")
        self.detail_note.setText(entry.note)
        self.copy_button.setAccessibleName(f"Copy {entry.zh}")
        mentions = self.mentions.get(entry.zh, [])
        for walkthrough, step in mentions:
            item = QListWidgetItem(f"{walkthrough.title} › {step.title}")
            item.setData(STEP_ROLE, (walkthrough.id, step.id))
            item.setToolTip("Open this step")
            self.steps.addItem(item)
        if not mentions:
            placeholder = QListWidgetItem("No walkthrough shows this label yet.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.steps.addItem(placeholder)
        fit_wrapped_rows(self.steps)

    def _open_step(self, item: QListWidgetItem) -> None:
        target = item.data(STEP_ROLE)
        if target:
            self.navigator.open_walkthrough.emit(*target)
