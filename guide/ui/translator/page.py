"""The Translator page: paste or type, and the translation, pinyin and word breakdown appear.

Widgets and wiring only: the work is done by `guide.core.translate.pipeline.Translator`,
run off the UI thread by `TranslationRunner` (newest request wins).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from guide.core.context import AppContext
from guide.core.study import drafts
from guide.core.translate import dictionary_loader
from guide.core.translate.cache import TranslationCache
from guide.core.translate.gloss import GlossWord
from guide.core.translate.history import History, HistoryItem, clear_history_and_cache
from guide.core.translate.normalise import has_han
from guide.core.translate.pipeline import (
    TranslateOptions,
    TranslationResult,
    Translator,
)
from guide.ui.shell import keys
from guide.ui.shell.navigator import Navigator
from guide.ui.translator.fit_text import FitScrollArea, FitTextEdit
from guide.ui.translator.model_warmer import ModelWarmer
from guide.ui.translator.word_cards import WordBreakdown, WordChip
from guide.ui.translator.worker import TranslationRunner
from guide.ui.widgets.background_call import close_in_background
from guide.ui.widgets.learn_button import LearnButton
from guide.ui.widgets.row_delegates import MixedScriptDelegate
from guide.ui.widgets.safe_text import Markup, markup, plain_label, rich_label, set_markup, set_tooltip

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300
ID_ROLE = Qt.ItemDataRole.UserRole
DIRECTIONS = (("auto", "Automatic"), ("en", "中文 → English"), ("zh", "English → 中文"))
PINYIN_LINES = 3  # the pinyin area's height in lines; longer pinyin scrolls inside it
INFO_LINES = (2, 8)  # the check, note and share message: least and most lines before they scroll
TRANSLATING = "Translating…"
EMPTY = "The translation appears here as you type."
NO_TRANSLATION = "No translation right now: see the words below."  # one line in an 800 px window
INPUT_LINES = (2, 6)  # the boxes' height in lines (least, most): as tall as their text in between
OUTPUT_LINES = (1, 8)


class TranslatorPage(QWidget):
    def __init__(self, context: AppContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translatorPage")
        self.context = context
        self.navigator = navigator
        self.translator = Translator(context.pack, TranslationCache(context.cache_dir), History(context.data_dir))
        self.runner = TranslationRunner(self.translator, self)
        self.runner.result.connect(self._show_result)
        self.runner.progress.connect(self._show_progress)
        self.warmer = ModelWarmer(context.settings, self.translator.secrets, navigator.notice.emit, self)
        self.warmer.statusChanged.connect(lambda _text: self._refresh_status())
        self.result: TranslationResult | None = None
        self._loading_dictionary = False
        self._build()
        self._clear_output()  # the empty page: only the boxes to type in and the answer's place
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._translate_now)
        self.input.textChanged.connect(self._debounce.start)
        self.input.textChanged.connect(self._text_changed)
        for notice in self.translator.notices():
            navigator.notice.emit(notice)
        self._load_dictionary()
        self.refresh_history()
        if context.settings.engines[:1] == ["llm"]:
            self.warmer.warm()  # the first translation must not wait for the model to load

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        heading = rich_label(markup("<h2>Translator</h2>Paste a comment, caption or message from the app, or type a "
                                    "reply in English. Answers you have seen before work offline."))
        heading.setWordWrap(True)
        head = QHBoxLayout()  # the status sits beside the heading, so the bar below fits an 800 px window
        head.addWidget(heading, 1)
        outer.addLayout(head)

        bar = QHBoxLayout()
        self.direction = QComboBox()
        self.direction.setObjectName("translatorDirection")
        self.direction.setAccessibleName("Translation direction")
        self.direction.setToolTip("Chinese to English, English to Chinese, or decided by the text")
        for key, title in DIRECTIONS:
            self.direction.addItem(title, key)
        self.direction.currentIndexChanged.connect(lambda _i: self._translate_now())
        direction_label = plain_label("&Direction:")
        direction_label.setBuddy(self.direction)  # screen readers on Linux name a combo box by its label
        bar.addWidget(direction_label)
        bar.addWidget(self.direction)
        self.offline = QCheckBox("Offline only")
        self.offline.setObjectName("translatorOffline")
        self.offline.setToolTip("Never connect to the network: phrase book, cache and dictionary only")
        self.offline.setChecked(self.context.settings.offline_only)
        self.offline.toggled.connect(self._set_offline)
        bar.addWidget(self.offline)
        self.check = QCheckBox("Check my reply")
        self.check.setObjectName("translatorCheck")
        self.check.setAccessibleDescription("English to Chinese: the Chinese answer is translated back into English and shown under it")
        self.check.setToolTip("English → 中文: translate the Chinese back into English (by another service where "
                              "one is set up) so you can see what you are about to post")
        self.check.setChecked(self.context.settings.check_reply)
        self.check.toggled.connect(self._set_check)
        bar.addWidget(self.check)
        bar.addStretch(1)
        self.status = plain_label()
        self.status.setObjectName("translatorStatus")
        head.addWidget(self.status, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        settings = QPushButton("Settings…")
        settings.setObjectName("translatorSettings")
        settings.setAccessibleName("Translator settings")
        settings.setToolTip("Choose translation services, their order, API keys and the time limit")
        settings.clicked.connect(self.open_settings)
        bar.addWidget(settings)
        outer.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        # The column never scrolls as a whole: each box is as tall as its text, between a least
        # and a most, and scrolls inside beyond that; the word-by-word breakdown takes the rest.
        # (A scrolling column gave every box its preferred height, grew them after a theme
        # change, and pushed the breakdown and a clicked word's entry below the fold.)
        main = QWidget()
        main.setObjectName("translatorMain")
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 4, 0)
        self.input = FitTextEdit(INPUT_LINES, empty_lines=4)
        self.input.setObjectName("translatorInput")
        self.input.setAccessibleName("Text to translate")
        self.input.setAccessibleDescription("Paste Chinese or type English; it is translated as you type")
        self.input.setPlaceholderText("Paste Chinese from the app, or type English to get Chinese…")
        column.addWidget(self.input)

        self.direction_warning = QWidget()
        self.direction_warning.setObjectName("translatorDirectionWarning")
        warning_row = QHBoxLayout(self.direction_warning)
        warning_row.setContentsMargins(0, 0, 0, 0)
        self.direction_warning_text = rich_label()
        self.direction_warning_text.setWordWrap(True)
        warning_row.addWidget(self.direction_warning_text, 1)
        anyway = QPushButton("Translate anyway")
        anyway.setObjectName("translatorTranslateAnyway")
        anyway.setAccessibleDescription("Send the text in the direction you chose although it looks like the other language")
        anyway.setToolTip("Send the text in the direction you chose")
        anyway.clicked.connect(self._translate_anyway)
        warning_row.addWidget(anyway)
        automatic = QPushButton("Use Automatic")
        automatic.setObjectName("translatorUseAutomatic")
        automatic.setAccessibleDescription("Set the direction to Automatic and translate again")
        automatic.setToolTip("Let the text decide the direction")
        automatic.clicked.connect(lambda: self.direction.setCurrentIndex(0))
        warning_row.addWidget(automatic)
        self.direction_warning.hide()
        column.addWidget(self.direction_warning)

        self.output = FitTextEdit(OUTPUT_LINES)  # one line while there is no translation
        self.output.setObjectName("translatorOutput")
        self.output.setAccessibleName("Translation")
        self.output.setAccessibleDescription("Read-only; says below which service or dictionary it came from")
        self.output.setReadOnly(True)
        self.output.setPlaceholderText(EMPTY)
        column.addWidget(self.output)

        # The check, the slang note and a share text's message: together as tall as they need,
        # up to INFO_LINES[1] lines; in a short window down to INFO_LINES[0], scrolling inside.
        lines = self.fontMetrics().lineSpacing()
        self.info_area = FitScrollArea(lines * INFO_LINES[1] + 8, lines * INFO_LINES[0] + 8)
        self.info_area.setObjectName("translatorInfoArea")
        info = QWidget()
        info_column = QVBoxLayout(info)
        info_column.setContentsMargins(0, 0, 0, 0)
        self.info_area.setWidget(info)
        column.addWidget(self.info_area)
        self.back_translation = _info_label("translatorBackTranslation")
        self.back_translation.setAccessibleName("Your reply translated back into English")
        info_column.addWidget(self.back_translation)
        self.note = _info_label("translatorNote")
        self.note.setAccessibleName("Note on slang")
        info_column.addWidget(self.note)
        self.share = _info_label("translatorShare")
        self.share.setAccessibleName("RedNote share link")
        self.share.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.share.setOpenExternalLinks(False)
        self.share.linkActivated.connect(_open_web_link)
        info_column.addWidget(self.share)

        self.pinyin_row = QWidget()
        line = QHBoxLayout(self.pinyin_row)
        line.setContentsMargins(0, 0, 0, 0)
        self.pinyin_toggle = QToolButton()
        self.pinyin_toggle.setObjectName("translatorPinyinToggle")
        self.pinyin_toggle.setText("Pinyin")
        self.pinyin_toggle.setAccessibleName("Show or hide the pinyin")
        self.pinyin_toggle.setAccessibleDescription("Collapses or expands the pinyin area below")
        self.pinyin_toggle.setToolTip("Show or hide the pinyin of the Chinese text")
        self.pinyin_toggle.setCheckable(True)
        self.pinyin_toggle.setChecked(True)
        self.pinyin_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.pinyin_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.pinyin_toggle.toggled.connect(self._show_pinyin)
        line.addWidget(self.pinyin_toggle)
        line.addStretch(1)
        self.copy_translation = QPushButton("Copy translation")
        self.copy_translation.setObjectName("translatorCopyTranslation")
        self.copy_translation.setToolTip("Copy the translation to the clipboard")
        self.copy_translation.clicked.connect(lambda: self._copy(self.output.toPlainText()))
        line.addWidget(self.copy_translation)
        self.copy_pinyin = QPushButton("Copy pinyin")
        self.copy_pinyin.setObjectName("translatorCopyPinyin")
        self.copy_pinyin.setToolTip("Copy the pinyin of the Chinese text")
        self.copy_pinyin.clicked.connect(lambda: self._copy(self.pinyin.text()))
        line.addWidget(self.copy_pinyin)
        column.addWidget(self.pinyin_row)

        # Long pinyin scrolls inside its own small area instead of pushing everything down.
        self.pinyin_area = FitScrollArea(self.fontMetrics().lineSpacing() * PINYIN_LINES + 8, self.fontMetrics().lineSpacing() + 8)
        self.pinyin_area.setObjectName("translatorPinyinArea")
        self.pinyin = plain_label()
        self.pinyin.setObjectName("translatorPinyin")
        self.pinyin.setWordWrap(True)
        self.pinyin.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pinyin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pinyin_area.setWidget(self.pinyin)
        column.addWidget(self.pinyin_area)

        self.origin = plain_label()  # quotes a sentence an engine handed back: never rich text
        self.origin.setObjectName("translatorOrigin")
        self.origin.setTextFormat(Qt.TextFormat.PlainText)  # carries a server's own error message
        self.origin.setWordWrap(True)
        # Room for two lines: inside the scrolling column a wrapped label gets no more height
        # than its minimum, and a long failure reason was cut mid-sentence at 800 px.
        self.origin.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.origin)

        self.words = WordBreakdown()
        self.words.wordChosen.connect(self._word_chosen)
        self.words.labelLinkActivated.connect(self.navigator.open_label)
        # At least one whole row of word cards, whatever the window size (the entry panel keeps its own lines).
        chip_height = WordChip(GlossWord("字", "zì", ["a meaning", "a second meaning"])).sizeHint().height()
        self.words.scroll.setMinimumHeight(chip_height + 2 * self.words.scroll.frameWidth() + 12)
        self.learn_line = LearnButton.for_context(self.context, "Learn this line")  # kept whole, with its translation
        self.words.actions.addWidget(self.learn_line)
        self.learn_word = LearnButton.for_context(self.context, "Learn this word", keys.LEARN.shown())
        self.words.actions.addWidget(self.learn_word)
        QShortcut(keys.LEARN.sequence(), self, lambda: (self.learn_word if self.learn_word.draft else self.learn_line).click())
        self.words.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        column.addWidget(self.words, 1)  # whatever the boxes above leave
        column.addStretch(0)  # takes the room instead while there are no words to show
        splitter.addWidget(main)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(rich_label(markup("<b>History</b>")))
        self.history_search = QLineEdit()
        self.history_search.setObjectName("translatorHistorySearch")
        self.history_search.setPlaceholderText("Search history…")
        self.history_search.setAccessibleName("Search translation history")
        self.history_search.textChanged.connect(lambda _t: self.refresh_history())
        side_layout.addWidget(self.history_search)
        self.history_list = QListWidget()
        self.history_list.setObjectName("translatorHistory")
        self.history_list.setAccessibleName("Recent translations")
        self.history_list.setAccessibleDescription("Enter opens one again; Delete removes it")
        self.history_list.setWordWrap(True)
        self.history_list.setItemDelegate(MixedScriptDelegate(self.history_list))  # the "→ translation" line shows
        self.history_list.itemActivated.connect(self._reopen)  # Enter or double-click
        side_layout.addWidget(self.history_list, 1)
        row = QHBoxLayout()
        reopen = QPushButton("Open")
        reopen.setAccessibleName("Open the selected translation again")
        reopen.setToolTip("Put the selected text back in the translator")
        reopen.clicked.connect(lambda: self._reopen(self.history_list.currentItem()))
        row.addWidget(reopen)
        delete = QPushButton("Delete")
        delete.setObjectName("translatorHistoryDelete")
        delete.setAccessibleName("Delete the selected translation from history")
        delete.setToolTip("Remove it from history and from the offline cache (Delete)")
        delete.clicked.connect(self.delete_selected)
        row.addWidget(delete)
        side_layout.addLayout(row)
        clear = QPushButton("Clear history and cache…")
        clear.setObjectName("translatorClearHistory")
        clear.setToolTip("Delete all history, every cached translation and the recent screenshots")
        clear.clicked.connect(self.navigator.clear_history.emit)  # the window clears screenshots too
        side_layout.addWidget(clear)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.history_list, self.delete_selected)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, True)  # at the narrowest, history can be dragged away
        outer.addWidget(splitter, 1)

    # -- public API --------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Put text in the input and translate it at once (navigator, screenshots)."""
        self.input.setPlainText(text)
        self._debounce.stop()
        self._translate_now()

    def is_busy(self) -> bool:
        return self._debounce.isActive() or self.runner.is_busy() or self._loading_dictionary

    def shutdown(self) -> None:
        """The window is closing: stop requests now (a hanging server must not hold us)."""
        self._debounce.stop()
        self.warmer.shutdown()
        self.runner.shutdown()
        close_in_background(self.translator.close)

    # -- translating ---------------------------------------------------------------------------

    def _options(self) -> TranslateOptions:
        target = self.direction.currentData()
        return TranslateOptions.from_settings(self.context.settings, target=None if target == "auto" else target,
                                              check=self.check.isChecked())

    def _text_changed(self) -> None:
        """What was shown for the old text no longer applies: the chosen word's entry goes."""
        self.words.clear_details()
        self.direction_warning.hide()

    def _translate_now(self, confirm_direction: bool = False) -> None:
        text = self.input.toPlainText().strip()
        self.direction_warning.hide()
        if not text:
            self.runner.cancel()
            self._clear_output()
            return
        self._set_status(TRANSLATING)
        self.output.setPlaceholderText(TRANSLATING)
        options = self._options()
        if confirm_direction:
            options = replace(options, confirm_direction=True)
        self.runner.submit(text, options)

    def _translate_anyway(self) -> None:
        self._translate_now(confirm_direction=True)

    def _show_progress(self, early: TranslationResult) -> None:
        """The gloss is ready before any engine answers: show it while waiting. Another
        engine's answer, while a slow one (a local model) works on, is shown in full."""
        if early.translated:
            self._show_result(early)
            self._set_status(TRANSLATING)
            return
        self.output.clear()  # the old answer belongs to the old text
        self.result = early  # a word chosen now is learned with its sentence, without the old translation
        self.learn_line.set_draft(None)
        self.learn_word.set_draft(None)
        self.output.setPlaceholderText(TRANSLATING)
        self.origin.setText(early.origin_label())
        self._set_pinyin(early.pinyin)
        self.words.set_words(early.gloss)
        for label in (self.back_translation, self.note, self.share):
            label.hide()
        self._show_parts(bool(early.gloss))

    def _show_result(self, result: TranslationResult) -> None:
        self.result = result
        self.output.setPlainText(result.translation or "")
        self.output.setPlaceholderText("" if result.translated else NO_TRANSLATION)
        self._set_pinyin(result.pinyin)
        self.origin.setText(result.origin_label())
        set_tooltip(self.origin, "\n".join(result.reasons()) or result.origin_title)
        words = result.target_gloss if result.target_lang == "zh" and result.target_gloss else result.gloss
        self.words.set_words(words)
        self.learn_line.set_draft(drafts.translated_line(result))
        self.learn_word.set_draft(None)
        if result.direction_warning:
            set_markup(self.direction_warning_text, markup("<b>{}</b> Nothing was sent.", result.direction_warning))
            self.direction_warning.show()
            self.output.setPlaceholderText("Choose below: translate anyway, or let the text decide the direction.")
        _set_info(self.back_translation, _back_translation_html(result))
        _set_info(self.note, markup("<b>Note:</b> {}", result.note) if result.note else Markup())
        _set_info(self.share, _share_html(result))
        self._show_parts(bool(words), answer=result.share is None or bool(result.share.title))
        self._set_status("")
        self.refresh_history()
        for notice in self.translator.notices():
            self.navigator.notice.emit(notice)

    def _clear_output(self) -> None:
        self.result = None
        self.output.clear()
        self.output.setPlaceholderText(EMPTY)
        self._set_pinyin("")
        self.origin.clear()
        self.words.set_words([])
        self.words.clear_details()
        self.learn_line.set_draft(None)
        self.learn_word.set_draft(None)
        self.direction_warning.hide()
        for label in (self.back_translation, self.note, self.share):
            label.hide()
        self._show_parts(False)
        self.pinyin_row.hide()  # nothing to copy or show yet
        self.pinyin_area.hide()
        self._set_status("")

    def _show_parts(self, words: bool, answer: bool = True) -> None:
        """Only parts with something in them: no empty breakdown, and for a share text without
        a title (nothing to translate) no answer box, origin or pinyin row beside its message."""
        self.words.setVisible(words)
        for part in (self.output, self.origin, self.pinyin_row):
            part.setVisible(answer)
        self.pinyin_area.setVisible(answer and self.pinyin_toggle.isChecked())
        self.info_area.setVisible(any(not label.isHidden() for label in (self.back_translation, self.note, self.share)))
        self.info_area.refit()

    def _set_pinyin(self, text: str) -> None:
        self.pinyin.setText(text)
        self.pinyin_area.refit()

    def _show_pinyin(self, shown: bool) -> None:
        self.pinyin_area.setVisible(shown)
        self.pinyin_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _set_status(self, text: str) -> None:
        if self.warmer.status and text in ("", TRANSLATING):
            text = self.warmer.status  # "Loading qwen2.5:7b in Ollama…"
        if self._loading_dictionary:
            text = "Loading dictionary…" + (f" {self.warmer.status}" if self.warmer.status else "")
        self.status.setText(text)

    def _refresh_status(self) -> None:
        self._set_status(TRANSLATING if self.runner.is_busy() and self.input.toPlainText().strip() else "")

    def _load_dictionary(self) -> None:
        self._loading_dictionary = not dictionary_loader.is_loaded()
        self._set_status("")
        started = time.monotonic()

        def done() -> None:
            self._loading_dictionary = False
            self._refresh_status()
            log.debug("dictionary and segmenter ready after %.2f s", time.monotonic() - started)
            problem = dictionary_loader.load_problem()
            if problem:
                self.navigator.notice.emit(problem)

        options = self._options()
        self.runner.run_in_background(lambda: self.translator.warm_up(options), done)

    def _word_chosen(self, word: GlossWord) -> None:
        details = self.translator.glosser.details(word.text) if has_han(word.text) else None
        self.words.show_details(word, details)
        self.learn_word.set_draft(drafts.translated_word(word, self.result))

    def _copy(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)

    def _set_offline(self, offline: bool) -> None:
        self.context.settings.offline_only = offline
        self.context.save_settings()
        self._translate_now()

    def _set_check(self, on: bool) -> None:
        """Kept in settings: a user who turned the check off does not want it back next time."""
        self.context.settings.check_reply = on
        self.context.save_settings()
        self._translate_now()

    # -- settings ------------------------------------------------------------------------------

    def open_settings(self) -> None:
        from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

        dialog = TranslatorSettingsDialog(self.context.settings, self.translator.secrets, self)
        before = (self.context.settings.engines[:], self.context.settings.llm_url, self.context.settings.llm_model)
        if dialog.exec():
            self.context.save_settings()
            if (self.context.settings.engines, self.context.settings.llm_url, self.context.settings.llm_model) != before:
                self.warmer.warm()  # switched on, or pointed at another server or model
            for problem in dialog.problems:
                self.navigator.notice.emit(problem)
            self.offline.blockSignals(True)
            self.offline.setChecked(self.context.settings.offline_only)
            self.offline.blockSignals(False)
            self._translate_now()

    # -- history -------------------------------------------------------------------------------

    def refresh_history(self) -> None:
        current = self.history_list.currentItem()
        selected = current.data(ID_ROLE) if current is not None else None
        self.history_list.clear()
        for item in self.translator.history.recent(self.history_search.text()) if self.translator.history else []:
            entry = QListWidgetItem(_history_line(item))
            entry.setData(ID_ROLE, item.id)
            set_tooltip(entry, f"{item.source}\n→ {item.translation}")
            self.history_list.addItem(entry)
            if item.id == selected:
                self.history_list.setCurrentItem(entry)

    def _reopen(self, entry: QListWidgetItem | None) -> None:
        if entry is None or self.translator.history is None:
            return
        item = self.translator.history.get(entry.data(ID_ROLE))
        if item is not None:
            automatic = item.source_lang == ("zh" if has_han(item.source) else "en")
            self.direction.blockSignals(True)
            self.direction.setCurrentIndex(0 if automatic else max(0, self.direction.findData(item.target_lang)))
            self.direction.blockSignals(False)
            self.set_text(item.source)

    def delete_selected(self) -> None:
        entry = self.history_list.currentItem()
        if entry is not None and self.translator.history is not None:
            self.translator.history.delete(entry.data(ID_ROLE))
            self.refresh_history()

    def clear_history(self) -> None:
        """Delete history and cache. The window asks first and clears screenshots too
        (File → Clear history and cache…, and this page's button through the navigator)."""
        cleared = clear_history_and_cache(self.translator.history, self.translator.cache)
        self.refresh_history()
        message = f"Deleted {cleared.history} history entries and {cleared.cache} cached translations."
        for problem in cleared.problems:
            message += " " + problem
        self.navigator.notice.emit(message)


def _info_label(name: str) -> QLabel:
    label = rich_label()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # no spare room below it
    label.hide()
    return label


def _set_info(label: QLabel, text: Markup) -> None:
    set_markup(label, text)
    label.setVisible(bool(text))


def _back_translation_html(result: TranslationResult) -> Markup:
    if not result.checked:
        return Markup()
    if result.back_translation is None:
        return markup("<b>Check:</b> <i>no back-translation right now</i>")
    by = markup(" (by {})", result.back_origin_title) if result.back_origin else Markup()
    return markup("<b>Check — your reply in English again{}:</b> {}", by, result.back_translation)


def _share_html(result: TranslationResult) -> Markup:
    if result.share is None:
        return Markup()
    url = result.share.url
    shown = url.split("://", 1)[-1]
    shown = shown if len(shown) <= 40 else shown[:39] + "…"  # a long link must not widen the page
    wording = result.share.wording_text()
    return markup('{} <a href="{}">Open the note in your browser</a> ({}){}', result.share.summary(), url, shown,
                  markup("<br>{}", wording) if wording else Markup())


def _open_web_link(url: str) -> None:
    """Only web links open (a share text's link); anything else is ignored."""
    if QUrl(url).scheme() in ("http", "https"):
        QDesktopServices.openUrl(QUrl(url))


def _history_line(item: HistoryItem) -> str:
    source = item.source.replace("\n", " ")
    translation = item.translation.replace("\n", " ")  # history holds only what was translated
    return f"{source[:60]}\n→ {translation[:60]}"
