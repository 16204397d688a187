"""What a flashcard is and what each side shows, for Practice (favourite phrases) and Review
(the cards a user keeps from what they met in the app).

A newcomer cannot read 汉字 yet, so the front is a choice, per deck and per card: English
(say it in Chinese), pinyin, 汉字 with its pinyin, 汉字 alone, or listening. The back always
shows the 汉字, the pinyin and the meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
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
