"""Practice: flashcards over the user's favourite phrases (the round itself is
`guide.core.study.practice.PracticeRound`, what each side shows `guide.core.study.cards`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import Phrase
from guide.core.study.cards import DEFAULT_FRONT, Front, faces
from guide.core.study.practice import PracticeRound
from guide.ui.phrasebook.card_front import FrontChooser, labelled
from guide.ui.phrasebook.speech import Speaker, speech_available
from guide.ui.shell import keys
from guide.ui.widgets.safe_text import plain_label


class PracticeDialog(QDialog):
    """Flashcards over favourites: the front the user chose (汉字 with pinyin at first);
    Show answer reveals 汉字, pinyin and meaning; Known takes the card out of the round,
    Again brings it back a little later."""

    frontChosen = Signal(object)  # Front: the page keeps it in the settings

    def __init__(self, phrases: list[Phrase], parent: QWidget | None = None, shuffle: bool = True,
                 front: Front = DEFAULT_FRONT) -> None:
        super().__init__(parent)
        self.setObjectName("practiceDialog")
        self.setWindowTitle("Practice your favourites")
        self.resize(480, 360)
        self.phrases = phrases
        self.shuffle = shuffle
        self.speaker = Speaker(self, lambda _message: None)
        self.front = front if speech_available() or front is not Front.LISTEN else DEFAULT_FRONT
        self.round: PracticeRound[Phrase] = PracticeRound(phrases, shuffle=shuffle)
        layout = QVBoxLayout(self)
        self.front_choice = FrontChooser(self.front, speech_available(), self, name="practiceFront")
        self.front_choice.chosen.connect(self.set_front)
        top = labelled("&Front:", self.front_choice)
        top.addStretch(1)
        layout.addLayout(top)
        self.progress = plain_label()
        self.progress.setObjectName("practiceProgress")
        self.progress.setWordWrap(True)  # the summary at "Done!" wraps instead of widening the dialog
        self.progress.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # read out by screen readers when focused
        layout.addWidget(self.progress)
        self.zh = plain_label()
        self.zh.setObjectName("practiceZh")
        self.zh.setStyleSheet("font-size: 44px; font-weight: 600;")  # a flashcard reads from arm's length
        self.zh.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zh.setWordWrap(True)
        layout.addWidget(self.zh, 2)
        self.pinyin = plain_label()
        self.pinyin.setObjectName("cardPinyin")
        self.pinyin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pinyin.setWordWrap(True)
        layout.addWidget(self.pinyin)
        self.answer = plain_label()
        self.answer.setObjectName("practiceAnswer")
        self.answer.setAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignTop)
        self.answer.setWordWrap(True)
        layout.addWidget(self.answer, 1)
        buttons = QHBoxLayout()
        self.play_button = QPushButton("Play again")
        self.play_button.setObjectName("practicePlay")
        self.play_button.setToolTip("Hear the Chinese once more")
        self.play_button.clicked.connect(self._speak)
        buttons.addWidget(self.play_button)
        self.reveal_button = QPushButton("Show answer")
        self.reveal_button.setObjectName("practiceReveal")
        self.reveal_button.setToolTip("Show the pinyin and meaning (Space)")
        self.reveal_button.setShortcut(keys.REVEAL.sequence())
        self.reveal_button.clicked.connect(self.reveal)
        buttons.addWidget(self.reveal_button)
        self.again_button = QPushButton("Again (1)")
        self.again_button.setObjectName("practiceAgain")
        self.again_button.setToolTip("Not yet: this card comes back later in the round (1)")
        self.again_button.setShortcut(keys.AGAIN.sequence())
        self.again_button.clicked.connect(lambda: self.mark(False))
        buttons.addWidget(self.again_button)
        self.known_button = QPushButton("Known (2)")
        self.known_button.setObjectName("practiceKnown")
        self.known_button.setToolTip("You knew it: this card leaves the round (2)")
        self.known_button.setShortcut(keys.KNOWN.sequence())
        self.known_button.clicked.connect(lambda: self.mark(True))
        buttons.addWidget(self.known_button)
        self.restart_button = QPushButton("Practice again")
        self.restart_button.setObjectName("practiceRestart")
        self.restart_button.setToolTip("A new round with all your favourites")
        self.restart_button.clicked.connect(self.restart)
        buttons.addWidget(self.restart_button)
        self.close_button = close = QPushButton("Close")
        close.setObjectName("practiceClose")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        for button in (self.play_button, self.reveal_button, self.again_button, self.known_button, self.restart_button):
            button.setAutoDefault(False)  # Enter never starts or judges anything by accident
        layout.addLayout(buttons)
        self._show_card()

    def set_front(self, front: Front) -> None:
        """Show the current card (and the next ones) with another front."""
        self.front = front
        self.frontChosen.emit(front)
        if self.round.current is not None:
            self._show_card()

    def reveal(self) -> None:
        card = self.round.current
        if card is None:
            return
        literal = f"\nLiterally: {card.literal}" if card.literal else ""
        self.zh.setText(card.zh)
        self.pinyin.setText(card.pinyin)
        self.play_button.setVisible(speech_available())
        self.answer.setText(f"{card.en}{literal}")
        self.reveal_button.setEnabled(False)
        self.again_button.setEnabled(True)
        self.known_button.setEnabled(True)
        self.known_button.setFocus()

    def mark(self, known: bool) -> None:
        if self.round.current is None or self.reveal_button.isEnabled():
            return  # answer first, then judge
        self.round.mark(known)
        self._show_card()

    def restart(self) -> None:
        self.round = PracticeRound(self.phrases, shuffle=self.shuffle)
        self._show_card()

    def _show_card(self) -> None:
        card = self.round.current
        done = card is None
        self.pinyin.clear()
        self.answer.clear()
        self.reveal_button.setEnabled(not done)
        self.again_button.setEnabled(False)
        self.known_button.setEnabled(False)
        # Hide before showing: for a moment with every button shown the row would be wider than
        # the dialog, and Qt widens a window to fit and never narrows it again.
        shown = {self.restart_button: done, self.reveal_button: not done, self.again_button: not done,
                 self.known_button: not done, self.play_button: not done and self.front is Front.LISTEN}
        for button in sorted(shown, key=lambda b: shown[b]):
            button.setVisible(shown[button])
        if done:
            repeats = f", after {self.round.again} repeat{'s' if self.round.again != 1 else ''}" if self.round.again else ""
            self.zh.setText("Done!")
            self.progress.setText(f"You knew all {self.round.total} phrases{repeats}. "
                                  "Practice again for a new round, or Close.")
            # Focus on the summary, not on a button: Space (Show answer a moment ago) must not
            # start a new round unasked. Enter closes.
            self.close_button.setDefault(True)
            self.progress.setFocus()
            return
        self.close_button.setDefault(False)
        face = faces(card, self.front)
        self.zh.setText(face.main)
        self.pinyin.setText(face.under)
        self.progress.setText(f"{self.round.known} of {self.round.total} known · {self.round.remaining} to go. "
                              f"{face.question} Then Show answer (Space).")
        if face.speak:
            self._speak()
        self.reveal_button.setFocus()

    def _speak(self) -> None:
        card = self.round.current
        if card is not None:
            self.speaker.say(card.zh)
