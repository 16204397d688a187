"""Read from screen on a real X server, driven like a user; run by
tests/ui/screenshot/test_read_from_screen_x11.py in its own process (the test process runs Qt
offscreen), with DISPLAY set to helpers/xvfb.py's two-monitor server and QT_SCALE_FACTOR=2.

Scene windows with known pixels and Chinese text sit on the LEFT monitor (left of the primary)
and across the two monitors; the guide's window is placed over the first one, so a capture that
forgot to hide it would show the guide instead. Each scenario asks the way a user would (the
key, the page's button, the File menu), drags over the frozen screen with QTest mouse events
and reports what came out; the last line printed is JSON for the test to check. One OCR worker,
started by the Screenshot page, serves every scenario.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from guide.core.context import build_context
from guide.ui.screenshot.capture_flow import ScreenCapture
from guide.ui.shell.app import make_application
from guide.ui.shell.main_window import MainWindow

LINES = ("关注", "收藏", "评论")  # UI labels the glossary explains
BLOCKS = (("#e53935", 0), ("#43a047", 1), ("#1e88e5", 2))  # known colours: (colour, slot)
TIMEOUT_MS = 60000


class Scene(QWidget):
    """A frameless window of known content: three colour blocks and lines of Chinese."""

    def __init__(self, text: str, x: int, y: int, width: int, height: int,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.text = text
        self.align = align
        self.setGeometry(x, y, width, height)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        for colour, slot in BLOCKS:  # spread over the width: left, middle, right
            painter.fillRect(QRect(16 + slot * (self.width() - 68) // 2, 16, 36, 36), QColor(colour))
        font = QFont("Noto Sans CJK SC")
        font.setPixelSize(30)
        painter.setFont(font)
        painter.setPen(QColor("#222222"))
        painter.drawText(QRect(16, 64, self.width() - 32, self.height() - 72), self.align, self.text)
        painter.end()


def wait(condition, what: str) -> None:  # noqa: ANN001
    """Run the event loop until `condition()` holds; a generous deadline only catches hangs."""
    for _ in range(TIMEOUT_MS // 20):
        if condition():
            return
        QTest.qWait(20)
    raise SystemExit(f"timed out waiting for {what}")


def differing(a: QImage, b: QImage) -> int:
    """Pixels that differ between two pictures of the same size (-1 when the sizes differ)."""
    if a.size() != b.size():
        return -1
    a, b = a.convertToFormat(QImage.Format.Format_RGB32), b.convertToFormat(QImage.Format.Format_RGB32)
    if a == b:
        return 0
    return sum(1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y))


def press_key(window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def click_button(window: MainWindow) -> None:
    QTest.mouseClick(window.pages["screenshot"].screen_button, Qt.MouseButton.LeftButton)


def choose_menu_item(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    next(a for a in file_menu.actions() if a.text() == "&Read from screen…").trigger()


def start_capture(window: MainWindow, how=press_key) -> tuple[ScreenCapture, list[QImage]]:  # noqa: ANN001
    """Ask for Read from screen the way a user would, then wait for the frozen screens."""
    wait(window.isActiveWindow, "the guide's window to be active again")
    how(window)
    page = window.pages["screenshot"]
    wait(lambda: page.findChild(ScreenCapture) is not None and page.findChild(ScreenCapture).session is not None,
         "the capture overlays")
    flow = page.findChild(ScreenCapture)
    cuts: list[QImage] = []
    flow.session.captured.connect(cuts.append)
    return flow, cuts


def overlay_for(flow: ScreenCapture, name: str) -> QWidget:
    return next(o for o in flow.session.overlays if o.frozen.layout.name == name)


def drag(overlay: QWidget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(overlay, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(overlay, (start + end) / 2)
    QTest.mouseMove(overlay, end)
    QTest.mouseRelease(overlay, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def main(out_dir: Path) -> dict:
    app = make_application()
    context = build_context()
    context.settings.offline_only = True  # tests never touch the internet
    context.settings.first_run_done = True
    screens = {s.name(): s for s in app.screens()}
    left = screens["LEFT"].geometry()
    scene = Scene("\n".join(LINES), left.x() + 40, left.y() + 40, 300, 200)  # wholly on LEFT
    # Its right half is on RIGHT: the middle block straddles the edge, the text is all on RIGHT.
    span = Scene("评论", left.right() - 150, left.y() + 260, 300, 120, Qt.AlignmentFlag.AlignRight)
    for shown in (scene, span):
        shown.show()
    window = MainWindow(context)
    window.setGeometry(left.x() + 20, left.y() + 20, 460, 240)  # over the scene: must step aside
    window.show()
    window.show_page("screenshot")
    window.activateWindow()
    wait(lambda: scene.isVisible() and window.isActiveWindow(), "the windows")
    QTest.qWait(200)
    report: dict = {"screens": {n: [s.geometry().getRect(), s.devicePixelRatio()] for n, s in screens.items()}}
    page = window.pages["screenshot"]

    # 1. A drag on the LEFT monitor over the scene's text → read on the Screenshot page.
    flow, cuts = start_capture(window)
    report["window_hidden_while_selecting"] = not window.isVisible()
    origin = scene.geometry().topLeft() - left.topLeft()  # the scene in LEFT's overlay
    drag(overlay_for(flow, "LEFT"), origin + QPoint(8, 8), origin + QPoint(292, 192))
    wait(lambda: bool(cuts) and page.reading is not None and not page.is_busy(), "the reading")
    expected = scene.grab().toImage().copy(QRect(16, 16, 568, 368))  # (8,8)-(292,192) at scale 2
    cuts[0].save(str(out_dir / "left.png"))
    report["left"] = {"size": [cuts[0].width(), cuts[0].height()], "differing": differing(cuts[0], expected),
                      "lines": [page.lines.item(i).text() for i in range(page.lines.count())],
                      "history": page.history_list.count(), "window_back": window.isVisible()}

    # 2. A drag that starts on LEFT and ends on RIGHT: one picture, cut from both screens.
    flow, cuts = start_capture(window)
    origin = span.geometry().topLeft() - left.topLeft()
    drag(overlay_for(flow, "LEFT"), origin, origin + QPoint(span.width(), span.height()))
    wait(lambda: bool(cuts), "the cut across two monitors")
    cuts[0].save(str(out_dir / "span.png"))
    report["span"] = {"size": [cuts[0].width(), cuts[0].height()],
                      "differing": differing(cuts[0], span.grab().toImage())}
    wait(lambda: not page.is_busy(), "the second reading")

    # 3. Esc leaves everything as it was (started from the page's button this time).
    flow, cuts = start_capture(window, click_button)
    QTest.keyClick(overlay_for(flow, "RIGHT"), Qt.Key.Key_Escape)
    wait(lambda: window.isVisible(), "the window after Esc")
    report["escape"] = {"cuts": len(cuts), "history": page.history_list.count()}

    # 4. A click without dragging on RIGHT takes that whole screen (started from the File menu).
    flow, cuts = start_capture(window, choose_menu_item)
    right_overlay = overlay_for(flow, "RIGHT")
    QTest.mouseClick(right_overlay, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 200))
    wait(lambda: bool(cuts), "the whole-screen cut")
    report["click"] = {"size": [cuts[0].width(), cuts[0].height()]}
    wait(lambda: not page.is_busy(), "the last reading")
    window.close()
    return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))), flush=True)
