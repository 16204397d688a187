"""Closed windows go at once in tests: pytest-qt closes a test's windows and calls deleteLater,
but no event loop runs between tests, so they stayed alive, and every later theme switch
restyled all of them (and a leftover on closed user data set off tests/ui/shell/test_closed_windows.py)."""

from __future__ import annotations

import sys


def delete_closed_windows() -> None:
    """Carry out every pending deleteLater now (nothing to do before Qt is loaded)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
