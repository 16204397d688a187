""""Learn this" on every page, and issue 26's "Done when": a user keeps a word from the
Translator, the Screenshot page and a walkthrough, reviews them the next day on FSRS's
schedule, and finds them in the Anki export."""

from __future__ import annotations

import html
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler
from helpers.fake_server import FakeServer
from helpers.packs import search_pack
from helpers.study import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from guide.cli import main
from guide.core.context import AppContext, build_context
from guide.core.screen.ocr_client import ocr_available
from guide.core.study.deck import Deck
from guide.ui.shell.main_window import MainWindow
from guide.ui.walkthroughs.label_card import LabelChip
from guide.ui.widgets.learn_button import KEPT, LearnButton


def make_window(qtbot, context: AppContext) -> MainWindow:  # noqa: ANN001
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitActive(window):  # the Learn key is a window shortcut
        window.show()
        window.activateWindow()
    return window


def learn_key(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.keyClick(widget, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def deck_of(window: MainWindow) -> Deck:
    return Deck(window.context.userdata)


def test_ui_labels_and_phrase_book_keep_with_the_button_and_the_key(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(qtbot, build_context(search_pack(tmp_path / "pack")))
    glossary = window.show_page("glossary")
    assert glossary.show_label("收藏")
    learn_key(qtbot, glossary.table)
    card = deck_of(window).find("收藏")
    assert card is not None and (card.kind, card.source) == ("label", "glossary")
    assert card.example_en == "On screen: Star under a note" and card.pinyin == "shōucáng"
    assert glossary.learn_button.text() == KEPT
    phrasebook = window.show_page("phrasebook")
    assert phrasebook.show_phrase("yyds")
    qtbot.mouseClick(phrasebook.learn_button, Qt.MouseButton.LeftButton)
    kept = deck_of(window).find("yyds")
    assert (kept.kind, kept.en, kept.example_en) == ("phrase", "the GOAT", "Literally: forever god. Praise.")


def test_start_says_how_many_are_due_and_opens_review(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(qtbot, build_context(search_pack(tmp_path / "pack")))
    start = window.pages["start"]
    due = start.findChild(QLabel, "startDue")
    review = start.findChild(QPushButton, "startReview")
    assert "Learn this (Ctrl+L)" in due.text() and review.isHidden(), "before any card: what Learn is"
    glossary = window.show_page("glossary")
    for zh in ("收藏", "发布"):
        glossary.show_label(zh)
        glossary.learn_button.click()
    window.show_page("start")
    assert due.text() == "2 cards due today" and not review.isHidden()
    qtbot.mouseClick(review, Qt.MouseButton.LeftButton)
    dialog = window.pages["phrasebook"].review_dialog
    assert dialog.isVisible() and dialog.card.zh == "收藏" and window.current_page_name() == "start"
    dialog.reveal()
    qtbot.mouseClick(dialog.answer_buttons[max(dialog.answer_buttons)], Qt.MouseButton.LeftButton)  # Easy
    dialog.close()
    qtbot.waitUntil(lambda: due.text() == "1 card due today", timeout=5000)


@pytest.mark.skipif(not ocr_available(), reason="needs the [ocr] extra")
def test_keep_from_translator_screenshot_and_walkthrough_review_tomorrow_and_export(
        qtbot, tmp_path: Path, server: FakeServer, qapp) -> None:  # noqa: ANN001
    from helpers.screens import render_svg

    from guide.core.storage import paths

    context = build_context()
    context.settings.engines = ["libretranslate"]
    context.settings.libretranslate_url = server.root
    window = make_window(qtbot, context)

    # The Translator: a word of the breakdown, with its sentence and the translation.
    translator = window.show_page("translator")
    qtbot.waitUntil(lambda: not translator.is_busy(), timeout=120000)  # the dictionary index, built once
    translator.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: translator.result is not None and translator.result.complete
                    and translator.result.translated, timeout=30000)
    chip = next(c for c in translator.words.chips if c.word.text == "博主")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    learn_key(qtbot, chip)
    blogger = deck_of(window).find("博主")
    assert blogger is not None and (blogger.kind, blogger.source) == ("word", "translator")
    assert (blogger.example, blogger.example_en) == ("这个博主的穿搭绝绝子", "This blogger's outfits are amazing")
    qtbot.mouseClick(translator.learn_line, Qt.MouseButton.LeftButton)
    assert deck_of(window).find("这个博主的穿搭绝绝子").en == "This blogger's outfits are amazing"

    # A walkthrough: a label chip opens its card, with Learn this beside Copy.
    window.open_walkthrough("first-note", "pick-photos")
    player = window.pages["walkthroughs"].player
    qtbot.mouseClick(next(c for c in player.findChildren(LabelChip) if c.text().startswith("相册")),
                     Qt.MouseButton.LeftButton)
    learn_key(qtbot, player)
    album = deck_of(window).find("相册")
    assert album is not None and album.source == "walkthrough" and album.place == "walkthrough/first-note/pick-photos"
    assert album.example.endswith("› Choose photos or a video")

    # The Screenshot page: a label read on a drawn screenshot, with a picture of where it was.
    picture = render_svg(paths.default_pack() / "images" / "first-note-9-who.svg", tmp_path / "shot.png")
    shots = window.show_page("screenshot")
    shots.open_file(picture)
    qtbot.waitUntil(lambda: shots.reading is not None and not shots.is_busy(), timeout=90000)
    row = next(i for i, line in enumerate(shots.reading.lines) if line.label and line.label.entry.zh == "公开")
    shots.lines.setCurrentRow(row)
    learn = shots.detail.findChild(LearnButton)
    assert learn is not None and learn.isEnabled()
    learn_key(qtbot, shots.lines)
    public = deck_of(window).find("公开")
    assert public is not None and public.source == "screenshot"
    qtbot.waitUntil(lambda: deck_of(window).picture_path(public) is not None, timeout=10000)
    shots.runner.shutdown()

    # The next day: all four are due, and each answer gets FSRS's interval.
    tomorrow = FakeClock((datetime.now().astimezone() + timedelta(days=1)).replace(hour=9, minute=0))
    dialog = window.page("phrasebook").start_review(clock=tomorrow)  # closes with the window
    assert sorted(c.zh for c in dialog.session.queue) == sorted(["博主", "这个博主的穿搭绝绝子", "相册", "公开"])
    expected, _log = Scheduler().review_card(Card(), Rating.Good, tomorrow.now.astimezone(timezone.utc))
    for _ in range(4):
        card = dialog.card
        dialog.reveal()
        assert dialog.answer_buttons[max(dialog.answer_buttons) - 1].text() == "Good\n10 min"
        qtbot.mouseClick(dialog.answer_buttons[max(dialog.answer_buttons) - 1], Qt.MouseButton.LeftButton)
        assert deck_of(window).card(card.id).due == expected.due
    dialog.close()

    # And in the export, with where each was met.
    target = tmp_path / "cards.txt"
    window.close()
    assert main(["export", "--anki", str(target)]) == 0
    rows = {row.split("\t")[0]: html.unescape(row).split("\t") for row in
            target.read_text(encoding="utf-8").splitlines()[4:]}  # Anki's HTML mode
    assert rows["博主"][1:] == [blogger.pinyin, blogger.en,
                               "Met in the Translator: 这个博主的穿搭绝绝子 (This blogger's outfits are amazing)."]
    assert rows["相册"][3].startswith("Met in a walkthrough: ") and rows["公开"][3].startswith("Met in a screenshot")
