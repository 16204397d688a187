"""Review: the cards kept with "Learn this", on FSRS's schedule (guide.core.study.review).

Three tabs: Review (today's cards: the front the user chose, Space shows the answer — 汉字,
pinyin, meaning and where it was met — then Again / Hard / Good / Easy, 1–4, each saying when
the card comes back), Your cards (the list, one card's front, removing, the settings) and
Progress (a chart of answers and cards known over time). Every answer is saved at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide.core.context import AppContext
from guide.core.study.cards import DEFAULT_FRONT, Front, KeptCard, faces
from guide.core.study.clock import Clock, system_clock
from guide.core.study.deck import Deck
from guide.core.study.progress import describe, history
from guide.core.study.review import Answer, Review, Session, day_text, interval_text
from guide.ui.phrasebook.card_front import FrontChooser, labelled
from guide.ui.phrasebook.review_cards import CardsTab
from guide.ui.phrasebook.review_chart import ReviewChart
from guide.ui.phrasebook.speech import Speaker, speech_available
from guide.ui.shell import keys
from guide.ui.widgets.safe_text import plain_label, set_tooltip

PICTURE_HEIGHT = 120
WAIT_CHECK_MS = 15_000  # a card coming back in a few minutes is shown when it is due
ANSWER_HINTS = {
    Answer.AGAIN: "You did not know it: it comes back in a minute",
    Answer.HARD: "You got it, with effort",
    Answer.GOOD: "You knew it",
    Answer.EASY: "Too easy: it comes back much later",
}


def _plain(name: str = "", wrap: bool = True) -> QLabel:
    """A label for text the app did not write (card text, OCR, translations): never rich text."""
    label = plain_label()
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class ReviewDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None, clock: Clock = system_clock,
                 open_place: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle("Review your cards")
        self.resize(640, 560)
        self.context = context
        self.deck = Deck(context.userdata, clock=clock)
        self.open_place = open_place
        self.speaker = Speaker(self, lambda _message: None)
        self.speech = speech_available()
        self.card: KeptCard | None = None
        self.outcomes: dict[Answer, KeptCard] = {}
        self.shown_for = QElapsedTimer()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        self.tabs.addTab(self._build_review(), "&Review")
        self.cards_tab = CardsTab(self.deck, context.settings, context.save_settings, self.speech)
        self.cards_tab.changed.connect(self._cards_changed)
        self.cards_tab.settingsChanged.connect(self.start)
        self.tabs.addTab(self.cards_tab, "&Your cards")
        self.tabs.addTab(self._build_progress(), "&Progress")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("reviewClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(WAIT_CHECK_MS)
        self.wait_timer.timeout.connect(self._check_waiting)
        self.start()

    # -- layout -----------------------------------------------------------------------------

    def _build_review(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.front_choice = FrontChooser(self.deck_front(), self.speech, page, name="reviewFront")
        self.front_choice.chosen.connect(self.set_deck_front)
        top = labelled("&Front:", self.front_choice)
        top.addStretch(1)
        self.counts = _plain("reviewCounts", wrap=False)
        top.addWidget(self.counts)
        layout.addLayout(top)
        self.main = _plain("reviewMain")
        self.main.setStyleSheet("font-size: 40px; font-weight: 600;")  # read from arm's length
        self.main.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.main.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)  # pinyin right under
        layout.addWidget(self.main, 2)
        self.pinyin = _plain("cardPinyin")
        self.pinyin.setStyleSheet("font-size: 18px;")
        layout.addWidget(self.pinyin)
        self.meaning = _plain("reviewMeaning")
        bold = self.meaning.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.meaning.setFont(bold)
        layout.addWidget(self.meaning)
        self.example = _plain("reviewExample")
        self.example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.example)
        self.picture = plain_label()  # a picture only
        self.picture.setObjectName("reviewPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName("Where you met it, on the screenshot")
        layout.addWidget(self.picture)
        self.place_button = QPushButton("Open the step")
        self.place_button.setObjectName("reviewOpenPlace")
        self.place_button.setAccessibleDescription("Opens the walkthrough step where you met this label")
        self.place_button.clicked.connect(self._open_place)
        layout.addWidget(self.place_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.question = _plain("reviewQuestion")  # just above the buttons it asks about
        self.question.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # read out by screen readers when focused
        layout.addWidget(self.question)

        self.button_row = row = QHBoxLayout()
        self.play_button = QPushButton("Play again")
        self.play_button.setObjectName("reviewPlay")
        self.play_button.setToolTip("Hear the Chinese once more")
        self.play_button.clicked.connect(self._speak)
        row.addWidget(self.play_button)
        self.reveal_button = QPushButton("Show answer (Space)")
        self.reveal_button.setObjectName("reviewReveal")
        self.reveal_button.setShortcut(keys.SHOW_ANSWER.sequence())
        self.reveal_button.setToolTip("The 汉字, pinyin and meaning, and where you met it (Space)")
        self.reveal_button.clicked.connect(self.reveal)
        row.addWidget(self.reveal_button)
        self.answer_buttons: dict[Answer, QPushButton] = {}
        for number, answer in enumerate(Answer):
            button = QPushButton(answer.title)
            button.setObjectName(f"review{answer.title}")
            button.setShortcut(keys.ANSWERS.sequence(number))
            set_tooltip(button, f"{ANSWER_HINTS[answer]} ({number + 1})")
            button.clicked.connect(lambda _checked=False, a=answer: self.answer(a))
            row.addWidget(button)
            self.answer_buttons[answer] = button
        self.again_button = QPushButton("Look for due cards")
        self.again_button.setObjectName("reviewStartOver")
        self.again_button.setToolTip("Cards kept since this window opened, or whose minutes are up, are shown now")
        self.again_button.clicked.connect(self.start)
        row.addWidget(self.again_button)
        for button in (self.play_button, self.reveal_button, *self.answer_buttons.values(), self.again_button):
            button.setAutoDefault(False)  # Enter never answers by accident
        layout.addLayout(row)
        return page

    def _build_progress(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.chart = ReviewChart()
        layout.addWidget(self.chart, 1)
        self.chart_text = _plain("reviewChartText")
        layout.addWidget(self.chart_text)
        return page

    # -- reviewing --------------------------------------------------------------------------

    def deck_front(self) -> Front:
        front = Front.parse(self.context.settings.review_front, DEFAULT_FRONT)
        return front if self.speech or front is not Front.LISTEN else DEFAULT_FRONT

    def front_of(self, card: KeptCard) -> Front:
        """The card's own front when it has one (and it can be shown here), else the deck's."""
        if card.front is not None and (self.speech or card.front is not Front.LISTEN):
            return card.front
        return self.deck_front()

    def set_deck_front(self, front: Front) -> None:
        self.context.settings.review_front = front.value
        self.context.save_settings()
        if self.card is not None and not self.reveal_button.isHidden():
            self._show_front()

    def start(self) -> None:
        """A new sitting from what is due now (and the settings as they are now)."""
        self.review = Review.from_settings(self.deck, self.context.settings)
        self.session = Session(self.review)
        self.next_card()

    def next_card(self) -> None:
        self.card = self.session.current()
        self.outcomes = {}
        self._update_counts()
        if self.card is None:
            self._show_done()
            return
        self.wait_timer.stop()
        self._show_front()

    def _show_front(self) -> None:
        card = self.card
        face = faces(card, self.front_of(card))
        self.main.setText(face.main)
        self.pinyin.setText(face.under)
        self.question.setText(f"{face.question} Then Show answer (Space).")
        for widget in (self.meaning, self.example):
            widget.clear()
        self.picture.clear()
        self.picture.hide()
        self.place_button.hide()
        self._buttons(reveal=True)
        self.play_button.setVisible(face.speak)
        if face.speak:
            self._speak()
        self.shown_for.start()
        self.reveal_button.setFocus()

    def reveal(self) -> None:
        card = self.card
        if card is None or self.reveal_button.isHidden():
            return
        self.main.setText(card.zh)
        self.pinyin.setText(card.pinyin)
        self.meaning.setText(card.en)
        self.question.setText("How well did you know it? 1 Again · 2 Hard · 3 Good · 4 Easy")
        quoted = f"“{card.example}”" if card.source != "walkthrough" else card.example  # a sentence, not a step
        example = quoted + (f" — {card.example_en}" if card.example_en else "") if card.example else card.example_en
        self.example.setText(f"Met in {card.where_met()}" + (f": {example}" if example else ""))
        path = self.deck.picture_path(card)
        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if not pixmap.isNull():
            self.picture.setPixmap(pixmap.scaledToHeight(min(PICTURE_HEIGHT, pixmap.height()),
                                                         Qt.TransformationMode.SmoothTransformation))
            self.picture.show()
        self.place_button.setVisible(bool(card.place) and self.open_place is not None)
        self.outcomes = self.review.outcomes(card)
        now = self.review.now()
        for number, (answer, button) in enumerate(self.answer_buttons.items()):
            button.setText(f"{answer.title}\n{interval_text(now, self.outcomes[answer].due)}")  # narrow: fits 800 px
            button.setShortcut(keys.ANSWERS.sequence(number))  # setText drops it (for a mnemonic)
            button.setAccessibleName(f"{answer.title}: comes back in {interval_text(now, self.outcomes[answer].due)}")
        self._buttons(reveal=False)
        self.play_button.setVisible(self.speech)
        self.answer_buttons[Answer.GOOD].setFocus()  # Space after the answer means Good, as in Anki

    def answer(self, answer: Answer) -> None:
        """Save the answer (at once: a crash later loses nothing) and show the next card."""
        if self.card is None or not self.outcomes:
            return  # the answer first, then judge
        elapsed = self.shown_for.elapsed() if self.shown_for.isValid() else None
        self.session.answer(answer, self.outcomes[answer], elapsed)
        self.next_card()

    def _buttons(self, reveal: bool | None) -> None:
        """reveal=True: Show answer; False: the four answers; None: nothing to answer. Buttons
        are hidden before others are shown, so the row never widens the dialog for a moment."""
        shown = {self.reveal_button: reveal is True, self.again_button: reveal is None,
                 **{button: reveal is False for button in self.answer_buttons.values()}}
        for button in sorted(shown, key=lambda b: shown[b]):
            button.setVisible(shown[button])
        self.button_row.invalidate()  # before the first show Qt keeps the width of every button in the row

    def _show_done(self) -> None:
        self._buttons(None)
        self.play_button.hide()
        self.picture.hide()
        self.place_button.hide()
        for widget in (self.pinyin, self.meaning, self.example):
            widget.clear()
        waiting = self.session.waiting()
        answered = self.session.answered
        did = f"You answered {answered} card{'s' if answered != 1 else ''}. " if answered else ""
        if waiting is not None:
            self.main.setText("Back in a moment")
            self.question.setText(f"{did}{self.session.remaining} card{'s' if self.session.remaining != 1 else ''} "
                                  f"come back later today (the first at {waiting.due.astimezone(self.review.now().tzinfo):%H:%M}); "
                                  "leave this open or come back then.")
            self.wait_timer.start()
        elif not self.deck.cards():
            self.main.setText("No cards yet")
            self.question.setText("Press Learn this (Ctrl+L) beside a word in the Translator, a label in a walkthrough "
                                  "or on a screenshot, or a phrase: it comes back here to be learned.")
        else:
            self.main.setText("Done for today!")
            later = self.review.next_due()
            when = f" The next card is due {day_text(self.review.now(), later)}." if later else ""
            self.question.setText(f"{did}Nothing more is due today.{when}")
        self.question.setFocus()  # not a button: Space must not start anything unasked

    def _check_waiting(self) -> None:
        if self.session.current() is not None:
            self.next_card()

    def _update_counts(self) -> None:
        due = self.session.queue
        new = sum(1 for c in due if c.is_new)
        self.counts.setText(f"{new} new · {len(due) - new} to review" if due else "")

    def _speak(self) -> None:
        if self.card is not None:
            self.speaker.say(self.card.zh)

    def _open_place(self) -> None:
        if self.card is not None and self.card.place and self.open_place is not None:
            self.open_place(self.card.place)

    # -- the other tabs ------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.cards_tab:
            self.cards_tab.fill()
        elif index == 2:
            self.show_progress()

    def show_progress(self) -> None:
        days = history(self.deck)
        self.chart.set_days(days)
        cards = len(self.deck.cards())
        self.chart_text.setText((describe(days) + f" {cards} card{'s' if cards != 1 else ''} kept.")
                                if any(d.reviews for d in days) else "Your answers and the cards you know will show "
                                "here, day by day, once you have reviewed.")

    def _cards_changed(self) -> None:
        """A card removed or its front changed: the sitting starts over from what is due."""
        self.start()
