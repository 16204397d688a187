"""Enter (Return) clicks a focused button, as Space does.

Outside dialogs Qt's push buttons ignore Enter unless they are "auto default", and an auto
default button outside a dialog is drawn as the default (red) button whenever it has focus.
A shared event filter gives the keyboard Enter without changing how the button looks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterClicks(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER \
                and not event.isAutoRepeat() and isinstance(watched, QAbstractButton) and watched.isEnabled():
            watched.click()
            return True
        return False


def enter_clicks(*buttons: QAbstractButton) -> None:
    """Enter on any of `buttons`, when focused, clicks it."""
    app = QApplication.instance()
    shared = app.findChild(_EnterClicks, "enterClicks") if app is not None else None
    if shared is None:
        shared = _EnterClicks(app)
        shared.setObjectName("enterClicks")
    for button in buttons:
        button.installEventFilter(shared)
