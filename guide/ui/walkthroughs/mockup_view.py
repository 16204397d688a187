"""Draws a step's screen mockup scaled to fit, with its highlight rectangles on top.

The picture is clipped to its own bounds (an SVG may draw past its viewBox, e.g. feed
cards below the tab bar, which a browser or rsvg hides). Each labelled highlight is a
small focusable button over the picture, so the keyboard reaches it: Tab or the arrow
keys move between them in reading order, Enter or Space emits `labelClicked` with that
highlight's glossary label, as a click does. Clicking the picture elsewhere emits
`zoomRequested` (the player opens the enlarged view).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from guide.core.content.images import safe_screen
from guide.core.content.model import Highlight
from guide.ui.widgets.safe_text import set_tooltip

HIGHLIGHT = QColor("#FF2442")
# Mockups are light pictures in both themes: a dark ring with a white inner edge shows on
# white, grey and red alike.
FOCUS_RING = QColor("#0B57D0")
HOTSPOT_MARGIN = 4  # the hotspot (and its ring) reaches a little past the red rectangle
NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)
PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up)
ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


def reading_order(highlights: tuple[Highlight, ...]) -> list[Highlight]:
    """Top to bottom, then left to right; highlights whose tops are within 2 % of the
    picture's height count as one row, so a tab bar reads left to right."""
    rows: list[list[Highlight]] = []
    for highlight in sorted(highlights, key=lambda h: (h.y, h.x)):
        if rows and abs(highlight.y - rows[-1][0].y) < 0.02:
            rows[-1].append(highlight)
        else:
            rows.append([highlight])
    return [h for row in rows for h in sorted(row, key=lambda h: h.x)]


class Hotspot(QAbstractButton):
    """One labelled highlight: transparent, with a focus ring drawn when it has focus."""

    def __init__(self, highlight: Highlight, description: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("hotspot")
        self.highlight = highlight
        self.label = highlight.label or ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Highlighted label {description}")
        self.setAccessibleDescription("On the picture of the screen; Enter shows what it means")
        set_tooltip(self, f"{self.label}: click for its meaning")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - the red box is the view's; only the ring here
        if not self.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("white"), 6))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(3, 3, -3, -3), 8, 8)
        painter.setPen(QPen(FOCUS_RING, 3))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 8, 8)
        painter.end()

    def event(self, event: QEvent) -> bool:
        # Arrow keys move between hotspots here, not to the next step (the player's shortcut).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (*NEXT_KEYS, *PREVIOUS_KEYS) and not event.modifiers():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        view = self.parentWidget()
        if event.key() in ACTIVATE_KEYS and not event.isAutoRepeat():
            self.click()
        elif event.key() in NEXT_KEYS and isinstance(view, MockupView):
            view.focus_hotspot(self, +1)
        elif event.key() in PREVIOUS_KEYS and isinstance(view, MockupView):
            view.focus_hotspot(self, -1)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Space already handled on press
        if event.key() not in ACTIVATE_KEYS:
            super().keyReleaseEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusOutEvent(event)
        self.update()


class MockupView(QWidget):
    labelClicked = Signal(str)
    zoomRequested = Signal()

    def __init__(self, parent: QWidget | None = None, describe=None) -> None:  # noqa: ANN001
        """`describe(label)` gives a hotspot's spoken name (e.g. 发布, fābù, Post)."""
        super().__init__(parent)
        self.setObjectName("mockup")
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        self._path: Path | None = None
        self._highlights: tuple[Highlight, ...] = ()
        self._describe = describe or (lambda label: label)
        self.hotspots: list[Hotspot] = []
        self.zoomable = True
        self.problem: str | None = None
        self.setMinimumSize(180, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Screen mockup")
        self.setMouseTracking(True)

    def show_screen(self, path: Path | None, highlights: tuple[Highlight, ...]) -> None:
        self._svg = None
        self._image = None
        self._path = path
        # drawn only from checked bytes; `problem` says why a screen is not shown (too large, wrong kind …)
        safe, self.problem = safe_screen(path) if path is not None else (None, None)
        if safe is not None and safe.kind == "svg":
            renderer = QSvgRenderer(QByteArray(safe.data))
            self._svg = renderer if renderer.isValid() else None
        elif safe is not None:
            image = QImage.fromData(safe.data, "PNG")
            self._image = None if image.isNull() else image
        if self._svg is not None:
            self._svg.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._highlights = highlights
        labels = [h.label for h in highlights if h.label]
        self.setAccessibleDescription("Highlighted: " + ", ".join(labels) if labels else "")
        self._make_hotspots()
        self.setVisible(self.has_image())
        self.update()

    def screen(self) -> tuple[Path | None, tuple[Highlight, ...]]:
        """What is shown, so a second view (the zoom) can show the same."""
        return self._path, self._highlights

    def _make_hotspots(self) -> None:
        for hotspot in self.hotspots:
            hotspot.hide()  # out of the Tab chain now, not when deleted
            hotspot.deleteLater()
        self.hotspots = []
        if not self.has_image():
            return
        for highlight in reading_order(tuple(h for h in self._highlights if h.label)):
            hotspot = Hotspot(highlight, self._describe(highlight.label), self)
            hotspot.clicked.connect(lambda _=False, label=highlight.label: self.labelClicked.emit(label))
            self.hotspots.append(hotspot)
        for before, after in zip(self.hotspots, self.hotspots[1:]):
            QWidget.setTabOrder(before, after)
        self._place_hotspots()
        for hotspot in self.hotspots:
            hotspot.show()

    def _place_hotspots(self) -> None:
        for hotspot in self.hotspots:
            m = HOTSPOT_MARGIN
            hotspot.setGeometry(self.highlight_rect(hotspot.highlight).adjusted(-m, -m, m, m).toAlignedRect())

    def focus_hotspot(self, current: Hotspot, step: int) -> None:
        """Move focus to the next (+1) or previous (-1) hotspot, wrapping round."""
        if current in self.hotspots:
            index = (self.hotspots.index(current) + step) % len(self.hotspots)
            self.hotspots[index].setFocus(Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason)

    def has_image(self) -> bool:
        return self._svg is not None or self._image is not None

    def natural_size(self) -> QSize:
        if self._svg is not None:
            box = self._svg.viewBoxF()
            if not box.isEmpty():  # the viewBox, not width/height, is what the picture shows
                return QSize(max(1, round(box.width())), max(1, round(box.height())))
            return self._svg.defaultSize()
        if self._image is not None:
            return self._image.size()
        return QSize(360, 780)

    def sizeHint(self) -> QSize:
        return QSize(320, 560)

    def image_rect(self) -> QRectF:
        """Where the image is drawn: as large as fits, aspect ratio kept, centred."""
        natural = self.natural_size()
        if natural.isEmpty():
            return QRectF()
        scale = min(self.width() / natural.width(), self.height() / natural.height())
        w, h = natural.width() * scale, natural.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def highlight_rect(self, highlight: Highlight) -> QRectF:
        area = self.image_rect()
        return QRectF(area.x() + highlight.x * area.width(), area.y() + highlight.y * area.height(),
                      highlight.w * area.width(), highlight.h * area.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_hotspots()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.image_rect()
        painter.setPen(QPen(QColor("#c8c8c8"), 1))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(area.adjusted(-1, -1, 1, 1), 10, 10)
        frame = QPainterPath()
        frame.addRoundedRect(area, 10, 10)
        painter.save()
        painter.setClipPath(frame)  # nothing the picture draws outside its bounds is shown
        if self._svg is not None:
            self._svg.render(painter, area)
        elif self._image is not None:
            painter.drawImage(area, self._image)
        painter.restore()
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
        inside = self.zoomable and self.has_image() and self.image_rect().contains(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over or inside else Qt.CursorShape.ArrowCursor)
        set_tooltip(self, f"{over}: click for its meaning" if over else ("Click to enlarge (+)" if inside else ""))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        label = self.label_at(event.position())
        if label:
            self.labelClicked.emit(label)
        elif self.zoomable and self.has_image() and self.image_rect().contains(event.position()):
            self.zoomRequested.emit()
