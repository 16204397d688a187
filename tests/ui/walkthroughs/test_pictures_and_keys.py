"""Issue 14 items 5–7: pictures stay inside the phone, can be enlarged (click or +, Esc
closes), hotspots are reachable by keyboard in reading order, and "&" in content reaches
buttons and chips as "&", not as a mnemonic."""

from __future__ import annotations

from pathlib import Path

from helpers.packs import FIRST_WALKTHROUGH, GLOSSARY, SECOND_WALKTHROUGH, write_pack
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from guide.core.content.model import Highlight
from guide.core.context import build_context
from guide.ui.shell.main_window import MainWindow
from guide.ui.walkthroughs.mockup_view import MockupView, reading_order
from guide.ui.walkthroughs.zoom_dialog import ZoomDialog

# Draws a red card at y=800..900, below its own 780-high viewBox (as feed mockups do).
SPILLING_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="360" height="780" viewBox="0 0 360 780">'
                '<rect width="360" height="780" fill="#fff"/><rect x="0" y="800" width="360" height="100" fill="#00ff00"/></svg>')

TWO_HOTSPOTS = FIRST_WALKTHROUGH.replace(
    "      - {x: 0.05, y: 0.89, w: 0.9, h: 0.08, label: 发布}\n",
    "      - {x: 0.05, y: 0.89, w: 0.9, h: 0.08, label: 发布}\n"
    "      - {x: 0.60, y: 0.05, w: 0.3, h: 0.05, label: 收藏}\n"
    "      - {x: 0.05, y: 0.06, w: 0.3, h: 0.05, label: 小红书}\n",
)


def launch(qtbot, pack: Path, size: tuple[int, int] = (1180, 780)) -> MainWindow:
    win = MainWindow(build_context(pack))
    qtbot.addWidget(win)
    win.resize(*size)
    with qtbot.waitActive(win):  # keyboard focus needs an active window
        win.show()
        win.activateWindow()
    return win


def test_picture_is_clipped_to_its_viewbox(qtbot, tmp_path: Path) -> None:
    svg = tmp_path / "spill.svg"
    svg.write_text(SPILLING_SVG, encoding="utf-8")
    view = MockupView()
    qtbot.addWidget(view)
    view.resize(300, 1000)  # much taller than the picture: room below it to spill into
    view.show_screen(svg, ())
    view.show()
    qtbot.waitExposed(view)
    area = view.image_rect()
    assert area.height() < 700
    image = view.grab().toImage()
    below = range(int(area.bottom()) + 3, view.height(), 4)
    green = [y for y in below for x in range(10, view.width() - 10, 20) if QColor(image.pixel(x, y)).green() > 200
             and QColor(image.pixel(x, y)).red() < 80]
    assert not green, "the card drawn below the viewBox must not show"


def test_hotspots_follow_reading_order() -> None:
    low, right, left = Highlight(0.05, 0.89, 0.9, 0.08, "a"), Highlight(0.6, 0.05, 0.3, 0.05, "b"), Highlight(0.05, 0.06, 0.3, 0.05, "c")
    assert [h.label for h in reading_order((low, right, left))] == ["c", "b", "a"]


def test_hotspots_by_keyboard_tab_arrows_and_enter(qtbot, tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", walkthroughs={"first": TWO_HOTSPOTS, "second": SECOND_WALKTHROUGH})
    win = launch(qtbot, root)
    win.open_walkthrough("first", "open")
    player = win.pages["walkthroughs"].player
    hotspots = player.mockup.hotspots
    assert [h.label for h in hotspots] == ["小红书", "收藏", "发布"], "top row left to right, then the bottom"
    assert all(h.accessibleName() and h.accessibleDescription() for h in hotspots)
    assert "fābù" in hotspots[2].accessibleName()
    player.body.setFocus()
    qtbot.keyClick(player.body, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is hotspots[0], "Tab goes from the step text to the picture's first highlight"
    qtbot.keyClick(hotspots[0], Qt.Key.Key_Right)
    assert QApplication.focusWidget() is hotspots[1]
    assert win.findChild(QLabel, "stepTitle").text() == "Open the app", "the arrow moved between hotspots, not steps"
    qtbot.keyClick(hotspots[1], Qt.Key.Key_Down)
    qtbot.keyClick(hotspots[2], Qt.Key.Key_Left)
    assert QApplication.focusWidget() is hotspots[1]
    qtbot.keyClick(hotspots[1], Qt.Key.Key_Return)
    assert player.card_host.isVisible()
    assert player.card_host.widget().findChild(QLabel, "cardZh").text() == "收藏"
    qtbot.keyClick(hotspots[1], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is player.zoom_button, "the picture is one Tab stop; Tab leaves it"
    qtbot.keyClick(player.zoom_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is hotspots[1], "Shift+Tab comes back to the highlight last reached"


def test_focused_hotspot_draws_a_ring(qtbot, mini_pack: Path) -> None:
    from guide.ui.walkthroughs.mockup_view import FOCUS_RING

    win = launch(qtbot, mini_pack)
    win.open_walkthrough("first", "open")
    [hotspot] = win.pages["walkthroughs"].player.mockup.hotspots

    def ring_pixels() -> int:
        image = hotspot.grab().toImage()
        return sum(1 for x in range(image.width()) for y in (1, 2, 3) if QColor(image.pixel(x, y)) == FOCUS_RING)

    hotspot.clearFocus()
    without = ring_pixels()
    hotspot.setFocus()
    qtbot.waitUntil(hotspot.hasFocus)
    assert ring_pixels() > without + 10


def test_click_on_the_picture_or_plus_opens_a_zoom_that_esc_closes(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack, (800, 600))
    win.open_walkthrough("first", "open")
    player = win.pages["walkthroughs"].player
    mockup = player.mockup
    qtbot.waitExposed(mockup)
    top = mockup.image_rect().topLeft().toPoint() + QPoint(20, 20)  # picture, not a hotspot
    qtbot.mouseClick(mockup, Qt.MouseButton.LeftButton, pos=top)
    zoom = win.findChild(ZoomDialog)
    assert zoom is not None and zoom.isVisible()
    assert zoom.view.screen() == mockup.screen(), "same picture, same highlights"
    assert zoom.view.image_rect().height() > mockup.image_rect().height() * 1.2, "larger than beside the text"
    assert [h.label for h in zoom.view.hotspots] == ["发布"]
    qtbot.keyClick(zoom, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.findChild(ZoomDialog) is None or not win.findChild(ZoomDialog).isVisible())

    player.body.setFocus()
    qtbot.keyClick(player.body, Qt.Key.Key_Plus)
    zoom = next(z for z in win.findChildren(ZoomDialog) if z.isVisible())
    hotspot = zoom.view.hotspots[0]
    qtbot.mouseClick(hotspot, Qt.MouseButton.LeftButton, pos=hotspot.rect().center())
    assert zoom.isVisible(), "choosing a label keeps the enlarged picture open (issue 25 item 11)"
    assert zoom.card.findChild(QLabel, "cardZh").text() == "发布", "its card is beside the picture"
    assert player.card_host.widget().findChild(QLabel, "cardZh").text() == "发布", "and under the step"


def test_enlarge_button_and_no_zoom_without_a_picture(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    win.open_walkthrough("first", "save")
    player = win.pages["walkthroughs"].player
    qtbot.mouseClick(player.zoom_button, Qt.MouseButton.LeftButton)
    assert any(z.isVisible() for z in win.findChildren(ZoomDialog))
    for zoom in win.findChildren(ZoomDialog):
        zoom.reject()
    win.open_walkthrough("first", "post")  # no picture on this step
    assert not player.zoom_button.isVisible()
    player.zoom()
    assert not any(z.isVisible() for z in win.findChildren(ZoomDialog))


AMPERSAND_GLOSSARY = GLOSSARY + """\
  - zh: 帮助与客服
    pinyin: bāngzhù yǔ kèfú
    en: Help & Support
    where: Settings
"""

AMPERSAND_WALKTHROUGH = FIRST_WALKTHROUGH.replace("title: First steps", "title: Likes & saves").replace(
    "labels: [小红书]", "labels: [小红书, 帮助与客服]")


def test_ampersand_in_content_is_shown_not_taken_as_a_mnemonic(qtbot, tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", walkthroughs={"first": AMPERSAND_WALKTHROUGH, "second": SECOND_WALKTHROUGH},
                      glossary=AMPERSAND_GLOSSARY)
    win = launch(qtbot, root)
    begin = win.pages["start"].findChild(QPushButton, "startBegin")
    assert begin.text() == "Start here: Likes && saves →"
    assert QKeySequence.mnemonic(begin.text()).isEmpty()
    win.open_walkthrough("first", "open")
    chips = [c for c in win.pages["walkthroughs"].player.findChildren(QPushButton, "labelChip") if c.isVisible()]
    [chip] = [c for c in chips if "帮助与客服" in c.text()]
    assert "Help && Support" in chip.text()
    assert QKeySequence.mnemonic(chip.text()).isEmpty()
    win.open_walkthrough("first", "post")
    win.open_walkthrough("first", "save")
    win.show_page("start")
    resume = win.pages["start"].findChild(QPushButton, "startContinue")
    assert resume.text() == "Continue: Likes && saves · step 2 →"


def test_zoom_and_summary_controls_are_named_for_screen_readers(qtbot, mini_pack: Path) -> None:
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractButton

    def unnamed(root) -> list[str]:  # noqa: ANN001
        missing = []
        for widget in root.findChildren(QAbstractButton):
            if not widget.isVisibleTo(root) or widget.text() == "Close":
                continue
            interface = QAccessible.queryAccessibleInterface(widget)
            if not interface.text(QAccessible.Text.Name).strip() or not interface.text(QAccessible.Text.Description).strip():
                missing.append(widget.objectName() or widget.text())
        return missing

    win = launch(qtbot, mini_pack)
    win.open_walkthrough("first", "open")
    player = win.pages["walkthroughs"].player
    player.zoom()
    zoom = next(z for z in win.findChildren(ZoomDialog) if z.isVisible())
    assert zoom.accessibleName() and unnamed(zoom) == []
    zoom.reject()
    win.open_walkthrough("first", "post")
    player.next()
    assert unnamed(player) == []
    assert "next walkthrough" in player.next_button.toolTip().lower()
    player.back()
    assert player.next_button.toolTip().startswith("Mark this walkthrough complete")
