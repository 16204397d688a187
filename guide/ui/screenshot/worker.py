"""Runs screenshot reads off the UI thread; the newest request wins.

A read is: check the picture and keep a copy in Recent (a pasted picture is encoded to PNG
first), then OCR + labels (the worker process, lines reported as they are read), then the
translations, line by line. Nothing of it touches the window's thread: a 40-megapixel paste
is encoded here, a 190 MB file is copied (or re-encoded) here, and the picture shown is
decoded by PictureLoader, after the same checks, at a size the screen can use.

A newer screenshot or Cancel stops the one in flight: the OCR worker process is ended
(native OCR cannot be interrupted otherwise; the next read starts a fresh one) and
translation calls are cancelled through their token. Answers carry their request id;
stale ones are dropped.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPainter

from guide.core.screen.history import ScreenshotHistory
from guide.core.screen.image_check import BadImage, ImageInfo, check_image
from guide.core.screen.ocr_client import OcrCancelled, OcrFailed, OcrUnavailable
from guide.core.screen.reader import Reading, ScreenReader
from guide.core.translate.deadline import CancelToken
from guide.core.translate.pipeline import TranslateOptions
from guide.ui.widgets.background_call import BackgroundCall, close_in_background

log = logging.getLogger(__name__)

PREVIEW_PIXELS = 3_200_000  # most phone screenshots (1080×2400 is 2.6 MP) are shown whole; larger ones scaled
THUMBNAIL = QSize(36, 64)


@dataclass(frozen=True)
class Source:
    """What the user gave: a file (kept in Recent when `remember`), or a pasted picture."""

    path: Path | None = None
    remember: bool = True
    image: QImage | None = None
    data: bytes | None = None  # a pasted picture as the clipboard holds it (PNG, JPEG …)
    suffix: str = ".png"


class _Signals(QObject):
    opened = Signal(int, str, int, int, bool, str)  # request id, path read, width, height, kept in Recent, note
    picture = Signal(int, QImage)  # request id, the picture to show (a pasted one: no decode needed)
    partial = Signal(int, object)  # request id, Reading of the lines read so far
    read = Signal(int, object)  # request id, Reading (boxes and labels)
    line = Signal(int, int)  # request id, line index whose translation arrived
    failed = Signal(int, str, str)  # request id, kind (bad_image | unavailable | failed | cancelled), message
    finished = Signal(int)  # request id: nothing more will come


def _without_path(message: str, *paths: Path | None) -> str:
    """A BadImage message names the file it was about; the page names it as the user knows it."""
    for path in paths:
        if path is None:
            continue
        for form in {str(path), str(path.resolve())}:
            if message.startswith(f"{form}: "):
                return message[len(form) + 2:]
    return message


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 80)  # quicker than the default level; a screenshot's PNG stays small
    buffer.close()
    return bytes(data.data())


_PILLOW_READABLE = {QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32, QImage.Format.Format_ARGB32_Premultiplied}


def for_screen(image: QImage, most: int) -> QImage:
    """At most `most` pixels, opaque (transparent parts white, as the OCR reads them) and in
    the format a pixmap is made from without converting: nothing is left for the UI thread."""
    pixels = image.width() * image.height()
    if pixels <= most and image.format() == QImage.Format.Format_RGB32:
        return image
    factor = min(1.0, (most / pixels) ** 0.5)
    size = QSize(max(1, int(image.width() * factor)), max(1, int(image.height() * factor)))
    if factor < 1.0 and image.format() in _PILLOW_READABLE:
        image = _shrunk_by_pillow(image, size)
    return drawn_at(image, size)


def _shrunk_by_pillow(image: QImage, size: QSize) -> QImage:
    """A large picture made small by Pillow, which lets the window's thread run meanwhile:
    QImage.scaled, convertToFormat and QPainter hold Python's lock throughout (a quarter of a
    second for 36 megapixels)."""
    from PIL import Image

    picture = Image.frombuffer("RGBA", (image.width(), image.height()), image.constBits(), "raw", "BGRA",
                               image.bytesPerLine(), 1)
    small = picture.resize((size.width(), size.height()), Image.Resampling.BOX)
    data = small.tobytes("raw", "BGRA")
    return QImage(data, size.width(), size.height(), size.width() * 4, QImage.Format.Format_ARGB32).copy()


def drawn_at(image: QImage, size: QSize) -> QImage:
    """`image` at `size` on white (halving first, so no detail is skipped). For pictures the
    size of a screen: QPainter holds Python's lock while it draws."""
    while image.width() >= 2 * size.width() and image.height() >= 2 * size.height():
        image = _painted(image, QSize(image.width() // 2, image.height() // 2))
    return _painted(image, size)


def _painted(image: QImage, size: QSize) -> QImage:
    out = QImage(size, QImage.Format.Format_RGB32)
    out.fill(Qt.GlobalColor.white)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
    painter.end()
    return out


class _ReadJob(QRunnable):
    def __init__(self, request_id: int, runner: ScreenshotRunner, source: Source, options: TranslateOptions,
                 token: CancelToken, signals: _Signals) -> None:
        super().__init__()
        self.request_id, self.reader, self.history, self.source = request_id, runner.reader, runner.history, source
        self.options, self.token, self.signals = options, token, signals

    def run(self) -> None:
        try:
            self._run()
        except RuntimeError as exc:  # the page closed (the app is quitting) while this read went on
            log.info("screenshot read ended after its page closed: %s", exc)

    def _run(self) -> None:
        rid, path = self.request_id, self.source.path
        try:
            self._check_cancelled()
            path, info, kept, note = self._prepare()
            self.signals.opened.emit(rid, str(path), info.width, info.height, kept, note)
            self._check_cancelled()
            ocr_file = self.history.ocr_file(path) if self.history.contains(path) else None
            reading = self.reader.read(path, ocr_file, on_partial=lambda so_far: self.signals.partial.emit(rid, so_far))
            self._check_cancelled()
            self.signals.read.emit(rid, reading)
            self.reader.translate(reading, self.options, self.token,
                                  on_line=lambda index, _line: self.signals.line.emit(rid, index))
        except BadImage as exc:
            self.signals.failed.emit(rid, "bad_image", _without_path(str(exc), self.source.path, path))
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

    def _check_cancelled(self) -> None:
        if self.token.cancelled:
            raise OcrCancelled("cancelled")

    def _prepare(self) -> tuple[Path, ImageInfo, bool, str]:
        """Checked, and kept in Recent where asked: (the file to read, its size, kept, a note)."""
        source = self.source
        if source.path is not None:
            info = check_image(source.path)  # BadImage: refused before anything decodes it
            if not source.remember:
                return source.path, info, False, ""
            try:
                return self.history.add_file(source.path, (info.width, info.height)), info, True, ""
            except OSError as exc:
                log.info("cannot keep a copy of %s: %s", source.path, exc)
                return source.path, info, False, ""
        if source.image is not None:
            self.signals.picture.emit(self.request_id, for_screen(source.image, PREVIEW_PIXELS))
            data = png_bytes(source.image)
            suffix = ".png"
        else:
            data, suffix = source.data or b"", source.suffix
        try:
            path, kept, note = self.history.add_bytes(data, suffix), True, ""
        except OSError as exc:
            reason = exc.strerror or str(exc)
            try:
                path = self.history.add_scratch(data, suffix)
            except OSError as again:
                raise BadImage(f"The pasted picture could not be saved for reading ({again.strerror or again})") from None
            kept, note = False, f"Not kept in Recent: the screenshots folder cannot take it ({reason})."
        return path, check_image(path), kept, note


class ScreenshotRunner(QObject):
    opened = Signal(str, int, int, bool, str)  # path read, width, height, kept in Recent, note
    picture = Signal(QImage)  # a pasted picture, to show at once
    partial = Signal(object)  # Reading of the lines read so far
    read = Signal(object)  # Reading
    lineTranslated = Signal(int)  # line index
    failed = Signal(str, str)  # kind, message
    busyChanged = Signal(bool)

    def __init__(self, reader: ScreenReader, history: ScreenshotHistory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.history = history
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

    def submit(self, source: Source, options: TranslateOptions) -> int:
        if self._closed:
            return self._latest
        self._stop_in_flight()
        self._latest += 1
        rid = self._latest
        token = CancelToken()
        signals = _Signals()
        signals.opened.connect(self._on_opened)
        signals.picture.connect(self._on_picture)
        signals.partial.connect(self._on_partial)
        signals.read.connect(self._on_read)
        signals.line.connect(self._on_line)
        signals.failed.connect(self._on_failed)
        signals.finished.connect(self._on_finished)
        self._tokens[rid] = token
        self._signals[rid] = signals
        self.pool.start(_ReadJob(rid, self, source, options, token, signals))
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

    def _current(self, rid: int) -> bool:
        token = self._tokens.get(rid)
        return rid == self._latest and not self._closed and token is not None and not token.cancelled

    def _on_opened(self, rid: int, path: str, width: int, height: int, kept: bool, note: str) -> None:
        if self._current(rid):
            self.opened.emit(path, width, height, kept, note)

    def _on_picture(self, rid: int, image: QImage) -> None:
        if self._current(rid):
            self.picture.emit(image)

    def _on_partial(self, rid: int, reading: Reading) -> None:
        if self._current(rid):
            self.partial.emit(reading)

    def _on_read(self, rid: int, reading: Reading) -> None:
        if self._current(rid):
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

    def shutdown(self) -> None:
        """The window is closing: jobs not started are dropped, the read in flight is stopped
        (its OCR worker ended, its translations cancelled), and nothing is waited for."""
        self._closed = True
        self.pool.clear()
        self._stop_in_flight()
        self.reader.client.cancel()  # a warm-up holding the worker ends too
        close_in_background(self.reader.close)


def decode_for_screen(path: Path, most_pixels: int) -> QImage:
    """The picture at most `most_pixels` large (a JPEG is decoded at that scale, others scaled
    after), or a null QImage when it is refused or Qt cannot draw it. Checked first, so a
    scan bomb or an over-large picture is never decoded."""
    try:
        check_image(path)
    except BadImage:
        return QImage()
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() * size.height() > most_pixels:
        factor = (most_pixels / (size.width() * size.height())) ** 0.5
        reader.setScaledSize(QSize(max(1, int(size.width() * factor)), max(1, int(size.height() * factor))))
    image = reader.read()
    return for_screen(image, most_pixels) if not image.isNull() else image


class _Decode(QRunnable):
    def __init__(self, path: Path, most_pixels: int, thumbnail: bool, done: Callable[[str, QImage, QImage], None]) -> None:
        super().__init__()
        self.path, self.most_pixels, self.thumbnail, self.done = path, most_pixels, thumbnail, done

    def run(self) -> None:
        try:
            image = decode_for_screen(self.path, self.most_pixels)
            small = drawn_at(image, image.size().scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio)) \
                if not image.isNull() else QImage()
        except Exception:  # noqa: BLE001 - a picture that cannot be drawn stays a grey stand-in
            log.exception("cannot decode %s for the screen", self.path)
            image, small = QImage(), QImage()
        try:
            self.done(str(self.path), QImage() if self.thumbnail else image, small)
        except RuntimeError:  # the page closed while this picture was decoded: nobody waits for it
            log.debug("decoded %s after its page closed", self.path)


class PictureLoader(QObject):
    """Decodes pictures for the screen off the window's thread: the picture being read (at
    most PREVIEW_PIXELS) and Recent's thumbnails. Results come as signals on the UI thread."""

    preview = Signal(str, QImage, QImage)  # path, picture (null: cannot be drawn), its thumbnail
    thumbnail = Signal(str, QImage)  # path, thumbnail (null: cannot be drawn)
    _previewDone = Signal(str, QImage, QImage)
    _thumbnailDone = Signal(str, QImage, QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(1, min(2, (os.cpu_count() or 2) - 1)))
        self._pending = 0
        self._previewDone.connect(self._preview_done)
        self._thumbnailDone.connect(lambda path, _image, small: self.thumbnail.emit(path, small))

    def is_busy(self) -> bool:
        return self._pending > 0

    def load_preview(self, path: Path) -> None:
        self._pending += 1
        self.pool.start(_Decode(path, PREVIEW_PIXELS, False, self._previewDone.emit), 1)  # before thumbnails

    def load_thumbnail(self, path: Path) -> None:
        self.pool.start(_Decode(path, THUMBNAIL.width() * THUMBNAIL.height() * 4, True, self._thumbnailDone.emit))

    def _preview_done(self, path: str, image: QImage, small: QImage) -> None:
        self._pending -= 1
        self.preview.emit(path, image, small)

    def shutdown(self) -> None:
        """Pictures not started are dropped; one being decoded (a fraction of a second) is
        not waited for."""
        self.pool.clear()
