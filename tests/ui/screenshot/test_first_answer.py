"""Issue 27 item 2: the first answer to a screenshot comes fast. The OCR worker starts when
the Screenshot page is shown or a picture is copied while the app is in front (saying
nothing), and lines are shown as they are read, before the whole picture is done."""

from __future__ import annotations

from pathlib import Path

from helpers import screens
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

from guide.core.context import AppContext
from guide.ui.screenshot.page import ScreenshotPage
from guide.ui.shell.navigator import Navigator

from .support import wait_read


def test_showing_the_page_starts_the_worker_quietly(qtbot, context: AppContext) -> None:  # noqa: ANN001
    page = ScreenshotPage(context, Navigator())
    qtbot.addWidget(page)
    client = page.reader.client
    status = page.status.text()
    assert client.pid is None  # built, not yet shown: nothing started
    page.show()
    qtbot.waitUntil(lambda: client.pid is not None and not client._lock.locked(), timeout=60000)
    assert client.starts == 1 and page.reading is None and not page.is_busy()
    assert page.status.text() == status and not page.progress.isVisible()  # nothing said about it
    page.shutdown()
    qtbot.waitUntil(lambda: client.pid is None, timeout=60000)  # ended off the window's thread


def test_a_picture_copied_while_the_app_is_in_front_starts_the_worker(qtbot, context: AppContext,  # noqa: ANN001
                                                                      request, monkeypatch) -> None:
    from guide.ui.screenshot.warmup import ocr_client_for
    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.applicationState().name == "ApplicationActive")
    request.addfinalizer(QGuiApplication.clipboard().clear)
    client = ocr_client_for(context)
    QGuiApplication.clipboard().setText("just some text")
    qtbot.wait(300)
    assert client.pid is None, "copied text started the OCR worker"
    picture = QImage(64, 64, QImage.Format.Format_RGB32)
    picture.fill(0xFFFFFF)
    QGuiApplication.clipboard().setImage(picture)
    qtbot.waitUntil(lambda: client.pid is not None, timeout=60000)
    client.close()
    with monkeypatch.context() as patch:  # copied in another app, the guide in the background: not yet
        patch.setattr(QGuiApplication, "applicationState", lambda: Qt.ApplicationState.ApplicationInactive)
        QGuiApplication.clipboard().setImage(picture)
        qtbot.wait(300)
        assert client.pid is None
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)  # it comes to the front
    qtbot.waitUntil(lambda: client.pid is not None, timeout=60000)
    assert "screenshot" not in window.pages  # the page itself is built only when it is shown
    assert window.show_page("screenshot").reader.client is client  # and then reads with that worker
    window.close()
    assert client.pid is None  # and it ends with the window


def test_lines_show_as_they_are_read(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    path = screens.save(screens.clean(seed=6), tmp_path / "note.png")
    page.reader.client.ping()
    early: list[int] = []
    page.lines.model().rowsInserted.connect(lambda *_: early.append(page.lines.count()) if page.reading is None else None)
    page.open_file(path)
    wait_read(qtbot, page)
    assert early, "no line was shown before the whole picture was read"
    assert min(early) < len(page.reading.lines)
    assert page.lines.count() == len(page.reading.lines) and len(page.view.boxes) == len(page.reading.lines)
