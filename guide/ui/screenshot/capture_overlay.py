"""The selection overlay of Read from screen: one frameless window per screen, each painted with
that screen's frozen picture (a see-through window is black on X11 without a compositor), dimmed
except where the user drags. The rectangle is kept in desktop coordinates, so a drag can start on
one screen and end on another, left of or above the primary too (guide/core/capture/geometry.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QWidget

from guide.core.capture.geometry import CropRefused, Point, Rect, plan_cut, screen_at
from guide.ui.screenshot.grabbers import FrozenScreen, cut_picture

log = logging.getLogger(__name__)

HINT = "Drag over the part to read  ·  Enter or a click: the whole screen  ·  Esc: cancel"
DIM = QColor(0, 0, 0, 120)
EDGE = QColor("#ff2442")  # RedNote red, visible on light and dark pages


class CaptureSession(QObject):
    """One frozen desktop being selected from. Emits `captured` with the cut in device pixels, or
    `cancelled`; a rectangle that cannot be cut keeps the overlays up with the reason as the hint."""

    captured = Signal(QImage)
    cancelled = Signal()

    def __init__(self, frozen: list[FrozenScreen], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.frozen = frozen
        self.screens = [f.layout for f in frozen]
        self.anchor: Point | None = None
        self.selection: Rect | None = None
        self.hint = HINT
        self.overlays = [CaptureOverlay(self, index) for index in range(len(frozen))]

    def show(self) -> None:
        for overlay in self.overlays:
            overlay.cover_screen()
        under = self._screen_under_pointer()
        target = self.overlays[under if under is not None else 0]
        target.activateWindow()
        target.setFocus()

    # -- what the overlays report ----------------------------------------------------------

    def press(self, index: int, local: QPointF) -> None:
        self.anchor = self.screens[index].to_desktop((local.x(), local.y()))
        self.selection = Rect(self.anchor[0], self.anchor[1], 0, 0)
        self._repaint()

    def drag(self, index: int, local: QPointF) -> None:
        if self.anchor is not None:
            self.selection = Rect.spanning(self.anchor, self.screens[index].to_desktop((local.x(), local.y())))
            self._repaint()

    def release(self, index: int, local: QPointF) -> None:
        if self.anchor is None:
            return
        rect = Rect.spanning(self.anchor, self.screens[index].to_desktop((local.x(), local.y())))
        self.anchor = None
        slop = QApplication.startDragDistance() * self.screens[index].desktop_scale
        if rect.width < slop and rect.height < slop:  # a click, not a drag
            self.take_screen(screen_at((rect.x, rect.y), self.screens) or 0)
        else:
            self.take(rect)

    def take_screen(self, index: int) -> None:
        self.take(self.screens[index].desktop)

    def take_screen_under_pointer(self, fallback: int) -> None:
        under = self._screen_under_pointer()
        self.take_screen(under if under is not None else fallback)

    def take(self, rect: Rect) -> None:
        try:
            cut = plan_cut(rect, self.screens)
        except CropRefused as exc:
            self.hint = str(exc)
            self.selection = None
            self._repaint()
            return
        picture = cut_picture(cut, self.frozen)
        log.info("read from screen: %dx%d device pixels from %d screen(s)", cut.width, cut.height, len(cut.pieces))
        self._close()
        self.captured.emit(picture)

    def cancel(self) -> None:
        self._close()
        self.cancelled.emit()

    # -- helpers ---------------------------------------------------------------------------

    def _screen_under_pointer(self) -> int | None:
        screen = QGuiApplication.screenAt(QCursor.pos())
        names = [f.screen.name() if f.screen is not None else None for f in self.frozen]
        return names.index(screen.name()) if screen is not None and screen.name() in names else None

    def _repaint(self) -> None:
        for overlay in self.overlays:
            overlay.update()

    def _close(self) -> None:
        """Hidden, not closed: closing the last visible window would quit the app while the
        main window is still out of the way."""
        for overlay in self.overlays:
            overlay.hide()
            overlay.deleteLater()
        self.overlays = []


class CaptureOverlay(QWidget):
    """Covers one screen with its frozen picture; mouse and keys go to the session."""

    def __init__(self, session: CaptureSession, index: int) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.session = session
        self.index = index
        self.frozen = session.frozen[index]
        self.setObjectName("captureOverlay")
        self.setAccessibleName("Read from screen")
        self.setAccessibleDescription(HINT)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def cover_screen(self) -> None:
        layout = self.frozen.layout.logical
        if self.frozen.screen is not None:
            self.setScreen(self.frozen.screen)
        self.setGeometry(int(layout.x), int(layout.y), int(layout.width), int(layout.height))
        self.showFullScreen()

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        pixmap = self.frozen.pixmap
        painter.drawPixmap(0, 0, pixmap)  # the pixmap's device pixel ratio makes it exactly cover the screen
        painter.fillRect(self.rect(), DIM)
        selection = self.session.selection
        if selection is not None and not selection.is_empty():
            local = self.frozen.layout.to_local(selection)
            area = QRectF(local.x, local.y, local.width, local.height)
            painter.save()
            painter.setClipRect(area)
            painter.drawPixmap(0, 0, pixmap)
            painter.restore()
            painter.setPen(QPen(EDGE, 2))
            painter.drawRect(area)
            if area.intersects(QRectF(self.rect())):
                ppu = self.frozen.layout.pixels_per_unit
                self._label(painter, area.bottomLeft() + QPointF(0, 4),
                            f"{round(selection.width * ppu)} × {round(selection.height * ppu)}")
        self._hint(painter)
        painter.end()

    def _label(self, painter: QPainter, at: QPointF, text: str) -> None:
        metrics = painter.fontMetrics()
        box = QRectF(at, metrics.size(0, text)).adjusted(0, 0, 12, 6)
        painter.fillRect(box, QColor(0, 0, 0, 180))
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _hint(self, painter: QPainter) -> None:
        font = painter.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.3)
        else:  # a stylesheet (the app's theme) sizes fonts in pixels: the point size is then -1
            font.setPixelSize(round(max(font.pixelSize(), 12) * 1.3))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        size = metrics.size(0, self.session.hint)
        box = QRectF((self.width() - size.width()) / 2 - 14, 24, size.width() + 28, size.height() + 16)
        painter.fillRect(box, QColor(0, 0, 0, 200))
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.session.hint)

    # -- input -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.session.press(self.index, event.position())
        elif event.button() == Qt.MouseButton.RightButton:
            self.session.cancel()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.session.drag(self.index, event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.session.release(self.index, event.position())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.session.cancel()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.session.take_screen_under_pointer(self.index)
        else:
            super().keyPressEvent(event)
