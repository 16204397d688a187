"""Practice over favourites as a newcomer uses it (issue 25 item 14): the front is theirs to
choose (English, pinyin or 汉字; only 汉字 was shown before, which a newcomer cannot read), the
word is spelled one way ("Practice"), and the dialog keeps its size at "Done!"."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import search_pack
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QPushButton

from guide.core.context import AppContext, build_context
from guide.ui.phrasebook.page import PhrasebookPage
from guide.ui.shell.navigator import Navigator


@pytest.fixture
def context(tmp_path: Path) -> AppContext:
    return build_context(search_pack(tmp_path / "pack"))


@pytest.fixture
def page(qtbot, context: AppContext) -> PhrasebookPage:
    widget = PhrasebookPage(context, Navigator())
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    for key in ("你好", "yyds"):
        widget.set_favourite(key, True)
    return widget


def start(qtbot, page: PhrasebookPage):  # noqa: ANN201
    dialog = page.start_practice()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def choose_front(dialog, title_start: str) -> None:  # noqa: ANN001
    combo = dialog.findChild(QComboBox, "practiceFront")
    assert combo is not None, "the front can be chosen"
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(title_start))
    combo.setCurrentIndex(index)


def test_the_front_can_be_english_pinyin_or_characters(qtbot, page: PhrasebookPage) -> None:
    dialog = start(qtbot, page)
    card = dialog.round.current
    choose_front(dialog, "English")
    assert dialog.zh.text() == card.en and card.zh not in dialog.zh.text() + dialog.pinyin.text()
    choose_front(dialog, "Pinyin")
    assert dialog.zh.text() == card.pinyin and dialog.pinyin.text() == ""
    choose_front(dialog, "汉字 and pinyin")
    assert (dialog.zh.text(), dialog.pinyin.text()) == (card.zh, card.pinyin)
    choose_front(dialog, "汉字 →")
    assert (dialog.zh.text(), dialog.pinyin.text()) == (card.zh, "")
    choose_front(dialog, "English")
    qtbot.mouseClick(dialog.findChild(QPushButton, "practiceReveal"), Qt.MouseButton.LeftButton)
    assert (dialog.zh.text(), dialog.pinyin.text()) == (card.zh, card.pinyin), "the back shows 汉字 and pinyin"
    assert card.en in dialog.answer.text()


def test_the_chosen_front_is_kept_for_the_next_round(qtbot, page: PhrasebookPage) -> None:
    dialog = start(qtbot, page)
    assert dialog.zh.text() == dialog.round.current.zh and dialog.pinyin.text() == dialog.round.current.pinyin, \
        "a newcomer starts with the pinyin under the 汉字"
    choose_front(dialog, "English")
    dialog.close()
    again = start(qtbot, page)
    assert again.zh.text() == again.round.current.en
    assert build_context(page.context.pack.root).settings.practice_front == "english", "kept in the settings file"


def test_practice_is_spelled_one_way(qtbot, page: PhrasebookPage) -> None:
    dialog = start(qtbot, page)
    for _ in range(2):
        qtbot.mouseClick(dialog.findChild(QPushButton, "practiceReveal"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "practiceKnown"), Qt.MouseButton.LeftButton)
    assert dialog.zh.text() == "Done!"
    texts = [w.text() for kind in (QLabel, QAbstractButton) for w in dialog.findChildren(kind)] + [dialog.windowTitle()]
    texts += [w.text() for w in page.findChildren(QAbstractButton)]
    assert not [t for t in texts if "practis" in t.lower()], "one spelling: Practice"
    assert dialog.findChild(QPushButton, "practiceRestart").text() == "Practice again"


@pytest.mark.parametrize("size", [(480, 360), (420, 360)])
def test_the_dialog_does_not_widen_at_done(qtbot, page: PhrasebookPage, size: tuple[int, int]) -> None:
    dialog = start(qtbot, page)
    dialog.resize(*size)
    QApplication.processEvents()
    width = dialog.width()
    for answer in ("practiceAgain", "practiceKnown", "practiceKnown"):  # one repeat: the longest summary
        qtbot.mouseClick(dialog.findChild(QPushButton, "practiceReveal"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, answer), Qt.MouseButton.LeftButton)
    assert dialog.zh.text() == "Done!" and "after 1 repeat" in dialog.progress.text()
    QApplication.processEvents()
    assert dialog.width() == width, "the summary wraps instead of widening the dialog"
