"""The walk behind tests/ui/test_plain_text.py: text the app did not write is never rich text."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTextBrowser, QWidget

from guide.ui.widgets.safe_browser import SafeTextBrowser
from guide.ui.widgets.safe_text import SAFE_MARKUP, SAFE_TOOLTIP, SAFE_TOOLTIP_ROLE


def _name(widget: QWidget) -> str:
    parts = []
    while widget is not None and len(parts) < 4:
        parts.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(parts))


def unsafe_text(root: QWidget) -> list[str]:
    """Labels that are not plain text and were not built from escaped parts, tooltips (of
    widgets and of items in lists and tables) that Qt would read as unescaped HTML, and text
    browsers that would load an `<img src>` themselves."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QTextBrowser) and not isinstance(widget, SafeTextBrowser):
            found.append(f"text browser {_name(widget)} loads what its text points at")
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText \
                and widget.property(SAFE_MARKUP) != widget.text():
            found.append(f"label {_name(widget)} ({widget.textFormat().name}): {widget.text()[:60]!r}")
        tip = widget.toolTip()
        if tip and QtGui.Qt.mightBeRichText(tip) and widget.property(SAFE_TOOLTIP) != tip:
            found.append(f"tooltip of {_name(widget)}: {tip[:60]!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model: one column (Qt makes its columnCount private)
                columns = 1
            for row in range(min(model.rowCount(QModelIndex()), 300)):
                for column in range(min(columns, 8)):
                    index = model.index(row, column)
                    tip = index.data(Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and tip and QtGui.Qt.mightBeRichText(tip) \
                            and index.data(SAFE_TOOLTIP_ROLE) != tip:
                        found.append(f"item tooltip in {_name(widget)} row {row}: {tip[:60]!r}")
    return found
