"""What each side of a card shows, for every front a user can choose."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from guide.core.study.cards import DEFAULT_FRONT, Front, faces, fronts


@dataclass
class Word:
    zh: str = "收藏"
    pinyin: str = "shōucáng"
    en: str = "Save"


@pytest.mark.parametrize(("front", "main", "under", "hidden"), [
    (Front.ENGLISH, "Save", "", ("收藏", "shōucáng")),
    (Front.PINYIN, "shōucáng", "", ("收藏", "Save")),
    (Front.HANZI_PINYIN, "收藏", "shōucáng", ("Save",)),
    (Front.HANZI, "收藏", "", ("shōucáng", "Save")),
    (Front.LISTEN, "Listen", "", ("收藏", "shōucáng", "Save")),
])
def test_the_front_shows_only_what_was_chosen(front: Front, main: str, under: str, hidden: tuple[str, ...]) -> None:
    face = faces(Word(), front)
    assert (face.main, face.under) == (main, under)
    shown = face.main + face.under + face.question
    assert not [h for h in hidden if h in shown], "the answer is not on the front"
    assert face.speak is (front is Front.LISTEN)


def test_listening_is_offered_only_with_speech() -> None:
    assert Front.LISTEN in fronts(speech=True) and Front.LISTEN not in fronts(speech=False)
    assert DEFAULT_FRONT is Front.HANZI_PINYIN, "a newcomer cannot read 汉字 alone yet"


def test_a_stored_front_is_read_back_and_a_bad_one_falls_back() -> None:
    assert Front.parse("english") is Front.ENGLISH
    assert Front.parse("", DEFAULT_FRONT) is DEFAULT_FRONT and Front.parse("sideways") is None
