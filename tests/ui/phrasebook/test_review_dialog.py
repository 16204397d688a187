"""Review as a user drives it (issue 26), on a fixed clock: the chosen front, Space for the
answer with where the card was met, 1–4 each saying when the card comes back, the next day's
cards, one card's own front, removing a card, the settings, and the progress chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import search_pack
from helpers.study import FakeClock, word
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMessageBox, QPushButton

import guide.ui.phrasebook.speech as speech
from guide.core.context import AppContext, build_context
from guide.core.study.cards import Front
from guide.core.study.deck import Deck
from guide.ui.phrasebook.review_dialog import ReviewDialog


@pytest.fixture
def context(tmp_path: Path) -> AppContext:
    return build_context(search_pack(tmp_path / "pack"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def deck(context: AppContext, clock: FakeClock) -> Deck:
    deck = Deck(context.userdata, clock=clock)
    deck.keep(word("谢谢", "xièxie", "thank you"))
    deck.keep(word("收藏", "shōucáng", "Save", kind="label", source="walkthrough", example="Posting › Save it",
                   example_en="", place="walkthrough/first/post"))
    return deck


def open_review(qtbot, context: AppContext, clock: FakeClock, **more) -> ReviewDialog:  # noqa: ANN001, ANN003
    dialog = ReviewDialog(context, clock=clock, **more)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # the answer keys are the window's shortcuts
        dialog.show()
        dialog.activateWindow()
    return dialog


def button(dialog: ReviewDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


ANSWER_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


def press(qtbot, dialog: ReviewDialog, key: Qt.Key) -> None:  # noqa: ANN001
    """A key as the user presses it. A button's own key "clicks" it a moment later (Qt
    animates the press), so an answer key is waited for."""
    answered = dialog.session.answered
    qtbot.keyClick(dialog.focusWidget() or dialog, key)
    if key in ANSWER_KEYS and dialog.outcomes:
        qtbot.waitUntil(lambda: dialog.session.answered > answered, timeout=5000)


def test_review_with_the_keys_today_and_the_next_day(qtbot, context: AppContext, deck: Deck, clock: FakeClock) -> None:
    opened: list[str] = []
    dialog = open_review(qtbot, context, clock, open_place=opened.append)
    first = dialog.card
    assert first.zh == "谢谢" and dialog.main.text() == "谢谢" and dialog.pinyin.text() == "xièxie", \
        "汉字 with pinyin: a newcomer's front"
    assert dialog.meaning.text() == "" and button(dialog, "reviewGood").isHidden()
    press(qtbot, dialog, Qt.Key.Key_3)
    assert dialog.card is first, "no answer before the answer is shown"
    press(qtbot, dialog, Qt.Key.Key_Space)
    assert dialog.meaning.text() == "thank you" and button(dialog, "reviewOpenPlace").isHidden()
    assert dialog.example.text() == "Met in the Translator: “谢谢你的分享” — thanks for sharing"
    assert button(dialog, "reviewAgain").text() == "Again\n1 min"
    assert button(dialog, "reviewGood").text() == "Good\n10 min"
    assert dialog.focusWidget() is button(dialog, "reviewGood"), "Space again means Good"
    press(qtbot, dialog, Qt.Key.Key_4)  # Easy: days away
    assert dialog.card.zh == "收藏"
    press(qtbot, dialog, Qt.Key.Key_Space)
    assert dialog.example.text() == "Met in a walkthrough: Posting › Save it"
    qtbot.mouseClick(button(dialog, "reviewOpenPlace"), Qt.MouseButton.LeftButton)
    assert opened == ["walkthrough/first/post"], "the step it was met in opens again"
    press(qtbot, dialog, Qt.Key.Key_1)  # Again: back in a minute, shown again in this sitting
    assert dialog.card.zh == "收藏"
    press(qtbot, dialog, Qt.Key.Key_Space)
    press(qtbot, dialog, Qt.Key.Key_4)
    assert dialog.main.text() == "Done for today!" and "You answered 3 cards" in dialog.question.text()
    assert dialog.focusWidget() is dialog.question, "Space on the summary starts nothing"
    for key in (Qt.Key.Key_Space, Qt.Key.Key_3):
        press(qtbot, dialog, key)
    assert dialog.main.text() == "Done for today!" and len(deck.answers()) == 3

    easy = deck.find("谢谢")
    clock.now = easy.due.astimezone(clock.now.tzinfo).replace(hour=8)
    dialog.start()
    assert dialog.card is not None and "谢谢" in [c.zh for c in dialog.session.queue], "back on the day FSRS chose"


def test_the_front_per_deck_and_per_card(qtbot, context: AppContext, deck: Deck, clock: FakeClock) -> None:
    dialog = open_review(qtbot, context, clock)
    front = dialog.findChild(QComboBox, "reviewFront")
    front.setCurrentIndex(next(i for i in range(front.count()) if front.itemText(i).startswith("English")))
    assert dialog.main.text() == "thank you" and dialog.pinyin.text() == "" and "Chinese" in dialog.question.text()
    assert build_context(context.pack.root).settings.review_front == "english", "kept for next time"
    assert dialog.deck_front() is Front.ENGLISH

    dialog.tabs.setCurrentWidget(dialog.cards_tab)
    tab = dialog.cards_tab
    tab.table.setCurrentCell(1, 0)
    assert tab.current().zh == "收藏"
    own = dialog.findChild(QComboBox, "reviewCardFront")
    assert own.currentText() == "Like the other cards"
    own.setCurrentIndex(next(i for i in range(own.count()) if own.itemText(i).startswith("Pinyin")))
    assert deck.find("收藏").front is Front.PINYIN
    dialog.tabs.setCurrentIndex(0)
    press(qtbot, dialog, Qt.Key.Key_Space)
    press(qtbot, dialog, Qt.Key.Key_4)
    assert dialog.card.zh == "收藏" and dialog.main.text() == "shōucáng", "this card's own front"


def test_listening_needs_speech(qtbot, context: AppContext, deck: Deck, clock: FakeClock,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_review(qtbot, context, clock)
    front = dialog.findChild(QComboBox, "reviewFront")
    assert not [front.itemText(i) for i in range(front.count()) if "Listen" in front.itemText(i)], \
        "no Listen front without the [speech] extra"
    assert button(dialog, "reviewPlay").isHidden()
    said: list[str] = []

    class FakeSpeech:
        def __init__(self, parent) -> None:  # noqa: ANN001
            pass

        def availableLocales(self) -> list:  # noqa: N802
            return []

        def say(self, text: str) -> None:
            said.append(text)

    monkeypatch.setattr(speech, "QTextToSpeech", FakeSpeech)
    context.settings.review_front = "listen"
    listening = open_review(qtbot, context, clock)
    assert listening.main.text() == "Listen" and said == ["谢谢"] and "谢谢" not in listening.pinyin.text()
    qtbot.mouseClick(button(listening, "reviewPlay"), Qt.MouseButton.LeftButton)
    assert said == ["谢谢", "谢谢"]


def test_remove_a_card_and_change_the_settings(qtbot, context: AppContext, deck: Deck, clock: FakeClock,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(12):
        deck.keep(word(f"词{n}", "cí", f"word {n}"))
    dialog = open_review(qtbot, context, clock)
    assert dialog.session.remaining == 10, "ten new cards a day by default"
    dialog.tabs.setCurrentWidget(dialog.cards_tab)
    tab = dialog.cards_tab
    assert tab.table.rowCount() == 14 and tab.table.item(0, 3).text() == "the Translator: 谢谢你的分享"
    tab.new_per_day.setValue(3)
    assert context.settings.new_cards_per_day == 3 and dialog.session.remaining == 3
    tab.retention.setValue(80)
    assert context.settings.retention_goal == 0.8 and dialog.review.scheduler.desired_retention == 0.8
    tab.table.setCurrentCell(0, 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.button(QMessageBox.StandardButton.No).click())
    qtbot.mouseClick(button(dialog, "reviewRemove"), Qt.MouseButton.LeftButton)
    assert deck.find("谢谢") is not None, "asked first"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(button(dialog, "reviewRemove"), Qt.MouseButton.LeftButton)
    assert deck.find("谢谢") is None and tab.table.rowCount() == 13
    assert dialog.card.zh == "收藏", "the sitting goes on without it"


def test_the_progress_chart(qtbot, context: AppContext, deck: Deck, clock: FakeClock) -> None:
    dialog = open_review(qtbot, context, clock)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_4, Qt.Key.Key_Space, Qt.Key.Key_4):
        press(qtbot, dialog, key)
    dialog.tabs.setCurrentIndex(2)
    assert dialog.chart.days[-1].reviews == 2 and dialog.chart.days[-1].known == 2
    assert dialog.chart.accessibleDescription() == "2 answers on 1 of the last 30 days; cards known: 0 then, 2 today."
    assert "2 cards kept" in dialog.findChild(QLabel, "reviewChartText").text()
    QApplication.processEvents()
    picture = dialog.chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = {QColor(picture.pixel(x, y)).name() for x in range(0, picture.width(), 2)
               for y in range(0, picture.height(), 2)}
    assert "#ff2442" in colours and "#2e7d32" in colours, "bars and the known line are drawn"


def test_no_cards_yet_says_how_to_keep_one(qtbot, context: AppContext, clock: FakeClock) -> None:
    dialog = open_review(qtbot, context, clock)
    assert dialog.main.text() == "No cards yet" and "Learn this" in dialog.question.text()
    assert all(b.isHidden() for b in dialog.answer_buttons.values()) and button(dialog, "reviewReveal").isHidden()


def test_card_text_is_never_markup(qtbot, context: AppContext, clock: FakeClock) -> None:
    Deck(context.userdata, clock=clock).keep(word("<b>粗</b>", "cū", "<i>bold</i>", example="<a href='x'>链接</a>"))
    dialog = open_review(qtbot, context, clock)
    press(qtbot, dialog, Qt.Key.Key_Space)
    for label in (dialog.main, dialog.meaning, dialog.example, dialog.pinyin):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.main.text() == "<b>粗</b>"


def test_the_dialog_keeps_its_width_to_the_end(qtbot, context: AppContext, deck: Deck, clock: FakeClock) -> None:
    dialog = open_review(qtbot, context, clock)
    assert dialog.width() == 640, "opens at its own size, not as wide as every button in a row"
    dialog.resize(560, 480)
    QApplication.processEvents()
    width = dialog.width()
    for key in (Qt.Key.Key_Space, Qt.Key.Key_4, Qt.Key.Key_Space, Qt.Key.Key_4):
        press(qtbot, dialog, key)
        QApplication.processEvents()
        assert dialog.width() == width
    assert dialog.main.text() == "Done for today!"
