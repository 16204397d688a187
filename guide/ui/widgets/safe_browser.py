"""Rich text that loads nothing, and message boxes whose text is plain (see safe_text)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser, QWidget

from guide.ui.widgets.safe_text import make_plain


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, informative: str = "",
                buttons: QMessageBox.StandardButton | None = None) -> QMessageBox:
    """A message box whose text and informative text are plain text (the informative label
    is a separate QLabel that Qt leaves as AutoText, with links opening by themselves)."""
    box = QMessageBox(icon, title, text, parent=parent)
    if buttons is not None:
        box.setStandardButtons(buttons)
    from PySide6.QtCore import Qt

    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    for label in box.findChildren(QLabel):
        make_plain(label).setOpenExternalLinks(False)
    return box


class SafeTextBrowser(QTextBrowser):
    """Never loads anything: the text may not pull images or files from anywhere.

    Returning nothing is not enough: Qt then reads a local file itself (a reference-style
    `![x][p]` with `[p]: /abs/path` did), so every resource is answered with a blank."""

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802, ANN201
        if getattr(kind, "value", kind) == QTextDocument.ResourceType.ImageResource.value:
            blank = QImage(1, 1, QImage.Format.Format_ARGB32)
            blank.fill(0)
            return blank
        return ""
