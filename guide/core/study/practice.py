"""A short flashcard round over favourite phrases: show the 汉字, reveal, mark known/again.

Cards marked "again" come back later in the same round (not straight away, so the answer
is not still on screen in the reader's head); the round ends when every card is known.
Deliberately no scheduling across days: that is what the Anki export is for.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

AGAIN_GAP = 2  # an "again" card returns after at most this many other cards


@dataclass
class PracticeRound(Generic[T]):
    """Holds the queue; the dialog only shows `current` and calls `mark`."""

    cards: Sequence[T]
    shuffle: bool = True
    seed: int | None = None
    _queue: deque[int] = field(init=False, repr=False)
    known: int = field(init=False, default=0)
    again: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        order = list(range(len(self.cards)))
        if self.shuffle:
            random.Random(self.seed).shuffle(order)
        self._queue = deque(order)

    @property
    def total(self) -> int:
        return len(self.cards)

    @property
    def remaining(self) -> int:
        return len(self._queue)

    @property
    def done(self) -> bool:
        return not self._queue

    @property
    def current(self) -> T | None:
        return self.cards[self._queue[0]] if self._queue else None

    def mark(self, known: bool) -> None:
        """Known: the card leaves the round. Again: it comes back a couple of cards later."""
        if not self._queue:
            return
        card = self._queue.popleft()
        if known:
            self.known += 1
            return
        self.again += 1
        self._queue.insert(min(AGAIN_GAP, len(self._queue)), card)
