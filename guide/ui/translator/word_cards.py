"""The word-by-word breakdown: one clickable chip per word, and a panel with its full entry."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from guide.core.translate.gloss import GlossWord, WordDetails
from guide.ui.translator.breakdown_layout import CardsArea, CardsOverEntry
from guide.ui.widgets.flow_layout import FlowLayout
from guide.ui.widgets.safe_browser import SafeTextBrowser
from guide.ui.widgets.safe_text import set_tooltip

MAX_CHIPS = 120  # a long paste still shows a usable breakdown without thousands of widgets
ENTRY_LINES = (3, 9)  # the entry panel's height in lines: at least, and at most for a chosen word (it scrolls beyond)


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


CARD_SENSES = 2  # on the card; every sense shows in the detail panel on click


def card_text(word: GlossWord) -> str:
    """汉字, pinyin, then the two best senses, one short line each."""
    senses = [_short(m) for m in word.meanings[:CARD_SENSES]] or ["no entry"]
    return "\n".join([word.text, word.pinyin or " ", *senses])


class WordChip(QPushButton):
    """汉字 / pinyin / two senses; clicking asks for the full entry."""

    chosen = Signal(object)  # GlossWord

    def __init__(self, word: GlossWord, parent: QWidget | None = None) -> None:
        super().__init__(card_text(word), parent)
        self.word = word
        self.setObjectName("translatorWord")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"{word.text}, {word.pinyin}, {'; '.join(word.meanings[:2]) or 'no meaning found'}")
        set_tooltip(self, "\n".join(word.meanings) or "Not in the dictionary")  # dictionary and pack text
        self.clicked.connect(lambda: self.chosen.emit(self.word))


class WordBreakdown(QWidget):
    """A wrapping row of word chips above a detail panel."""

    wordChosen = Signal(object)  # GlossWord
    labelLinkActivated = Signal(str)  # a glossary zh the user wants to open in "UI labels"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scroll = CardsArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("translatorWords")
        self.scroll.setAccessibleName("Word by word")
        self.holder = QWidget()
        self.flow = FlowLayout(self.holder)
        self.scroll.setWidget(self.holder)
        self.details = SafeTextBrowser()  # dictionary and pack text: escaped, and never loads a picture
        self.details.setObjectName("translatorWordDetail")
        self.details.setAccessibleName("Word details")
        self.details.setAccessibleDescription("Pinyin and dictionary meanings of the chosen word")
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText("Click a word to see its full dictionary entry.")
        self.details.anchorClicked.connect(lambda url: self.labelLinkActivated.emit(url.toString().removeprefix("label:")))
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * ENTRY_LINES[0] + 12)
        self.entry_panel = QWidget()  # buttons for the chosen word (Learn this) above its entry
        panel = QVBoxLayout(self.entry_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        self.actions = QHBoxLayout()
        self.actions.addStretch(1)
        panel.addLayout(self.actions)
        panel.addWidget(self.details, 1)
        CardsOverEntry(self, self.scroll, self.entry_panel, self._entry_wanted)  # the entry first, then the cards
        self.chips: list[WordChip] = []

    def set_words(self, words: list[GlossWord]) -> None:
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for word in words[:MAX_CHIPS]:
            chip = WordChip(word, self.holder)
            chip.chosen.connect(self.wordChosen)
            self.flow.addWidget(chip)
            chip.show()  # now, not on the next event-loop turn (screenshots grab right away)
            self.chips.append(chip)
        self.scroll.updateGeometry()
        self.updateGeometry()

    def show_details(self, word: GlossWord, details: WordDetails | None) -> None:
        """The entry, with room to read it: the cards give up rows (down to one) in a short
        window, and the card clicked stays in view."""
        self.details.setHtml(details_html(word, details))
        self.layout().invalidate()
        chosen = next((chip for chip in self.chips if chip.word is word), None)
        if chosen is not None:
            QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(chosen, 0, 4) if chosen in self.chips else None)

    def clear_details(self) -> None:
        self.details.clear()
        self.layout().invalidate()

    def _entry_wanted(self) -> int:
        """The entry panel's height: a chosen word's whole entry up to ENTRY_LINES[1] lines
        (it scrolls beyond), else the few lines of its placeholder."""
        lines = self.details.fontMetrics().lineSpacing()
        chrome = self.details.height() - self.details.viewport().height() if self.details.viewport().height() > 0 else 12
        buttons = self.actions.sizeHint().height() + self.entry_panel.layout().spacing() \
            if any(self.actions.itemAt(i).widget() and self.actions.itemAt(i).widget().isVisibleTo(self)
                   for i in range(self.actions.count())) else 0
        if not self.details.toPlainText():
            return ENTRY_LINES[0] * lines + chrome + buttons
        document = int(self.details.document().size().height())
        return min(max(document, ENTRY_LINES[0] * lines), ENTRY_LINES[1] * lines) + chrome + buttons


def details_html(word: GlossWord, details: WordDetails | None) -> str:
    """Full entry: the guide's own entries first, then the everyday senses (sense overrides),
    then every CC-CEDICT reading with all its senses, cleaned, everyday senses first."""
    e = html.escape
    parts = [f"<h3>{e(word.text)} <span style='font-weight:normal'>{e(word.pinyin)}</span></h3>"]
    if details is None or (not details.pack and not details.cedict):
        if word.meanings:
            parts.append("<ul>" + "".join(f"<li>{e(m)}</li>" for m in word.meanings) + "</ul>")
        else:
            parts.append("<p>Not in the dictionary or the guide.</p>")
        return "".join(parts)
    for entry in details.pack:
        where = "UI label" if entry.kind == "glossary" else "Phrase book"
        link = f" — <a href='label:{e(entry.zh)}'>open in UI labels</a>" if entry.kind == "glossary" else ""
        parts.append(f"<p><b>{e(entry.en)}</b> <i>({where}: {e(entry.pinyin)})</i>{link}</p>")
        if entry.note:
            parts.append(f"<p>{e(entry.note)}</p>")
    if word.meanings and word.meanings[0] not in details.senses and all(word.meanings[0] != p.en for p in details.pack):
        parts.append(f"<p><b>Here</b>: {e(word.meanings[0])}</p>")  # a sense the sentence decided (好 "so")
    if details.everyday:
        parts.append(f"<p><b>Everyday use</b>: {'; '.join(e(s) for s in details.everyday)}</p>")
    for cedict in details.cedict:
        senses = " / ".join(e(s) for s in cedict.ordered_senses)
        trad = f", traditional {e(cedict.traditional)}" if cedict.traditional != cedict.simplified else ""
        parts.append(f"<p><b>{e(cedict.pinyin)}</b>: {senses} <i>(CC-CEDICT{trad})</i></p>")
    return "".join(parts)
