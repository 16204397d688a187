"""Draws a step's screen mockup scaled to fit, with its highlight rectangles on top.

Clicking inside a highlight emits `labelClicked` with that highlight's glossary label.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from guide.core.content.images import safe_screen
from guide.core.content.model import Highlight

HIGHLIGHT = QColor("#FF2442")


class MockupView(QWidget):
    labelClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mockup")
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        self._highlights: tuple[Highlight, ...] = ()
        self.problem: str | None = None
        self.setMinimumSize(180, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Screen mockup")
        self.setMouseTracking(True)

    def show_screen(self, path: Path | None, highlights: tuple[Highlight, ...]) -> None:
        self._svg = None
        self._image = None
        # drawn only from checked bytes; `problem` says why a screen is not shown (too large, wrong kind …)
        safe, self.problem = safe_screen(path) if path is not None else (None, None)
        if safe is not None and safe.kind == "svg":
            renderer = QSvgRenderer(QByteArray(safe.data))
            self._svg = renderer if renderer.isValid() else None
        elif safe is not None:
            image = QImage.fromData(safe.data, "PNG")
            self._image = None if image.isNull() else image
        self._highlights = highlights
        labels = [h.label for h in highlights if h.label]
        self.setAccessibleDescription("Highlighted: " + ", ".join(labels) if labels else "")
        self.setVisible(self.has_image())
        self.update()

    def has_image(self) -> bool:
        return self._svg is not None or self._image is not None

    def _natural_size(self) -> QSize:
        if self._svg is not None:
            return self._svg.defaultSize()
        if self._image is not None:
            return self._image.size()
        return QSize(360, 780)

    def sizeHint(self) -> QSize:
        return QSize(320, 560)

    def image_rect(self) -> QRectF:
        """Where the image is drawn: as large as fits, aspect ratio kept, centred."""
        natural = self._natural_size()
        if natural.isEmpty():
            return QRectF()
        scale = min(self.width() / natural.width(), self.height() / natural.height())
        w, h = natural.width() * scale, natural.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def highlight_rect(self, highlight: Highlight) -> QRectF:
        area = self.image_rect()
        return QRectF(area.x() + highlight.x * area.width(), area.y() + highlight.y * area.height(),
                      highlight.w * area.width(), highlight.h * area.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.image_rect()
        painter.setPen(QPen(QColor("#c8c8c8"), 1))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(area.adjusted(-1, -1, 1, 1), 10, 10)
        if self._svg is not None:
            self._svg.render(painter, area)
        elif self._image is not None:
            painter.drawImage(area, self._image)
        for highlight in self._highlights:
            rect = self.highlight_rect(highlight)
            fill = QColor(HIGHLIGHT)
            fill.setAlpha(40)
            painter.setBrush(fill)
            painter.setPen(QPen(HIGHLIGHT, 3))
            painter.drawRoundedRect(rect, 6, 6)
        painter.end()

    def label_at(self, point: QPointF) -> str | None:
        for highlight in self._highlights:
            if highlight.label and self.highlight_rect(highlight).adjusted(-4, -4, 4, 4).contains(point):
                return highlight.label
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        over = self.label_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        self.setToolTip(f"{over}: click for its meaning" if over else "")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        label = self.label_at(event.position())
        if label:
            self.labelClicked.emit(label)
