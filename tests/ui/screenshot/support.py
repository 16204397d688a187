"""Helpers for the Screenshot page's tests (fixtures are in conftest.py)."""

from __future__ import annotations

from guide.core.context import AppContext
from guide.core.screen.ocr_client import OcrCancelled, OcrClient
from guide.ui.screenshot.page import ScreenshotPage


def use_client(page: ScreenshotPage, client: OcrClient) -> None:
    """The page reads with `client`, and leaves it running when it shuts down."""
    if page.reader.client is not client:
        page.reader.client.close()
        page.reader.client = client
    page.runner.shutdown = lambda wait_ms=3000: page.runner.pool.waitForDone(wait_ms)


class _NoOcr(OcrClient):
    """Reads end at once, as if cancelled; no worker is ever started."""

    def read(self, path, debug_sleep: float = 0.0, on_lines=None):  # noqa: ANN001, ANN201
        raise OcrCancelled("not needed in this test")

    def warm(self) -> bool:
        return False


def no_ocr(page: ScreenshotPage) -> None:
    """For tests of what happens before and around a read. Call it before the page's first
    event loop turn (its worker warms up then); the shared worker is left alone."""
    page.reader.client = _NoOcr()


def wait_read(qtbot, page: ScreenshotPage) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: page.reading is not None and not page.is_busy(), timeout=60000)


def window_with_page(qtbot, context: AppContext, client: OcrClient, width: int = 1180, height: int = 780):  # noqa: ANN001, ANN201
    """The main window at a size, on the Screenshot page, reading with `client`: (window, page)."""
    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("screenshot")
    use_client(page, client)
    return window, page

