"""Draws a step's screen mockup scaled to fit, with its highlight rectangles on top, and
makes every Chinese text written on it clickable.

The picture is clipped to its own bounds (an SVG may draw past its viewBox, e.g. feed
cards below the tab bar, which a browser or rsvg hides). Each labelled highlight, and each
other Chinese text of the SVG (guide.core.content.mockup_text), is a small focusable spot
over the picture. The picture is one Tab stop: Tab enters it at the first highlight, the
arrow keys move between the spots in reading order, Enter or Space explains the focused one
(`labelClicked` with a highlight's glossary label, `textClicked` with any other text), as a
click does, and Tab leaves. Clicking the picture elsewhere emits `zoomRequested`.
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
from guide.core.content.mockup_text import MockupText, mockup_texts
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


def reading_order(highlights):  # noqa: ANN001, ANN201 - Highlights or MockupTexts (anything with x, y)
    """Top to bottom, then left to right; boxes whose tops are within 2 % of the picture's
    height count as one row, so a tab bar reads left to right."""
    rows: list[list] = []
    for highlight in sorted(highlights, key=lambda h: (h.y, h.x)):
        if rows and abs(highlight.y - rows[-1][0].y) < 0.02:
            rows[-1].append(highlight)
        else:
            rows.append([highlight])
    return [h for row in rows for h in sorted(row, key=lambda h: h.x)]


class Spot(QAbstractButton):
    """One clickable place on the picture: transparent, with a ring drawn when it has focus.

    Only the picture's current spot takes Tab focus (the others take focus by click or
    arrow key), so the whole picture is a single Tab stop."""

    def __init__(self, box: Highlight | MockupText, parent: QWidget) -> None:
        super().__init__(parent)
        self.box = box
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - the red box is the view's; only the ring here
        if not self.hasFocus():
            if self.underMouse():
                self._hover_mark()
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("white"), 6))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(3, 3, -3, -3), 8, 8)
        painter.setPen(QPen(FOCUS_RING, 3))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 8, 8)
        painter.end()

    def _hover_mark(self) -> None:
        """Under the mouse: nothing for a highlight (its red box shows already)."""

    def event(self, event: QEvent) -> bool:
        # Arrow keys move between spots here, not to the next step (the player's shortcut).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (*NEXT_KEYS, *PREVIOUS_KEYS) and not event.modifiers():
            event.accept()
            return True
        if event.type() in (QEvent.Type.HoverEnter, QEvent.Type.HoverLeave):
            self.update()
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        view = self.parentWidget()
        if event.key() in ACTIVATE_KEYS and not event.isAutoRepeat():
            self.click()
        elif event.key() in NEXT_KEYS and isinstance(view, MockupView):
            view.focus_spot(self, +1)
        elif event.key() in PREVIOUS_KEYS and isinstance(view, MockupView):
            view.focus_spot(self, -1)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Space already handled on press
        if event.key() not in ACTIVATE_KEYS:
            super().keyReleaseEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusInEvent(event)
        view = self.parentWidget()
        if isinstance(view, MockupView):
            view.make_current(self)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusOutEvent(event)
        self.update()


class Hotspot(Spot):
    """A labelled highlight: its glossary label's card on click or Enter."""

    def __init__(self, highlight: Highlight, description: str, parent: QWidget) -> None:
        super().__init__(highlight, parent)
        self.setObjectName("hotspot")
        self.highlight = highlight
        self.label = highlight.label or ""
        self.setAccessibleName(f"Highlighted label {description}")
        self.setAccessibleDescription("On the picture of the screen; Enter shows what it means, arrows move")
        set_tooltip(self, f"{self.label}: click for its meaning")


class TextSpot(Spot):
    """Any other Chinese text on the picture: what it means on click or Enter."""

    def __init__(self, text: MockupText, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setObjectName("textSpot")
        self.text_on_screen = text.text
        self.setAccessibleName(f"Text on the picture: {text.text}")
        self.setAccessibleDescription("Enter shows what it means, arrows move")
        set_tooltip(self, f"{text.text}: click for its meaning")  # pack text drawn in the mockup

    def _hover_mark(self) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(FOCUS_RING, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        painter.end()


class MockupView(QWidget):
    labelClicked = Signal(str)
    textClicked = Signal(str)
    zoomRequested = Signal()

    def __init__(self, parent: QWidget | None = None, describe=None, align_top: bool = True) -> None:  # noqa: ANN001
        """`describe(label)` gives a hotspot's spoken name (e.g. 发布, fābù, Post). `align_top`
        draws the picture at the top of the view (beside a step, so it does not move from step
        to step), else centred."""
        super().__init__(parent)
        self.setObjectName("mockup")
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        self._path: Path | None = None
        self._highlights: tuple[Highlight, ...] = ()
        self._texts: list[MockupText] = []
        self._describe = describe or (lambda label: label)
        self.align_top = align_top
        self.hotspots: list[Hotspot] = []
        self.text_spots: list[TextSpot] = []
        self.spots: list[Spot] = []  # every spot, in reading order (the arrow keys' order)
        self.current: Spot | None = None  # the one spot Tab reaches
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
        self._texts = []
        # drawn only from checked bytes; `problem` says why a screen is not shown (too large, wrong kind …)
        safe, self.problem = safe_screen(path) if path is not None else (None, None)
        if safe is not None and safe.kind == "svg":
            renderer = QSvgRenderer(QByteArray(safe.data))
            self._svg = renderer if renderer.isValid() else None
            self._texts = mockup_texts(safe.data) if self._svg is not None else []
        elif safe is not None:
            image = QImage.fromData(safe.data, "PNG")
            self._image = None if image.isNull() else image
        if self._svg is not None:
            self._svg.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._highlights = highlights
        labels = [h.label for h in highlights if h.label]
        described = "Highlighted: " + ", ".join(labels) + ". " if labels else ""
        self.setAccessibleDescription(described + ("Every Chinese text on it can be chosen for its meaning" if self._texts else ""))
        self._make_spots()
        self.setVisible(self.has_image())
        self.update()

    def screen(self) -> tuple[Path | None, tuple[Highlight, ...]]:
        """What is shown, so a second view (the zoom) can show the same."""
        return self._path, self._highlights

    def _make_spots(self) -> None:
        for spot in self.spots:
            spot.hide()  # out of the Tab chain now, not when deleted
            spot.deleteLater()
        self.hotspots, self.text_spots, self.spots, self.current = [], [], [], None
        if not self.has_image():
            return
        labelled = tuple(h for h in self._highlights if h.label)
        for highlight in reading_order(labelled):
            hotspot = Hotspot(highlight, self._describe(highlight.label), self)
            hotspot.clicked.connect(lambda _=False, label=highlight.label: self.labelClicked.emit(label))
            self.hotspots.append(hotspot)
        for text in self._texts:
            if any(text.inside(h) for h in labelled):
                continue  # the highlight over it already explains it
            spot = TextSpot(text, self)
            spot.clicked.connect(lambda _=False, said=text.text: self.textClicked.emit(said))
            self.text_spots.append(spot)
        by_box = {id(s.box): s for s in (*self.hotspots, *self.text_spots)}
        self.spots = [by_box[id(box)] for box in reading_order([s.box for s in by_box.values()])]
        for before, after in zip(self.spots, self.spots[1:]):
            QWidget.setTabOrder(before, after)
        self._place_spots()
        for spot in self.spots:
            spot.show()
        first = self.hotspots[0] if self.hotspots else (self.spots[0] if self.spots else None)
        if first is not None:
            self.make_current(first)

    def make_current(self, spot: Spot) -> None:
        """`spot` becomes the picture's one Tab stop (where Tab re-enters the picture)."""
        if spot is self.current or spot not in self.spots:
            return
        if self.current is not None:
            self.current.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.current = spot
        spot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def tab_stop(self) -> Spot | None:
        return self.current

    def _place_spots(self) -> None:
        for spot in self.spots:
            m = HOTSPOT_MARGIN if isinstance(spot, Hotspot) else 0
            spot.setGeometry(self.highlight_rect(spot.box).adjusted(-m, -m, m, m).toAlignedRect())

    def focus_spot(self, current: Spot, step: int) -> None:
        """Move focus to the next (+1) or previous (-1) spot, wrapping round."""
        if current in self.spots:
            index = (self.spots.index(current) + step) % len(self.spots)
            self.spots[index].setFocus(Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason)

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
        """Where the image is drawn: as large as fits, aspect ratio kept, centred across (and
        down too unless `align_top`)."""
        natural = self.natural_size()
        if natural.isEmpty():
            return QRectF()
        scale = min(self.width() / natural.width(), self.height() / natural.height())
        w, h = natural.width() * scale, natural.height() * scale
        return QRectF((self.width() - w) / 2, 1 if self.align_top else (self.height() - h) / 2, w, h)

    def highlight_rect(self, highlight: Highlight | MockupText) -> QRectF:
        area = self.image_rect()
        return QRectF(area.x() + highlight.x * area.width(), area.y() + highlight.y * area.height(),
                      highlight.w * area.width(), highlight.h * area.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_spots()

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
