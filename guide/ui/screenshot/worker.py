"""Runs screenshot reads off the UI thread; the newest request wins.

A read is two phases (guide/core/screen/reader.py): OCR + labels (the worker process,
about a second) and then the translations, line by line. A newer screenshot or Cancel
stops the one in flight: the OCR worker process is ended (native OCR cannot be
interrupted otherwise; the next read starts a fresh one) and translation calls are
cancelled through their token. Answers carry their request id; stale ones are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from guide.core.screen.image_check import BadImage
from guide.core.screen.ocr_client import OcrCancelled, OcrFailed, OcrUnavailable
from guide.core.screen.reader import Reading, ScreenReader
from guide.core.translate.deadline import CancelToken
from guide.core.translate.pipeline import TranslateOptions
from guide.ui.widgets.background_call import BackgroundCall

log = logging.getLogger(__name__)


class _Signals(QObject):
    read = Signal(int, object)  # request id, Reading (boxes and labels)
    line = Signal(int, int)  # request id, line index whose translation arrived
    failed = Signal(int, str, str)  # request id, kind (bad_image | unavailable | failed | cancelled), message
    finished = Signal(int)  # request id: nothing more will come


class _ReadJob(QRunnable):
    def __init__(self, request_id: int, reader: ScreenReader, path: Path, options: TranslateOptions,
                 token: CancelToken, signals: _Signals, ocr_file: Path | None) -> None:
        super().__init__()
        self.request_id, self.reader, self.path, self.ocr_file = request_id, reader, path, ocr_file
        self.options, self.token, self.signals = options, token, signals

    def run(self) -> None:
        rid = self.request_id
        try:
            if self.token.cancelled:
                raise OcrCancelled("cancelled")
            reading = self.reader.read(self.path, self.ocr_file)
            if self.token.cancelled:
                raise OcrCancelled("cancelled")
            self.signals.read.emit(rid, reading)
            self.reader.translate(reading, self.options, self.token,
                                  on_line=lambda index, _line: self.signals.line.emit(rid, index))
        except BadImage as exc:
            self.signals.failed.emit(rid, "bad_image", str(exc))
        except OcrUnavailable as exc:
            self.signals.failed.emit(rid, "unavailable", str(exc))
        except OcrCancelled:
            self.signals.failed.emit(rid, "cancelled", "Stopped.")
        except OcrFailed as exc:
            self.signals.failed.emit(rid, "failed", str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must not leave the page waiting forever
            log.exception("reading a screenshot failed unexpectedly")
            self.signals.failed.emit(rid, "failed", f"Something went wrong ({type(exc).__name__}); the details are in the log.")
        self.signals.finished.emit(rid)


class ScreenshotRunner(QObject):
    read = Signal(object)  # Reading
    lineTranslated = Signal(int)  # line index
    failed = Signal(str, str)  # kind, message
    busyChanged = Signal(bool)

    def __init__(self, reader: ScreenReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)  # the new read starts while the cancelled one unwinds
        self._latest = 0
        self._tokens: dict[int, CancelToken] = {}
        self._signals: dict[int, _Signals] = {}
        self._closed = False
        self.reading: Reading | None = None

    def is_busy(self) -> bool:
        return bool(self._tokens)

    def run_in_background(self, fn: Callable[[], object]) -> None:
        """E.g. load the dictionary while the user finds a screenshot: parsing it holds
        Python's lock in turns with the UI, better now than while lines come in."""
        if not self._closed:
            self.pool.start(BackgroundCall(fn))

    def submit(self, path: Path, options: TranslateOptions, ocr_file: Path | None = None) -> int:
        if self._closed:
            return self._latest
        self._stop_in_flight()
        self._latest += 1
        rid = self._latest
        token = CancelToken()
        signals = _Signals()
        signals.read.connect(self._on_read)
        signals.line.connect(self._on_line)
        signals.failed.connect(self._on_failed)
        signals.finished.connect(self._on_finished)
        self._tokens[rid] = token
        self._signals[rid] = signals
        self.pool.start(_ReadJob(rid, self.reader, path, options, token, signals, ocr_file))
        self.busyChanged.emit(True)
        return rid

    def cancel(self) -> None:
        """Stop the read in flight (the user pressed Cancel)."""
        self._stop_in_flight()

    def _stop_in_flight(self) -> None:
        if not self._tokens:
            return
        for token in self._tokens.values():
            token.cancel()
        self.reader.client.cancel()

    def _on_read(self, rid: int, reading: Reading) -> None:
        token = self._tokens.get(rid)
        if rid == self._latest and not self._closed and token is not None and not token.cancelled:
            self.reading = reading
            self.read.emit(reading)

    def _on_line(self, rid: int, index: int) -> None:
        if rid == self._latest and not self._closed:
            self.lineTranslated.emit(index)

    def _on_failed(self, rid: int, kind: str, message: str) -> None:
        if rid == self._latest and not self._closed:
            self.failed.emit(kind, message)

    def _on_finished(self, rid: int) -> None:
        self._tokens.pop(rid, None)
        self._signals.pop(rid, None)
        if not self._closed:
            self.busyChanged.emit(self.is_busy())

    def shutdown(self, wait_ms: int = 3000) -> bool:
        self._closed = True
        self._stop_in_flight()
        done = self.pool.waitForDone(wait_ms)
        self.reader.close()
        return done
