"""The sidebar's item painting: one clean fill for the selected page.

Qt draws the current item's focus rectangle as a translucent gradient, which showed as a
lighter band inside the red selection. The stylesheet turns it off (`outline: 0`, so even the
first frame is clean) and this delegate draws keyboard focus instead as a crisp ring in the
selection's text colour, and only once the keyboard has been used in the window (like CSS
:focus-visible): a mouse user sees one colour, a keyboard user still sees where focus is.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

# The ::item margin in the stylesheets (2px 8px) plus 3 px: the ring sits just inside the fill.
RING_INSET = (11, 5)
RING_WIDTH = 2


class SidebarDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        plain = QStyleOptionViewItem(option)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        if focused and option.state & QStyle.StateFlag.State_KeyboardFocusChange:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            role = option.palette.ColorRole.HighlightedText if option.state & QStyle.StateFlag.State_Selected \
                else option.palette.ColorRole.Text
            painter.setPen(QPen(option.palette.color(role), RING_WIDTH))
            dx, dy = RING_INSET
            painter.drawRoundedRect(option.rect.adjusted(dx, dy, -dx, -dy), 4, 4)
            painter.restore()
