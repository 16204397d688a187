"""Issue 25 items 6 and 7: a refused picture clears the page and says why there, naming the
file (not in the notice bar, not with its folder); Clear history and cache asked from the
Screenshot page keeps the page, clears what it shows, and Enter does not delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from guide.core.context import AppContext
from guide.core.screen.ocr_client import OcrClient
from guide.ui.screenshot.page import ScreenshotPage

from .support import wait_read, window_with_page


def shows_nothing(page: ScreenshotPage) -> bool:
    return (not page.view.has_picture() and page.lines.count() == 0 and page.view.boxes == []
            and not page.match_label.isVisible() and page.current_path is None and page.reading is None)


def test_a_refused_file_clears_the_page_and_is_explained_there_by_name(qtbot, page: ScreenshotPage,  # noqa: ANN001
                                                                       mockup_png: Path, tmp_path: Path) -> None:
    notices: list[str] = []
    page.navigator.notice.connect(notices.append)
    page.open_file(mockup_png)
    wait_read(qtbot, page)
    assert page.view.has_picture() and page.lines.count() > 0
    folder = tmp_path / "Holiday snaps"
    folder.mkdir()
    bad = folder / "beach day.png"
    bad.write_text("not a picture")
    page.open_file(bad)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)
    assert shows_nothing(page), "the previous picture is still shown, as if it were the refused one"
    status = page.status.text()
    assert "beach day.png" in status and "not a picture" in status and str(folder) not in status
    assert page.status.property("error") is True
    assert notices == [], "a refusal went to the window's notice bar"
    assert len(page.history.items()) == 1  # the refused file is not kept


def test_a_refused_paste_is_explained_on_the_page_only(qtbot, page: ScreenshotPage,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import guide.ui.screenshot.page as module

    notices: list[str] = []
    page.navigator.notice.connect(notices.append)
    monkeypatch.setattr(module, "MAX_PIXELS", 10_000)  # a real 40-megapixel picture costs 160 MB in a test
    big = QImage(200, 100, QImage.Format.Format_RGB32)
    big.fill(0xFFFFFF)
    assert not page.open_image(big)
    assert shows_nothing(page) and "pasted picture is too large" in page.status.text() and notices == []
    assert page.history.items() == []


def _answer_question(qtbot, button: QMessageBox.StandardButton | None, seen: dict) -> None:  # noqa: ANN001
    """When the question shows: note its default button, then press Enter or click `button`."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["default"] = box.standardButton(box.defaultButton())
        if button is None:
            qtbot.keyClick(box, "\r")
        else:
            box.button(button).click()

    QTimer.singleShot(0, answer)


def test_clear_history_from_the_screenshot_page_stays_there_and_clears_it(qtbot, context: AppContext,  # noqa: ANN001
                                                                         mockup_png: Path, tmp_path: Path,
                                                                         shared_client: OcrClient) -> None:
    from PySide6.QtGui import QAction

    window, page = window_with_page(qtbot, context, shared_client)
    page.open_file(mockup_png)
    wait_read(qtbot, page)
    clear = next(a for a in window.findChildren(QAction) if a.text() == "&Clear history and cache…")
    seen: dict = {}
    _answer_question(qtbot, None, seen)  # Enter
    clear.trigger()
    assert seen["default"] == QMessageBox.StandardButton.Cancel, "Enter would delete everything"
    assert page.history.items() and page.view.has_picture(), "Enter deleted the history"
    _answer_question(qtbot, QMessageBox.StandardButton.Yes, seen)
    clear.trigger()
    assert window.current_page_name() == "screenshot", "Clear history jumped to another page"
    assert page.history.items() == [] and page.history_list.count() == 0
    assert shows_nothing(page), "the deleted picture and its lines are still shown"
    window.close()
