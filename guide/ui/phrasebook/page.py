"""The phrase book: categories on the left, phrases in the middle, the chosen phrase with
its actions on the right (favourite, copy, copy with pinyin, translate, speak).

The search box filters across every category as you type, with pinyin typed any way;
the matching is `guide.core.study.search`. Favourites live in the user's data dir
(`context.userdata`), flashcards come from `guide.core.study.export` / `guide.core.study.practice`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import Phrase
from guide.core.context import AppContext
from guide.core.study import drafts
from guide.core.study.cards import DEFAULT_FRONT, Front
from guide.core.study.clock import Clock, system_clock
from guide.core.study.search import SearchIndex
from guide.ui.phrasebook.anki_export import export_flashcards
from guide.ui.phrasebook.phrase_list import (
    CATEGORY_ROLE,
    FAVOURITES,
    PHRASE_ROLE,
    STAR_OFF,
    STAR_ON,
    PhraseDelegate,
    PhraseListModel,
    with_pinyin,
)
from guide.ui.phrasebook.practice_dialog import PracticeDialog
from guide.ui.phrasebook.review_dialog import ReviewDialog
from guide.ui.phrasebook.speech import Speaker, speech_available
from guide.ui.shell import keys
from guide.ui.shell.navigator import Navigator
from guide.ui.widgets.detail_card import DetailCard
from guide.ui.widgets.flow_layout import FlowLayout
from guide.ui.widgets.safe_text import markup, plain_label, rich_label
from guide.ui.widgets.learn_button import LearnButton
from guide.ui.widgets.scrolling import vertical_scroller
from guide.ui.widgets.status_line import StatusLine

log = logging.getLogger(__name__)

PHRASE_LIST_MIN_WIDTH = 220
STATUS_SECONDS = 12  # long enough to read "Exported 42 cards to …", short enough not to go stale


class _RoomyDelegate(QStyledItemDelegate):
    """Air between wrapped category titles. (List spacing or stylesheet padding would make Qt
    wrap the title at one width and draw it at another, cutting it to "laughter, …".)"""

    GAP = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return super().sizeHint(option, index) + QSize(0, self.GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        inner = QStyleOptionViewItem(option)
        inner.rect = option.rect.adjusted(0, self.GAP // 2, 0, -(self.GAP - self.GAP // 2))
        super().paint(painter, inner, index)


class PhrasebookPage(QWidget):
    def __init__(self, context: AppContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phrasebookPage")
        self.context = context
        self.navigator = navigator
        pack = context.pack
        self.phrases: dict[str, Phrase] = {p.key: p for p in pack.phrases}
        self.category_titles: dict[str, str] = {c.id: c.title for c in pack.categories}
        self.index = SearchIndex.build(pack, kinds=("phrase",))
        self._favourites: set[str] = set(context.userdata.favourites())
        self._category = pack.categories[0].id if pack.categories else FAVOURITES
        self.speaker = Speaker(self, navigator.notice.emit)
        self._practice: PracticeDialog | None = None
        self.review_dialog: ReviewDialog | None = None
        self._build()
        self._fill_categories()
        self.show_category(self._category)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        heading = rich_label(markup("<h2>Phrase book</h2>Ready-made Chinese for comments, messages and your profile. "
                                    "Star the ones you use; search in English, 汉字 or pinyin."))
        heading.setWordWrap(True)
        outer.addWidget(heading)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("phraseSearch")
        self.search.setAccessibleName("Search all phrases")
        self.search.setPlaceholderText("Search all categories: thank you, 谢谢, xiexie…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        bar.addWidget(self.search, 1)
        self.count = plain_label()
        self.count.setObjectName("phraseCount")
        bar.addWidget(self.count)
        self.practice_button = QPushButton("Practice…")
        self.practice_button.setObjectName("phrasePractice")
        self.practice_button.setToolTip("Flashcards over your favourites: see the Chinese, recall, reveal")
        self.practice_button.clicked.connect(self.start_practice)
        bar.addWidget(self.practice_button)
        review = QPushButton("Review…")
        review.setObjectName("phraseReview")
        review.setToolTip("Review the cards you keep with Learn this, on a schedule (also on Start)")
        review.clicked.connect(lambda: self.start_review())
        bar.addWidget(review)
        export = QPushButton("Export for Anki…")
        export.setObjectName("phraseExport")
        export.setToolTip("Save favourites and the UI labels of finished walkthroughs as flashcards")
        export.clicked.connect(lambda: self.export_anki())
        bar.addWidget(export)
        outer.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.categories = QListWidget()
        self.categories.setObjectName("phraseCategories")
        self.categories.setAccessibleName("Phrase categories")
        self.categories.setAccessibleDescription("Choose a category to list its phrases, or Favourites")
        self.categories.setWordWrap(True)
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.categories.setItemDelegate(_RoomyDelegate(self.categories))
        self.categories.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap titles when the column resizes
        self.categories.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped titles show whole
        self.categories.currentItemChanged.connect(self._category_chosen)
        splitter.addWidget(self.categories)
        splitter.setCollapsible(0, False)

        self.model = PhraseListModel(self.is_favourite, self)
        self.list = QListView()
        self.list.setObjectName("phraseList")
        self.list.setAccessibleName("Phrases")
        self.list.setAccessibleDescription("Chinese phrase, pinyin and English; choose one for details, Ctrl+D to star it")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Rows elide to the width they get: scrolling sideways would hide the stars.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumWidth(PHRASE_LIST_MIN_WIDTH)
        self.delegate = PhraseDelegate(self.list)
        self.delegate.starClicked.connect(self.toggle_favourite)
        self.list.setItemDelegate(self.delegate)
        self.list.selectionModel().currentChanged.connect(lambda current, _previous: self._show_details(current))
        self.list.selectionModel().currentChanged.connect(lambda _current, _previous: self._clear_status())
        splitter.addWidget(self.list)
        splitter.addWidget(self._build_details())
        for index in (1, 2):
            splitter.setCollapsible(index, False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([230, 470, 340])
        outer.addWidget(splitter, 1)
        self.status = StatusLine(lines=2)  # keeps its height: a message never moves the lists (issue 25 item 16)
        self.status.setObjectName("phraseStatus")
        outer.addWidget(self.status)
        self.status_timer = QTimer(self)
        self.status_timer.setSingleShot(True)
        self.status_timer.setInterval(STATUS_SECONDS * 1000)
        self.status_timer.timeout.connect(self.status.clear)
        QShortcut(keys.COPY_PHRASE.sequence(), self.list, lambda: self.copy_selected())
        QShortcut(keys.FAVOURITE.sequence(), self, lambda: self.toggle_favourite())
        QShortcut(keys.LEARN.sequence(), self, self.learn_button.click)

    def _build_details(self) -> QWidget:
        self.card = card = DetailCard()
        layout = card.layout()
        self.detail_zh, self.detail_pinyin, self.detail_en = card.zh, card.pinyin, card.en
        self.detail_literal = card.add_line()
        self.detail_note = card.add_line("cardNote")
        self.detail_category = card.add_line("cardNote")

        rows = FlowLayout(spacing=6)  # buttons wrap in a narrow window instead of widening it
        first = rows
        self.favourite_button = QPushButton(f"{STAR_OFF} Favourite")
        self.favourite_button.setObjectName("phraseFavourite")
        self.favourite_button.setCheckable(True)
        self.favourite_button.setToolTip("Keep this phrase in Favourites (Ctrl+D)")
        self.favourite_button.clicked.connect(lambda checked: self.set_favourite(self._current_key(), checked))
        first.addWidget(self.favourite_button)
        self.copy_button = QPushButton("Copy Chinese")
        self.copy_button.setObjectName("phraseCopy")
        self.copy_button.setToolTip("Copy the Chinese, ready to paste into the app (Ctrl+C)")
        self.copy_button.clicked.connect(lambda: self.copy_selected())
        first.addWidget(self.copy_button)
        self.copy_pinyin_button = QPushButton("Copy with pinyin")
        self.copy_pinyin_button.setObjectName("phraseCopyPinyin")
        self.copy_pinyin_button.setToolTip("Copy the Chinese with its pinyin")
        self.copy_pinyin_button.clicked.connect(lambda: self.copy_selected(pinyin=True))
        first.addWidget(self.copy_pinyin_button)
        second = rows
        self.translate_button = QPushButton("Translate this")
        self.translate_button.setObjectName("phraseTranslate")
        self.translate_button.setToolTip("Open the phrase in the Translator to see it word by word or adapt it")
        self.translate_button.clicked.connect(self.translate_selected)
        second.addWidget(self.translate_button)
        self.speak_button = QPushButton("Speak")
        self.speak_button.setObjectName("phraseSpeak")
        self.speak_button.setToolTip("Read the Chinese aloud (system voices)")
        self.speak_button.clicked.connect(self.speak_selected)
        self.speak_button.setVisible(speech_available())
        second.addWidget(self.speak_button)
        self.learn_button = LearnButton.for_context(self.context, key=keys.LEARN.shown())
        second.addWidget(self.learn_button)
        layout.addLayout(rows)
        layout.addStretch(1)
        # In a short window the card scrolls rather than cutting off its buttons.
        return vertical_scroller(card, "phraseDetailsScroller")

    def _fill_categories(self) -> None:
        self.categories.blockSignals(True)
        self.categories.clear()
        favourites = QListWidgetItem()
        favourites.setData(CATEGORY_ROLE, FAVOURITES)
        self.categories.addItem(favourites)
        for category in self.context.pack.categories:
            item = QListWidgetItem(f"{category.title} ({len(category.phrases)})")
            item.setData(CATEGORY_ROLE, category.id)
            self.categories.addItem(item)
        self.categories.blockSignals(False)
        self._update_favourites_item()
        self._fit_categories()

    # -- public API --------------------------------------------------------------------------

    def is_favourite(self, key: str) -> bool:
        return key in self._favourites

    def show_category(self, category_id: str) -> None:
        """List one category (or FAVOURITES); leaves search mode."""
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self._category = category_id
        self._select_category_item(category_id)
        if category_id == FAVOURITES:
            phrases = [self.phrases[k] for k in self.context.userdata.favourites() if k in self.phrases]
        else:
            phrases = next((list(c.phrases) for c in self.context.pack.categories if c.id == category_id), [])
        self._set_phrases(phrases)

    def apply_search(self, text: str) -> None:
        """Matches from every category, best first; empty text goes back to the category."""
        if not text.strip():
            self.show_category(self._category)
            return
        scores = self.index.match_ids(text, "phrase")
        order = {key: n for n, key in enumerate(self.phrases)}
        keys = sorted(scores, key=lambda k: (-scores[k], order.get(k, 0)))
        phrases = [self.phrases[k] for k in keys if k in self.phrases]
        self._select_category_item(None)
        self._set_phrases(phrases, {p.key: self.category_titles.get(p.category, "") for p in phrases})

    def show_phrase(self, key: str) -> bool:
        """Show a phrase in its category and select it (navigator.open_phrase, search palette)."""
        phrase = self.phrases.get(key)
        if phrase is None:
            log.info("phrase %r is not in the phrase book", key)
            return False
        self.show_category(phrase.category)
        self._select_key(key)
        self.list.setFocus()
        return True

    def selected_phrase(self) -> Phrase | None:
        index = self.list.currentIndex()
        return index.data(PHRASE_ROLE) if index.isValid() else None

    def set_favourite(self, key: str | None, favourite: bool) -> None:
        if not key:
            return
        self.context.userdata.set_favourite(key, favourite)
        if favourite:
            self._favourites.add(key)
        else:
            self._favourites.discard(key)
        self._update_favourites_item()
        if self._category == FAVOURITES and not self.search.text():
            keep = self._current_key()
            self.show_category(FAVOURITES)
            if keep:
                self._select_key(keep)
        else:
            self.model.refresh_row(key)
        if key == self._current_key():
            self._show_details(self.list.currentIndex())

    def toggle_favourite(self, key: str | None = None) -> None:
        key = key or self._current_key()
        if key:
            self.set_favourite(key, not self.is_favourite(key))

    def copy_selected(self, pinyin: bool = False) -> None:
        phrase = self.selected_phrase()
        if phrase is None:
            return
        text = with_pinyin(phrase) if pinyin else phrase.zh
        QGuiApplication.clipboard().setText(text)
        self.say(f"Copied {text}")

    def translate_selected(self) -> None:
        phrase = self.selected_phrase()
        if phrase is not None:
            self.navigator.translate_text.emit(phrase.zh)

    def speak_selected(self) -> None:
        phrase = self.selected_phrase()
        if phrase is not None:
            self.speaker.say(phrase.zh)

    def export_anki(self, path: Path | None = None, include: tuple[bool, bool] | None = None) -> Path | None:
        """Write the Anki file (asking what and where when `path` is None); returns the path written."""
        return export_flashcards(self, self.context, self.say, self.navigator.notice.emit, path, include)

    def say(self, text: str) -> None:
        """A status line that clears itself after a while, or at the user's next action."""
        self.status.setText(text)
        self.status_timer.start()

    def _clear_status(self) -> None:
        self.status_timer.stop()
        self.status.clear()

    def start_practice(self) -> PracticeDialog | None:
        phrases = [self.phrases[k] for k in self.context.userdata.favourites() if k in self.phrases]
        if not phrases:
            self.say("Practice uses your favourites: star a few phrases first (☆ on the right of a phrase).")
            return None
        front = Front.parse(self.context.settings.practice_front, DEFAULT_FRONT)
        dialog = PracticeDialog(phrases, self, front=front)
        dialog.frontChosen.connect(self._keep_practice_front)
        dialog.show()
        self._practice = dialog
        return dialog

    def start_review(self, clock: Clock = system_clock) -> ReviewDialog:
        """The Review window (one at a time: asked again, the open one comes to the front)."""
        if self.review_dialog is not None and self.review_dialog.isVisible():
            self.review_dialog.raise_()
            self.review_dialog.activateWindow()
            return self.review_dialog
        dialog = ReviewDialog(self.context, self.window(), clock,
                              open_place=lambda place: self.navigator.open_walkthrough.emit(*_step_of(place)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "_review", None))
        dialog.show()
        self.review_dialog = dialog
        return dialog

    def _keep_practice_front(self, front: Front) -> None:
        self.context.settings.practice_front = front.value
        self.context.save_settings()

    def refresh(self) -> None:
        """Re-read favourites (another window may have changed them)."""
        self._favourites = set(self.context.userdata.favourites())
        self._update_favourites_item()
        if self.search.text():
            self.apply_search(self.search.text())
        else:
            self.show_category(self._category)

    # -- internals ---------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self._clear_status()
        self.apply_search(text)

    def _category_chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self._clear_status()
        if current is not None:
            self.show_category(current.data(CATEGORY_ROLE))

    def _select_category_item(self, category_id: str | None) -> None:
        self.categories.blockSignals(True)
        self.categories.clearSelection()
        self.categories.setCurrentItem(None)
        for row in range(self.categories.count()):
            item = self.categories.item(row)
            if item.data(CATEGORY_ROLE) == category_id:
                self.categories.setCurrentItem(item)
                break
        self.categories.blockSignals(False)

    def _fit_categories(self) -> None:
        """Wide enough for "★ Favourites (999)" and a short title, however narrow the window."""
        metrics = self.categories.fontMetrics()
        text = max(metrics.horizontalAdvance(f"{STAR_ON} Favourites (999)"), metrics.horizontalAdvance("Introductions (99)"))
        scroll = self.categories.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.categories.setMinimumWidth(text + scroll + 2 * self.categories.frameWidth() + 24)

    def _update_favourites_item(self) -> None:
        item = self.categories.item(0)
        if item is not None:
            item.setText(f"{STAR_ON} Favourites ({len(self._favourites & self.phrases.keys())})")
        self.practice_button.setEnabled(bool(self._favourites & self.phrases.keys()))

    def _set_phrases(self, phrases: list[Phrase], context_titles: dict[str, str] | None = None) -> None:
        self.model.set_phrases(phrases, context_titles)
        if self.search.text():
            self.count.setText(f"{len(phrases)} match{'es' if len(phrases) != 1 else ''} in all categories")
        else:
            self.count.setText(f"{len(phrases)} phrase{'s' if len(phrases) != 1 else ''}")
        if phrases:
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self._show_details(QModelIndex())

    def _select_key(self, key: str) -> None:
        row = self.model.row_of(key)
        if row is not None:
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _current_key(self) -> str | None:
        phrase = self.selected_phrase()
        return phrase.key if phrase else None

    def _show_details(self, index: QModelIndex) -> None:
        phrase: Phrase | None = index.data(PHRASE_ROLE) if index.isValid() else None
        for button in (self.favourite_button, self.copy_button, self.copy_pinyin_button, self.translate_button, self.speak_button):
            button.setEnabled(phrase is not None)
        self.learn_button.set_draft(drafts.phrase(phrase) if phrase is not None else None)
        if phrase is None:
            self.card.clear()
            if not self.model.phrases:
                self.detail_en.setText("No phrases here yet." if not self.search.text() else
                                       "Nothing matches. Try English, 汉字, or pinyin without tones (xiexie).")
            return
        favourite = self.is_favourite(phrase.key)
        self.detail_zh.setText(phrase.zh)
        self.detail_pinyin.setText(phrase.pinyin)
        self.detail_en.setText(phrase.en)
        self.detail_literal.setText(f"Literally: {phrase.literal}" if phrase.literal else "")
        self.detail_note.setText(phrase.note)
        self.detail_category.setText(f"In: {self.category_titles.get(phrase.category, phrase.category)}")
        self.favourite_button.setChecked(favourite)
        self.favourite_button.setText(f"{STAR_ON} Favourite" if favourite else f"{STAR_OFF} Favourite")
        self.favourite_button.setAccessibleName(f"{'Remove' if favourite else 'Add'} {phrase.zh} "
                                                f"{'from' if favourite else 'to'} favourites")
        self.copy_button.setAccessibleName(f"Copy {phrase.zh}")


def _step_of(place: str) -> tuple[str, str]:
    """"walkthrough/ID/STEP" -> (ID, STEP)."""
    _kind, _, rest = place.partition("/")
    walkthrough, _, step = rest.partition("/")
    return walkthrough, step
