"""The screenshot scaled to fit, each line boxed; optionally each UI label's English on top.

Clicking a box selects its line (`lineClicked`); the page keeps the side list in step.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

LABEL_COLOUR = QColor("#ff2442")  # RedNote red: a UI label
TEXT_COLOUR = QColor("#2d7ff9")  # any other line
SELECTED_COLOUR = QColor("#ffb000")


class _Box(QGraphicsRectItem):
    def __init__(self, index: int, rect: QRectF, is_label: bool, view: ScreenshotView) -> None:
        super().__init__(rect)
        self.index = index
        self.is_label = is_label
        self._view = view
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        colour = SELECTED_COLOUR if selected else (LABEL_COLOUR if self.is_label else TEXT_COLOUR)
        pen = QPen(colour, 3 if selected else 2)
        pen.setCosmetic(True)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(40 if selected else 0)
        self.setBrush(QBrush(fill))

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802
        self._view.lineClicked.emit(self.index)
        event.accept()


class ScreenshotView(QGraphicsView):
    lineClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenshotView")
        self.setAccessibleName("Screenshot")
        self.setAccessibleDescription("The screenshot with each line of text boxed; click a box to explain it")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(self.renderHints())
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.boxes: list[_Box] = []
        self.overlays: list[QGraphicsItem] = []
        self._overlay_of: dict[int, QGraphicsRectItem] = {}  # line index -> its English patch
        self._selected = -1
        self._pixmap_item = None
        self._show_english = False
        self._placeholder()

    def _placeholder(self) -> None:
        """What an empty page shows where the picture will be."""
        item = self.scene().addText("Paste a screenshot (Ctrl+V), drop one here,\nor use Open screenshot…")
        item.setDefaultTextColor(QColor("#888888"))
        font = item.font()
        font.setPointSize(font.pointSize() + 2)
        item.setFont(font)
        self.scene().setSceneRect(item.boundingRect())

    def show_picture(self, pixmap: QPixmap) -> None:
        scene = self.scene()
        scene.clear()
        self.boxes, self.overlays, self._overlay_of, self._selected = [], [], {}, -1
        self._pixmap_item = scene.addPixmap(pixmap)
        scene.setSceneRect(QRectF(pixmap.rect()))
        self.fit()

    def clear_picture(self) -> None:
        self.scene().clear()
        self.boxes, self.overlays, self._overlay_of, self._selected = [], [], {}, -1
        self._pixmap_item = None
        self._placeholder()

    def has_picture(self) -> bool:
        return self._pixmap_item is not None

    def set_lines(self, lines: list[tuple[list[int], bool, str | None]]) -> None:
        """lines: (box [x, y, w, h] in picture pixels, is a UI label, English to overlay)."""
        scene = self.scene()
        for item in self.boxes + self.overlays:
            scene.removeItem(item)
        self.boxes, self.overlays, self._overlay_of, self._selected = [], [], {}, -1
        for index, (box, is_label, english) in enumerate(lines):
            x, y, w, h = box
            item = _Box(index, QRectF(x - 3, y - 3, w + 6, h + 6), is_label, self)
            item.setZValue(2)
            scene.addItem(item)
            self.boxes.append(item)
            if is_label and english:
                self.overlays.append(self._overlay(QRectF(x, y, w, h), english))
                self._overlay_of[index] = self.overlays[-1]
        self.set_show_english(self._show_english)

    def _overlay(self, rect: QRectF, english: str) -> QGraphicsItem:
        """The English on a white patch over the Chinese, as large as fits (within reason)."""
        font = QFont()
        font.setPixelSize(max(10, int(rect.height() * 0.7)))
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(english)
        target = max(rect.width(), metrics.height() * 2.5)
        while width > target * 1.6 and font.pixelSize() > 10:
            font.setPixelSize(font.pixelSize() - 1)
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(english)
        patch_width = max(rect.width(), width + 8)
        left = rect.center().x() - patch_width / 2
        patch = QGraphicsRectItem(QRectF(left, rect.top() - 2, patch_width, rect.height() + 4))
        patch.setBrush(QBrush(QColor(255, 255, 255, 240)))
        pen = QPen(LABEL_COLOUR, 1.5)
        pen.setCosmetic(True)
        patch.setPen(pen)
        patch.setZValue(3)  # above the boxes; clicks fall through to the box below
        patch.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        text = QGraphicsSimpleTextItem(english, patch)
        text.setFont(font)
        text.setBrush(QBrush(QColor("#b0001a")))
        text.setPos(left + (patch_width - width) / 2, rect.top() + (rect.height() - metrics.height()) / 2)
        self.scene().addItem(patch)
        return patch

    def set_show_english(self, show: bool) -> None:
        self._show_english = show
        for item in self.overlays:
            item.setVisible(show)
        self._mark(self._selected)  # the selection moves between the box and its English patch

    def select(self, index: int) -> None:
        self._mark(index)
        if 0 <= index < len(self.boxes):
            self.ensureVisible(self.boxes[index], 20, 20)

    def _mark(self, index: int) -> None:
        self._selected = index
        for box in self.boxes:
            box.set_selected(box.index == index)
            # The chosen one shows above its English, unless that English is on screen: then its
            # patch takes the selection colour (the orange box drawn over it cut through the letters).
            patch = self._overlay_of.get(box.index)
            covered = patch is not None and self._show_english
            box.setZValue(4 if box.index == index and not covered else 2)
            if patch is not None:
                selected = box.index == index
                pen = QPen(SELECTED_COLOUR if selected else LABEL_COLOUR, 3 if selected else 1.5)
                pen.setCosmetic(True)
                patch.setPen(pen)

    def fit(self) -> None:
        if self._pixmap_item is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self.fit()
