"""Read from screen in the window, offscreen: the overlay driven with QTest mouse events over
made-up screens (a monitor left of the primary at 150 %, a Mac with a Retina and a plain
monitor), the Wayland path against a fake portal on a private D-Bus bus in every mode, and a
black grab that is never passed on. The real X server run is test_read_from_screen_x11.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.fake_portal import FakePortal
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from guide.core.capture.geometry import Screen
from guide.core.capture.method import Situation
from guide.ui.screenshot import capture_flow
from guide.ui.screenshot.capture_flow import ScreenCapture
from guide.ui.screenshot.capture_overlay import HINT, CaptureSession
from guide.ui.screenshot.grabbers import FrozenScreen
from guide.ui.shell.navigator import Navigator

needs_dbus = pytest.mark.skipif(shutil.which("dbus-run-session") is None,
                                reason="needs dbus-run-session (apt-get install dbus)")
WAYLAND = Situation("linux", "wayland", "wayland", True, "GNOME")


def pattern(width: int, height: int, seed: int) -> QImage:
    """Blue changes with every column and green with every row, so a cut shifted by one pixel
    either way is caught (built a row at a time: per-pixel Python takes seconds)."""
    columns = bytes((x * 7 + seed) % 256 for x in range(width))
    data = bytearray(4 * width * height)
    for y in range(height):
        start = 4 * width * y
        data[start:start + 4 * width:4] = columns
        data[start + 1:start + 4 * width:4] = bytes([(y * 5 + seed) % 256]) * width
        data[start + 2:start + 4 * width:4] = bytes([(y // 51 + seed * 3) % 256]) * width
        data[start + 3:start + 4 * width:4] = b"\xff" * width
    return QImage(bytes(data), width, height, 4 * width, QImage.Format.Format_RGB32).copy()


def frozen(layout: Screen, seed: int) -> FrozenScreen:
    image = pattern(*layout.image_size, seed)
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(layout.dpr)
    return FrozenScreen(layout, pixmap, image)


def drag(overlay: QWidget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(overlay, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(overlay, end)
    QTest.mouseRelease(overlay, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


@pytest.fixture
def session(qtbot) -> Iterator:  # noqa: ANN001
    sessions: list[CaptureSession] = []

    def make(screens: list[FrozenScreen]) -> tuple[CaptureSession, list[QImage]]:
        made = CaptureSession(screens)
        cuts: list[QImage] = []
        made.captured.connect(cuts.append)
        made.show()
        sessions.append(made)
        return made, cuts

    yield make
    for made in sessions:
        for overlay in made.overlays:
            overlay.hide()
            overlay.deleteLater()


def test_a_drag_from_a_monitor_left_of_the_primary_onto_it_at_150_percent(session) -> None:  # noqa: ANN001
    # Qt at 150 %: the left monitor (960 px, native x = -960) is logical -960,0 640×480
    left = frozen(Screen.from_qt("left", (-960, 0, 640, 480), 1.5, "xcb"), seed=11)
    primary = frozen(Screen.from_qt("primary", (0, 0, 800, 600), 1.5, "xcb"), seed=99)
    capture, cuts = session([primary, left])
    overlay = capture.overlays[1]
    drag(overlay, QPoint(600, 100), QPoint(700, 200))  # released 60 logical units onto the primary
    assert len(cuts) == 1 and not capture.overlays, "one cut, and the overlays are gone"
    cut = cuts[0]
    assert (cut.width(), cut.height(), cut.devicePixelRatio()) == (150, 150, 1.0)
    assert cut.copy(QRect(0, 0, 60, 150)) == left.image.copy(QRect(900, 150, 60, 150))
    assert cut.copy(QRect(60, 0, 90, 150)) == primary.image.copy(QRect(0, 150, 90, 150))


def test_a_click_takes_the_whole_screen_and_esc_cancels(session, qtbot) -> None:  # noqa: ANN001
    left = frozen(Screen.from_qt("left", (-1920, 0, 1920, 1080), 1.0, "xcb"), seed=3)
    primary = frozen(Screen.from_qt("primary", (0, 0, 1280, 720), 2.0, "xcb"), seed=4)
    capture, cuts = session([primary, left])
    qtbot.mouseClick(capture.overlays[1], Qt.MouseButton.LeftButton, pos=QPoint(500, 500))
    assert cuts and cuts[0] == left.image
    capture, cuts = session([primary, left])
    cancelled: list[bool] = []
    capture.cancelled.connect(lambda: cancelled.append(True))
    qtbot.keyClick(capture.overlays[0], Qt.Key.Key_Escape)
    assert cancelled and not cuts and not capture.overlays


def test_a_drag_over_two_differently_scaled_mac_screens_is_refused_and_the_user_can_try_again(session, qtbot) -> None:  # noqa: ANN001
    retina = frozen(Screen.from_qt("retina", (0, 0, 400, 300), 2.0, "cocoa"), seed=5)
    plain = frozen(Screen.from_qt("plain", (400, 0, 500, 300), 1.0, "cocoa"), seed=6)
    capture, cuts = session([retina, plain])
    drag(capture.overlays[0], QPoint(300, 50), QPoint(480, 150))
    assert not cuts and capture.hint != HINT and "different scaling" in capture.hint
    assert all(overlay.isVisible() for overlay in capture.overlays), "the overlays stay for another try"
    drag(capture.overlays[0], QPoint(100, 50), QPoint(300, 150))  # within the Retina screen
    assert cuts and (cuts[0].width(), cuts[0].height()) == (400, 200)
    assert cuts[0] == retina.image.copy(QRect(200, 100, 400, 200))


def test_the_overlay_paints_the_frozen_screen_dimmed_and_the_selection_clear(session, qtbot) -> None:  # noqa: ANN001
    screen = frozen(Screen.from_qt("only", (0, 0, 400, 300), 1.0, "xcb"), seed=7)
    screen.image.fill(QColor("#ffffff"))
    screen.pixmap = QPixmap.fromImage(screen.image)
    capture, _cuts = session([screen])
    overlay = capture.overlays[0]
    overlay.resize(400, 300)
    qtbot.mousePress(overlay, Qt.MouseButton.LeftButton, pos=QPoint(100, 150))
    qtbot.mouseMove(overlay, QPoint(300, 250))
    shown = overlay.grab().toImage()
    dimmed, clear = QColor(shown.pixel(20, 280)), QColor(shown.pixel(200, 200))
    assert clear.name() == "#ffffff" and dimmed.lightness() < 200, "not see-through: the frozen picture, dimmed"
    assert overlay.accessibleName() == "Read from screen"


# -- the flow: window out of the way, grab, picture to the page, or a message ----------------


class StandInPage(QWidget):
    """What the flow uses of the Screenshot page: open_image, the navigator, its window."""

    def __init__(self) -> None:
        super().__init__()
        self.navigator = Navigator(self)
        self.images: list[QImage] = []
        self.notices: list[str] = []
        self.navigator.notice.connect(self.notices.append)

    def open_image(self, image: QImage) -> bool:
        self.images.append(image)
        return True


@pytest.fixture
def page(qtbot) -> StandInPage:  # noqa: ANN001
    page = StandInPage()
    qtbot.addWidget(page)
    page.show()
    return page


def run_flow(qtbot, page: StandInPage, situation: Situation, **settings: object) -> tuple[ScreenCapture, str]:  # noqa: ANN001
    flow = ScreenCapture(page)
    flow.situation = situation
    for name, value in settings.items():
        setattr(flow, name, value)
    with qtbot.waitSignal(flow.finished, timeout=30000) as finished:
        flow.start()
    return flow, finished.args[0]


@pytest.fixture
def portal(tmp_path: Path) -> Iterator:  # noqa: ANN201
    started: list[FakePortal] = []

    def start(mode: str, picture: QImage | bytes | None = None) -> tuple[FakePortal, Path]:
        source, saved = tmp_path / "source.png", tmp_path / "Pictures"
        saved.mkdir(exist_ok=True)
        if isinstance(picture, bytes):
            source.write_bytes(picture)
        else:
            (picture if picture is not None else pattern(120, 80, 1)).save(str(source))
        fake = FakePortal(tmp_path, mode, image=source, save_dir=saved)
        started.append(fake)
        return fake, saved

    yield start
    for fake in started:
        fake.stop()


@needs_dbus
@pytest.mark.parametrize("mode", ["ok", "wrong-handle"])
def test_wayland_reads_the_portals_picture_and_deletes_its_file(qtbot, page, portal, mode: str) -> None:  # noqa: ANN001
    fake, saved = portal(mode)
    flow, result = run_flow(qtbot, page, WAYLAND, portal_address=fake.address)
    assert result == "read" and len(page.images) == 1 and page.images[0] == pattern(120, 80, 1)
    assert list(saved.iterdir()) == [], "the screenshot the portal saved for us is deleted after reading"
    assert page.isVisible() and not page.isMinimized() and page.notices == []
    assert fake.calls()[0]["options"]["interactive"]["value"] is True


@needs_dbus
@pytest.mark.parametrize(("mode", "result", "words"), [
    ("cancel", "cancelled", "Screenshot cancelled"),
    ("ended", "failed", "closed without a picture"),
    ("silent", "failed", "did not answer within 1 seconds"),
    ("none", "failed", "no screenshot service"),
])
def test_wayland_failures_say_what_happened_and_what_to_do(qtbot, page, portal, mode, result, words) -> None:  # noqa: ANN001
    fake, _saved = portal(mode)
    _flow, finished = run_flow(qtbot, page, WAYLAND, portal_address=fake.address, portal_timeout_s=1.0)
    assert finished == result and page.images == []
    assert len(page.notices) == 1 and words in page.notices[0]
    if result == "failed":  # the desktop's own way instead, with its keys
        assert "Print Screen, choose Selection" in page.notices[0] and "paste with Ctrl+V" in page.notices[0]
    assert page.isVisible() and not page.isMinimized(), "the window is back"


@needs_dbus
def test_a_black_picture_from_the_portal_is_not_read(qtbot, page, portal) -> None:  # noqa: ANN001
    black = QImage(300, 200, QImage.Format.Format_RGB32)
    black.fill(QColor("black"))
    fake, _saved = portal("ok", black)
    _flow, result = run_flow(qtbot, page, WAYLAND, portal_address=fake.address)
    assert result == "failed" and page.images == []
    assert "one flat colour" in page.notices[0] and "Print Screen" in page.notices[0]


@needs_dbus
def test_a_file_the_guide_cannot_open_is_explained_and_left_in_place(qtbot, page, portal) -> None:  # noqa: ANN001
    fake, saved = portal("ok", b"<svg>not a PNG</svg>")
    _flow, result = run_flow(qtbot, page, WAYLAND, portal_address=fake.address)
    assert result == "failed" and page.images == []
    assert "could not be opened" in page.notices[0] and "<svg>" not in page.notices[0]
    assert len(list(saved.iterdir())) == 1, "a file the guide could not read is not deleted"


@needs_dbus
def test_a_blank_qt_grab_on_x11_goes_on_to_the_portal(qtbot, page, portal, monkeypatch) -> None:  # noqa: ANN001
    """What a refused grab looks like (all black, as on XWayland or without permission): never
    shown as a picture to read; the portal is asked instead."""
    black = QImage(800, 600, QImage.Format.Format_RGB32)
    black.fill(QColor("black"))
    refused = FrozenScreen(Screen.from_qt("x", (0, 0, 800, 600), 1.0, "xcb"), QPixmap.fromImage(black), black)
    monkeypatch.setattr(capture_flow, "freeze_screens", lambda: [refused])
    fake, _saved = portal("ok")
    _flow, result = run_flow(qtbot, page, Situation("linux", "xcb", "x11", desktop="KDE"), portal_address=fake.address)
    assert result == "read" and page.images[0] == pattern(120, 80, 1) and len(fake.calls()) == 1


def test_without_a_screen_to_read_the_user_is_told_the_system_way(qtbot, page, monkeypatch) -> None:  # noqa: ANN001
    for situation, keys in ((Situation("linux", "offscreen"), "screenshot tool"),):
        _flow, result = run_flow(qtbot, page, situation)
        assert result == "failed" and "without a desktop screen" in page.notices[-1] and keys in page.notices[-1]
    black = QImage(50, 50, QImage.Format.Format_RGB32)
    black.fill(QColor("black"))
    refused = FrozenScreen(Screen.from_qt("x", (0, 0, 50, 50), 1.0, "windows"), QPixmap.fromImage(black), black)
    monkeypatch.setattr(capture_flow, "freeze_screens", lambda: [refused])
    _flow, result = run_flow(qtbot, page, Situation("win32", "windows"))
    assert result == "failed" and "blank picture" in page.notices[-1] and "Win+Shift+S" in page.notices[-1]
    assert page.images == []


def test_the_window_steps_aside_while_the_screen_is_frozen(qtbot, page, monkeypatch) -> None:  # noqa: ANN001
    seen: list[bool] = []
    screen = frozen(Screen.from_qt("x", (0, 0, 200, 100), 1.0, "xcb"), seed=2)

    def freeze() -> list[FrozenScreen]:
        seen.append(page.isVisible())
        return [screen]

    monkeypatch.setattr(capture_flow, "freeze_screens", freeze)
    flow = ScreenCapture(page)
    flow.situation = Situation("linux", "xcb", "x11")
    assert flow.start() and not flow.start(), "one at a time"
    qtbot.waitUntil(lambda: flow.session is not None, timeout=5000)
    assert seen == [False], "the guide's own window is not in the frozen picture"
    with qtbot.waitSignal(flow.finished) as finished:
        qtbot.mouseClick(flow.session.overlays[0], Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert finished.args == ["read"] and page.images[0] == screen.image and page.isVisible()
