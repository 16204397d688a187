"""What a look at every page under Xvfb found (issue 14, Done when; issue 16's page): rows
whose English line Qt cut to "…", a Screenshot page that widened an 800 px window, and
stock icons drawn flush against dialog button text. Behaviour, not pixels: the tests ask
whether a row's last line is drawn at all, how wide the window is, whether a button has an icon."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QListWidget,
    QProxyStyle,
    QStyle,
    QStyleFactory,
)

from guide.core.context import AppContext, build_context
from guide.ui.shell.navigator import Navigator
from guide.ui.shell.theme import apply_theme

LABEL_ROW = "▣ 消息  xiāoxi\n    Messages"  # what the Screenshot page lists for a UI label
HISTORY_ROW = "已经种草了!\n→ Already sold on it!"  # a short text: one line, then its translation


@pytest.fixture
def themed() -> Iterator[QApplication]:
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, "light")  # the stylesheet's Latin-first fonts, as a user sees them
    yield app
    apply_theme(app, choice)


def _text_lines_drawn(view: QListWidget, row: int) -> int:
    """How many lines of text the row shows: runs of pixel rows with ink, separated by blank ones."""
    rect = view.visualItemRect(view.item(row))
    image: QImage = view.viewport().grab().toImage()
    background = image.pixelColor(rect.right() - 2, rect.top() + 1)
    runs, inked_before = 0, False
    for y in range(rect.top() + 1, min(rect.bottom(), image.height() - 1)):
        inked = any(abs(image.pixelColor(x, y).lightness() - background.lightness()) > 60
                    for x in range(rect.left() + 2, min(rect.right() - 2, rect.left() + 240)))
        runs += inked and not inked_before
        inked_before = inked
    return runs


def _fill(view: QListWidget, texts: list[str]) -> None:
    view.clear()
    for text in texts:
        view.addItem(text)
    view.setCurrentRow(-1)
    QApplication.processEvents()


def test_screenshot_rows_show_the_english_under_each_label(qtbot, themed: QApplication) -> None:
    from guide.ui.screenshot.page import ScreenshotPage

    context = build_context()
    page = ScreenshotPage(context, Navigator())
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    _fill(page.lines, ["9:41", LABEL_ROW, LABEL_ROW.replace("消息", "发现群聊")])
    try:
        assert [_text_lines_drawn(page.lines, row) for row in range(3)] == [1, 2, 2]
    finally:
        page.shutdown()


def test_translator_history_rows_show_their_translation_line(qtbot, themed: QApplication) -> None:
    from guide.ui.translator.page import TranslatorPage

    page = TranslatorPage(build_context(), Navigator())
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    _fill(page.history_list, [HISTORY_ROW, HISTORY_ROW])
    assert [_text_lines_drawn(page.history_list, row) for row in range(2)] == [2, 2]


class _DesktopStyle(QProxyStyle):
    """A desktop theme that puts icons on dialog buttons (as Qt's generic Linux theme does under X11)."""

    def styleHint(self, hint, option=None, widget=None, data=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


def test_dialog_buttons_carry_no_stock_icons(qtbot, themed: QApplication) -> None:
    name = themed.style().name()
    themed.setStyle(_DesktopStyle(QStyleFactory.create(name)))
    try:
        for choice in ("light", "dark"):
            apply_theme(themed, choice)
            box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
            qtbot.addWidget(box)
            box.show()
            assert all(button.icon().isNull() for button in box.buttons()), choice
    finally:
        themed.setStyle(QStyleFactory.create(name))


def test_reading_a_screenshot_keeps_an_800_px_window_800_wide(qtbot, themed: QApplication, tmp_path: Path) -> None:
    pytest.importorskip("PIL", reason='needs the [ocr] extra: pip install ".[ocr]"')
    from helpers.screens import render_svg

    from guide.core.screen.ocr_client import ocr_available
    from guide.core.storage import paths
    from guide.ui.shell.main_window import MainWindow

    if not ocr_available():
        pytest.skip("needs the [ocr] extra")
    picture = render_svg(paths.default_pack() / "images" / "messages-and-groups-1-tab.svg", tmp_path / "m.png")
    context: AppContext = build_context()
    context.settings.offline_only = True
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("screenshot")
    assert page.open_file(picture)
    qtbot.waitUntil(lambda: page.reading is not None and not page.is_busy(), timeout=60000)
    labels = [i for i, line in enumerate(page.reading.lines) if line.label is not None]
    assert labels
    page.select_line(labels[0])  # the label card with its three copy buttons
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 800
    assert window.width() == 800
    detail = page.detail  # the card is whole (it scrolls), not squeezed until its buttons are sliced
    qtbot.waitUntil(lambda: detail.height() >= detail.layout().heightForWidth(detail.width()), timeout=3000)
    window.close()


def test_the_no_keyring_warning_in_settings_shows_every_line(qtbot, themed: QApplication, memory_keyring) -> None:
    import keyring
    from keyring.backends import fail
    from PySide6.QtWidgets import QLabel

    from guide.core.storage.settings import Settings
    from guide.core.translate.secrets import SecretStore
    from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

    keyring.set_keyring(fail.Keyring())
    try:
        dialog = TranslatorSettingsDialog(Settings(), SecretStore())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        warning = dialog.findChild(QLabel, "noKeyringWarning")
        assert warning.height() >= warning.heightForWidth(warning.width()), "the how-to-get-a-keyring lines are cut"
    finally:
        keyring.set_keyring(memory_keyring)


def test_the_chosen_lines_english_is_outlined_not_crossed_out(qtbot) -> None:
    from PySide6.QtGui import QPixmap

    from guide.ui.screenshot.view import SELECTED_COLOUR, ScreenshotView

    view = ScreenshotView()
    qtbot.addWidget(view)
    picture = QPixmap(400, 800)
    picture.fill()
    view.show_picture(picture)
    view.set_lines([([100, 100, 80, 30], True, "Find groups"), ([100, 300, 120, 30], False, None)])
    view.set_show_english(True)
    view.select(0)
    box, patch = view.boxes[0], view.overlays[0]
    assert patch.zValue() > box.zValue(), "the orange box is drawn across the English letters"
    assert patch.pen().color() == SELECTED_COLOUR
    view.set_show_english(False)  # without English on the picture the box itself shows the choice
    assert box.zValue() > patch.zValue() and box.pen().color() == SELECTED_COLOUR
    view.select(1)
    assert patch.pen().color() != SELECTED_COLOUR and view.boxes[1].pen().color() == SELECTED_COLOUR


def test_in_a_tall_window_the_tip_sits_under_the_step_text(qtbot, themed: QApplication) -> None:
    """Full HD: the tip, warning and chips followed the text, not the bottom of the window
    (a gap of several hundred pixels cut them off from the step they explain)."""
    from guide.ui.shell.main_window import MainWindow

    context = build_context()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    walkthrough = next(w for w in context.pack.walkthroughs
                       if any(step.tip and len(step.body) < 600 for step in w.steps))
    step = next(step for step in walkthrough.steps if step.tip and len(step.body) < 600)
    assert window.open_walkthrough(walkthrough.id, step.id)
    player = window.pages["walkthroughs"].player
    QApplication.processEvents()
    body, tip = player.body, player.tip
    qtbot.waitUntil(lambda: tip.isVisible())
    text_bottom = body.viewport().mapTo(player, body.viewport().rect().topLeft()).y() + body.document().size().height()
    gap = tip.mapTo(player, tip.rect().topLeft()).y() - text_bottom
    assert gap < 3 * body.fontMetrics().lineSpacing(), f"{gap:.0f} px of empty space between the step text and its tip"
    assert body.verticalScrollBar().maximum() == 0, "the short step text scrolls"
    window.resize(800, 600)  # and in a small window the text still gets the room (it scrolls)
    QApplication.processEvents()
    assert body.height() >= 2 * body.fontMetrics().lineSpacing()


def test_the_recent_screenshots_strip_has_no_pointless_vertical_scroll_bar(qtbot, themed: QApplication, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage as Image

    from guide.ui.screenshot.page import ScreenshotPage

    page = ScreenshotPage(build_context(), Navigator())
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    qtbot.waitExposed(page)
    picture = Image(360, 640, Image.Format.Format_RGB32)
    picture.fill(0xFFFFFF)
    picture.save(str(tmp_path / "phone.png"))
    try:
        page.history.add_file(tmp_path / "phone.png")
        page.refresh_history()
        QApplication.processEvents()
        assert page.history_list.count() == 1
        assert not page.history_list.verticalScrollBar().isVisible()
    finally:
        page.shutdown()
