"""Issue 14 items 1–3 as a user meets them: relaunch reopens the walkthrough and step on
screen, the Start page continues where you stopped and points at the next unfinished
walkthrough, finishing leads on, and Restart asks first and keeps what was done."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTextBrowser,
)

from guide.core.context import build_context
from guide.ui.shell.main_window import MainWindow


def launch(qtbot, pack: Path) -> MainWindow:
    win = MainWindow(build_context(pack))
    qtbot.addWidget(win)
    win.show()
    return win


def quit_with_ctrl_q(win: MainWindow) -> None:
    [quit_action] = [a for a in win.findChildren(QAction) if a.text() == "&Quit"]
    quit_action.trigger()
    win.context.userdata.close()


def player_of(win: MainWindow):  # noqa: ANN201
    return win.pages["walkthroughs"].player


def start_button(win: MainWindow, name: str) -> QPushButton:
    button = win.pages["start"].findChild(QPushButton, name)
    assert button is not None, name
    return button


def answer_restart(qtbot, accept: bool) -> list[str]:
    """Click a button of the Restart question as soon as it shows; returns its text."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text() + " " + box.informativeText())
        wanted = next(b for b in box.buttons() if (b.text() == "Start again") == accept)
        wanted.click()

    QTimer.singleShot(0, click)
    return seen


@pytest.mark.parametrize("how", ["close button", "Ctrl+Q"])
def test_relaunch_reopens_the_walkthrough_and_step_on_screen(qtbot, mini_pack: Path, how: str) -> None:
    first = launch(qtbot, mini_pack)
    assert first.open_walkthrough("second", "two")
    if how == "close button":
        first.close()
        first.context.userdata.close()
    else:
        quit_with_ctrl_q(first)

    second = launch(qtbot, mini_pack)
    assert second.current_page_name() == "walkthroughs"
    page = second.pages["walkthroughs"]
    assert page.currentWidget() is page.player, "the player, not the list"
    assert second.findChild(QLabel, "stepTitle").text() == "Step two"
    assert "Step 2 of 2" in second.findChild(QLabel, "stepProgress").text()


def test_relaunch_after_leaving_the_player_shows_the_list(qtbot, mini_pack: Path) -> None:
    first = launch(qtbot, mini_pack)
    first.open_walkthrough("first", "save")
    player_of(first).backToList.emit()
    first.close()
    first.context.userdata.close()
    second = launch(qtbot, mini_pack)
    page = second.pages["walkthroughs"]
    assert second.current_page_name() == "walkthroughs" and page.currentIndex() == 0


def test_start_page_continues_where_you_stopped(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    resume = start_button(win, "startContinue")
    assert resume.isHidden(), "nothing to continue on a first start"
    assert start_button(win, "startBegin").text() == "Start here: First steps →"
    win.open_walkthrough("first", "save")
    win.show_page("start")
    assert resume.isVisible() and resume.text() == "Continue: First steps · step 2 →"
    assert start_button(win, "startBegin").text() == "Next: Second steps →"
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    assert win.current_page_name() == "walkthroughs"
    assert win.findChild(QLabel, "stepTitle").text() == "Save a note"


def test_start_page_continue_survives_a_relaunch(qtbot, mini_pack: Path) -> None:
    first = launch(qtbot, mini_pack)
    first.open_walkthrough("first", "save")
    first.show_page("start")
    first.close()
    first.context.userdata.close()
    second = launch(qtbot, mini_pack)
    assert second.current_page_name() == "start"
    assert start_button(second, "startContinue").text() == "Continue: First steps · step 2 →"


def test_finishing_replaces_the_last_step_and_start_points_at_the_next(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    win.open_walkthrough("first", "post")
    player = player_of(win)
    assert "Press 发布" in win.findChild(QTextBrowser, "stepBody").toPlainText()
    player.next()  # Finish
    body = win.findChild(QTextBrowser, "stepBody").toPlainText()
    assert "Press 发布" not in body, "the last step's text does not linger"
    assert "Second steps" in body and "Post something." in body
    assert not [c for c in player.findChildren(QPushButton, "labelChip") if c.isVisible()]
    assert not player.mockup.isVisible() and not player.zoom_button.isVisible()
    win.show_page("start")
    assert start_button(win, "startBegin").text() == "Next: Second steps →"
    assert "finished 1 of 2" in win.pages["start"].findChild(QLabel, "startProgress").text()
    win.open_walkthrough("second", "two")
    player.next()
    assert win.findChild(QLabel, "stepTitle").text().startswith("Well done! You have finished every walkthrough")
    assert win.findChild(QPushButton, "stepNext").text() == "All walkthroughs"
    win.show_page("start")
    assert start_button(win, "startBegin").isHidden()
    assert "finished all 2" in win.pages["start"].findChild(QLabel, "startProgress").text()


def test_back_from_the_summary_returns_to_the_last_step(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    win.open_walkthrough("first", "post")
    player = player_of(win)
    player.next()
    qtbot.mouseClick(win.findChild(QPushButton, "stepBack"), Qt.MouseButton.LeftButton)
    assert win.findChild(QLabel, "stepTitle").text() == "Post"
    assert player.mockup.isHidden() == (not player.mockup.has_image())
    assert player.zoom_button.isHidden() == (not player.mockup.has_image())


def test_restart_asks_first_and_keeps_completion(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    win.open_walkthrough("first", "post")
    player = player_of(win)
    player.next()
    assert win.context.userdata.completed() == {"first"}
    restart = win.findChild(QPushButton, "stepRestart")

    seen = answer_restart(qtbot, accept=False)
    qtbot.mouseClick(restart, Qt.MouseButton.LeftButton)
    assert seen and "First steps" in seen[0] and "stays marked finished" in seen[0]
    assert player.finished, "Cancel changes nothing"

    answer_restart(qtbot, accept=True)
    qtbot.mouseClick(restart, Qt.MouseButton.LeftButton)
    assert "Step 1 of 3" in win.findChild(QLabel, "stepProgress").text()
    assert win.context.userdata.completed() == {"first"}, "a replay is not a reset"
    player.backToList.emit()
    listing = win.findChild(QListWidget, "walkthroughList")
    assert listing.item(0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("✓ ")
    assert "do first" not in listing.item(1).data(Qt.ItemDataRole.AccessibleTextRole)
    win.show_page("start")
    assert "finished 1 of 2" in win.pages["start"].findChild(QLabel, "startProgress").text()


def test_restart_part_way_asks_and_then_moves_to_step_one(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    win.open_walkthrough("first", "save")
    seen = answer_restart(qtbot, accept=True)
    qtbot.mouseClick(win.findChild(QPushButton, "stepRestart"), Qt.MouseButton.LeftButton)
    assert seen and "step 2" in seen[0]
    assert win.findChild(QLabel, "stepTitle").text() == "Open the app"
    assert win.context.userdata.progress("first").step == "open"


def test_start_here_still_names_an_earlier_walkthrough_not_done(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    win.open_walkthrough("second", "two")  # jumped ahead without doing the first
    win.show_page("start")
    assert start_button(win, "startContinue").text() == "Continue: Second steps · step 2 →"
    assert start_button(win, "startBegin").text() == "Start here: First steps →"
    assert start_button(win, "startContinue").isDefault() and not start_button(win, "startBegin").isDefault()


def test_keys_work_at_once_in_a_reopened_walkthrough(qtbot, mini_pack: Path) -> None:
    first = launch(qtbot, mini_pack)
    first.open_walkthrough("first", "save")
    first.close()
    first.context.userdata.close()
    second = MainWindow(build_context(mini_pack))
    qtbot.addWidget(second)
    with qtbot.waitActive(second):
        second.show()
        second.activateWindow()
    player = player_of(second)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and player.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert second.findChild(QLabel, "stepTitle").text() == "Post"


def _pack_of_four(root: Path) -> Path:
    from helpers.packs import FIRST_WALKTHROUGH, SECOND_WALKTHROUGH, write_pack

    def named(walkthrough_id: str, title: str) -> str:
        return FIRST_WALKTHROUGH.replace("id: first", f"id: {walkthrough_id}").replace("title: First steps", f"title: {title}")

    return write_pack(root, walkthroughs={"first": FIRST_WALKTHROUGH, "second": SECOND_WALKTHROUGH,
                                          "third": named("third", "Third steps"), "fourth": named("fourth", "Fourth steps")})


def test_next_up_is_the_next_in_the_packs_order_after_the_one_finished(qtbot, tmp_path: Path) -> None:
    """Issue 25 item 16: finishing the third of four offered the first unfinished one (the
    first) instead of the fourth; it goes on from where the user is, round to the start."""
    win = launch(qtbot, _pack_of_four(tmp_path / "p"))
    win.open_walkthrough("third", "post")
    player = player_of(win)
    player.next()  # Finish
    assert player.title.text() == "Well done! Next up: Fourth steps"
    win.open_walkthrough("fourth", "post")
    player.next()
    assert player.title.text() == "Well done! Next up: First steps", "after the last, round to the start"
    win.context.userdata.mark_complete("first", "post")
    win.open_walkthrough("fourth", "post")
    player.next()
    assert player.title.text() == "Well done! Next up: Second steps", "finished ones are skipped"
