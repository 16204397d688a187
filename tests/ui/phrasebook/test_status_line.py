"""Issue 25 item 16: the Copy / Export status line under the phrase book no longer shifts the
lists above it when it appears or goes (the lists shrank by one or two lines each time)."""

from __future__ import annotations

from pathlib import Path

from helpers.packs import search_pack
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QListView

from guide.core.context import build_context
from guide.ui.phrasebook.page import PhrasebookPage
from guide.ui.shell.navigator import Navigator

EXPORTED = ("Exported 4 cards (1 favourites, 3 UI labels met) to /home/someone/Documents/flashcards/rednote-anki.txt; "
            "a CSV for other flashcard apps is beside it: /home/someone/Documents/flashcards/rednote-anki.csv")


def settle() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()


def test_a_status_line_does_not_move_the_lists(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    page = PhrasebookPage(build_context(search_pack(tmp_path / "pack")), Navigator())
    qtbot.addWidget(page)
    page.resize(800, 560)
    page.show()
    qtbot.waitExposed(page)
    settle()
    phrases = page.findChild(QListView, "phraseList")
    before = phrases.geometry()
    for text in ("Copied 你好", EXPORTED, ""):
        page.say(text)
        settle()
        assert phrases.geometry() == before, f"the list moved for {text!r}"
    page.say(EXPORTED)
    settle()
    assert page.status.text() == EXPORTED
    assert page.status.toolTip() == EXPORTED or page.status.heightForWidth(page.status.width()) <= page.status.height(), \
        "a message too long for the line is whole in its tooltip"
