"""A slow call with no answer (loading the dictionary) run in a thread pool."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRunnable

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
            self.after()
