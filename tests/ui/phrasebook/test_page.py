"""The phrase book as a user drives it: categories, search across them as you type,
favourites that survive a restart, copy, translate, export and practice."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import search_pack
from helpers.study import word
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
)

import guide.ui.phrasebook.speech as speech
from guide.core.context import AppContext, build_context
from guide.core.study.deck import Deck
from guide.ui.phrasebook import anki_export
from guide.ui.phrasebook.page import PhrasebookPage
from guide.ui.phrasebook.phrase_list import FAVOURITES, KEY_ROLE
from guide.ui.shell.navigator import Navigator


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return search_pack(tmp_path / "pack")


@pytest.fixture
def context(pack_dir: Path) -> AppContext:
    return build_context(pack_dir)


def make_page(qtbot, context: AppContext) -> PhrasebookPage:
    widget = PhrasebookPage(context, Navigator())
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


@pytest.fixture
def page(qtbot, context: AppContext) -> PhrasebookPage:
    return make_page(qtbot, context)


def phrase_list(page: PhrasebookPage) -> QListView:
    found = page.findChild(QListView, "phraseList")
    assert found is not None
    return found


def shown(page: PhrasebookPage) -> list[str]:
    model = phrase_list(page).model()
    return [model.index(row).data(KEY_ROLE) for row in range(model.rowCount())]


def search_box(page: PhrasebookPage) -> QLineEdit:
    found = page.findChild(QLineEdit, "phraseSearch")
    assert found is not None
    return found


def test_categories_with_favourites_first(page: PhrasebookPage) -> None:
    categories = page.findChild(QListWidget, "phraseCategories")
    texts = [categories.item(i).text() for i in range(categories.count())]
    assert texts == ["★ Favourites (0)", "Greetings (3)", "Shopping (3)", "Slang (2)"]
    assert categories.currentItem().text() == "Greetings (3)"
    assert shown(page) == ["你好", "你好吗？", "大家好！"]
    row = phrase_list(page).model().index(0).data()
    assert row == "Hello — 你好 (nǐ hǎo)"
    categories.setCurrentRow(3)
    assert shown(page) == ["yyds", "自驾游"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("ni hao", ["你好", "你好吗？"]), ("nihao", ["你好", "你好吗？"]), ("ni3 hao3", ["你好", "你好吗？"]),
    ("yyds", ["yyds"]), ("lv", ["要绿色的"]), ("green", ["要绿色的"]), ("road", ["自驾游"]),
])
def test_search_filters_across_all_categories_as_you_type(qtbot, page: PhrasebookPage, typed: str,
                                                          expected: list[str]) -> None:
    qtbot.keyClicks(search_box(page), typed)
    assert shown(page) == expected
    assert page.findChild(QListWidget, "phraseCategories").currentItem() is None, "search covers every category"
    search_box(page).clear()
    assert shown(page) == ["你好", "你好吗？", "大家好！"], "clearing goes back to the category"


def test_hanzi_search_and_nothing_found(qtbot, page: PhrasebookPage) -> None:
    search_box(page).insert("绿")
    assert shown(page) == ["要绿色的"]
    search_box(page).clear()
    qtbot.keyClicks(search_box(page), "xyzzyq")
    assert shown(page) == [] and "Nothing matches" in page.detail_en.text()
    assert not page.findChild(QPushButton, "phraseCopy").isEnabled()


def test_star_button_persists_across_two_pages_sharing_the_data_dir(qtbot, pack_dir: Path) -> None:
    first = make_page(qtbot, build_context(pack_dir))
    first.show_phrase("yyds")
    star = first.findChild(QPushButton, "phraseFavourite")
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    assert star.isChecked() and star.text() == "★ Favourite"
    first.show_phrase("你好")
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    first.context.userdata.close()

    second = make_page(qtbot, build_context(pack_dir))  # a new start: new store, same data dir
    categories = second.findChild(QListWidget, "phraseCategories")
    assert categories.item(0).text() == "★ Favourites (2)"
    second.show_category(FAVOURITES)
    assert shown(second) == ["yyds", "你好"], "oldest first"
    assert second.findChild(QPushButton, "phraseFavourite").isChecked()
    qtbot.mouseClick(second.findChild(QPushButton, "phraseFavourite"), Qt.MouseButton.LeftButton)
    assert shown(second) == ["你好"], "unstarring in Favourites removes it from the list"


def test_favourites_persist_across_two_main_windows(qtbot, pack_dir: Path) -> None:
    from guide.ui.shell.main_window import MainWindow

    first = MainWindow(build_context(pack_dir))
    qtbot.addWidget(first)
    first.navigator.open_phrase.emit("要绿色的")
    page = first.pages["phrasebook"]
    assert first.current_page_name() == "phrasebook" and page.selected_phrase().zh == "要绿色的"
    page.toggle_favourite()
    first.close()
    second = MainWindow(build_context(pack_dir))
    qtbot.addWidget(second)
    again = second.show_page("phrasebook")
    again.show_category(FAVOURITES)
    assert shown(again) == ["要绿色的"]


def test_clicking_the_star_in_a_row_toggles_the_favourite(qtbot, page: PhrasebookPage) -> None:
    view = phrase_list(page)
    rect = view.visualRect(view.model().index(1))
    star = page.delegate.star_rect(rect).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=star)
    assert page.context.userdata.favourites() == ["你好吗？"]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=star)
    assert page.context.userdata.favourites() == []


def test_copy_and_copy_with_pinyin(qtbot, page: PhrasebookPage) -> None:
    page.show_phrase("大家好！")
    qtbot.mouseClick(page.findChild(QPushButton, "phraseCopy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "大家好！"
    qtbot.mouseClick(page.findChild(QPushButton, "phraseCopyPinyin"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "大家好！ (Dàjiā hǎo!)"
    page.show_phrase("你好")
    qtbot.keyClick(phrase_list(page), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "你好"
    assert page.detail_literal.text() == ""
    page.show_phrase("yyds")
    assert page.detail_literal.text() == "Literally: forever god"


def test_translate_this_sends_the_chinese_to_the_navigator(qtbot, page: PhrasebookPage) -> None:
    page.show_phrase("值得买吗？")
    with qtbot.waitSignal(page.navigator.translate_text) as signal:
        qtbot.mouseClick(page.findChild(QPushButton, "phraseTranslate"), Qt.MouseButton.LeftButton)
    assert signal.args == ["值得买吗？"]


def test_speak_button_only_with_text_to_speech(qtbot, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "QTextToSpeech", None)
    without = make_page(qtbot, context)
    assert without.findChild(QPushButton, "phraseSpeak").isHidden()
    monkeypatch.setattr(speech, "QTextToSpeech", object)
    with_speech = make_page(qtbot, context)
    assert not with_speech.findChild(QPushButton, "phraseSpeak").isHidden()


def test_export_button_asks_for_a_file_and_writes_it(qtbot, page: PhrasebookPage, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    page.set_favourite("yyds", True)
    page.context.userdata.mark_complete("first", "post")
    target = tmp_path / "anki.txt"
    monkeypatch.setattr(anki_export, "ask_what_to_export", lambda parent, favourites, labels, kept: (True, True, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(page.findChild(QPushButton, "phraseExport"), Qt.MouseButton.LeftButton)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines[4:]] == ["yyds", "小红书", "发布", "收藏"]
    assert (tmp_path / "anki.txt.csv").is_file()
    assert "Exported 4 cards (1 favourites, 0 kept cards, 3 UI labels met)" in page.status.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert page.export_anki() is None, "cancelling the dialog writes nothing"


def test_nothing_to_export_asks_for_no_file_and_writes_none(page: PhrasebookPage, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append("where") or ("", "")))
    assert page.export_anki() is None and asked == []
    (tmp_path / "out").mkdir()
    assert page.export_anki(tmp_path / "out" / "cards.txt") is None and list((tmp_path / "out").iterdir()) == []
    assert "Nothing to export yet" in page.status.text() and "star phrases" in page.status.text()


def test_export_failure_is_reported(page: PhrasebookPage, tmp_path: Path) -> None:
    page.set_favourite("yyds", True)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    notices: list[str] = []
    page.navigator.notice.connect(notices.append)
    assert page.export_anki(blocker / "cards.txt") is None
    assert notices and "Could not export" in notices[0]


def test_practice_round_over_favourites(qtbot, page: PhrasebookPage) -> None:
    practice = page.findChild(QPushButton, "phrasePractice")
    assert not practice.isEnabled(), "nothing to practise without favourites"
    assert page.start_practice() is None and "star a few phrases" in page.status.text()
    page.set_favourite("你好", True)
    page.set_favourite("yyds", True)
    assert practice.isEnabled()
    dialog = page.start_practice()
    qtbot.addWidget(dialog)
    reveal, known, again = (dialog.findChild(QPushButton, name) for name in ("practiceReveal", "practiceKnown", "practiceAgain"))
    first = dialog.round.current
    assert (dialog.zh.text(), dialog.pinyin.text(), dialog.answer.text()) == (first.zh, first.pinyin, "")
    assert not known.isEnabled(), "reveal before judging"
    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)
    assert dialog.pinyin.text() == first.pinyin and first.en in dialog.answer.text()
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    second = dialog.round.current
    assert second is not first
    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(known, Qt.MouseButton.LeftButton)
    assert dialog.round.current is first, "the card marked again comes back"
    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(known, Qt.MouseButton.LeftButton)
    assert dialog.zh.text() == "Done!" and "all 2 phrases, after 1 repeat" in dialog.progress.text()
    assert not dialog.findChild(QPushButton, "practiceRestart").isHidden()


def test_show_phrase_selects_it_in_its_category(page: PhrasebookPage) -> None:
    assert page.show_phrase("自驾游")
    assert page.findChild(QListWidget, "phraseCategories").currentItem().text() == "Slang (2)"
    assert page.selected_phrase().zh == "自驾游" and page.detail_zh.text() == "自驾游"
    assert not page.show_phrase("no such phrase")


@pytest.mark.parametrize(("zh", "expected"), [
    ("yyds", "yyds (yǒngyuǎn de shén)"), ("666", "666 (liùliùliù)"), ("emo", "emo"), ("大家好！", "大家好！ (Dàjiā hǎo!)"),
])
def test_copy_with_pinyin_never_repeats_letters_the_pinyin_already_has(qtbot, zh: str, expected: str) -> None:
    """Slang written in letters has pinyin like "yyds (yǒngyuǎn de shén)" (issue 14 item 14)."""
    bundled = build_context(None)
    page = make_page(qtbot, bundled)
    key = next(p.key for p in bundled.pack.phrases if p.zh == zh)
    assert page.show_phrase(key)
    qtbot.mouseClick(page.findChild(QPushButton, "phraseCopyPinyin"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == expected
    assert page.status.text() == f"Copied {expected}"


def test_export_says_what_goes_in_and_lets_the_user_choose(qtbot, page: PhrasebookPage, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """4 favourites must not silently become 42 cards (issue 14 item 15)."""
    page.set_favourite("yyds", True)
    page.context.userdata.mark_complete("first", "post")
    Deck(page.context.userdata).keep(word("谢谢", "xièxie", "thank you"))
    asked: list[tuple[int, int, int]] = []

    def only_favourites(parent, favourites: int, labels: int, kept: int) -> tuple[bool, bool, bool]:
        asked.append((favourites, labels, kept))
        return True, False, False

    monkeypatch.setattr(anki_export, "ask_what_to_export", only_favourites)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "fav.txt"), "")))
    assert page.export_anki() == tmp_path / "fav.txt"
    assert asked == [(1, 3, 1)], "the dialog names every source and its count"
    lines = (tmp_path / "fav.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines[4:]] == ["yyds"]
    monkeypatch.setattr(anki_export, "ask_what_to_export", lambda *a: None)
    assert page.export_anki() is None, "cancelling the choice writes nothing"


def test_export_choice_dialog_names_every_source(qtbot) -> None:
    dialog = anki_export.ExportChoiceDialog(4, 38, kept=7)
    qtbot.addWidget(dialog)
    assert dialog.favourites.text() == "Favourite phrases (4)" and dialog.favourites.isChecked()
    assert dialog.labels.text() == "UI labels from finished walkthroughs (38)" and dialog.labels.isChecked()
    assert dialog.kept.text() == "Cards you keep to learn (7)" and dialog.kept.isChecked()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    for box in (dialog.favourites, dialog.labels):
        box.setChecked(False)
    assert ok.isEnabled() and dialog.choice() == (False, False, True)
    dialog.kept.setChecked(False)
    assert not ok.isEnabled(), "nothing to export: nothing to confirm"


def test_the_save_dialog_opens_in_the_folder_used_last(qtbot, page: PhrasebookPage, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    page.set_favourite("yyds", True)
    folder = tmp_path / "exports"
    folder.mkdir()
    suggested: list[str] = []

    def save_name(parent, title: str, start: str, filters: str) -> tuple[str, str]:
        suggested.append(start)
        return str(folder / "cards.txt"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    assert page.export_anki() == folder / "cards.txt"
    assert Path(suggested[0]).parent == Path.home()
    assert build_context(page.context.pack.root).settings.last_export_folder == str(folder), "kept in the settings file"
    assert page.export_anki() is not None
    assert Path(suggested[1]).parent == folder


def test_status_lines_clear_at_the_next_action_and_after_a_while(qtbot, page: PhrasebookPage, tmp_path: Path) -> None:
    page.set_favourite("yyds", True)
    assert page.export_anki(tmp_path / "a.txt", include=(True, False))
    assert "Exported 1 cards" in page.status.text() and page.status_timer.isActive()
    page.categories.setCurrentRow(2)
    assert page.status.text() == "", "choosing a category is the next action"
    page.copy_selected()
    assert page.status.text().startswith("Copied")
    page.status_timer.setInterval(1)
    page.status_timer.start()
    qtbot.waitUntil(lambda: page.status.text() == "", timeout=5000)


def test_space_on_the_done_screen_does_not_start_a_new_round(qtbot, page: PhrasebookPage) -> None:
    page.set_favourite("你好", True)
    dialog = page.start_practice()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # Show answer
    assert dialog.pinyin.text() != ""
    assert dialog.focusWidget() is dialog.findChild(QPushButton, "practiceKnown")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # Known, the focused button
    assert dialog.zh.text() == "Done!"
    for _ in range(2):
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Space)
        assert dialog.zh.text() == "Done!" and dialog.round.current is None, "Space started a new round"
    qtbot.mouseClick(dialog.findChild(QPushButton, "practiceRestart"), Qt.MouseButton.LeftButton)
    assert dialog.zh.text() != "Done!", "the button still starts one"
