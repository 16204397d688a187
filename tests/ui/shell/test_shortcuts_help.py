"""Issue 14 item 16: F1 lists every key the app binds (Ctrl+D, practice's Space / 1 / 2 …),
because the list is built from the same declarations the code binds its keys from; this
test finds every key bound in a fully built window and fails on any that F1 does not list."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QTextBrowser, QWidget

from guide.core.context import build_context
from guide.ui.shell import keys
from guide.ui.shell.dialogs import shortcut_rows, shortcuts_dialog
from guide.ui.shell.main_window import PAGES, MainWindow


def _portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def _bound_keys(root: QWidget) -> set[str]:
    """Every key sequence a QShortcut, QAction or button under `root` answers to, without
    the Alt+letter mnemonics Qt makes from "&" in button texts."""
    found: set[str] = set()
    for shortcut in root.findChildren(QShortcut):
        found.add(_portable(shortcut.key()))
    for action in root.findChildren(QAction):
        found.update(_portable(s) for s in action.shortcuts())
    for button in root.findChildren(QAbstractButton):
        found.add(_portable(button.shortcut()))
    return {k for k in found if k and not re.fullmatch(r"Alt\+\w", k)}


def test_f1_lists_every_key_the_window_binds(qtbot) -> None:  # noqa: ANN001
    context = build_context(None)
    context.userdata.set_favourite(context.pack.phrases[0].key, True)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    for name, _title in PAGES:
        window.show_page(name)
    window.open_walkthrough(context.pack.walkthroughs[0].id)
    practice = window.pages["phrasebook"].start_practice()
    qtbot.addWidget(practice)
    review = window.pages["phrasebook"].start_review()  # closes with the window
    bound = _bound_keys(window) | _bound_keys(practice) | _bound_keys(review)
    listed = {k for s in keys.ALL for k in s.keys}
    assert {"Ctrl+D", "Space", "1", "2", "3", "4", "Ctrl+L", "Ctrl+K", "F1", "?", "Right", "PgDown"} <= bound, \
        "the test sees the keys"
    assert bound - listed == set(), "bound but missing from F1 (declare them in guide/ui/shell/keys.py)"


def test_the_f1_dialog_shows_every_declared_shortcut(qtbot) -> None:  # noqa: ANN001
    dialog = shortcuts_dialog()
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser).toPlainText()
    for shortcut in keys.ALL:
        assert shortcut.shown() in text and shortcut.what in text
    assert "Ctrl+D" in text and "Space" in text and "Practice" in text
    assert len(shortcut_rows()) == len(keys.ALL)
