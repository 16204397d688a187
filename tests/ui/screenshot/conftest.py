"""The Screenshot page's tests share one warm OCR worker (a cold start costs a second or
two) and the pictures they read (helpers in support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason='needs the [ocr] extra: pip install ".[ocr]"')
from helpers.screens import render_svg  # noqa: E402

from guide.core.context import AppContext, build_context  # noqa: E402
from guide.core.screen.ocr_client import OcrClient, ocr_available  # noqa: E402
from guide.ui.screenshot.page import ScreenshotPage  # noqa: E402
from guide.ui.shell.navigator import Navigator  # noqa: E402

from .support import use_client  # noqa: E402

MOCKUP = "first-note-9-who"


@pytest.fixture(scope="session")
def shared_client() -> Iterator[OcrClient]:
    if not ocr_available():
        pytest.skip("needs the [ocr] extra")
    client = OcrClient(idle_seconds=600, extra_env={"GUIDE_OCR_DEBUG": "1"})
    yield client
    client.close()


@pytest.fixture
def context() -> AppContext:
    context = build_context()
    context.settings.offline_only = True
    return context


@pytest.fixture
def page(qtbot, context: AppContext, shared_client: OcrClient) -> Iterator[ScreenshotPage]:  # noqa: ANN001
    navigator = Navigator()
    page = ScreenshotPage(context, navigator)
    use_client(page, shared_client)  # one warm worker for the session
    page._navigator_keep = navigator
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    yield page
    page.shutdown()


@pytest.fixture(scope="session")
def mockup_png(tmp_path_factory: pytest.TempPathFactory, qapp) -> Path:  # noqa: ANN001
    from guide.core.storage import paths

    return render_svg(paths.default_pack() / "images" / f"{MOCKUP}.svg", tmp_path_factory.mktemp("m") / "m.png")


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp):  # noqa: ANN001, ANN201
    """The app's stylesheet (its fonts and paddings), as a user sees the page, in both themes."""
    from guide.ui.shell.theme import apply_theme

    choice = qapp.property("themeChoice") or "light"
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, choice)

