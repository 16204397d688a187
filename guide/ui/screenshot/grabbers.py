"""Grabbing the screen: Qt freezes every screen where it can (X11, Windows, macOS); the desktop's
screenshot portal answers on Wayland, on a worker thread. Both hand back QImages in device
pixels; guide/core/capture decides where and how.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPixmap, QScreen

from guide.core.capture import portal
from guide.core.capture.blank import is_one_colour
from guide.core.capture.geometry import Cut, Screen
from guide.core.capture.portal_client import take_screenshot

log = logging.getLogger(__name__)

MAC_SCREEN_RECORDING = "x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture"
MAC_PERMISSION_MESSAGE = ("macOS lets the guide read the screen only with the Screen Recording permission. "
                          "In System Settings → Privacy & Security → Screen Recording, turn it on for RedNote Guide "
                          "(or for the Terminal you start it from), then quit and reopen the guide.")


@dataclass
class FrozenScreen:
    """One screen as it looked when Read from screen started, in device pixels."""

    layout: Screen
    pixmap: QPixmap
    image: QImage
    screen: QScreen | None = None  # where its overlay goes (None for a made-up layout in tests)


def qt_platform() -> str:
    return QGuiApplication.platformName()


def freeze_screens() -> list[FrozenScreen]:
    """Every screen's picture, each grabbed through its own QScreen: a grab through the primary
    screen with global coordinates is black on the others (measured; Crow Translate #279)."""
    platform = qt_platform()
    return [freeze(screen, platform) for screen in QGuiApplication.screens()]


def freeze(screen: QScreen, platform: str) -> FrozenScreen:
    g = screen.geometry()
    pixmap = screen.grabWindow(0)
    layout = Screen.from_qt(screen.name(), (g.x(), g.y(), g.width(), g.height()), screen.devicePixelRatio(), platform)
    return FrozenScreen(layout, pixmap, pixmap.toImage(), screen)


def looks_blank(image: QImage) -> bool:
    """Null, or one flat colour (see guide/core/capture/blank.py)."""
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return True
    flat = image.convertToFormat(QImage.Format.Format_RGB32)
    return is_one_colour(flat.constBits())


def cut_picture(cut: Cut, frozen: list[FrozenScreen]) -> QImage:
    """Build the cut in device pixels. Any part on no screen (monitors of different heights) is
    white, which reads as empty page, not as a broken black grab."""
    if len(cut.pieces) == 1 and cut.complete:
        piece = cut.pieces[0]
        picture = frozen[piece.screen].image.copy(QRect(*piece.source))
    else:
        picture = QImage(cut.width, cut.height, QImage.Format.Format_RGB32)
        picture.fill(QColor("white"))
        painter = QPainter(picture)
        for piece in cut.pieces:
            source = frozen[piece.screen].image.copy(QRect(*piece.source))
            source.setDevicePixelRatio(1.0)
            painter.drawImage(piece.target[0], piece.target[1], source)
        painter.end()
    picture.setDevicePixelRatio(1.0)  # what OCR reads: pixels, not logical size
    return picture


def mac_screen_recording_allowed() -> bool:
    """macOS 10.15+: without Screen Recording permission a grab shows only the desktop and our own
    windows. Asks once (the system shows its prompt) and answers False until the user allows it and
    restarts the app. Untested here (no macOS in CI); True on every other system."""
    if sys.platform != "darwin":
        return True
    import ctypes
    import ctypes.util

    try:
        graphics = ctypes.cdll.LoadLibrary(ctypes.util.find_library("CoreGraphics") or "CoreGraphics")
        preflight = graphics.CGPreflightScreenCaptureAccess
        request = graphics.CGRequestScreenCaptureAccess
    except (OSError, AttributeError):  # before 10.15 there is no such permission
        return True
    preflight.restype = request.restype = ctypes.c_bool
    if preflight():
        return True
    request()
    return False


class PortalGrab(QObject):
    """One xdg-desktop-portal request on a worker thread. `answered(outcome, image)`: the image is
    decoded on that thread (never on the window's), and the portal's file is deleted once read."""

    answered = Signal(object, QImage)

    def __init__(self, parent: QObject | None = None, *, address: str = "SESSION",
                 timeout_s: float | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self.timeout_s = timeout_s
        self.cancel_event = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="screen-portal", daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def _run(self) -> None:
        outcome = take_screenshot(interactive=True, timeout_s=self.timeout_s, address=self.address,
                                  cancel=self.cancel_event)
        image = QImage()
        if outcome.ok and outcome.path is not None:
            outcome, image = _read_portal_file(outcome)
        if not self.cancel_event.is_set():
            try:
                self.answered.emit(outcome, image)
            except RuntimeError:  # the page was closed while the desktop's dialog was open
                log.info("portal answered after its page was gone")


def _read_portal_file(outcome: portal.Outcome) -> tuple[portal.Outcome, QImage]:
    path: Path = outcome.path  # type: ignore[assignment]
    image = QImage(str(path))
    if image.isNull():
        log.info("the portal's file %s could not be opened", path)
        return portal.Outcome("bad_answer", portal.BAD_ANSWER.format(detail="its file could not be opened")), image
    try:
        if portal.is_ours_to_delete(outcome.called_at, os.stat(path).st_mtime):
            path.unlink()
    except OSError as exc:
        log.info("could not delete the portal's screenshot %s: %s", path, exc)
    return outcome, image
