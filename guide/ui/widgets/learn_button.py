""""Learn this": one button every page puts beside a word, label, phrase or line to keep it as
a card for Review (guide.core.study). Pages give it what to keep (a CardDraft, see
guide.core.study.drafts) and bind the Learn key (guide.ui.shell.keys.LEARN) to `click`.

A line or label read from a screenshot keeps a small picture of where it was on the screen:
cut from the screenshot file in the background (never decoded on the window's thread) and
saved in the cards folder beside the user data.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen
from PySide6.QtWidgets import QPushButton, QWidget

from guide.core.storage.user_files import write_replacing
from guide.core.study.cards import CardDraft, KeptCard
from guide.core.study.deck import Deck
from guide.ui.widgets.safe_text import set_tooltip

if TYPE_CHECKING:
    from guide.core.context import AppContext

log = logging.getLogger(__name__)

PICTURE_WIDTH = 360  # enough to recognise the screen, small on disk (a few tens of kB)
KEPT = "✓ Learning"


@dataclass(frozen=True)
class PictureSource:
    """Where a kept card was read: the screenshot file and the line's box in its pixels."""

    path: Path
    box: tuple[int, int, int, int]  # x, y, w, h


def cut_picture(source: PictureSource, target: Path, width: int = PICTURE_WIDTH) -> bool:
    """The band of the screenshot around the line (a couple of lines above and below, full
    width), the line outlined in red, scaled down; True when saved. Runs on any thread."""
    reader = QImageReader(str(source.path))
    image = reader.read()
    if image.isNull():
        log.info("cannot read %s for a card picture: %s", source.path, reader.errorString())
        return False
    x, y, w, h = source.box
    top, bottom = max(0, y - 2 * h), min(image.height(), y + 3 * h)
    if bottom <= top:
        return False
    band = image.copy(QRect(0, top, image.width(), bottom - top)).convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(band)
    pen = QPen(QColor("#FF2442"))
    pen.setWidth(max(2, band.width() // 180))
    painter.setPen(pen)
    painter.drawRect(QRect(x - 4, y - top - 4, w + 8, h + 8))
    painter.end()
    if band.width() > width:
        band = band.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not band.save(buffer, "PNG"):
        return False
    try:  # renamed into place whole: the card already names the picture, and Review must never read it half-written
        target.parent.mkdir(parents=True, exist_ok=True)
        write_replacing(target, bytes(encoded))
    except OSError as exc:
        log.info("cannot save the card picture %s: %s", target, exc)
        return False
    return True


class _CutPicture(QRunnable):
    def __init__(self, source: PictureSource, target: Path) -> None:
        super().__init__()
        self.source, self.target = source, target

    def run(self) -> None:
        try:
            cut_picture(self.source, self.target)
        except Exception:  # noqa: BLE001 - a card without its picture is still a card
            log.exception("could not cut the card picture %s", self.target)


class LearnButton(QPushButton):
    """Keeps its draft as a card; then says "✓ Learning" (a card is kept once per 汉字)."""

    kept = Signal(object)  # KeptCard, newly kept

    def __init__(self, deck: Deck, text: str = "Learn this", parent: QWidget | None = None, key: str = "") -> None:
        super().__init__(text, parent)
        self.setObjectName("learnThis")
        self.deck = deck
        self.label = text
        self.key = key  # how the page's Learn key is written, for the tooltip
        self.draft: CardDraft | None = None
        self.picture: PictureSource | None = None
        self.clicked.connect(self.keep)
        self.set_draft(None)

    @classmethod
    def for_context(cls, context: AppContext, text: str = "Learn this", key: str = "") -> LearnButton:
        return cls(Deck(context.userdata), text, key=key)

    def set_draft(self, draft: CardDraft | None, picture: PictureSource | None = None) -> None:
        """What a click keeps (None: nothing here; the button is disabled)."""
        self.draft, self.picture = draft, picture
        self.refresh()

    def is_kept(self) -> bool:
        return self.draft is not None and self.deck.is_kept(self.draft.zh)

    def refresh(self) -> None:
        """Kept or not, as the user data says now (a card may have been removed in Review)."""
        problem = "Nothing to keep here yet." if self.draft is None else self.draft.problem()
        kept = problem is None and self.is_kept()
        self.setEnabled(problem is None)
        self.setText(KEPT if kept else self.label)
        key = f" ({self.key})" if self.key else ""
        set_tooltip(self, problem or ("In your cards already: Review (on Start) brings it back when it is due." if kept
                                      else f"Keep it as a card: Review (on Start) asks you about it, on a schedule{key}"))
        zh = self.draft.zh.strip() if self.draft else ""
        self.setAccessibleName(f"{zh} is in your cards" if kept else f"Learn {zh}" if zh else self.label)
        self.setAccessibleDescription("Keeps it as a flashcard with where you met it; Review asks you about it "
                                      "on a schedule")

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        """Back on screen (another page shown in between): the card may have been removed."""
        self.refresh()
        super().showEvent(event)

    def keep(self) -> KeptCard | None:
        """Keep the draft (once); its picture is cut in the background."""
        if self.draft is None or self.draft.problem():
            return None
        name = f"{uuid.uuid4().hex[:16]}.png" if self.picture is not None else ""
        card, created = self.deck.keep(replace(self.draft, picture=name))
        if created and name and self.picture is not None:
            QThreadPool.globalInstance().start(_CutPicture(self.picture, self.deck.pictures / name))
        self.refresh()
        if created:
            self.kept.emit(card)
        return card
