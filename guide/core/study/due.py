"""What is due today, without loading the scheduler: Start shows "N cards due today" as the
window fills in, and `rednote-guide review --due` lists them.

Due today: every card already started that is due before local midnight (soonest first),
then new cards in the order they were kept, up to the new-cards-per-day setting (counting
the ones already started today).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from guide.core.storage.settings import NEW_CARDS_RANGE, Settings
from guide.core.study.cards import KeptCard
from guide.core.study.clock import day_start, tomorrow_start
from guide.core.study.deck import STATE_NAMES, STATE_REVIEW, Deck


@dataclass(frozen=True)
class DueCount:
    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


def state_name(card: KeptCard) -> str:
    """new | learning | review | relearning (the CLI's JSON and the card list)."""
    return "new" if card.is_new else STATE_NAMES.get(card.state, "learning")


class DueToday:
    def __init__(self, deck: Deck, new_per_day: int = Settings.new_cards_per_day) -> None:
        self.deck = deck
        self.new_per_day = min(max(int(new_per_day), NEW_CARDS_RANGE[0]), NEW_CARDS_RANGE[1])

    def now(self) -> datetime:
        return self.deck.clock()

    def new_left_today(self) -> int:
        return max(0, self.new_per_day - self.deck.introduced_since(day_start(self.now())))

    def due_today(self) -> list[KeptCard]:
        end = tomorrow_start(self.now())
        cards = self.deck.cards()
        started = sorted((c for c in cards if not c.is_new and c.due < end), key=lambda c: (c.due, c.id))
        new = [c for c in cards if c.is_new][: self.new_left_today()]
        return started + new

    def count(self) -> DueCount:
        due = self.due_today()
        learning = sum(1 for c in due if not c.is_new and c.state != STATE_REVIEW)
        new = sum(1 for c in due if c.is_new)
        return DueCount(new, learning, len(due) - new - learning)

    def next_due(self) -> datetime | None:
        """When the next card not due today comes due (for "Nothing more today")."""
        end = tomorrow_start(self.now())
        cards = self.deck.cards()
        later = [c.due for c in cards if not c.is_new and c.due >= end]
        if self.new_per_day and self.new_left_today() == 0 and any(c.is_new for c in cards):
            later.append(end)  # tomorrow's new cards
        return min(later, default=None)

    def ready(self, card: KeptCard) -> bool:
        """Can be shown now: a new card; a review card due today, at any hour (its interval
        is in days); a learning card whose minutes are up."""
        now = self.now()
        if card.is_new or card.due <= now:
            return True
        return card.state == STATE_REVIEW and card.due < tomorrow_start(now)
