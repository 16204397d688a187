"""Issue 25 item 8 and issue 21 part 5: the Screenshot page has a heading, gives the picture
and the card room (a splitter that remembers its place), labels Recent's thumbnails with a
name and a time and shows the chosen one whole, keeps no photo without text, and writes
English over every line, translations and breakdowns included."""

from __future__ import annotations

from pathlib import Path

from helpers import screens
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QSplitter

from guide.core.context import AppContext
from guide.core.screen.ocr_client import OcrClient
from guide.ui.screenshot.page import ScreenshotPage

from .support import wait_read, window_with_page


def test_the_page_has_a_heading(page: ScreenshotPage) -> None:
    heading = page.findChild(QLabel, "screenshotHeading")
    assert heading is not None and heading.isVisible() and "Screenshot" in heading.text()


def test_every_labels_card_fits_beside_the_picture_at_1180_by_780(qtbot, context: AppContext, mockup_png: Path,  # noqa: ANN001
                                                                    shared_client: OcrClient, themed: str) -> None:
    """Its copy buttons needed scrolling: the card had ~200 px under the list."""
    window, page = window_with_page(qtbot, context, shared_client, 1180, 780)
    page.open_file(mockup_png)
    wait_read(qtbot, page)
    scroll = page.detail.parentWidget().parentWidget()
    labels = [i for i, line in enumerate(page.reading.lines) if line.label is not None]
    assert len(labels) >= 3
    for index in labels:
        page.select_line(index)
        QApplication.processEvents()
        assert scroll.verticalScrollBar().maximum() == 0, \
            f"{page.reading.lines[index].label.entry.zh}'s card (and its Copy buttons) needs scrolling"
    window.close()


def test_the_splitter_remembers_its_place(qtbot, context: AppContext, shared_client: OcrClient) -> None:  # noqa: ANN001
    window, page = window_with_page(qtbot, context, shared_client, 1180, 780)
    splitter = page.findChild(QSplitter, "screenshotSplitter")
    before = splitter.sizes()
    handle = splitter.handle(1)
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(120, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(120, 0))
    moved = splitter.sizes()
    assert moved[0] > before[0] + 60
    window.close()  # saves the settings
    again, page_again = window_with_page(qtbot, context, shared_client, 1180, 780)
    QApplication.processEvents()
    restored = page_again.findChild(QSplitter, "screenshotSplitter").sizes()
    assert abs(restored[0] - moved[0]) <= 4, (restored, moved)
    again.close()


def test_recent_thumbnails_have_a_name_and_time_and_the_chosen_one_shows_whole(qtbot, context: AppContext,  # noqa: ANN001
                                                                              tmp_path: Path, shared_client: OcrClient,
                                                                              themed: str) -> None:
    for size in ((800, 600), (1180, 780)):
        window, page = window_with_page(qtbot, context, shared_client, *size)
        for n in range(3):
            page.history.add_file(screens.save(screens.small(seed=n + 1), tmp_path / f"IMG_20{n}.png"))
        page.refresh_history()
        QApplication.processEvents()
        recent = page.history_list
        item = recent.item(1)
        assert item.text().startswith("IMG_201") and ":" in item.text().splitlines()[-1], item.text()
        recent.setCurrentItem(item)
        QApplication.processEvents()
        frame = recent.visualItemRect(item)
        assert recent.viewport().rect().contains(frame), f"{size}: the chosen thumbnail's frame is cut: {frame}"
        page.history.clear()
        window.close()


def test_a_photo_with_no_text_is_not_kept(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    photo = tmp_path / "sky.png"
    Image.linear_gradient("L").resize((600, 800)).convert("RGB").save(photo)
    page.open_file(photo)
    wait_read(qtbot, page)
    assert page.reading.lines == [] and "No text" in page.status.text()
    assert page.history.items() == [] and not page.history_row.isVisible()


def test_english_is_written_over_every_line_read(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    """Offline, the caption lines get a breakdown summary (the first sense of each word)."""
    path = screens.save(screens.clean(seed=2), tmp_path / "note.png")
    page.open_file(path)
    wait_read(qtbot, page)
    chinese = [i for i, line in enumerate(page.reading.lines) if line.label is not None or line.needs_translation]
    assert chinese and sorted(page.view._overlay_of) == chinese
    caption = next(i for i, line in enumerate(page.reading.lines) if line.needs_translation and not line.paragraph)
    english = page.view._overlay_of[caption].toolTip()
    first_senses = [w.meanings[0] for w in page.reading.lines[caption].translation.gloss if w.meanings]
    assert english and first_senses[0].split(";")[0] in english
