"""Red-team H4, M1 and L3: no picture is decoded, encoded or copied on the window's thread.
A heartbeat timer on the UI thread (10 ms) must never stall more than 200 ms while a
scan-bomb JPEG is opened or sits in Recent, a 36-megapixel picture is opened or pasted, or a
190 MB file that is a small PNG plus trailing bytes is opened; that file is kept as its
pixels, and a paste still reads when the data folder cannot take it."""

from __future__ import annotations

from pathlib import Path

from helpers import screens
from helpers.heartbeat import Heartbeat
from helpers.scan_bomb import scan_bomb
from PIL import Image
from PySide6.QtGui import QImage, QPainter

from guide.core.context import AppContext
from guide.core.screen.ocr_client import OcrClient
from guide.ui.screenshot.page import ScreenshotPage
from guide.ui.shell.navigator import Navigator

from .support import no_ocr, use_client, wait_read

STALL_MS = 200


def settle(qtbot, page: ScreenshotPage) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=120000)
    qtbot.wait(300)  # the preview and thumbnails, decoded in the background, arrive


def test_a_scan_bomb_jpeg_is_refused_without_freezing_the_window(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    bomb = scan_bomb(tmp_path / "holiday.jpg", 2000)
    with Heartbeat() as beat:
        page.open_file(bomb)
        settle(qtbot, page)
    assert beat.longest_ms <= STALL_MS, f"the window froze {beat.longest_ms} ms"
    assert "holiday.jpg" in page.status.text() and "scans" in page.status.text()
    assert page.history.items() == []


def _open_page(qtbot, context: AppContext) -> tuple[ScreenshotPage, int]:  # noqa: ANN001
    """A page built and shown, as at start when it was the last page: (page, longest stall)."""
    with Heartbeat() as beat:
        page = ScreenshotPage(context, Navigator())
        qtbot.addWidget(page)
        no_ocr(page)
        page.show()
        qtbot.wait(500)
    return page, beat.longest_ms


def test_a_scan_bomb_already_in_recent_does_not_freeze_the_page(qtbot, context: AppContext) -> None:  # noqa: ANN001
    """Kept by an older version. Measured against the same page built with an ordinary picture in
    Recent (building a page has its own cost on a busy machine)."""
    folder = context.data_dir / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    screens.save(screens.small(seed=1), folder / "01700000000000000000-0123456789.png")
    page, floor = _open_page(qtbot, context)
    page.shutdown()
    scan_bomb(folder / "01700000000000000001-0123456780.jpg", 2000)
    page, stall = _open_page(qtbot, context)
    try:
        assert stall <= floor + STALL_MS, f"the window froze {stall} ms ({floor} ms without the bomb)"
        assert page.history_list.count() == 2  # still listed (Clear history removes it), never decoded
    finally:
        page.shutdown()


def big_picture(width: int = 6000, height: int = 6000) -> QImage:
    """36 megapixels with shapes on it (noise would make the test itself take a minute)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFFF5F0)
    painter = QPainter(image)
    for n in range(0, width, 97):
        painter.fillRect(n, (n * 7) % height, 60, 400, 0x2040A0 + n)
    painter.end()
    return image


def test_a_36_megapixel_file_opens_without_freezing_the_window(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "huge.png"
    big_picture().save(str(path))
    no_ocr(page)
    with Heartbeat() as beat:
        page.open_file(path)
        settle(qtbot, page)
    assert beat.longest_ms <= STALL_MS, f"the window froze {beat.longest_ms} ms"
    assert page.view.has_picture() and page.current_path is not None


def test_a_pasted_36_megapixel_picture_is_kept_without_freezing_the_window(qtbot, page: ScreenshotPage) -> None:  # noqa: ANN001
    image = big_picture()
    no_ocr(page)
    with Heartbeat() as beat:
        assert page.open_image(image)
        settle(qtbot, page)
    assert beat.longest_ms <= STALL_MS, f"the window froze {beat.longest_ms} ms"
    kept = page.history.items()
    assert len(kept) == 1 and Image.open(kept[0]).size == (6000, 6000)


def test_a_small_png_with_190_mb_of_trailing_bytes_is_kept_as_its_pixels(qtbot, page: ScreenshotPage, tmp_path: Path) -> None:  # noqa: ANN001
    padded = screens.save(screens.small(seed=1), tmp_path / "padded.png")
    with padded.open("r+b") as handle:
        handle.truncate(190 * 1024 * 1024)  # sparse: costs no disk here
    no_ocr(page)
    with Heartbeat() as beat:
        page.open_file(padded)
        settle(qtbot, page)
    assert beat.longest_ms <= STALL_MS, f"the window froze {beat.longest_ms} ms"
    kept = page.history.items()
    assert len(kept) == 1 and kept[0].stat().st_size < 2 * 1024 * 1024, "the junk was copied into Recent"


def test_a_paste_is_read_when_the_data_folder_cannot_take_it(qtbot, context: AppContext,  # noqa: ANN001
                                                             shared_client: OcrClient, mockup_png: Path) -> None:
    folder = context.data_dir / "screenshots"
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be")  # unwritable, even for root
    page = ScreenshotPage(context, Navigator())
    qtbot.addWidget(page)
    use_client(page, shared_client)
    page.show()
    try:
        assert page.open_image(QImage(str(mockup_png)))
        wait_read(qtbot, page)
        assert page.reading.lines and page.status.property("error") is not True
        assert "not kept in recent" in page.status.text().lower()  # and says so
        spare = page.current_path
    finally:
        page.shutdown()
    assert not spare.exists()  # the spare copy goes with the app
