"""The installed Qt binding must not leak references to None (PySide6 6.12.0 did: every void
call dropped one, and the app aborted with "none_dealloc" after a few thousand actions)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        obj.setObjectName("x")
    assert sys.getrefcount(None) >= before - 50
