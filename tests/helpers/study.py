"""A clock tests move by hand, and cards to keep, for the Learn tests (core, CLI, UI)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from guide.core.study.cards import CardDraft

# A user in UTC−5: their day ends at 05:00 UTC, so "today" is not the UTC day.
LOCAL = timezone(timedelta(hours=-5))


class FakeClock:
    """Starts at 10:00 local on 2 March 2026; `advance` moves it; calling it gives the time."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 10, 0, tzinfo=LOCAL)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def next_day(self, hour: int = 9) -> datetime:
        """The next morning at `hour` local time."""
        self.now = (self.now + timedelta(days=1)).replace(hour=hour, minute=0, second=0, microsecond=0)
        return self.now


def word(zh: str = "谢谢", pinyin: str = "xièxie", en: str = "thank you", **more: str) -> CardDraft:
    fields = {"kind": "word", "source": "translator", "example": f"{zh}你的分享", "example_en": "thanks for sharing"}
    fields.update(more)
    return CardDraft(zh, pinyin, en, **fields)
