"""Item delegates for lists whose rows hold two or more lines of mixed Chinese and Latin text.

Qt sizes such a row with the list font's line height, but a line that mixes 汉字 (drawn with a
CJK fallback font) and Latin is taller, so the row came out too short and Qt cut its last
line to "…": the English under a UI label, the translation under a history entry."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem


class MixedScriptDelegate(QStyledItemDelegate):
    """Rows a quarter of a line taller per line of text, room for the fallback font's taller lines."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        line = max(1, option.fontMetrics.lineSpacing())
        lines = max(1, round(hint.height() / line))
        return hint + QSize(0, lines * (line + 3) // 4)

