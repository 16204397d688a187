"""Time for scheduling, in one place so tests can fix it: a clock is any function that
returns an aware datetime (the app's returns the local time). "Today" ends at local midnight.
FSRS wants UTC; the user's day is local."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta, timezone

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now().astimezone()


def utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def from_seconds(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def day_start(now: datetime) -> datetime:
    """Local midnight at the start of `now`'s day."""
    return datetime.combine(now.date(), time(0), now.tzinfo)


def tomorrow_start(now: datetime) -> datetime:
    return datetime.combine(now.date() + timedelta(days=1), time(0), now.tzinfo)
