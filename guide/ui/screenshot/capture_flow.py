"""Read from screen, start to finish, for one Screenshot page: the guide's window steps aside,
the screen is grabbed the way that works on this desktop (guide/core/capture/method.py), and the
region opens on the page exactly like a pasted picture (`open_image`: kept under Recent, read by
the same worker). Every way it can fail ends in a notice saying what to do instead. The picture
never leaves the computer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage

from guide.core.capture.method import Method, Situation, advice, after_blank_grab, choose
from guide.core.capture.portal import Outcome
from guide.ui.screenshot.capture_overlay import CaptureSession
from guide.ui.screenshot.grabbers import (
    MAC_PERMISSION_MESSAGE,
    MAC_SCREEN_RECORDING,
    PortalGrab,
    freeze_screens,
    looks_blank,
    mac_screen_recording_allowed,
    qt_platform,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

STEP_ASIDE_MS = 250  # time for the window manager to take our window off the screen before the freeze
NOTHING_THERE = "The area you chose is one flat colour: there is nothing on it to read."


def read_from_screen(page: QWidget) -> bool:
    """Start Read from screen for `page` (one at a time); False when it cannot start."""
    flow = page.findChild(ScreenCapture) or ScreenCapture(page)
    return flow.start()


class ScreenCapture(QObject):
    """`finished(result)`: "read" (the picture went to the page), "cancelled" or "failed"."""

    finished = Signal(str)

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.page = page
        self.situation = Situation.current(qt_platform())
        self.portal_address = "SESSION"  # tests point these at a fake portal on a private bus
        self.portal_timeout_s: float | None = None
        self.busy = False
        self.session: CaptureSession | None = None
        self.portal: PortalGrab | None = None

    def start(self) -> bool:
        if self.busy:
            log.info("read from screen already under way")
            return False
        choice = choose(self.situation)
        log.info("read from screen: %s (%s)", choice.method.value, choice.reason)
        if choice.method is Method.NONE:
            self._fail(choice.reason)
            return False
        if choice.method is Method.OVERLAY and not mac_screen_recording_allowed():
            QDesktopServices.openUrl(QUrl(MAC_SCREEN_RECORDING))
            self._end("failed", f"{MAC_PERMISSION_MESSAGE} {advice(self.situation)}")
            return False
        self.busy = True
        window = self.page.window()
        if choice.method is Method.OVERLAY:
            window.hide()  # not in the frozen picture
        else:
            window.showMinimized()  # the desktop's dialog may take a while: keep a way back in the taskbar
        QTimer.singleShot(STEP_ASIDE_MS, lambda: self._grab(choice.method))
        return True

    # -- grabbing --------------------------------------------------------------------------

    def _grab(self, method: Method) -> None:
        if method is Method.PORTAL:
            self._ask_portal()
            return
        frozen = freeze_screens()
        if not frozen or all(looks_blank(f.image) for f in frozen):
            fallback = after_blank_grab(self.situation)
            log.info("the Qt grab came back blank: %s", fallback.method.value)
            if fallback.method is Method.PORTAL:
                self._ask_portal()
            else:
                self._fail(fallback.reason)
            return
        self.session = CaptureSession(frozen, self)
        self.session.captured.connect(self._captured)
        self.session.cancelled.connect(lambda: self._end("cancelled"))
        self.session.show()

    def _ask_portal(self) -> None:
        self.portal = PortalGrab(self, address=self.portal_address, timeout_s=self.portal_timeout_s)
        self.portal.answered.connect(self._portal_answered)
        self.portal.start()

    def _portal_answered(self, outcome: Outcome, image: QImage) -> None:
        log.info("portal answered: %s", outcome.kind)
        if outcome.ok:
            self._captured(image)
        elif outcome.kind == "cancelled":
            self._end("cancelled", outcome.message)
        else:
            self._fail(outcome.message)

    # -- endings ---------------------------------------------------------------------------

    def _captured(self, image: QImage) -> None:
        if looks_blank(image):
            self._fail(NOTHING_THERE)
            return
        self._end("read")
        self.page.open_image(image)  # type: ignore[attr-defined]

    def _fail(self, message: str) -> None:
        self._end("failed", f"{message} {advice(self.situation)}")

    def _end(self, result: str, message: str = "") -> None:
        self.busy = False
        self.session = None
        window = self.page.window()
        if hasattr(window, "bring_to_front"):  # the main window's own way back to the front
            window.bring_to_front()
        else:
            window.showNormal() if window.isMinimized() else window.show()
        if message:
            self.page.navigator.notice.emit(message)  # type: ignore[attr-defined]
        self.finished.emit(result)
