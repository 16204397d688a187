"""The enlarged picture of a step's screen: the same mockup and highlights, as tall as the
window allows, for when the picture beside the text is too small to read (~7 px text at
the smallest window), with the card of whatever is chosen on it beside the picture.

It stays open while the user explores: a click or Enter on a highlight or on any Chinese text
shows its meaning in the card beside the picture (and `labelChosen` / `textChosen` let the
player show it too). The picture is reached by Tab and explored with the arrow keys, as in
the player; Esc, + or Close shuts it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import GlossaryEntry, Highlight
from guide.core.translate.explain import TextMeaning
from guide.ui.walkthroughs.label_card import LabelCard
from guide.ui.walkthroughs.meaning_card import Explainer, TextCard
from guide.ui.walkthroughs.mockup_view import MockupView
from guide.ui.widgets.enter_key import enter_clicks
from guide.ui.widgets.safe_text import plain_label
from guide.ui.widgets.scrolling import vertical_scroller

CARD_WIDTH = 320


class ZoomDialog(QDialog):
    labelChosen = Signal(str)
    textChosen = Signal(str)

    def __init__(self, path: Path | None, highlights: tuple[Highlight, ...], title: str,
                 describe: Callable[[str], str] | None = None, parent: QWidget | None = None,
                 label: Callable[[str], GlossaryEntry | None] | None = None, explainer: Explainer | None = None,
                 translate: Callable[[str], object] | None = None) -> None:
        """`label(zh)` finds a glossary entry for a highlight's card; `explainer` explains any
        other text; `translate(text)` sends a text to the Translator (a button on its card)."""
        super().__init__(parent)
        self.setObjectName("zoomDialog")
        self.setWindowTitle(f"Picture: {title}" if title else "Picture")
        self.setAccessibleName("Enlarged picture of the screen")
        self.setAccessibleDescription("Tab reaches the picture; the arrow keys move between its labels and texts, "
                                      "Enter explains one; Esc closes")
        self._label = label or (lambda _zh: None)
        self._explainer = explainer
        self._translate = translate
        self._asked = ""
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.view = MockupView(self, describe, align_top=False)
        self.view.zoomable = False
        self.view.setAccessibleName("Enlarged screen mockup")
        self.view.show_screen(path, highlights)
        self.view.labelClicked.connect(self.show_label)
        self.view.textClicked.connect(self.show_text)
        row.addWidget(self.view, 1)
        self.card_column = QWidget()
        self.card_column.setObjectName("zoomCardColumn")
        card_layout = QVBoxLayout(self.card_column)
        card_layout.setContentsMargins(0, 0, 0, 0)
        self.card_host = QWidget()
        QVBoxLayout(self.card_host).setContentsMargins(0, 0, 0, 0)
        self.placeholder = plain_label("Click a highlighted label, or any Chinese text on the picture, for its meaning. "
                                       "Keyboard: Tab to the picture, then the arrow keys and Enter.")
        self.placeholder.setObjectName("zoomHint")
        self.placeholder.setWordWrap(True)
        self.card_host.layout().addWidget(self.placeholder)
        self.card_host.layout().addStretch(1)
        self.card_scroller = vertical_scroller(self.card_host, "zoomCardScroller")
        self.card_scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for surface in (self.card_scroller.viewport(), self.card_host):
            surface.setAutoFillBackground(False)  # the dialog's background, not a grey box
        card_layout.addWidget(self.card_scroller, 1)
        self.card_column.setFixedWidth(CARD_WIDTH)
        row.addWidget(self.card_column)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        hint = plain_label("Esc closes")
        hint.setObjectName("zoomHint")
        buttons.addWidget(hint, 1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the enlarged picture")
        self.close_button.setAccessibleDescription("Back to the step (Esc)")
        self.close_button.setAutoDefault(False)  # Enter on a focused highlight explains it, never closes
        enter_clicks(self.close_button)  # … but Enter on Close closes
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        chain = [*self.view.spots, self.close_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        if explainer is not None:
            explainer.explained.connect(self._explained)
        self.card: QWidget | None = None
        self.resize(self._fitting_size(parent))

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - the picture has focus once the dialog is up
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_picture)

    def _focus_picture(self) -> None:
        stop = self.view.tab_stop()
        if stop is not None and self.isVisible():
            stop.setFocus(Qt.FocusReason.TabFocusReason)

    def _fitting_size(self, parent: QWidget | None) -> QSize:
        """As tall as the window (or screen) allows, the picture's shape kept, the card beside it."""
        window = parent.window() if parent is not None else None
        screen = (window.screen() if window is not None else None) or self.screen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        height = int(available.height() * 0.92)
        natural = self.view.natural_size()
        width = int((height - 60) * natural.width() / max(1, natural.height())) + 24 + CARD_WIDTH + 12
        return QSize(min(width, int(available.width() * 0.95)), height)

    def show_label(self, zh: str) -> None:
        """A highlight was chosen: its card here (the dialog stays open), and in the player."""
        entry = self._label(zh)
        if entry is not None:
            self._asked = zh
            self._set_card(LabelCard(entry))
        self.labelChosen.emit(zh)

    def show_text(self, text: str) -> None:
        self._asked = text
        if self._explainer is not None:
            self._set_card(self._text_card(self._explainer.request(text)))
        self.textChosen.emit(text)

    def _text_card(self, meaning: TextMeaning) -> QWidget:
        return LabelCard(meaning.label) if meaning.label is not None else TextCard(meaning, translate=self._translate_and_close)

    def _translate_and_close(self, text: str) -> None:
        self.accept()
        if self._translate is not None:
            self._translate(text)

    def _explained(self, meaning: TextMeaning) -> None:
        if meaning.zh == self._asked and self.isVisible():
            self._set_card(self._text_card(meaning))

    def _set_card(self, card: QWidget) -> None:
        self.placeholder.hide()
        if self.card is not None:
            self.card.hide()
            self.card.deleteLater()
        self.card = card
        self.card_host.layout().insertWidget(0, card)

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - `+` again, or Esc, closes
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self.reject()
            return
        super().keyPressEvent(event)
