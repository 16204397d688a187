"""Runs the core translation pipeline off the UI thread; the newest request wins.

At most one request is in flight and one waits. A newer request cancels the one in
flight (its sockets are shut at once by the deadline machinery, so it returns within
milliseconds) and replaces whatever was waiting. Answers carry their request id and
stale ones are dropped, so an old slow answer can never overwrite a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from guide.core.translate.deadline import CancelToken, abort_all
from guide.core.translate.pipeline import (
    TranslateOptions,
    TranslationResult,
    Translator,
)
from guide.ui.widgets.background_call import BackgroundCall

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(int, object)  # request id, early TranslationResult (gloss only)
    finished = Signal(int, object)  # request id, TranslationResult | None
    done = Signal(int)  # background job id


class _TranslateJob(QRunnable):
    def __init__(self, request_id: int, translator: Translator, text: str, options: TranslateOptions,
                 token: CancelToken, signals: _Signals) -> None:
        super().__init__()
        self.request_id = request_id
        self.translator = translator
        self.text = text
        self.options = options
        self.token = token
        self.signals = signals

    def run(self) -> None:
        result: TranslationResult | None = None
        try:
            result = self.translator.translate(
                self.text, self.options, self.token,
                on_progress=lambda early: self.signals.progress.emit(self.request_id, early))
        except Exception as exc:  # noqa: BLE001 - a bug must not leave the page waiting forever
            log.exception("translation failed unexpectedly")
            result = TranslationResult(self.text, "", "", error=f"something went wrong ({type(exc).__name__}); "
                                       "the details are in the log")
        self.signals.finished.emit(self.request_id, result)


@dataclass
class _Request:
    request_id: int
    text: str
    options: TranslateOptions


class TranslationRunner(QObject):
    """Owns the thread pool; emits `result` only for the newest request."""

    progress = Signal(object)  # TranslationResult (early, gloss only)
    result = Signal(object)  # TranslationResult
    busyChanged = Signal(bool)

    def __init__(self, translator: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.translator = translator
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)  # one translation + one background job
        self._latest = 0
        self._in_flight: tuple[int, CancelToken] | None = None
        self._pending: _Request | None = None
        self._closed = False
        self._next_job = 0
        self._signals: dict[int, _Signals] = {}  # kept alive until their job reports (jobs: negative ids)
        self._callbacks: dict[int, Callable[[], None]] = {}

    def is_busy(self) -> bool:
        return self._in_flight is not None or self._pending is not None or bool(self._callbacks)

    def submit(self, text: str, options: TranslateOptions) -> int:
        """Ask for a translation; a newer call makes this one stale."""
        if self._closed:
            return self._latest
        self._latest += 1
        request = _Request(self._latest, text, options)
        if self._in_flight is not None:
            self._pending = request
            self._in_flight[1].cancel()
        else:
            self._start(request)
        self.busyChanged.emit(True)
        return request.request_id

    def cancel(self) -> None:
        """Forget the current request (the input was cleared)."""
        self._latest += 1
        self._pending = None
        if self._in_flight is not None:
            self._in_flight[1].cancel()

    def run_in_background(self, fn: Callable[[], object], done: Callable[[], None]) -> None:
        """Run `fn` in the pool; `done` is called on the UI thread afterwards."""
        self._next_job += 1
        signals = _Signals()
        self._signals[-self._next_job] = signals
        self._callbacks[self._next_job] = done
        signals.done.connect(self._on_background_done)  # a QObject slot: delivered on the UI thread
        job_id = self._next_job
        self.pool.start(BackgroundCall(fn, lambda: signals.done.emit(job_id)))

    def _on_background_done(self, job_id: int) -> None:
        self._signals.pop(-job_id, None)
        done = self._callbacks.pop(job_id, None)
        if done is not None and not self._closed:
            done()
        self.busyChanged.emit(self.is_busy())

    def _start(self, request: _Request) -> None:
        token = CancelToken()
        signals = _Signals()
        self._signals[request.request_id] = signals
        signals.progress.connect(self._on_progress)
        signals.finished.connect(self._on_finished)
        self._in_flight = (request.request_id, token)
        self.pool.start(_TranslateJob(request.request_id, self.translator, request.text, request.options,
                                      token, signals))

    def _on_progress(self, request_id: int, early: TranslationResult) -> None:
        if request_id == self._latest and not self._closed:
            self.progress.emit(early)

    def _on_finished(self, request_id: int, result: TranslationResult | None) -> None:
        self._signals.pop(request_id, None)
        if self._in_flight is not None and self._in_flight[0] == request_id:
            self._in_flight = None
        if self._closed:
            return
        if request_id == self._latest and result is not None and not result.cancelled:
            self.result.emit(result)
        if self._pending is not None and self._in_flight is None:
            request, self._pending = self._pending, None
            self._start(request)
        self.busyChanged.emit(self.is_busy())

    def shutdown(self) -> None:
        """Stop everything now: jobs not started are dropped and in-flight calls cancelled
        (their sockets shut). Nothing is waited for: the window closes at once."""
        self._closed = True
        self._pending = None
        self.pool.clear()
        if self._in_flight is not None:
            self._in_flight[1].cancel()
        abort_all()
