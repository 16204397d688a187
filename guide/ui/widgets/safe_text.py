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
- `safe_browser.message_box(...)`: every label in it plain text;
- `safe_browser.SafeTextBrowser`: rich text (walkthrough bodies, About, a word's entry) that
  never loads what an `<img src>` or a link definition points at.
  (In their own module: the window's first frame, which imports this one, must not pay for
  QTextBrowser's and QMessageBox's Python types, ~7 ms.)
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QWidget

SAFE_MARKUP = "safeMarkup"  # property: the rich text a label was given through set_markup
SAFE_TOOLTIP = "safeToolTip"  # property: the escaped tooltip set_tooltip made
SAFE_TOOLTIP_ROLE = 0x0100 + 901  # Qt.UserRole + 901: the same, for items of list and table widgets
# Qt.TextFormat's values, set through the label's `textFormat` property: naming them as
# Qt.TextFormat.PlainText builds PySide's whole `Qt` namespace (~100 enums, 10-20 ms), which
# neither the first frame nor the content's first paint should wait for (see main_window).
_PLAIN_TEXT = 0
_RICH_TEXT = 1


def _set_text_format(label: QLabel, text_format: int) -> None:
    """Qt converts the int to the enum (the property is typed); it refuses what it cannot."""
    if not label.setProperty("textFormat", text_format):
        raise RuntimeError(f"QLabel refused textFormat {text_format}")


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
    _set_text_format(label, _PLAIN_TEXT)
    return label


def rich_label(text: Markup = Markup(""), parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    set_markup(label, text)
    return label


def set_markup(label: QLabel, text: Markup) -> None:
    """Show Markup (and only Markup) as rich text."""
    if not isinstance(text, Markup):
        raise TypeError("set_markup shows Markup only; build it with markup() so every part is escaped")
    _set_text_format(label, _RICH_TEXT)
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
