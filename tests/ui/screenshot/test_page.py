"""The Screenshot page driven like a user: paste a picture, see progress, boxes and lines,
click a box for its label card, toggle the English overlay, open the matched step; a dead
OCR worker and a missing [ocr] extra are explained; the main window routes Ctrl+6, a pasted
picture and Clear history to it."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason='needs the [ocr] extra: pip install ".[ocr]"')
from helpers import screens  # noqa: E402
from helpers.plain_text import unsafe_text  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLabel, QListWidget

from guide.core.context import AppContext
from guide.core.screen.ocr_client import OcrClient, ocr_available
from guide.ui.screenshot.page import ScreenshotPage
from guide.ui.shell.navigator import Navigator

from .support import no_ocr, wait_read, window_with_page

pytestmark = pytest.mark.skipif(not ocr_available(), reason="needs the [ocr] extra")


def test_paste_shows_progress_then_boxes_lines_and_the_matched_step(qtbot, page: ScreenshotPage, mockup_png: Path) -> None:  # noqa: ANN001
    QGuiApplication.clipboard().setImage(QImage(str(mockup_png)))
    assert page.paste()
    assert page.progress.isVisible() and page.findChild(type(page.cancel_button), "screenshotCancel").isVisible()
    wait_read(qtbot, page)
    assert not page.progress.isVisible()
    lines = page.findChild(QListWidget, "screenshotLines")
    assert lines.count() == len(page.reading.lines) > 5
    assert len(page.view.boxes) == lines.count()
    texts = [lines.item(i).text() for i in range(lines.count())]
    assert any("谁可以看" in t and "Who can see" in t for t in texts)
    match = page.findChild(QLabel, "screenshotMatch")
    assert match.isVisible() and "step 9" in match.text()
    opened = []
    page.navigator.look_at_step.connect(lambda w, s: opened.append((w, s)))
    qtbot.mouseClick(page.match_button, Qt.MouseButton.LeftButton)
    assert opened == [("first-note", page.reading.screen.step.id)]
    assert page.history_list.count() == 1  # kept in history


def test_click_a_box_shows_its_label_card_and_the_overlay_toggles(qtbot, page: ScreenshotPage, mockup_png: Path) -> None:  # noqa: ANN001
    page.open_file(mockup_png)
    wait_read(qtbot, page)
    index = next(i for i, line in enumerate(page.reading.lines) if line.label and line.label.entry.zh == "公开")
    box = page.view.boxes[index]
    point = page.view.mapFromScene(box.rect().center())
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.lines.currentRow() == index
    card = page.detail.findChild(QLabel, "cardZh")
    assert card is not None and card.text() == "公开"
    assert page.view.overlays and all(item.isVisible() for item in page.view.overlays)
    page.english_toggle.setChecked(False)
    assert not any(item.isVisible() for item in page.view.overlays)
    other = next(i for i, line in enumerate(page.reading.lines) if line.needs_translation)
    page.lines.setCurrentRow(other)
    zh = page.detail.findChild(QLabel, "cardZh")
    assert zh.text() == page.reading.lines[other].text
    assert any("Offline" in label.text() or "offline" in label.text() for label in page.detail.findChildren(QLabel))
    assert unsafe_text(page) == [], "OCR text, its English and file names are never rich text"


def test_worker_killed_mid_read_is_explained_and_the_next_read_works(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    path = screens.save(screens.small(seed=2), tmp_path / "small.png")
    client = page.reader.client
    client.ping()  # a worker that is up and reading, not one still starting (run alone, it would be cold)
    original = client.read
    client.read = lambda p, debug_sleep=0.0, **kw: original(p, debug_sleep=30, **kw)  # type: ignore[method-assign]
    try:
        page.open_file(path)
        qtbot.waitUntil(lambda: client._lock.locked() and client.pid is not None, timeout=30000)
        os.kill(client.pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: not page.is_busy(), timeout=30000)
    finally:
        client.read = original  # type: ignore[method-assign]
    assert "stopped while reading" in page.status.text()
    page.open_file(path, remember=False)
    wait_read(qtbot, page)
    assert page.reading.lines


def test_cancel_stops_the_read(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    path = screens.save(screens.small(seed=3), tmp_path / "small.png")
    client = page.reader.client
    original = client.read
    client.read = lambda p, debug_sleep=0.0, **kw: original(p, debug_sleep=30, **kw)  # type: ignore[method-assign]
    try:
        page.open_file(path)
        qtbot.waitUntil(lambda: client._lock.locked(), timeout=30000)
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)
    finally:
        client.read = original  # type: ignore[method-assign]
    assert "Stopped" in page.status.text() and not page.progress.isVisible()


def test_without_the_extra_the_page_says_what_to_install(qtbot, context: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # noqa: ANN001
    import guide.ui.screenshot.page as module

    monkeypatch.setattr(module, "ocr_available", lambda: False)
    page = ScreenshotPage(context, Navigator())
    qtbot.addWidget(page)
    assert 'pip install "rednote-guide[ocr]"' in page.status.text()
    path = screens.save(screens.small(seed=1), tmp_path / "s.png")
    assert not page.open_file(path) and 'pip install "rednote-guide[ocr]"' in page.status.text()
    page.shutdown()


def test_main_window_routes_ctrl_6_a_pasted_picture_and_clear_history(qtbot, context: AppContext, tmp_path: Path,  # noqa: ANN001
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      request: pytest.FixtureRequest) -> None:
    from PySide6.QtWidgets import QMessageBox

    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    from PySide6.QtGui import QKeySequence, QShortcut

    ctrl6 = [s for s in window.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+6")]
    assert len(ctrl6) == 1
    ctrl6[0].activated.emit()
    assert window.current_page_name() == "screenshot"
    window.show_page("glossary")
    page = window.pages["screenshot"]
    no_ocr(page)
    path = screens.save(screens.small(seed=1), tmp_path / "pasted.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    QGuiApplication.clipboard().setMimeData(mime)
    request.addfinalizer(QGuiApplication.clipboard().clear)  # Qt owns the data: freed at exit it crashes the process
    qtbot.keyClick(window.pages["glossary"], Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_name() == "screenshot"
    qtbot.waitUntil(lambda: page.history_list.count() == 1)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.clear_history()
    assert page.history_list.count() == 0 and page.history.items() == []
    window.close()


def test_the_translator_pages_clear_button_removes_screenshots_too(qtbot, context: AppContext, tmp_path: Path,  # noqa: ANN001
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("screenshot")
    no_ocr(page)
    page.open_file(screens.save(screens.small(seed=2), tmp_path / "kept.png"))
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)
    assert page.history.items()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.show_page("translator").findChild(QPushButton, "translatorClearHistory").click()
    assert page.history.items() == [], "Clear history and cache on the Translator page kept the screenshots"
    window.close()


def test_every_control_is_named_and_described_for_screen_readers(qtbot, page: ScreenshotPage, mockup_png: Path) -> None:  # noqa: ANN001
    from ui.test_accessibility_and_safety import what_a_screen_reader_misses

    page.open_file(mockup_png)
    wait_read(qtbot, page)
    page.select_line(next(i for i, line in enumerate(page.reading.lines) if line.label))
    assert what_a_screen_reader_misses(page) == []
    page.select_line(next(i for i, line in enumerate(page.reading.lines) if line.needs_translation))
    assert what_a_screen_reader_misses(page) == []


def test_the_newest_picture_wins(qtbot, page: ScreenshotPage, mockup_png: Path, tmp_path: Path) -> None:  # noqa: ANN001
    first = screens.save(screens.small(seed=5), tmp_path / "first.png")
    client = page.reader.client
    original = client.read
    client.read = lambda p, debug_sleep=0.0, **kw: original(p, debug_sleep=30 if Path(p).name.endswith("first.png") else 0, **kw)  # type: ignore[method-assign]
    try:
        page.open_file(first, remember=False)
        qtbot.waitUntil(lambda: client._lock.locked(), timeout=30000)
        page.open_file(mockup_png, remember=False)
        wait_read(qtbot, page)
    finally:
        client.read = original  # type: ignore[method-assign]
    assert page.current_path == mockup_png and page.reading.image == mockup_png
    assert page.reading.screen is not None


def test_a_picture_dropped_anywhere_on_the_window_is_read(qtbot, context: AppContext, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.page("screenshot")
    no_ocr(page)
    path = screens.save(screens.small(seed=1), tmp_path / "dropped.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    target = window.nav.viewport()
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert window.current_page_name() == "screenshot"
    qtbot.waitUntil(lambda: page.current_path is not None)  # kept off the window's thread
    assert page.current_path.read_bytes() == path.read_bytes()  # the kept copy
    text_mime = QMimeData()
    text_mime.setText("just text")
    text_enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, text_mime, Qt.MouseButton.NoButton,
                                 Qt.KeyboardModifier.NoModifier)
    text_enter.ignore()
    QApplication.sendEvent(target, text_enter)
    assert not text_enter.isAccepted()  # text drops go where they always went
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)
    window.close()


def test_file_open_screenshot_reads_the_chosen_file(qtbot, context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QFileDialog

    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    path = screens.save(screens.small(seed=1), tmp_path / "chosen.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    action = next(a for a in window.findChildren(QAction) if a.text() == "&Open screenshot…")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    page = window.page("screenshot")
    no_ocr(page)
    action.trigger()
    assert window.current_page_name() == "screenshot"
    qtbot.waitUntil(lambda: page.current_path is not None)
    assert page.current_path.read_bytes() == path.read_bytes()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)
    window.close()


def test_opening_a_recent_screenshot_again_needs_no_ocr(qtbot, page: ScreenshotPage, mockup_png: Path) -> None:  # noqa: ANN001
    page.open_file(mockup_png)
    wait_read(qtbot, page)
    first = [line.text for line in page.reading.lines]
    client = page.reader.client
    original = client.read
    client.read = lambda p, debug_sleep=0.0, **kw: (_ for _ in ()).throw(AssertionError("OCR asked again"))  # type: ignore[method-assign]
    try:
        page.reading = None
        item = page.history_list.item(0)
        page.history_list.itemClicked.emit(item)
        wait_read(qtbot, page)
    finally:
        client.read = original  # type: ignore[method-assign]
    assert [line.text for line in page.reading.lines] == first and page.reading.screen is not None


def test_a_wrapped_sentence_is_explained_as_one(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    path = screens.save(screens.clean(seed=2), tmp_path / "note.png")
    page.open_file(path)
    wait_read(qtbot, page)
    second = next(i for i, line in enumerate(page.reading.lines) if line.text.startswith("必点的"))
    assert page.reading.lines[second].paragraph == [second - 1, second]
    page.select_line(second)
    note = page.detail.findChild(QLabel, "screenshotParagraph")
    assert note is not None and "这家店的甜品也很好吃，芒果班戟和杨枝甘露都是必点的" in note.text()
    assert page.detail.findChild(QLabel, "cardZh").text() == page.reading.lines[second].text


def test_dialogs_keep_their_own_drops(qtbot, context: AppContext, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    dialog = QDialog(window)
    field = QLineEdit(dialog)  # takes dropped text, not files
    dialog.show()
    path = screens.save(screens.small(seed=1), tmp_path / "dragged.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(2, 2), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(field, enter)
    assert not enter.isAccepted()  # the window's picture drop does not reach into dialogs
    assert window.current_page_name() != "screenshot" and "screenshot" not in window.pages
    dialog.close()
    window.close()


def test_every_control_can_be_reached_with_tab(qtbot, context: AppContext, mockup_png: Path, shared_client: OcrClient) -> None:  # noqa: ANN001
    from ui.test_accessibility_and_safety import _tab_chain, visible_controls

    window, page = window_with_page(qtbot, context, shared_client)
    page.open_file(mockup_png)
    wait_read(qtbot, page)
    page.select_line(0)
    reachable = set(map(id, _tab_chain(window, window.nav)))
    controls = [w for w in visible_controls(page, window) if w.isEnabled()]
    assert controls and [w.objectName() or w.accessibleName() for w in controls if id(w) not in reachable] == []
    window.close()
