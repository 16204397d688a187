"""The walkthrough player as a user drives it: buttons, keys, progress, hotspots,
resume across restarts, completion and restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QTextBrowser

from guide.core.context import build_context
from guide.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, mini_pack: Path) -> MainWindow:
    win = MainWindow(build_context(mini_pack))
    qtbot.addWidget(win)
    win.show()
    return win


def text_of(win: MainWindow, name: str) -> str:
    widget = next((w for cls in (QLabel, QTextBrowser, QPushButton) if (w := win.findChild(cls, name)) is not None), None)
    assert widget is not None, name
    return widget.toPlainText() if isinstance(widget, QTextBrowser) else widget.text()


def open_first(qtbot, win: MainWindow) -> None:
    nav = win.findChild(QListWidget, "nav")
    nav.setCurrentRow(1)
    listing = win.findChild(QListWidget, "walkthroughList")
    assert listing.count() == 2
    first_text = listing.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "First steps" in first_text and "3 min" in first_text
    assert "RedNote 8.69" in first_text, "the list shows which app version the screens show"
    second = listing.item(1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert ("do first: First steps" in second) == ("first" not in win.context.userdata.completed())
    rect = listing.visualItemRect(listing.item(0))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_next_and_back_buttons_walk_the_steps(qtbot, window: MainWindow) -> None:
    open_first(qtbot, window)
    assert text_of(window, "stepTitle") == "Open the app"
    assert "Step 1 of 3" in text_of(window, "stepProgress")
    body = text_of(window, "stepBody")
    assert "小红书 (Xiǎohóngshū, \"RedNote\")" in body, "{{ui:…}} renders label, pinyin and meaning"
    back = window.findChild(QPushButton, "stepBack")
    assert not back.isEnabled()
    qtbot.mouseClick(window.findChild(QPushButton, "stepNext"), Qt.MouseButton.LeftButton)
    assert text_of(window, "stepTitle") == "Save a note"
    assert "Step 2 of 3" in text_of(window, "stepProgress")
    assert "Saves are public." in text_of(window, "stepWarning")
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert text_of(window, "stepTitle") == "Open the app"


def test_arrow_and_page_keys(qtbot, window: MainWindow) -> None:
    open_first(qtbot, window)
    player = window
    body = window.findChild(QTextBrowser, "stepBody")
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Right)
    assert text_of(player, "stepTitle") == "Save a note"
    qtbot.keyClick(body, Qt.Key.Key_PageDown)
    assert text_of(player, "stepTitle") == "Post"
    assert text_of(player, "stepNext").startswith("Finish")
    qtbot.keyClick(body, Qt.Key.Key_Left)
    qtbot.keyClick(body, Qt.Key.Key_PageUp)
    assert text_of(player, "stepTitle") == "Open the app"


def test_finish_marks_complete_and_offers_the_next_walkthrough(qtbot, window: MainWindow) -> None:
    open_first(qtbot, window)
    next_button = window.findChild(QPushButton, "stepNext")
    for _ in range(3):
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert "Complete" in text_of(window, "stepProgress")
    assert text_of(window, "stepTitle") == "Well done! Next up: Second steps"
    assert window.context.userdata.completed() == {"first"}
    assert text_of(window, "stepNext") == "Next walkthrough →"
    assert window.findChild(QPushButton, "stepNext").accessibleName() == "Next walkthrough: Second steps"
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)  # on to the next walkthrough
    assert text_of(window, "stepTitle") == "Step one"
    window.pages["walkthroughs"].player.backToList.emit()
    listing = window.findChild(QListWidget, "walkthroughList")
    assert listing.isVisible() and listing.item(0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("✓ ")
    assert listing.item(1).data(Qt.ItemDataRole.AccessibleTextRole).startswith("◐ ")


def test_resume_across_two_windows_sharing_a_data_dir(qtbot, mini_pack: Path) -> None:
    first = MainWindow(build_context(mini_pack))
    qtbot.addWidget(first)
    first.show()
    open_first(qtbot, first)
    qtbot.mouseClick(first.findChild(QPushButton, "stepNext"), Qt.MouseButton.LeftButton)
    assert text_of(first, "stepTitle") == "Save a note"
    first.close()
    first.context.userdata.close()

    second = MainWindow(build_context(mini_pack))
    qtbot.addWidget(second)
    second.show()
    open_first(qtbot, second)
    assert text_of(second, "stepTitle") == "Save a note"
    assert "Step 2 of 3" in text_of(second, "stepProgress")


def test_clicking_a_hotspot_shows_its_glossary_entry(qtbot, window: MainWindow) -> None:
    open_first(qtbot, window)
    player = window.pages["walkthroughs"].player
    mockup = player.mockup
    qtbot.waitExposed(mockup)
    rect = mockup.highlight_rect(window.context.pack.walkthrough("first").steps[0].highlight[0])
    qtbot.mouseClick(mockup, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y())))
    card = player.card_host.widget()
    assert player.card_host.isVisible()
    assert card.findChild(QLabel, "cardZh").text() == "发布"
    assert "fābù" in card.findChild(QLabel, "cardPinyin").text()
    assert "Red button" in " ".join(label.text() for label in card.findChildren(QLabel))


def test_chip_shows_label_card(qtbot, window: MainWindow) -> None:
    open_first(qtbot, window)
    player = window.pages["walkthroughs"].player
    [chip] = [w for w in player.findChildren(QPushButton, "labelChip") if w.isVisible()]
    assert chip.text().startswith("小红书") and "Xiǎohóngshū" in chip.text() and "RedNote" in chip.text()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert player.card_host.widget().findChild(QLabel, "cardZh").text() == "小红书"


def test_internal_link_opens_the_other_walkthrough_step(qtbot, window: MainWindow) -> None:
    assert window.open_walkthrough("second", "two")
    player = window.pages["walkthroughs"].player
    player._link_clicked(QUrl("walkthrough:first/save"))
    assert text_of(window, "stepTitle") == "Save a note"


def test_broken_walkthrough_file_shows_a_notice_and_the_rest_works(qtbot, tmp_path: Path) -> None:
    from helpers.packs import write_pack

    root = write_pack(tmp_path / "p")
    (root / "walkthroughs" / "second.yaml").write_text("id: second\ntitle: [unclosed\n", encoding="utf-8")
    win = MainWindow(build_context(root))
    qtbot.addWidget(win)
    win.show()
    assert win.notices.isVisible()
    assert "second.yaml" in win.notices.label.text()
    win.findChild(QListWidget, "nav").setCurrentRow(1)
    assert win.findChild(QListWidget, "walkthroughList").count() == 1
