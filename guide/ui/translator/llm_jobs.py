"""Slow calls to an LLM server (list its models, load one, test a line) off the UI thread.

They can take minutes (a model loading), so they run in a pool of their own: the
Translator's worker stays free for translations, and a page waiting for "not busy" does
not wait for a model to load. Each result reaches its callback on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from guide.core.translate.deadline import CancelToken
from guide.ui.widgets.background_call import BackgroundCall

log = logging.getLogger(__name__)


class LLMJobs(QObject):
    """Runs `fn(token)` in the background and calls `done(result)` on the UI thread;
    `forget()` cancels the jobs still running and drops their callbacks."""

    _delivered = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)  # a model list and a test (or a load) at once
        self._callbacks: dict[int, Callable[[Any], None]] = {}
        self._tokens: dict[int, CancelToken] = {}
        self._next = 0
        self._delivered.connect(self._deliver)  # queued: emitted on a pool thread
        # Destroyed without shutdown(): the pool would wait for a model load of minutes.
        self.destroyed.connect(lambda _=None, tokens=self._tokens: _cancel(tokens))

    def run(self, fn: Callable[[CancelToken], Any], done: Callable[[Any], None]) -> None:
        self._next += 1
        job = self._next
        self._callbacks[job] = done
        token = self._tokens[job] = CancelToken()
        box: dict[str, Any] = {}

        def call() -> None:
            box["value"] = fn(token)

        self.pool.start(BackgroundCall(call, lambda: self._deliver_later(job, box.get("value"))))

    def busy(self) -> bool:
        return bool(self._callbacks)

    def forget(self) -> None:
        self._callbacks.clear()
        _cancel(self._tokens)

    def shutdown(self) -> None:
        """Stop waiting for the server: calls not started are dropped, every call in flight
        is cancelled, and nothing is waited for (a dialog or window closes at once)."""
        self.pool.clear()
        self.forget()

    def _deliver_later(self, job: int, value: Any) -> None:
        """On the pool's thread: queue the result for the UI thread, unless the window is gone."""
        try:
            self._delivered.emit(job, value)
        except RuntimeError:  # this object was deleted while the call ran: nobody waits for it
            log.debug("LLM job %d finished after its window closed", job)

    def _deliver(self, job: int, value: Any) -> None:
        self._tokens.pop(job, None)
        done = self._callbacks.pop(job, None)
        if done is not None:
            done(value)


def _cancel(tokens: dict[int, CancelToken]) -> None:
    for token in list(tokens.values()):
        token.cancel()
    tokens.clear()
