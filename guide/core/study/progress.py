"""Progress over time for the Review chart: answers given each day, and how many cards were
known at the end of it (a card is known while FSRS has it in the Review state: learned,
and not forgotten at its last review)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from guide.core.study.deck import STATE_REVIEW, Deck

DAYS = 30


@dataclass(frozen=True)
class Day:
    day: date
    reviews: int
    known: int


def history(deck: Deck, days: int = DAYS) -> list[Day]:
    """The last `days` days, oldest first, ending today (the user's local days)."""
    now = deck.clock()
    first = now.date() - timedelta(days=days - 1)
    answers = deck.answers()
    state: dict[int, int] = {}
    result: list[Day] = []
    index = 0
    for offset in range(days):
        day = first + timedelta(days=offset)
        reviews = 0
        while index < len(answers) and answers[index].reviewed.astimezone(now.tzinfo).date() <= day:
            answer = answers[index]
            state[answer.card] = answer.state
            reviews += answer.reviewed.astimezone(now.tzinfo).date() == day
            index += 1
        result.append(Day(day, reviews, sum(1 for s in state.values() if s == STATE_REVIEW)))
    return result


def describe(days: list[Day]) -> str:
    """The chart in words, for screen readers and the line under it."""
    if not days:
        return ""
    total = sum(d.reviews for d in days)
    active = sum(1 for d in days if d.reviews)
    return (f"{total} answer{'s' if total != 1 else ''} on {active} of the last {len(days)} days; "
            f"cards known: {days[0].known} then, {days[-1].known} today.")
