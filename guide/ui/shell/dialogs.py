"""Keyboard shortcuts (F1), About, and the first-run welcome."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from guide import APP_NAME, __version__
from guide.core.about import LICENCES, NETWORK_USE, data_locations
from guide.ui.widgets.safe_browser import SafeTextBrowser
from guide.ui.widgets.safe_text import markup, rich_label


def _dialog(parent: QWidget | None, title: str, html_text: str, name: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    text = SafeTextBrowser()  # names folders from the environment: escaped, and never loads a picture
    text.setAccessibleName(title)
    text.setOpenExternalLinks(True)
    text.setHtml(html_text)
    text.setMinimumSize(520, 360)
    layout.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return dialog


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what) for F1, straight from the declarations the code binds (guide.ui.shell.keys)."""
    from guide.ui.shell import keys

    areas = list(dict.fromkeys(s.where for s in keys.ALL))
    return [(area, s.shown(), s.what) for area in areas for s in keys.ALL if s.where == area]


def shortcuts_dialog(parent: QWidget | None = None) -> QDialog:
    parts, area = [], None
    for where, shown, what in shortcut_rows():
        if where != area:
            area = where
            parts.append(f"<tr><td colspan='2'><br><b>{html.escape(where)}</b></td></tr>")
        parts.append(f"<tr><td><b>{html.escape(shown)}</b></td><td>{html.escape(what)}</td></tr>")
    dialog = _dialog(parent, "Keyboard shortcuts", f"<h3>Keyboard shortcuts</h3><table cellpadding='3'>{''.join(parts)}</table>",
                     "shortcutsDialog")
    screen = dialog.screen().availableGeometry().height() if dialog.screen() is not None else 768
    dialog.resize(600, max(400, min(700, screen - 60)))  # the whole list at once where the screen allows
    return dialog


def about_dialog(parent: QWidget | None = None) -> QDialog:
    licences = "".join(f"<li>{html.escape(name)}: {html.escape(licence)}</li>" for name, licence in LICENCES)
    places = "".join(f"<li>{html.escape(what)}:<br><code>{html.escape(where)}</code></li>" for what, where in data_locations())
    body = (
        f"<h2>{APP_NAME} {__version__}</h2>"
        "<p>A desktop guide for English speakers new to 小红书 / RedNote. Not affiliated with Xiaohongshu.</p>"
        f"<h3>Your data</h3><ul>{places}</ul><p>{html.escape(NETWORK_USE)}</p>"
        f"<h3>Licences and credits</h3><ul>{licences}</ul>"
        "<p>Dictionary data: CC-CEDICT, © MDBG and contributors, licensed CC BY-SA 4.0.</p>"
    )
    return _dialog(parent, f"About {APP_NAME}", body, "aboutDialog")


class WelcomeDialog(QDialog):
    """First run: what is stored locally, what reaches the network, and the offline switch."""

    def __init__(self, offline_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        layout = QVBoxLayout(self)
        intro = rich_label(markup(
            "<h2>Welcome!</h2><p>This guide sits beside RedNote and helps you through it: walkthroughs, "
            "the Chinese labels on its buttons, a phrase book and a translator.</p>"
            "<p><b>Stored on this computer only:</b> your walkthrough progress, favourite phrases, settings, "
            "and the texts you translate (history and cache, so translations work offline). "
            "You can clear the history and cache at any time (File → Clear history and cache).</p>"
            "<p><b>Network:</b> {}</p>", NETWORK_USE))
        intro.setWordWrap(True)
        intro.setMinimumWidth(520)
        layout.addWidget(intro)
        self.offline = QCheckBox("Offline only: never use the network (translations come from the phrase book, cache and dictionary)")
        self.offline.setObjectName("welcomeOffline")
        self.offline.setToolTip("You can change this at any time in the Translator's settings")
        self.offline.setChecked(offline_only)
        layout.addWidget(self.offline)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Get started")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        if parent is not None:
            parent.window().installEventFilter(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.centre()
        QTimer.singleShot(0, self.centre)  # again once its wrapped text has its final height

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The window is placed by the window manager only after this dialog opens (the
        dialog ended half outside it): follow it while the dialog is up."""
        if self.isVisible() and event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self.centre)
        return False

    def centre(self) -> None:
        """Centred on the main window, kept on the window's screen."""
        parent = self.parentWidget()
        if parent is None or not self.isVisible():
            return
        window = parent.window().frameGeometry()
        frame = self.frameGeometry()
        frame.moveCenter(window.center())
        screen = parent.window().screen()
        if screen is not None:
            room = screen.availableGeometry()
            frame.moveLeft(max(room.left(), min(frame.left(), room.right() - frame.width() + 1)))
            frame.moveTop(max(room.top(), min(frame.top(), room.bottom() - frame.height() + 1)))
        if frame.topLeft() != self.frameGeometry().topLeft():
            self.move(frame.topLeft())
