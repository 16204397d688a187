"""The walkthrough list and, once one is opened, the player, on one stacked page."""

from __future__ import annotations


from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import Walkthrough
from guide.core.context import AppContext
from guide.ui.shell.navigator import Navigator
from guide.ui.walkthroughs.player import WalkthroughPlayer
from guide.ui.widgets.safe_text import Markup, markup, rich_label, set_markup

ID_ROLE = Qt.ItemDataRole.UserRole
CARD_ESTIMATE = 84  # px, until a row's card is made and measured
WHEEL_LINE = 20  # px per scroll step; a wheel notch is three of them


def describe(walkthrough: Walkthrough, done: bool, started_step: str | None, before: list[str] | None = None) -> str:
    """The lines shown per walkthrough in the list."""
    mark = "✓ " if done else ("◐ " if started_step else "")
    state = "done" if done else ("in progress" if started_step else "")
    meta = f"{walkthrough.minutes} min · {walkthrough.level} · {len(walkthrough.steps)} steps · screens from RedNote {walkthrough.app_version}"
    if state:
        meta += f" · {state}"
    if before:
        meta += f" · do first: {', '.join(before)}"
    return f"{mark}{walkthrough.title}\n{walkthrough.summary}\n{meta}"


def meta_grey(widget: QWidget) -> str:
    """The grey of the meta line: at least 4.5:1 on the row and on its selection in either theme."""
    return "#b4b4bb" if widget.palette().color(QPalette.ColorRole.Base).lightness() < 128 else "#6b6b70"


class WalkthroughsPage(QStackedWidget):
    def __init__(self, context: AppContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        list_page = QWidget()
        layout = QVBoxLayout(list_page)
        heading = rich_label(markup("<h2>Walkthroughs</h2>Step-by-step tours of the app. Start at the top if you are "
                                    "new; each one says which app version its screens were drawn from."))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.list = QListWidget()
        self.list.setObjectName("walkthroughList")
        self.list.setAccessibleName("Walkthroughs")
        self.list.setAccessibleDescription("Each with its app version and what to do first; Enter opens one where you left it")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        # A wheel notch moves a few lines, not three whole cards (per-item scrolling jumped 320 px).
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.verticalScrollBar().setSingleStep(WHEEL_LINE)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.verticalScrollBar().valueChanged.connect(self._fill_visible)
        layout.addWidget(self.list, 1)
        self.list.viewport().installEventFilter(self)
        self.addWidget(list_page)
        self.player = WalkthroughPlayer(context, navigator)
        self.player.backToList.connect(self.show_list)
        self.player.completedChanged.connect(lambda _id: self.refresh())
        self.addWidget(self.player)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list: items (text for screen readers and keyboard) for every walkthrough,
        but the drawn cards only for rows on screen, made as they scroll into view (5,000
        walkthroughs took 7 s to show with a card each)."""
        progress = self.context.userdata.all_progress()
        current = self.list.currentRow()
        self.list.clear()
        pack = self.context.pack
        self._grey = meta_grey(self.list)
        for walkthrough in pack.walkthroughs:
            saved = progress.get(walkthrough.id)
            before = [w.title for r in walkthrough.requires if (w := pack.walkthrough(r)) is not None
                      and not (progress.get(r) and progress[r].completed)]
            text = describe(walkthrough, bool(saved and saved.completed), saved.step if saved else None, before)
            item = QListWidgetItem()
            item.setData(ID_ROLE, walkthrough.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setSizeHint(QSize(0, CARD_ESTIMATE))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(max(current, 0))
        self._fill_visible()

    def _fill_visible(self, *_args: object) -> None:
        """Make the cards of the rows now on screen (and a screenful below)."""
        count = self.list.count()
        if not count:
            return
        viewport = self.list.viewport()
        first = self.list.indexAt(QPoint(8, 8)).row()
        row = max(first, 0)
        limit = viewport.height() * 2 + CARD_ESTIMATE
        while row < count:
            item = self.list.item(row)
            if self.list.visualItemRect(item).top() > limit:
                break
            if self.list.itemWidget(item) is None:
                self._make_card(item)
            row += 1

    def _card_text(self, item: QListWidgetItem) -> Markup:
        title, summary, meta = item.data(Qt.ItemDataRole.AccessibleTextRole).split("\n", 2)
        return markup("<b style='font-size:15px'>{}</b><br>{}<br><span style='color:{}'>{}</span>",
                      title, summary, self._grey, meta)

    def _make_card(self, item: QListWidgetItem) -> None:
        card = rich_label(self._card_text(item))
        card.setWordWrap(True)
        card.setContentsMargins(8, 6, 8, 6)
        card.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.list.setItemWidget(item, card)
        item.setSizeHint(QSize(0, self._card_height(card)))

    def cards_made(self) -> int:
        return sum(1 for row in range(self.list.count()) if self.list.itemWidget(self.list.item(row)) is not None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        QTimer.singleShot(0, self._fill_visible)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fill_visible)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        elif watched is self.list.viewport() and event.type() == QEvent.Type.PaletteChange \
                and meta_grey(self.list) != getattr(self, "_grey", None):
            self._recolour_cards()
        return super().eventFilter(watched, event)

    def _recolour_cards(self) -> None:
        """The theme changed: the meta line's grey follows it, from the text the rows already
        have. Not `refresh`: this runs inside Qt's restyle of every widget, where reading the
        progress file is disk work on the UI thread, and an error raised here (a notice to a
        closed window) made PySide repeat it into every later event until memory ran out."""
        self._grey = meta_grey(self.list)
        for row in range(self.list.count()):
            card = self.list.itemWidget(self.list.item(row))
            if isinstance(card, QLabel):
                set_markup(card, self._card_text(self.list.item(row)))

    def _card_height(self, card: QWidget) -> int:
        """Row heights follow the list's width, so a narrower window never cuts the grey line."""
        width = self.list.viewport().width() if self.list.viewport().width() > 100 else 700
        return card.heightForWidth(width - 40) + 30

    def _fit_rows(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            card = self.list.itemWidget(item)
            if card is not None:
                height = self._card_height(card)
                if item.sizeHint().height() != height:
                    item.setSizeHint(QSize(0, height))

    def _activated(self, item: QListWidgetItem) -> None:
        self.open(item.data(ID_ROLE))

    def open(self, walkthrough_id: str, step_id: str = "", record: bool = True) -> bool:
        walkthrough = self.context.pack.walkthrough(walkthrough_id)
        if walkthrough is None:
            self.navigator.notice.emit(f"There is no walkthrough {walkthrough_id!r} in this pack.")
            return False
        self.player.open(walkthrough, step_id, record)
        self.setCurrentWidget(self.player)
        return True

    def show_list(self) -> None:
        self.refresh()
        self.setCurrentIndex(0)
        self.list.setFocus()
