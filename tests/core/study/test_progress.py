"""The Review chart's figures: answers a day, and cards known at the end of each day."""

from __future__ import annotations

from pathlib import Path

from helpers.study import FakeClock, word

from guide.core.storage.userdata import UserData
from guide.core.study.deck import Deck
from guide.core.study.progress import describe, history
from guide.core.study.review import Answer, Review


def test_answers_a_day_and_cards_known(tmp_path: Path) -> None:
    clock = FakeClock()
    deck = Deck(UserData("p", tmp_path), None, clock)
    review = Review(deck, fuzz=False)
    first, _ = deck.keep(word())
    second, _ = deck.keep(word("你好", "nǐ hǎo", "hello"))
    review.answer(first, Answer.EASY)  # day 1: straight to known
    review.answer(second, Answer.AGAIN)  # still learning
    start = clock.now.date()
    clock.next_day()
    clock.next_day()
    review.answer(deck.card(second.id), Answer.EASY)  # day 3: known too
    days = history(deck, days=5)
    assert [d.day for d in days][-1] == clock.now.date() and len(days) == 5
    by_day = {d.day: d for d in days}
    assert by_day[start].reviews == 2 and by_day[start].known == 1
    assert by_day[clock.now.date()].reviews == 1 and by_day[clock.now.date()].known == 2
    assert days[0].known == 0 and days[0].reviews == 0, "before the first answer"
    assert describe(days) == "3 answers on 2 of the last 5 days; cards known: 0 then, 2 today."
    clock.next_day()
    review.answer(deck.card(first.id), Answer.AGAIN)  # forgotten: relearning, not known
    assert history(deck, days=5)[-1].known == 1
