"""What a flashcard is and what each side shows, for Practice (favourite phrases) and Review
(the cards a user keeps from what they met in the app).

A newcomer cannot read 汉字 yet, so the front is a choice, per deck and per card: English
(say it in Chinese), pinyin, 汉字 with its pinyin, 汉字 alone, or listening. The back always
shows the 汉字, the pinyin and the meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Protocol


class Front(str, Enum):
    ENGLISH = "english"
    PINYIN = "pinyin"
    HANZI_PINYIN = "hanzi+pinyin"
    HANZI = "hanzi"
    LISTEN = "listen"

    @property
    def title(self) -> str:
        return FRONT_TITLES[self]

    @classmethod
    def parse(cls, value: str, default: Front | None = None) -> Front | None:
        """The front named by a stored value; `default` for an empty or unknown one."""
        try:
            return cls(value)
        except ValueError:
            return default


FRONT_TITLES = {
    Front.ENGLISH: "English → say it in Chinese",
    Front.PINYIN: "Pinyin → meaning",
    Front.HANZI_PINYIN: "汉字 and pinyin → meaning",
    Front.HANZI: "汉字 → meaning",
    Front.LISTEN: "Listen → meaning",
}
DEFAULT_FRONT = Front.HANZI_PINYIN  # a beginner reads the pinyin while learning the characters


def fronts(speech: bool) -> list[Front]:
    """The fronts on offer: listening only when the [speech] extra can speak."""
    return [f for f in Front if speech or f is not Front.LISTEN]


class Learnable(Protocol):
    zh: str
    pinyin: str
    en: str


@dataclass(frozen=True)
class Faces:
    """What the front shows before the answer: a main line, a smaller line under it (pinyin
    when asked), the question, and whether the Chinese is spoken."""

    main: str
    under: str
    question: str
    speak: bool = False


def faces(card: Learnable, front: Front) -> Faces:
    if front is Front.ENGLISH:
        return Faces(card.en, "", "How do you say it in Chinese?")
    if front is Front.PINYIN:
        return Faces(card.pinyin or card.zh, "", "What does it mean?")
    if front is Front.HANZI_PINYIN:
        return Faces(card.zh, card.pinyin, "What does it mean?")
    if front is Front.LISTEN:
        return Faces("Listen", "", "What does it mean? (Play again to hear it once more)", speak=True)
    return Faces(card.zh, "", "What does it mean?")


# -- cards a user keeps ----------------------------------------------------------------------

KINDS = ("word", "label", "phrase", "line")
SOURCES = {  # where a card was met, as the card says it
    "translator": "the Translator",
    "screenshot": "a screenshot",
    "walkthrough": "a walkthrough",
    "glossary": "UI labels",
    "phrasebook": "the Phrase book",
}
MAX_CHARACTERS = 120  # a line kept whole still fits on a card; a long paste does not


@dataclass(frozen=True)
class CardDraft:
    """What "Learn this" keeps: the Chinese, its pinyin and meaning, and where it was met —
    the sentence around it (`example`, with `example_en`), the walkthrough step (`place`:
    "walkthrough/ID/STEP"), or a picture cut from the screenshot (`picture`, a file name in
    the cards folder)."""

    zh: str
    pinyin: str
    en: str
    kind: str
    source: str
    example: str = ""
    example_en: str = ""
    place: str = ""
    picture: str = ""

    def problem(self) -> str | None:
        """Why this cannot be kept (shown on the disabled button), or None."""
        text = self.zh.strip()
        if not text:
            return "Nothing to keep here yet."
        if len(text) > MAX_CHARACTERS:
            return (f"Too long for a card ({len(text)} characters; at most {MAX_CHARACTERS}): keep a word or a "
                    "shorter line.")
        return None


@dataclass(frozen=True)
class KeptCard:
    """A kept card with its schedule (the FSRS state, see guide.core.study.review)."""

    id: int
    zh: str
    pinyin: str
    en: str
    kind: str
    source: str
    example: str
    example_en: str
    place: str
    picture: str
    front: Front | None  # None: the deck's front
    added: datetime
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    def where_met(self) -> str:
        """"the Translator", "a screenshot", "a walkthrough" … (after "Met in")."""
        return SOURCES.get(self.source, self.source)
