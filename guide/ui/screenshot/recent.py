"""Recent on the Screenshot page: the last screenshots read, each with its thumbnail, the name
it was opened under and when; choosing one reads it again (`chosen`). The thumbnails come
from the PictureLoader, decoded off the window's thread after the same checks as any picture,
so a hostile file kept by an older version never freezes the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from guide.core.screen.history import ScreenshotHistory
from guide.ui.screenshot.worker import THUMBNAIL, PictureLoader
from guide.ui.widgets.safe_text import plain_label, set_tooltip


class RecentStrip(QWidget):
    chosen = Signal(object)  # Path of the kept screenshot

    def __init__(self, history: ScreenshotHistory, pictures: PictureLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.pictures = pictures
        self._thumbs: dict[str, QIcon] = {}
        pictures.thumbnail.connect(self.set_thumbnail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        title = plain_label("Recent")
        title.setObjectName("screenshotRecentTitle")
        layout.addWidget(title)
        self.list = QListWidget()
        self.list.setObjectName("screenshotHistory")
        self.list.setAccessibleName("Recent screenshots")
        self.list.setAccessibleDescription("The last screenshots you read, with their names and times; choose "
                                           "one to read it again. Clear history and cache deletes them")
        self.list.setViewMode(QListWidget.ViewMode.ListMode)  # name and time beside each thumbnail
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setIconSize(THUMBNAIL)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        line = self.list.fontMetrics().lineSpacing()
        self.list.setGridSize(QSize(THUMBNAIL.width() + 10 * line, max(THUMBNAIL.height(), 2 * line) + 10))
        # One row: a vertical scroll bar there scrolled 2 px and looked broken. The row is as tall
        # as a cell, its frame and the sideways scroll bar, so the chosen one's frame is never cut.
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        bar = self.list.horizontalScrollBar().sizeHint().height()
        self.list.setFixedHeight(self.list.gridSize().height() + 2 * self.list.frameWidth() + bar + 4)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout.addWidget(self.list)

    def refresh(self) -> None:
        """As it is on disk: each entry's name and time at once, its thumbnail when decoded."""
        self.list.clear()
        items = self.history.items()
        keep = {str(path) for path in items}
        self._thumbs = {key: icon for key, icon in self._thumbs.items() if key in keep}
        blank = QPixmap(THUMBNAIL)
        blank.fill(QColor("#d8d8dc"))
        metrics = self.list.fontMetrics()
        room = self.list.gridSize().width() - THUMBNAIL.width() - 14
        for path in items:
            kept = self.history.describe(path)
            today = kept.when.date() == kept.when.today().date()
            when = kept.when.strftime("%H:%M" if today else "%d %b %H:%M")
            name = metrics.elidedText(kept.name, Qt.TextElideMode.ElideMiddle, room)
            item = QListWidgetItem(self._thumbs.get(str(path), QIcon(blank)), f"{name}\n{when}")
            set_tooltip(item, f"{kept.name}\n{kept.when.strftime('%d %B %Y, %H:%M')}")  # a file's name
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{kept.name}, {when}")
            self.list.addItem(item)
            if str(path) not in self._thumbs:
                self.pictures.load_thumbnail(path)
        self.setVisible(self.list.count() > 0)

    def set_thumbnail(self, path: str, image: QImage) -> None:
        if image.isNull():
            return  # refused or undrawable: it keeps the grey stand-in
        self._thumbs[path] = QIcon(QPixmap.fromImage(image))
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == path:
                item.setIcon(self._thumbs[path])

    def forget_thumbnails(self) -> None:
        self._thumbs.clear()

    def _chosen(self, item: QListWidgetItem) -> None:
        self.chosen.emit(Path(str(item.data(Qt.ItemDataRole.UserRole))))
