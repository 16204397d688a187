"""The screenshot, each line boxed, optionally with every line's English over it; zoom and pan.

Clicking a box selects its line (`lineClicked`); the page keeps the side list in step. The
scene is in the picture's own pixels (boxes come from OCR in those); a smaller preview of a
large picture is scaled up to them. The English is drawn in screen pixels, so it stays
readable at any zoom (see `_English`). Ctrl+wheel, + / − and 0 zoom; dragging pans.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontInfo, QFontMetrics, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from guide.ui.widgets.safe_text import set_tooltip

LABEL_COLOUR = QColor("#ff2442")  # RedNote red: a UI label
TEXT_COLOUR = QColor("#2d7ff9")  # any other line
SELECTED_COLOUR = QColor("#ffb000")
LABEL_INK, TEXT_INK = QColor("#b0001a"), QColor("#0b4aa8")  # on the white patch: 6:1 and more
ZOOM_STEP = 1.25
MOST_ZOOM = 4.0  # four screen pixels to a picture pixel
LARGEST_ENGLISH = 1.5  # the English grows with a zoomed line up to this many times the app's text


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


class _English(QGraphicsRectItem):
    """A line's English on a white patch over it, in screen pixels (it ignores the zoom): as
    large as the line is high on screen, within the app's text size and 1.5 times it; shrunk
    to fit the line's width but never below the app's text; wrapped where the line is tall
    enough, else elided. The whole English is its tooltip."""

    def __init__(self, box: QRectF, english: str, is_label: bool, reach: float) -> None:
        super().__init__()
        self.box, self.english, self.is_label = box, english, is_label
        self.reach = reach  # picture pixels from the line's centre to its nearest neighbour on the row
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setPos(box.center())
        self.setBrush(QBrush(QColor(255, 255, 255, 240)))
        self.set_outline(False)
        self.setZValue(3)  # above the boxes; clicks fall through to the box below
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        set_tooltip(self, english)  # an engine's translation
        self.text = QGraphicsSimpleTextItem(self)
        self.text.setBrush(QBrush(LABEL_INK if is_label else TEXT_INK))

    def set_outline(self, selected: bool) -> None:
        pen = QPen(SELECTED_COLOUR if selected else (LABEL_COLOUR if self.is_label else TEXT_COLOUR),
                   3 if selected else 1.5)
        pen.setCosmetic(True)
        self.setPen(pen)

    def fit_to(self, scale: float, font: QFont) -> None:
        """Lay the English out for the picture drawn `scale` screen pixels to a picture pixel."""
        floor = QFontInfo(font).pixelSize()
        width, height = self.box.width() * scale, self.box.height() * scale
        room = max(width, min(7 * floor, 2 * self.reach * scale))  # a tiny label gets a word or two, if free
        size = min(max(int(height * 0.8), floor), int(floor * LARGEST_ENGLISH))
        while True:
            font.setPixelSize(size)
            metrics = QFontMetrics(font)
            most_lines = max(1, int(height // metrics.lineSpacing()))
            lines, whole = _wrap(self.english, metrics, room - 8, most_lines)
            if whole or size <= floor:
                break
            size -= 1
        self.text.setFont(font)
        self.text.setText("\n".join(lines))
        text_width = max(metrics.horizontalAdvance(line) for line in lines)
        text_height = len(lines) * metrics.lineSpacing()
        patch_width, patch_height = max(width, text_width + 8), max(height, text_height + 4)
        self.setRect(QRectF(-patch_width / 2, -patch_height / 2, patch_width, patch_height))
        self.text.setPos(-text_width / 2, -text_height / 2)


def _wrap(text: str, metrics: QFontMetrics, width: float, most_lines: int) -> tuple[list[str], bool]:
    """Greedy word wrap into at most `most_lines` lines of `width` pixels; the last one elided
    when the text does not fit. Returns the lines and whether the text fits whole."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    whole = len(lines) <= most_lines and all(metrics.horizontalAdvance(line) <= width for line in lines)
    if not whole:
        kept = lines[:most_lines]
        rest = " ".join(lines[most_lines - 1:])
        kept[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, int(width))
        kept[:-1] = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(width)) for line in kept[:-1]]
        lines = kept
    return lines, whole


class ScreenshotView(QGraphicsView):
    lineClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenshotView")
        self.setAccessibleName("Screenshot")
        self.setAccessibleDescription("The screenshot with each line of text boxed; click a box to explain it. "
                                      "Ctrl+wheel, + and − zoom, 0 fits it, dragging moves it")
        self.setScene(QGraphicsScene(self))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.boxes: list[_Box] = []
        self.overlays: list[_English] = []
        self._overlay_of: dict[int, _English] = {}  # line index -> its English patch
        self._lines: list[tuple[list[int], bool, str | None]] = []
        self._selected = -1
        self._picture: QGraphicsItem | None = None
        self._size = QSize()
        self._show_english = False
        self._fitting = True  # follows the window's size until the user zooms
        self._placeholder()

    # -- the picture ------------------------------------------------------------------------

    def _placeholder(self) -> None:
        """What an empty page shows where the picture will be."""
        item = self.scene().addText("Paste a screenshot (Ctrl+V), drop one here,\nor use Open screenshot…")
        item.setDefaultTextColor(QColor("#888888"))
        font = item.font()
        font.setPointSize(font.pointSize() + 2)
        item.setFont(font)
        self.scene().setSceneRect(item.boundingRect())
        self.resetTransform()

    def _reset(self) -> None:
        self.scene().clear()
        self.boxes, self.overlays, self._overlay_of, self._selected, self._lines = [], [], {}, -1, []
        self._picture = None

    def show_picture(self, pixmap: QPixmap, size: QSize | None = None) -> None:
        """A new picture, fitted; `size` is the picture's own when `pixmap` is a smaller preview."""
        self.show_blank(size if size is not None else pixmap.size())
        self.set_pixmap(pixmap)

    def show_blank(self, size: QSize) -> None:
        """A grey stand-in of the picture's size while its preview is decoded: boxes land right."""
        self._reset()
        self._size = QSize(size)
        stand_in = self.scene().addRect(QRectF(0, 0, size.width(), size.height()), QPen(Qt.PenStyle.NoPen),
                                        QBrush(QColor("#d8d8dc")))
        self._picture = stand_in
        self.scene().setSceneRect(QRectF(0, 0, size.width(), size.height()))
        self.fit()

    def set_pixmap(self, pixmap: QPixmap) -> None:
        """The decoded picture (or its preview) in place of the stand-in; boxes stay."""
        if self._picture is None or pixmap.isNull():
            return
        self.scene().removeItem(self._picture)
        item = self.scene().addPixmap(pixmap)
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        item.setZValue(-1)
        if pixmap.width() and self._size.width() and pixmap.width() != self._size.width():
            item.setScale(self._size.width() / pixmap.width())
        self._picture = item

    def clear_picture(self) -> None:
        self._reset()
        self._placeholder()

    def has_picture(self) -> bool:
        return self._picture is not None

    # -- lines and their English ----------------------------------------------------------

    def set_lines(self, lines: list[tuple[list[int], bool, str | None]]) -> None:
        """lines: (box [x, y, w, h] in picture pixels, is a UI label, English to show or None)."""
        scene = self.scene()
        for item in self.boxes + self.overlays:
            scene.removeItem(item)
        self.boxes, self.overlays, self._overlay_of, self._lines = [], [], {}, list(lines)
        selected, self._selected = self._selected, -1
        for index, (box, is_label, english) in enumerate(lines):
            x, y, w, h = box
            item = _Box(index, QRectF(x - 3, y - 3, w + 6, h + 6), is_label, self)
            item.setZValue(2)
            scene.addItem(item)
            self.boxes.append(item)
            if english:
                self._add_english(index, english)
        self.set_show_english(self._show_english)
        if 0 <= selected < len(self.boxes):
            self._mark(selected)

    def set_english(self, index: int, english: str | None) -> None:
        """A line's English arrived (or changed): shown over it."""
        if not 0 <= index < len(self._lines) or not english:
            return
        old = self._overlay_of.pop(index, None)
        if old is not None:
            self.overlays.remove(old)
            self.scene().removeItem(old)
        self._add_english(index, english)
        self.set_show_english(self._show_english)

    def _reach(self, index: int) -> float:
        """How far line `index`'s English may spread either side of its centre: halfway to the
        nearest line beside it on the same row (a tab bar), or to the picture's edge."""
        x, y, w, h = self._lines[index][0]
        centre = x + w / 2
        reach = min(centre, max(0.0, self._size.width() - centre)) if self._size.width() else float(w)
        for other, (box, _label, _english) in enumerate(self._lines):
            ox, oy, ow, oh = box
            if other == index or min(y + h, oy + oh) - max(y, oy) < 0.5 * min(h, oh):
                continue  # not on this row
            if ox + ow <= x + 1:  # halfway into the gap: the neighbour's English takes the other half
                reach = min(reach, w / 2 + (x - (ox + ow)) / 2)
            elif ox >= x + w - 1:
                reach = min(reach, w / 2 + (ox - (x + w)) / 2)
        return max(reach, w / 2)

    def _add_english(self, index: int, english: str) -> None:
        x, y, w, h = self._lines[index][0]
        patch = _English(QRectF(x, y, w, h), english, self._lines[index][1], self._reach(index))
        patch.fit_to(self._scale(), self.font())
        self.scene().addItem(patch)
        self.overlays.append(patch)
        self._overlay_of[index] = patch

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
                patch.set_outline(box.index == index)
                patch.setZValue(3.5 if box.index == index else 3)  # over its neighbours' English

    # -- zoom and pan -----------------------------------------------------------------------

    def _scale(self) -> float:
        return self.transform().m11() or 1.0

    def _fit_scale(self) -> float:
        rect = self.scene().sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return 1.0
        return min(view.width() / rect.width(), view.height() / rect.height())

    def fit(self) -> None:
        """The whole picture in view; it then follows the window's size."""
        self._fitting = True
        if self._picture is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            self._relayout()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def zoom_by(self, factor: float) -> None:
        if self._picture is None:
            return
        low = min(self._fit_scale(), 1.0)
        high = max(MOST_ZOOM, self._fit_scale())
        target = min(max(self._scale() * factor, low), high)
        if abs(target - self._scale()) < 1e-6:
            return
        self._fitting = False
        self.scale(target / self._scale(), target / self._scale())
        self._relayout()

    def _relayout(self) -> None:
        scale = self._scale()
        for patch in self.overlays:
            patch.fit_to(scale, self.font())

    def wheelEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        key = event.key()  # declared for F1 in guide/ui/shell/keys.py (ZOOM_SCREENSHOT)
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802
        super().mouseReleaseEvent(event)
        event.accept()  # the end of a drag of the picture (Qt leaves it unaccepted when no item took it)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        if self._fitting:
            self.fit()
