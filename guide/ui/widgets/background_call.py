"""A slow call with no answer (loading the dictionary) run in a thread pool, and what a closing
window closes, off its thread."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRunnable, QThreadPool

log = logging.getLogger(__name__)


class BackgroundCall(QRunnable):
    """Runs `fn`, logs a failure instead of losing it in the pool, then calls `after`
    (on the pool's thread: pass a signal's `emit` to reach the UI thread)."""

    def __init__(self, fn: Callable[[], object], after: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.fn = fn
        self.after = after

    def run(self) -> None:
        try:
            self.fn()
        except Exception:  # noqa: BLE001 - a background failure is logged, the app goes on
            log.exception("background job failed")
        if self.after is not None:
            try:
                self.after()
            except RuntimeError as exc:  # whoever waited for it was deleted (the window closed)
                log.debug("background job finished after its receiver was deleted: %s", exc)


def close_in_background(close: Callable[[], object]) -> None:
    """Close files or a worker process when the window closes, without making it wait: closing
    an SQLite file writes its last changes back and syncs them, and a killed OCR worker takes a
    moment to go (each a tenth of a second or more on a busy machine). Qt's shared pool runs it;
    the app waits for that pool at exit, so everything is closed whole."""
    QThreadPool.globalInstance().start(BackgroundCall(close))
