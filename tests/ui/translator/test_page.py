"""The Translator page: results appear as you type without the UI ever waiting, the newest
request wins, history and settings work, and closing during a hanging request is prompt."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.fake_server import FakeServer
from helpers.packs import slang_pack
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from guide.core.context import AppContext, build_context
from guide.ui.shell.navigator import Navigator
from guide.ui.translator.page import TranslatorPage


@pytest.fixture
def context(tmp_path: Path, server: FakeServer, dictionary_index: Path) -> AppContext:
    context = build_context(slang_pack(tmp_path / "pack"))
    context.settings.engines = ["libretranslate"]
    context.settings.libretranslate_url = server.root
    context.settings.timeout_seconds = 5.0
    context.settings.offline_only = False
    return context


@pytest.fixture
def page(qtbot, context: AppContext) -> Iterator[TranslatorPage]:  # noqa: ANN001
    navigator = Navigator()
    page = TranslatorPage(context, navigator)
    page.notices = []  # type: ignore[attr-defined]
    navigator.notice.connect(page.notices.append)  # type: ignore[attr-defined]
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)  # dictionary loaded
    yield page
    page.shutdown()


def type_text(widget: QWidget, text: str) -> None:
    """Key events carrying the characters, as an input method delivers them (QTest's
    keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def output(page: TranslatorPage) -> str:
    return page.findChild(QPlainTextEdit, "translatorOutput").toPlainText()


def origin(page: TranslatorPage) -> str:
    return page.findChild(QLabel, "translatorOrigin").text()


def test_typing_shows_a_translation_while_the_ui_thread_keeps_running(qtbot, page: TranslatorPage,  # noqa: ANN001
                                                                      server: FakeServer) -> None:
    server.behaviour.mode, server.behaviour.delay = "slow", 2.0
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start()
    started = time.monotonic()
    type_text(page.findChild(QPlainTextEdit, "translatorInput"), "你们好")
    qtbot.waitUntil(lambda: output(page) == "Hello, all of you", timeout=20000)
    heartbeat.stop()
    assert time.monotonic() - started >= 2.0, "the answer did wait for the slow server"
    assert [s.text for s in server.seen] == ["你们好"], "typing is debounced into one request"
    assert origin(page) == "LibreTranslate"
    assert page.findChild(QLabel, "translatorPinyin").text().startswith("nǐmen")
    gaps = [b - a for a, b in zip(beats, beats[1:])]
    assert len(beats) > 50 and max(gaps) < 0.5, f"the UI thread stalled for {max(gaps):.3f} s"


def test_the_gloss_shows_before_the_engine_answers(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    server.behaviour.mode, server.behaviour.delay = "slow", 1.0
    page.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: len(page.words.chips) > 0, timeout=20000)
    assert output(page) == "" and "translating" in origin(page)
    assert "绝绝子" in [c.word.text for c in page.words.chips]
    qtbot.waitUntil(lambda: output(page) == "This blogger's outfits are amazing", timeout=20000)


def test_newest_request_wins_and_stale_answers_are_dropped(qtbot, page: TranslatorPage,  # noqa: ANN001
                                                           server: FakeServer) -> None:
    server.behaviour.mode, server.behaviour.delay = "slow", 0.6
    shown: list[str] = []
    page.findChild(QPlainTextEdit, "translatorOutput").textChanged.connect(lambda: shown.append(output(page)))
    page.set_text("第一个句子")
    qtbot.waitUntil(lambda: len(server.seen) == 1, timeout=20000)
    page.set_text("第二个句子")
    qtbot.waitUntil(lambda: output(page) == "EN[第二个句子]", timeout=20000)
    qtbot.wait(800)  # the first answer would have arrived by now
    assert "EN[第一个句子]" not in shown
    assert output(page) == "EN[第二个句子]"


def test_failures_are_explained_and_the_gloss_stands_alone(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    server.behaviour.mode = "500"
    page.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: "Offline gloss only" in origin(page), timeout=20000)
    assert origin(page) == "Offline gloss only — LibreTranslate: server error (HTTP 500)"
    assert output(page) == ""
    chip = next(c for c in page.words.chips if c.word.text == "绝绝子")
    chip.click()
    details = page.words.details.toPlainText()
    assert "Absolutely amazing" in details and "Phrase book" in details


def test_offline_switch_never_reaches_the_server(qtbot, page: TranslatorPage, server: FakeServer,  # noqa: ANN001
                                                 context: AppContext) -> None:
    page.findChild(type(page.offline), "translatorOffline").setChecked(True)
    assert context.settings.offline_only
    page.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: "Offline gloss only" in origin(page), timeout=20000)
    assert server.seen == []
    saved = json.loads(context.settings_store.path.read_text(encoding="utf-8"))
    assert saved["offline_only"] is True


def test_history_lists_no_text_that_was_never_translated(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    """Issue 25 item 16: offline the breakdown alone was shown, and history kept the text as
    "→ (dictionary only)"."""
    page.findChild(type(page.offline), "translatorOffline").setChecked(True)
    page.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: "Offline gloss only" in origin(page), timeout=20000)
    page.set_text("绝绝子")  # the phrase book answers offline
    qtbot.waitUntil(lambda: output(page) == "Absolutely amazing", timeout=20000)
    history = page.findChild(QListWidget, "translatorHistory")
    assert [history.item(row).text() for row in range(history.count())] == ["绝绝子\n→ Absolutely amazing"]


def test_direction_toggle_forces_english_to_chinese(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    page.direction.setCurrentIndex(page.direction.findData("zh"))
    page.set_text("OK 好的")
    qtbot.waitUntil(lambda: bool(output(page)), timeout=20000)
    assert server.seen[0].params["target"] == "zh"


def test_history_search_reopen_delete_and_clear(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    page.set_text("你们好")
    qtbot.waitUntil(lambda: output(page) == "Hello, all of you", timeout=20000)
    page.set_text("Hello")  # phrase book
    qtbot.waitUntil(lambda: output(page) == "你好", timeout=20000)
    history = page.findChild(QListWidget, "translatorHistory")
    assert history.count() == 2
    page.findChild(QLineEdit, "translatorHistorySearch").setText("all of you")
    assert history.count() == 1
    history.setCurrentRow(0)
    page._reopen(history.currentItem())
    qtbot.waitUntil(lambda: output(page) == "Hello, all of you", timeout=20000)
    assert "cache" in origin(page).lower()
    page.findChild(QLineEdit, "translatorHistorySearch").setText("")
    history.setCurrentRow(0)
    page.delete_selected()
    assert history.count() == 1
    page.clear_history()
    assert history.count() == 0
    assert page.translator.cache.count() == 0
    assert any("Deleted" in n for n in page.notices)


def test_closing_the_window_while_a_request_hangs_is_prompt(qtbot, context: AppContext, server: FakeServer) -> None:  # noqa: ANN001
    from guide.ui.shell.main_window import MainWindow

    context.settings.timeout_seconds = 60.0
    server.behaviour.mode = "hang"
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("translator")
    page.set_text("这个永远不会回答")
    qtbot.waitUntil(lambda: len(server.seen) == 1, timeout=20000)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 1.5
    qtbot.waitUntil(lambda: page.runner.pool.activeThreadCount() == 0, timeout=20000)  # the request gave up


def test_settings_dialog_stores_keys_in_the_keyring_only(qtbot, context: AppContext, memory_keyring) -> None:  # noqa: ANN001
    from guide.core.translate.secrets import SecretStore
    from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

    key = "dl-KEY-1234567890:fx"
    dialog = TranslatorSettingsDialog(context.settings, SecretStore())
    qtbot.addWidget(dialog)
    dialog.key_fields["deepl"].setText(key)
    dialog.libre_url.setText("http://localhost:5000")
    dialog.timeout.setValue(12)
    items = {dialog.engine_list.item(i).data(Qt.ItemDataRole.UserRole): dialog.engine_list.item(i)
             for i in range(dialog.engine_list.count())}
    items["deepl"].setCheckState(Qt.CheckState.Checked)
    dialog.engine_list.setCurrentItem(items["deepl"])
    for _ in range(5):
        dialog._move(-1)  # to the top
    dialog.accept()
    context.save_settings()
    assert memory_keyring.values[("rednote-guide", "deepl")] == key
    assert dialog.key_fields["deepl"].text() == ""
    assert context.settings.engines == ["deepl", "libretranslate"] and context.settings.timeout_seconds == 12
    assert key not in context.settings_store.path.read_text(encoding="utf-8")
    again = TranslatorSettingsDialog(context.settings, SecretStore())
    qtbot.addWidget(again)
    assert again.key_fields["deepl"].text() == "" and "saved" in again.key_fields["deepl"].placeholderText()


def test_settings_dialog_refuses_a_bad_url(qtbot, context: AppContext) -> None:  # noqa: ANN001
    from guide.core.translate.secrets import SecretStore
    from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

    dialog = TranslatorSettingsDialog(context.settings, SecretStore())
    qtbot.addWidget(dialog)
    dialog.libre_url.setText("file:///etc/passwd")
    dialog.accept()
    assert dialog.result() == 0 and "http" in dialog.message.text()


def test_loading_dictionary_is_shown(qtbot, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from guide.core.translate import dictionary_loader

    monkeypatch.setattr(dictionary_loader, "_instance", None)
    page = TranslatorPage(context, Navigator())
    qtbot.addWidget(page)
    assert page.status.text() == "Loading dictionary…" and page.is_busy()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10000)
    assert page.status.text() == ""
    page.shutdown()


def test_every_visible_control_has_a_name(page: TranslatorPage, qtbot) -> None:  # noqa: ANN001
    page.set_text("你好")
    qtbot.waitUntil(lambda: bool(page.words.chips), timeout=20000)
    missing = []
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QLineEdit) + page.findChildren(QListWidget):
        if not widget.isVisibleTo(page):
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip() and not (isinstance(widget, QLineEdit) and widget.placeholderText()):
            missing.append(widget.objectName())
    assert missing == []


# -- issue 12 parts 3-5 ---------------------------------------------------------------------


def test_word_details_clear_when_the_text_changes_or_empties(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    page.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: output(page) == "This blogger's outfits are amazing", timeout=20000)
    next(c for c in page.words.chips if c.word.text == "绝绝子").click()
    assert "绝绝子" in page.words.details.toPlainText()
    type_text(page.input, "吗")
    assert page.words.details.toPlainText() == "", "the old word's entry went with the old text"
    next(c for c in page.words.chips if c.word.text == "绝绝子").click()
    page.input.clear()
    assert page.words.details.toPlainText() == ""


def test_while_slow_the_translation_box_says_translating(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    server.behaviour.mode = "500"
    page.set_text("第一个句子")
    qtbot.waitUntil(lambda: "Offline gloss only" in origin(page), timeout=20000)
    box = page.findChild(QPlainTextEdit, "translatorOutput")
    assert box.placeholderText().startswith("No translation right now")
    server.behaviour.mode, server.behaviour.delay = "slow", 2.5
    page.set_text("第二个句子")
    qtbot.waitUntil(lambda: len(server.seen) == 2, timeout=20000)
    qtbot.wait(100)
    assert box.toPlainText() == "" and box.placeholderText() == "Translating…"
    qtbot.waitUntil(lambda: output(page) == "EN[第二个句子]", timeout=20000)


def test_a_20000_character_paste_keeps_every_part_reachable(qtbot, page: TranslatorPage, context: AppContext) -> None:  # noqa: ANN001
    page.offline.setChecked(True)
    page.set_text("这个博主的穿搭绝绝子，已经种草了！" * 1200)  # 20,400 characters
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30000)
    assert len(page.pinyin.text()) > 20000
    assert page.pinyin_area.height() <= page.pinyin_area.most, "long pinyin scrolls in its own area"
    assert page.minimumSizeHint().height() < 700, "the page never grows taller than a screen"
    for part in (page.output, page.origin, page.words.scroll, page.words.details, page.pinyin_area):
        assert part.isVisible() and part.height() > 0
    assert page.words.details.visibleRegion().boundingRect().height() > 0, "the breakdown is on screen"
    page.pinyin_toggle.setChecked(False)
    assert not page.pinyin_area.isVisible(), "the pinyin area can be collapsed"


def test_at_the_minimum_window_size_no_word_card_is_cut(qtbot, context: AppContext) -> None:  # noqa: ANN001
    from guide.ui.shell.main_window import MainWindow

    context.settings.offline_only = True
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("translator")
    page.set_text("这个博主的穿搭绝绝子，已经种草了！强烈推荐这家火锅店，环境不错，服务也很好")
    qtbot.waitUntil(lambda: not page.is_busy() and bool(page.words.chips), timeout=20000)
    window.resize(window.minimumSizeHint())
    qtbot.wait(50)
    viewport = page.words.scroll.viewport()
    chip_height = max(c.height() for c in page.words.chips)
    assert viewport.height() >= chip_height, "at least one whole row of word cards"
    for chip in page.words.chips:
        assert chip.width() >= chip.sizeHint().width() and chip.geometry().right() <= viewport.width(), chip.word.text
    window.close()


def test_a_forced_direction_against_the_text_asks_first(qtbot, page: TranslatorPage, server: FakeServer) -> None:  # noqa: ANN001
    page.direction.setCurrentIndex(page.direction.findData("zh"))
    page.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: page.direction_warning.isVisible(), timeout=20000)
    assert server.seen == [] and "Chinese" in page.direction_warning_text.text()
    page.findChild(QAbstractButton, "translatorTranslateAnyway").click()
    qtbot.waitUntil(lambda: bool(output(page)), timeout=20000)
    assert server.seen[0].params["target"] == "zh" and not page.direction_warning.isVisible()
    page.direction.setCurrentIndex(page.direction.findData("zh"))
    page.set_text("这个博主的穿搭绝绝子吗")
    qtbot.waitUntil(lambda: page.direction_warning.isVisible(), timeout=20000)
    page.findChild(QAbstractButton, "translatorUseAutomatic").click()
    qtbot.waitUntil(lambda: output(page) == "EN[这个博主的穿搭绝绝子吗]", timeout=20000)


def test_check_my_reply_shows_the_back_translation_under_the_answer(qtbot, page: TranslatorPage,  # noqa: ANN001
                                                                   server: FakeServer) -> None:
    page.set_text("Where can I buy this?")
    qtbot.waitUntil(lambda: output(page) == "这个在哪里买？", timeout=20000)
    label = page.findChild(QLabel, "translatorBackTranslation")
    qtbot.waitUntil(label.isVisible, timeout=5000)
    assert "EN[这个在哪里买？]" in label.text() and "LibreTranslate" in label.text()
    page.check.setChecked(False)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=20000)
    assert not label.isVisible()


def test_check_my_reply_is_remembered_in_the_next_session(qtbot, page: TranslatorPage, tmp_path: Path) -> None:  # noqa: ANN001
    assert page.check.isChecked(), "on by default"
    page.check.setChecked(False)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=20000)
    later = build_context(tmp_path / "pack")  # a new session reads the saved settings
    assert later.settings.check_reply is False
    again = TranslatorPage(later, Navigator())
    qtbot.addWidget(again)
    assert not again.check.isChecked()
    again.check.setChecked(True)
    assert build_context(tmp_path / "pack").settings.check_reply is True
    again.shutdown()


def test_share_text_is_recognised_and_the_link_offered(qtbot, page: TranslatorPage, server: FakeServer,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    page.set_text("你们好 小红薯发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 http://xhslink.com/a/AbCdEf，"
                  "复制本条信息，打开【小红书】App查看精彩内容！")
    qtbot.waitUntil(lambda: output(page) == "Hello, all of you", timeout=20000)
    share = page.findChild(QLabel, "translatorShare")
    assert share.isVisible() and "RedNote share" in share.text() and 'href="http://xhslink.com/a/AbCdEf"' in share.text()
    share.linkActivated.emit("http://xhslink.com/a/AbCdEf")
    share.linkActivated.emit("file:///etc/passwd")
    assert opened == ["http://xhslink.com/a/AbCdEf"]


def test_llm_engine_settings_and_slang_note(qtbot, page: TranslatorPage, context: AppContext,  # noqa: ANN001
                                            server: FakeServer) -> None:
    from guide.core.translate.secrets import SecretStore
    from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

    dialog = TranslatorSettingsDialog(context.settings, SecretStore())
    qtbot.addWidget(dialog)
    assert dialog.llm_url.text() == "http://localhost:11434/v1" and dialog.llm_model.currentText() == "qwen2.5:7b"
    assert "llm" not in dialog.chosen_engines(), "off by default"
    dialog.llm_preset.setCurrentIndex(dialog.llm_preset.findText("LM Studio"))
    dialog._preset_chosen(dialog.llm_preset.currentIndex())
    assert dialog.llm_url.text() == "http://localhost:1234/v1"
    dialog.llm_url.setText("ftp://nope")
    dialog.accept()
    assert dialog.result() == 0 and "LLM" in dialog.message.text()
    dialog.llm_url.setText(server.root + "/v1")
    dialog.llm_model.setEditText("llama3.1")
    for row in range(dialog.engine_list.count()):
        item = dialog.engine_list.item(row)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) == "llm"
                           else Qt.CheckState.Unchecked)
    dialog.accept()
    assert context.settings.engines == ["llm"] and context.settings.llm_model == "llama3.1"
    server.behaviour.note = "绝绝子 means 'absolutely amazing'."
    page.set_text("这个博主的穿搭绝绝子")
    qtbot.waitUntil(lambda: output(page) == "This blogger's outfits are amazing", timeout=20000)
    assert origin(page) == "LLM"
    note = page.findChild(QLabel, "translatorNote")
    assert note.isVisible() and "absolutely amazing" in note.text()


def test_changing_the_url_after_a_429_tries_the_engine_at_once(qtbot, page: TranslatorPage, context: AppContext,  # noqa: ANN001
                                                               server: FakeServer, second_server: FakeServer) -> None:
    server.behaviour.mode = "429"
    page.set_text("第一个句子")
    qtbot.waitUntil(lambda: "rate limited" in origin(page), timeout=20000)
    context.settings.libretranslate_url = second_server.root
    page.set_text("第二个句子")
    qtbot.waitUntil(lambda: output(page) == "EN[第二个句子]", timeout=20000)


def test_offline_english_offers_phrase_book_replies_first(qtbot) -> None:  # noqa: ANN001
    """Issue 25, item 2: the nearest phrase-book phrases lead, a word with no entry says so."""
    context = build_context()
    context.settings.offline_only = True
    page = TranslatorPage(context, Navigator())
    qtbot.addWidget(page)
    page.show()
    try:
        page.set_text("Thank you for the warm welcome! Where is this blorptastic cafe?")
        qtbot.waitUntil(lambda: len(page.words.chips) > 3, timeout=30000)
        chips = [chip.text().splitlines() for chip in page.words.chips]
        assert chips[0][0] == "谢谢大家的欢迎！"
        assert any(lines[0] == "cafe" and "咖啡馆" in lines[2] for lines in chips)
        assert ["blorptastic", " ", "no entry"] in chips
    finally:
        page.shutdown()
