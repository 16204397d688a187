"""The card for any Chinese text chosen on a mockup (not a highlighted label): 汉字, pinyin and
what it means — a UI label's meaning, a template's, or the word-by-word breakdown — and the
worker that looks the breakdown up off the window's thread."""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import Pack
from guide.core.translate.explain import (
    BREAKDOWN,
    TEMPLATE,
    TextMeaning,
    explain,
    label_meaning,
)
from guide.ui.widgets.background_call import BackgroundCall
from guide.ui.widgets.enter_key import enter_clicks

log = logging.getLogger(__name__)


def _plain(text: str = "", name: str = "") -> QLabel:
    """Pack and dictionary text: never markup, wraps, can be selected."""
    from PySide6.QtCore import Qt

    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class TextCard(QFrame):
    """What one text on the picture means. `translate` (optional) sends the text to the
    Translator for a whole-sentence translation."""

    def __init__(self, meaning: TextMeaning, translate=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("labelCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.meaning = meaning
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(_plain(meaning.zh, "cardZh"), 1)
        copy = QPushButton("Copy")
        copy.setAccessibleName(f"Copy {meaning.zh}")
        enter_clicks(copy)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(meaning.zh))
        top.addWidget(copy)
        layout.addLayout(top)
        if meaning.pinyin:
            layout.addWidget(_plain(meaning.pinyin, "cardPinyin"))
        if meaning.en:
            english = _plain(meaning.en, "cardMeaning")
            font = english.font()
            font.setBold(True)
            english.setFont(font)
            layout.addWidget(english)
        if meaning.where:
            layout.addWidget(_plain(f"Where: {meaning.where}"))
        if meaning.note:
            layout.addWidget(_plain(meaning.note, "cardNote"))
        if meaning.source == TEMPLATE:
            layout.addWidget(_plain("The app's own wording around a number or name", "cardNote"))
        if meaning.source == BREAKDOWN:
            self.words = _plain(self._breakdown_text(meaning), "cardWords")
            layout.addWidget(_plain("Word by word (offline dictionary):", "cardNote"))
            layout.addWidget(self.words)
        if translate is not None and meaning.source == BREAKDOWN:
            button = QPushButton("Translate the whole line")
            button.setObjectName("cardTranslate")
            button.setAccessibleDescription("Opens the Translator with this text")
            enter_clicks(button)
            button.clicked.connect(lambda: translate(meaning.zh))
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        self.setAccessibleName(f"{meaning.zh}, {meaning.pinyin}, {meaning.en or 'word by word'}")

    @staticmethod
    def _breakdown_text(meaning: TextMeaning) -> str:
        if not meaning.words:
            return "Looking the words up…"
        lines = []
        for word in meaning.words:
            said = "; ".join(word.meanings[:2]) or "(no entry)"
            lines.append(f"{word.text}  {word.pinyin} — {said}" if word.pinyin and word.pinyin != word.text
                         else f"{word.text} — {said}")
        return "\n".join(lines)


class Explainer(QObject):
    """Turns a text into a `TextMeaning`: a label at once, anything else in a worker (the
    breakdown loads the dictionary). The newest request wins; `explained` carries the answer.

    `glosser` is made on first use (guide.core.translate.gloss.Glosser for the pack); tests
    may set one. `template` is the template matcher to hand to `explain` once templates land."""

    explained = Signal(object)
    _done = Signal(int, object)

    def __init__(self, pack: Pack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.glosser = None
        self.template = None
        self._ids = itertools.count(1)
        self._newest = 0
        self._done.connect(self._deliver)

    def request(self, text: str) -> TextMeaning:
        """Returns what is known now (the label, or the text alone while the words are looked up)."""
        self._newest = request_id = next(self._ids)
        found = label_meaning(self.pack, text)
        if found is not None:
            self.explained.emit(found)
            return found
        waiting = TextMeaning(text, "", BREAKDOWN)
        if self.glosser is None:
            from guide.core.translate.gloss import Glosser

            self.glosser = Glosser(self.pack)
        glosser, template = self.glosser, self.template
        result: list[TextMeaning] = []

        def work() -> None:
            result.append(explain(self.pack, text, glosser, template))

        QThreadPool.globalInstance().start(BackgroundCall(work, lambda: self._done.emit(request_id, result[0] if result else None)))
        return waiting

    def _deliver(self, request_id: int, meaning: object) -> None:
        if request_id == self._newest and meaning is not None:
            self.explained.emit(meaning)
