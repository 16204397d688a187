"""Render README's Read from screen picture: a phone mirrored on the desktop, the guide's
overlay over the frozen screen, a drag in progress. It needs a real X server (the overlay is a
real window), e.g. Xvfb, and a fresh temporary profile:

    Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &
    DISPLAY=:99 python resources/make_read_screen_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "screenshots" / "read-from-screen.png"
MOCKUP = ROOT / "content" / "rednote" / "images" / "home-tour-8-open-note.svg"


def main() -> int:
    tmp = tempfile.mkdtemp()
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = str(Path(tmp) / name.lower())
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from guide.core.context import build_context
    from guide.ui.screenshot.capture_flow import ScreenCapture
    from guide.ui.shell.app import make_application
    from guide.ui.shell.main_window import MainWindow

    app = make_application()
    screen = app.primaryScreen().geometry()

    class Desktop(QWidget):
        """A plain desktop with a phone mirrored on it (the pack's own mockup)."""

        def paintEvent(self, event) -> None:  # noqa: ANN001, N802
            painter = QPainter(self)
            sky = QLinearGradient(0, 0, 0, self.height())
            sky.setColorAt(0, QColor("#3b4a6b"))
            sky.setColorAt(1, QColor("#9aa7c7"))
            painter.fillRect(self.rect(), sky)
            phone = QRect(420, 60, 330, 700)
            painter.fillRect(phone.adjusted(-12, -12, 12, 12), QColor("#111111"))
            QSvgRenderer(str(MOCKUP)).render(painter, phone)
            painter.setPen(QColor("white"))
            font = QFont()
            font.setPixelSize(15)
            painter.setFont(font)
            painter.drawText(QRect(phone.left(), phone.bottom() + 16, phone.width(), 24), Qt.AlignmentFlag.AlignCenter,
                             "Phone mirroring")
            painter.end()

    desktop = Desktop(None, Qt.WindowType.FramelessWindowHint)
    desktop.setGeometry(screen)
    desktop.show()
    context = build_context()
    context.settings.offline_only = True
    context.settings.first_run_done = True
    window = MainWindow(context)
    window.setGeometry(40, 80, 900, 640)
    window.show()
    window.show_page("screenshot")
    for _ in range(50):
        QTest.qWait(20)
    window.read_from_screen()
    page = window.pages["screenshot"]
    for _ in range(250):
        flow = page.findChild(ScreenCapture)
        if flow is not None and flow.session is not None:
            break
        QTest.qWait(20)
    else:
        print("the overlay did not appear", file=sys.stderr)
        return 1
    overlay = flow.session.overlays[0]
    QTest.mousePress(overlay, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(426, 470))
    QTest.mouseMove(overlay, QPoint(600, 560))
    QTest.mouseMove(overlay, QPoint(744, 694))
    QTest.qWait(300)
    shot = app.primaryScreen().grabWindow(0)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    ok = shot.save(str(TARGET))
    print(f"{TARGET.relative_to(ROOT)}: {'ok' if ok else 'FAILED'}")
    flow.session.cancel()
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
