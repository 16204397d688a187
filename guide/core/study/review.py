"""Spaced review of kept cards, scheduled by FSRS (the maintained `fsrs` package; nothing
here computes an interval itself); what is due today is guide.core.study.due.

Four answers: Again, Hard, Good, Easy. `outcomes` asks FSRS what each answer would do (shown
on the buttons) and `answer` saves the one chosen, so the interval a button shows is the
interval the card gets, fuzz included.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from enum import IntEnum

from fsrs import Card, Rating, Scheduler, State

from guide.core.storage.settings import RETENTION_RANGE, Settings
from guide.core.study.cards import KeptCard
from guide.core.study.clock import tomorrow_start, utc
from guide.core.study.deck import Deck
from guide.core.study.due import DueToday

LEARN_AHEAD = timedelta(minutes=20)  # a card coming back this soon is shown when nothing else is left


class Answer(IntEnum):
    AGAIN = Rating.Again
    HARD = Rating.Hard
    GOOD = Rating.Good
    EASY = Rating.Easy

    @property
    def title(self) -> str:
        return self.name.title()


def _fsrs_card(card: KeptCard) -> Card:
    return Card(card_id=card.id, state=State(card.state), step=card.step, stability=card.stability,
                difficulty=card.difficulty, due=utc(card.due),
                last_review=utc(card.last_review) if card.last_review else None)


class Review(DueToday):
    """What is due (DueToday) and what each answer does, for one deck, at the deck's clock."""

    @classmethod
    def from_settings(cls, deck: Deck, settings: Settings) -> Review:
        return cls(deck, settings.new_cards_per_day, settings.retention_goal)

    def __init__(self, deck: Deck, new_per_day: int = Settings.new_cards_per_day,
                 retention: float = Settings.retention_goal, fuzz: bool = True) -> None:
        super().__init__(deck, new_per_day)
        self.scheduler = Scheduler(desired_retention=min(max(retention, RETENTION_RANGE[0]), RETENTION_RANGE[1]),
                                   enable_fuzzing=fuzz)

    def outcomes(self, card: KeptCard) -> dict[Answer, KeptCard]:
        """The card as each answer would leave it, now."""
        now = utc(self.now())
        results = {}
        for answer in Answer:
            after, _log = self.scheduler.review_card(_fsrs_card(card), Rating(answer), now)
            results[answer] = replace(card, state=int(after.state), step=after.step, stability=after.stability,
                                      difficulty=after.difficulty, due=after.due, last_review=after.last_review)
        return results

    def answer(self, card: KeptCard, answer: Answer, outcome: KeptCard | None = None,
               duration_ms: int | None = None) -> KeptCard:
        """Save an answer (the outcome shown on its button, when given) and return the card."""
        after = outcome if outcome is not None else self.outcomes(card)[answer]
        self.deck.save_answer(after, int(answer), after.last_review or utc(self.now()), duration_ms)
        return after


def interval_text(now: datetime, due: datetime) -> str:
    """How long until a card comes back, as a button says it: "<1 min", "10 min", "3 days"."""
    seconds = (due - now).total_seconds()
    minutes = round(seconds / 60)
    if minutes < 1:
        return "<1 min"
    if minutes < 60:
        return f"{minutes} min"
    hours = round(seconds / 3600)
    if hours < 24:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = round(seconds / 86400)
    if days < 31:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 365:
        months = round(days / 30.4)
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{days / 365:.1f} years"


def day_text(now: datetime, when: datetime) -> str:
    """"tomorrow" or "on Monday 7 December" (the user's local days)."""
    local = when.astimezone(now.tzinfo)
    if (local.date() - now.date()).days == 1:
        return "tomorrow"
    return f"on {local:%A} {local.day} {local:%B}"


class Session:
    """One sitting: the cards due today, in order; an answered card that comes back within
    the day (learning steps) returns to the queue, and is shown early when nothing else is
    left and it is due within LEARN_AHEAD."""

    def __init__(self, review: Review) -> None:
        self.review = review
        self.queue: list[KeptCard] = review.due_today()
        self.answered = 0

    def current(self) -> KeptCard | None:
        ready = [c for c in self.queue if self.review.ready(c)]
        if ready:
            return ready[0]
        soon = min(self.queue, key=lambda c: c.due, default=None)
        return soon if soon is not None and soon.due - self.review.now() <= LEARN_AHEAD else None

    @property
    def remaining(self) -> int:
        return len(self.queue)

    def waiting(self) -> KeptCard | None:
        """A card coming back later today, when none can be shown now."""
        return min(self.queue, key=lambda c: c.due, default=None) if self.current() is None else None

    def answer(self, answer: Answer, outcome: KeptCard | None = None, duration_ms: int | None = None) -> KeptCard | None:
        card = self.current()
        if card is None:
            return None
        after = self.review.answer(card, answer, outcome, duration_ms)
        self.answered += 1
        self.queue = [c for c in self.queue if c.id != card.id]
        if after.due < tomorrow_start(self.review.now()):
            self.queue.append(after)
            self.queue.sort(key=lambda c: (c.is_new, c.due if not c.is_new else c.added, c.id))
        return after
