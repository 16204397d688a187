"""Text the app did not write itself is never shown as rich text.

Qt treats a label, tooltip or message box as HTML when its text merely looks like HTML
(`Qt.AutoText`), and then loads any `<img src=…>` itself: a screenshot named
`<img src=&#47;dev&#47;zero>.png`, a pack file name, a settings value or a sentence an engine
handed back made the app read /dev/zero until it aborted. So every label is made here:

- `plain_label(text)`: shown exactly as written, whatever it holds (the usual case);
- `rich_label(markup(template, *parts))` / `set_markup(label, …)`: the app's own template,
  every interpolated part html-escaped. The label remembers the text it was given this
  way, so tests/ui/test_plain_text.py can walk every widget and fail on any label that is
  not plain text and was not built here;
- `set_tooltip(widget_or_item, text)`: a tooltip that Qt would read as HTML is escaped
  first (Qt decides by looking, there is no plain-text switch for tooltips);
- `message_box(...)`: every label in it plain text;
- `SafeTextBrowser`: rich text (walkthrough bodies, About, a word's entry) that never loads
  what an `<img src>` or a link definition points at.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser, QWidget

SAFE_MARKUP = "safeMarkup"  # property: the rich text a label was given through set_markup
SAFE_TOOLTIP = "safeToolTip"  # property: the escaped tooltip set_tooltip made
SAFE_TOOLTIP_ROLE = 0x0100 + 901  # Qt.UserRole + 901: the same, for items of list and table widgets


def _qt():  # noqa: ANN202
    """PySide's Qt namespace, imported when first needed: its first use builds ~100 enums
    (tens of ms), which the first frame of the window must not pay (see main_window)."""
    from PySide6.QtCore import Qt

    return Qt


class Markup(str):
    """Rich text made by `markup`: a template the app wrote, every part in it escaped."""

    __slots__ = ()


def markup(template: str, *parts: object, **named: object) -> Markup:
    """`template.format(…)` with every part html-escaped: `markup("<b>{}</b> {}", title, note)`.
    A part that is already Markup is kept as it is (it was escaped when it was made)."""
    def escaped(value: object) -> str:
        return value if isinstance(value, Markup) else html.escape(str(value))

    return Markup(template.format(*map(escaped, parts), **{k: escaped(v) for k, v in named.items()}))


def join_markup(separator: str, pieces: Iterable[Markup]) -> Markup:
    """Markup pieces joined by the app's own separator ("<br>", " · ")."""
    pieces = list(pieces)
    if not all(isinstance(p, Markup) for p in pieces):
        raise TypeError("join_markup joins Markup only; build each piece with markup()")
    return Markup(separator.join(pieces))


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text exactly as written, never as rich text."""
    label = QLabel(parent)
    make_plain(label)
    label.setText(text)
    return label


def make_plain(label: QLabel) -> QLabel:
    """From now on `label` shows any text exactly as written (for labels made before the
    first frame, which must not touch the Qt namespace yet)."""
    label.setTextFormat(_qt().TextFormat.PlainText)
    return label


def rich_label(text: Markup = Markup(""), parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    set_markup(label, text)
    return label


def set_markup(label: QLabel, text: Markup) -> None:
    """Show Markup (and only Markup) as rich text."""
    if not isinstance(text, Markup):
        raise TypeError("set_markup shows Markup only; build it with markup() so every part is escaped")
    label.setTextFormat(_qt().TextFormat.RichText)
    label.setProperty(SAFE_MARKUP, str(text))
    label.setText(text)


def tooltip_text(text: str) -> str:
    """`text` as a tooltip shows it: unchanged when Qt would read it as plain text, else
    escaped inside a paragraph that keeps its line breaks."""
    if "<" not in text:  # no tag, never rich (and the first frame must not touch the Qt namespace)
        return text
    from PySide6.QtGui import Qt as gui

    if not gui.mightBeRichText(text):
        return text
    return markup("<p style='white-space:pre-wrap'>{}</p>", text)


def set_tooltip(target: object, text: str) -> None:
    """A plain-text tooltip on a widget or an item (QListWidgetItem, QTableWidgetItem …)."""
    shown = tooltip_text(text)
    target.setToolTip(shown)  # type: ignore[attr-defined]
    if shown is not text:
        if isinstance(target, QWidget):
            target.setProperty(SAFE_TOOLTIP, shown)
        else:
            target.setData(SAFE_TOOLTIP_ROLE, shown)  # type: ignore[attr-defined]


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, informative: str = "",
                buttons: QMessageBox.StandardButton | None = None) -> QMessageBox:
    """A message box whose text and informative text are plain text (the informative label
    is a separate QLabel that Qt leaves as AutoText, with links opening by themselves)."""
    box = QMessageBox(icon, title, text, parent=parent)
    if buttons is not None:
        box.setStandardButtons(buttons)
    box.setTextFormat(_qt().TextFormat.PlainText)
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
