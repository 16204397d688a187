"""Issue 25 item 11 (the player by keyboard) and issue 21 part 5, second bullet (any Chinese text
on a step's picture explains itself), on the bundled pack as a user meets it.

Keyboard: the picture is three Tabs from Restart (the step text and the picture are one stop
each; ↑/↓ reach the text's inline labels, the arrows move on the picture), Enter clicks a
focused button, the step text shows a focus ring, and the enlarged picture is explored by
keyboard and stays open when a highlight is chosen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from guide.core.translate.dictionary import parse
from guide.core.translate.gloss import Glosser
from guide.ui.shell.main_window import MainWindow
from guide.ui.walkthroughs.player import WalkthroughPlayer
from guide.ui.walkthroughs.zoom_dialog import ZoomDialog

WORDS = ["一 一 [yi1] /one/", "杯 杯 [bei1] /cup/", "好 好 [hao3] /good/", "咖啡 咖啡 [ka1 fei1] /coffee/",
         "陪 陪 [pei2] /to accompany/", "你 你 [ni3] /you/", "每 每 [mei3] /every/", "一天 一天 [yi1 tian1] /one day/"]


@pytest.fixture
def window(qtbot, light_window: MainWindow) -> Iterator[MainWindow]:  # noqa: ANN001
    light_window.resize(1180, 780)
    with qtbot.waitActive(light_window):  # keyboard focus needs an active window
        light_window.show()
        light_window.activateWindow()
    yield light_window
    for zoom in light_window.findChildren(ZoomDialog):
        zoom.reject()


def player_at(window: MainWindow, walkthrough: str, step: str) -> WalkthroughPlayer:
    window.open_walkthrough(walkthrough, step)
    QApplication.processEvents()
    player = window.pages["walkthroughs"].player
    if hasattr(player, "explainer"):  # no dictionary build in tests
        player.explainer.glosser = Glosser(window.context.pack, dictionary=lambda: parse(WORDS))
    return player


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def on_picture(widget: QWidget | None, view: QWidget) -> bool:
    """A highlight or text of the picture `view` (they are its child widgets)."""
    return widget is not None and widget.parentWidget() is view


def test_the_picture_is_three_tabs_from_restart(qtbot, window: MainWindow) -> None:
    player = player_at(window, "teen-mode-and-leaving", "what-teen-mode-limits")  # 4 inline labels, 5 chips
    player.restart_button.setFocus()
    tabs = 0
    while not on_picture(focus(), player.mockup) and tabs < 30:
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
        tabs += 1
    assert on_picture(focus(), player.mockup)
    assert tabs <= 3, f"{tabs} Tabs from Restart to the picture"


def test_inline_labels_are_one_tab_stop_with_the_arrows_inside(qtbot, window: MainWindow) -> None:
    player = player_at(window, "teen-mode-and-leaving", "what-teen-mode-limits")
    body = player.body
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Down)
    assert player.body.focused_anchor() == "label:青少年模式", "↓ reaches the first inline label"
    qtbot.keyClick(body, Qt.Key.Key_Down)
    assert player.body.focused_anchor() == "label:设置"
    qtbot.keyClick(body, Qt.Key.Key_Up)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    assert player.card_host.isVisible() and player.card_host.widget().findChild(QLabel, "cardZh").text() == "青少年模式"
    assert player.title.text() == "What teen mode limits", "the arrows stayed on this step"
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Tab)
    assert on_picture(focus(), player.mockup), "Tab leaves the text for the picture, not for the next inline label"


def test_enter_clicks_the_focused_button(qtbot, window: MainWindow) -> None:
    player = player_at(window, "real-accounts-and-scams", "look-alikes")
    player.back_button.setFocus()
    qtbot.keyClick(player.back_button, Qt.Key.Key_Return)
    assert player.index == 0, "Enter on ← Back"
    chip = player._chips[0]
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Enter)
    assert player.card_host.isVisible(), "Enter on a label chip"
    player.zoom_button.setFocus()
    qtbot.keyClick(player.zoom_button, Qt.Key.Key_Return)
    zoom = next(z for z in window.findChildren(ZoomDialog) if z.isVisible())
    zoom.close_button.setFocus()
    qtbot.keyClick(zoom.close_button, Qt.Key.Key_Return)
    assert not zoom.isVisible(), "Enter on Close"
    player.back_to_list.setFocus()
    qtbot.keyClick(player.back_to_list, Qt.Key.Key_Return)
    assert window.pages["walkthroughs"].currentIndex() == 0, "Enter on ← All walkthroughs"


def test_the_step_text_shows_a_focus_ring(qtbot, window: MainWindow) -> None:
    player = player_at(window, "home-tour", "bottom-tabs")
    body = player.body

    def dark_edge_pixels() -> int:
        image = window.grab(QRect(body.mapTo(window, QPoint(0, 0)), body.size())).toImage()  # with the page behind it
        edge = [(x, y) for x in range(image.width()) for y in (0, 1)] + [(x, y) for y in range(image.height()) for x in (0, 1)]
        return sum(1 for x, y in edge if QColor(image.pixel(x, y)).lightness() < 80)

    player.next_button.setFocus()
    without = dark_edge_pixels()
    player.step_list.setFocus()
    qtbot.keyClick(player.step_list, Qt.Key.Key_Tab)  # as a keyboard user reaches it
    qtbot.waitUntil(body.hasFocus)
    assert dark_edge_pixels() > without + 100


def test_any_chinese_text_on_the_picture_explains_itself(qtbot, window: MainWindow) -> None:
    player = player_at(window, "real-accounts-and-scams", "verified-badge")
    texts = {s.text_on_screen: s for s in player.mockup.text_spots}
    assert {"山茶咖啡", "一杯好咖啡，陪你每一天", "粉丝", "获赞与收藏"} <= set(texts)
    assert "认证：上海山茶咖啡有限公司官方账号" not in texts, "the highlight over it explains it already"
    qtbot.mouseClick(texts["粉丝"], Qt.MouseButton.LeftButton)
    card = player.card_host.widget()
    assert card.findChild(QLabel, "cardZh").text() == "粉丝" and card.findChild(QLabel, "cardPinyin").text() == "fěnsī"
    qtbot.mouseClick(texts["一杯好咖啡，陪你每一天"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.card_host.widget().findChild(QLabel, "cardWords") is not None
                    and "coffee" in player.card_host.widget().findChild(QLabel, "cardWords").text(), timeout=10000)
    card = player.card_host.widget()
    assert card.findChild(QLabel, "cardZh").text() == "一杯好咖啡，陪你每一天"
    assert card.findChild(QLabel, "cardPinyin").text(), "its pinyin"
    assert "咖啡  kāfēi — coffee" in card.findChild(QLabel, "cardWords").text()


def test_picture_texts_are_reached_with_the_arrows(qtbot, window: MainWindow) -> None:
    player = player_at(window, "real-accounts-and-scams", "verified-badge")
    spots = player.mockup.spots
    assert len(spots) > len(player.mockup.hotspots) + 8
    spot = player.mockup.tab_stop()
    assert spot is player.mockup.hotspots[0], "Tab enters the picture at its first highlight"
    spot.setFocus()
    seen = []
    for _ in range(len(spots)):
        qtbot.keyClick(focus(), Qt.Key.Key_Right)
        seen.append(focus())
    assert set(seen) == set(spots), "→ visits every highlight and text, and comes round"
    text = next(s for s in player.mockup.text_spots if s.text_on_screen == "获赞与收藏")
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Return)
    assert player.card_host.widget().findChild(QLabel, "cardZh").text() == "获赞与收藏"
    assert player.title.text() == "What a verified account looks like", "the arrows never changed the step"


def test_the_enlarged_picture_by_keyboard_and_it_stays_open(qtbot, window: MainWindow) -> None:
    player = player_at(window, "real-accounts-and-scams", "verified-badge")
    player.zoom()
    zoom = next(z for z in window.findChildren(ZoomDialog) if z.isVisible())
    qtbot.waitUntil(lambda: on_picture(focus(), zoom.view))
    first = focus()
    assert first is zoom.view.hotspots[0], "the picture has focus, not Close"
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert zoom.isVisible(), "Enter on a highlight explains it and keeps the picture open"
    assert zoom.card.findChild(QLabel, "cardZh").text() == first.label
    qtbot.keyClick(focus(), Qt.Key.Key_Down)
    assert focus() is not first and focus().parentWidget() is zoom.view, "the arrows move on the enlarged picture"
    fans = next(s for s in zoom.view.text_spots if s.text_on_screen == "粉丝")
    qtbot.mouseClick(fans, Qt.MouseButton.LeftButton)
    assert zoom.isVisible() and zoom.card.findChild(QLabel, "cardZh").text() == "粉丝", "a click keeps it open too"
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is zoom.close_button, "Tab leaves the picture for Close"
    qtbot.keyClick(zoom.close_button, Qt.Key.Key_Backtab)
    assert focus().parentWidget() is zoom.view, "and Shift+Tab comes back"
