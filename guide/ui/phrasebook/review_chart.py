"""The Review chart: answers given each day (bars) and cards known at the end of each day
(a line), over the last 30 days, drawn with QPainter. Its words are the accessible
description, so a screen reader says what the picture shows."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from guide.core.study.progress import Day, describe

BAR = QColor("#FF2442")  # the app's red, as in the highlights
KNOWN = QColor("#2E7D32")  # green: what stays


class ReviewChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewChart")
        self.setAccessibleName("Reviews and cards known over time")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.days: list[Day] = []

    def set_days(self, days: list[Day]) -> None:
        self.days = days
        self.setAccessibleDescription(describe(days) or "No answers yet")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(480, 220)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(240, 140)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        line = metrics.height()
        top = max(max((d.reviews for d in self.days), default=0), max((d.known for d in self.days), default=0), 1)
        left = metrics.horizontalAdvance(str(top)) + 8
        area = QRectF(left, line * 1.6, self.width() - left - 8, self.height() - line * 3.4)
        painter.setPen(QPen(text, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(QRectF(0, area.top() - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight, str(top))
        painter.drawText(QRectF(0, area.bottom() - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight, "0")
        self._legend(painter, text, line)
        if not self.days or area.width() <= 0 or area.height() <= 0:
            return
        step = area.width() / len(self.days)
        scale = area.height() / top
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAR)
        for index, day in enumerate(self.days):
            if day.reviews:
                height = day.reviews * scale
                painter.drawRect(QRectF(area.left() + index * step + step * 0.15, area.bottom() - height,
                                        step * 0.7, height))
        points = QPolygonF([QPointF(area.left() + (i + 0.5) * step, area.bottom() - d.known * scale)
                            for i, d in enumerate(self.days)])
        painter.setPen(QPen(KNOWN, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(points)
        painter.setPen(QPen(text, 1))
        below = QRectF(area.left(), area.bottom() + 4, area.width(), line)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, self.days[0].day.strftime("%d %b"))
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, "today")

    def _legend(self, painter: QPainter, text: QColor, line: int) -> None:
        x = 8.0
        for colour, label in ((BAR, "answers a day"), (KNOWN, "cards known")):
            painter.fillRect(QRectF(x, line * 0.3, line * 0.8, line * 0.8), colour)
            x += line
            painter.setPen(QPen(text, 1))
            painter.drawText(QPointF(x, line), label)
            x += self.fontMetrics().horizontalAdvance(label) + line
