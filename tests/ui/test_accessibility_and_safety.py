"""Screen readers get a name for every control; step bodies never load remote content."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QListWidget, QTextBrowser

from guide.core.context import build_context
from guide.ui.dialogs import WelcomeDialog
from guide.ui.main_window import MainWindow
from guide.ui.walkthrough_player import SafeTextBrowser


def unnamed_controls(root) -> list[str]:  # noqa: ANN001
    missing = []
    for widget in root.findChildren(QAbstractButton) + root.findChildren(QLineEdit) + root.findChildren(QListWidget):
        if not widget.isVisibleTo(root):
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip() and not (isinstance(widget, QLineEdit) and widget.placeholderText()):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_visible_control_has_a_name(qtbot, mini_pack: Path) -> None:
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.show()
    assert unnamed_controls(window) == []
    window.open_walkthrough("first", "open")
    assert unnamed_controls(window) == []


def test_step_body_never_fetches_resources(qtbot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    for url in ("https://example.com/tracker.png", "file:///etc/passwd", "qrc:/icon.png"):
        assert browser.loadResource(int(QTextDocument.ResourceType.ImageResource), QUrl(url)) is None
    browser.setMarkdown("![x](https://example.com/a.png) text")
    assert "text" in browser.toPlainText()


def test_links_in_body_are_not_followed_by_the_browser_itself(qtbot, mini_pack: Path) -> None:
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.open_walkthrough("first", "save")
    body = window.findChild(QTextBrowser, "stepBody")
    assert not body.openLinks() and not body.openExternalLinks()


def test_welcome_dialog_offers_the_offline_switch(qtbot) -> None:
    dialog = WelcomeDialog(offline_only=False)
    qtbot.addWidget(dialog)
    switch = dialog.findChild(QCheckBox, "welcomeOffline")
    assert switch is not None and not switch.isChecked() and "Offline only" in switch.text()
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Stored on this computer only" in text and "Translator" in text
