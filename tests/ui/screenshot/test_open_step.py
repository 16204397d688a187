"""The step a screenshot looks like, from the Screenshot page (issue 21, part 4): "Open it"
shows that step without marking the walkthrough as started — a guess is no choice the user
made — until the user moves a step there; a close second is offered beside the first. One
window for both, as a user would go on."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PIL", reason='needs the [ocr] extra: pip install ".[ocr]"')
from helpers.fake_ocr import LinesClient, line  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from guide.core.context import build_context  # noqa: E402
from guide.ui.shell.main_window import MainWindow  # noqa: E402

# The ≡ menu as the engine read it: its items, and 扫一扫 / 帮助与客服 / 设置 along the bottom.
MENU = [line(text, 135, 196 + 130 * i, 200, 66) for i, text in
        enumerate(["发现好友", "创作中心", "浏览记录", "我的草稿", "订单", "购物车", "钱包"])]
MENU += [line("扫一扫", 91, 2115, 116, 64), line("帮助与客服", 317, 2118, 184, 59), line("设置", 627, 2118, 84, 59)]


@pytest.fixture
def window(qtbot, tmp_path: Path):  # noqa: ANN001, ANN201
    context = build_context()
    context.settings.offline_only = True
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    page = win.show_page("screenshot")
    page.reader.client.close()
    page.reader.client = LinesClient()
    page.reader.client.lines = MENU
    path = tmp_path / "menu.png"
    Image.new("RGB", (1080, 2340), "white").save(path)
    page.open_file(path)
    qtbot.waitUntil(lambda: page.reading is not None and not page.is_busy(), timeout=60000)
    yield win
    page.shutdown()


def test_open_it_shows_the_step_but_the_walkthrough_starts_only_when_you_move(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """And the close second, named beside it, opens the same way."""
    page, userdata = window.pages["screenshot"], window.context.userdata
    match = page.reading.screen
    assert match is not None
    qtbot.mouseClick(page.match_button, Qt.MouseButton.LeftButton)
    player = window.pages["walkthroughs"].player
    assert window.current_page_name() == "walkthroughs"
    assert (player.walkthrough.id, player.walkthrough.steps[player.index].id) == (match.walkthrough.id, match.step.id)
    assert userdata.progress(match.walkthrough.id) is None  # not "in progress" for a guess
    qtbot.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
    moved = player.walkthrough.steps[player.index].id
    assert moved != match.step.id and userdata.progress(match.walkthrough.id).step == moved

    assert match.also is not None  # the ≡ menu is in several walkthroughs
    window.show_page("screenshot")
    assert page.match_label.text() == match.sentence() and page.second_button.isVisible()
    assert f"“{match.walkthrough.title}”" in page.match_label.text() and f" or “{match.also.walkthrough.title}”" in page.match_label.text()
    assert page.match_button.text() == "Open the first"
    qtbot.mouseClick(page.second_button, Qt.MouseButton.LeftButton)
    assert player.walkthrough.id == match.also.walkthrough.id
    assert userdata.progress(match.also.walkthrough.id) is None
