"""Issue 25 item 16: the first-run welcome opened half outside the main window (the window
manager placed the window after the dialog had taken its place); it is centred on the
window, and follows it while the window is being placed."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QMainWindow

from guide.ui.shell.dialogs import WelcomeDialog


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def test_the_welcome_is_centred_on_the_window_and_follows_it(qtbot) -> None:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    window.resize(min(1180, screen.width() - 40), min(780, screen.height() - 40))
    window.move(screen.topLeft() + QPoint(10, 10))
    window.show()
    qtbot.waitExposed(window)
    dialog = WelcomeDialog(False, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()

    def off_centre() -> int:
        return (dialog.frameGeometry().center() - window.frameGeometry().center()).manhattanLength()

    assert off_centre() <= 4, (window.frameGeometry(), dialog.frameGeometry())
    window.move(window.pos() + QPoint(25, 20))  # the window manager places the window late
    settle()
    assert off_centre() <= 4, "the welcome stays on the window once it is placed"
    assert window.frameGeometry().contains(dialog.frameGeometry().center())
