"""Row heights for a QListWidget whose items wrap their text, measured at the width the style
really draws the text in (the row less the stylesheet's padding and the style's own text
margins): Qt's own wrapped rows are sized for another width and cut the last line, CJK titles
above all."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListWidget, QStyle, QStyleOptionViewItem

MIN_PADDING = 10  # above and below the text together, when the style reports none


def wrap_width(listing: QListWidget) -> tuple[int, int]:
    """(width the text wraps at, room above and below it) for a row as wide as the viewport
    less the list's spacing on either side."""
    option = QStyleOptionViewItem()
    option.initFrom(listing)
    option.rect = QRect(0, 0, listing.viewport().width() - 2 * listing.spacing(), 1000)
    option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay | QStyleOptionViewItem.ViewItemFeature.WrapText
    option.text = "x"
    style = listing.style()
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, listing)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, listing) + 1
    return text_rect.width() - 2 * margin, max(option.rect.height() - text_rect.height(), MIN_PADDING)


def fit_wrapped_rows(listing: QListWidget, slack: int = 4) -> None:
    """Give every row the height of its text wrapped as drawn (an item's own bold font counts)."""
    if listing.viewport().width() < 60:
        return
    width, around = wrap_width(listing)
    if width < 40:
        return
    for row in range(listing.count()):
        item = listing.item(row)
        font = listing.font()
        font.setBold(item.font().bold())
        text = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, item.text())
        height = text.height() + around + slack
        if item.sizeHint().height() != height:
            item.setSizeHint(QSize(0, height))
