"""Typed reasons why an engine gave no translation.

The UI and CLI turn each type into a specific message and action (wait, check the key,
try another engine). Messages are written here, never copied from an exception of
deep-translator or requests: theirs can carry API keys and full request URLs.
"""

from __future__ import annotations


class EngineError(Exception):
    """An engine failed; `reason` is short, user-facing and safe to show or log."""

    kind = "failed"

    def __init__(self, engine: str, reason: str) -> None:
        super().__init__(f"{engine}: {reason}")
        self.engine = engine
        self.reason = reason


class TimedOut(EngineError):
    kind = "timed out"


class RateLimited(EngineError):
    """HTTP 429 or the provider's own quota message; the engine then rests a while."""

    kind = "rate limited"

    def __init__(self, engine: str, reason: str, retry_after: float | None = None) -> None:
        super().__init__(engine, reason)
        self.retry_after = retry_after


class ServerError(EngineError):
    kind = "server error"


class Unreachable(EngineError):
    kind = "unreachable"


class BadAnswer(EngineError):
    """HTML instead of JSON, an empty body, or the input handed back unchanged."""

    kind = "unusable answer"


class BadKey(EngineError):
    """Missing, refused or expired API key (the key itself is never in the message)."""

    kind = "bad key"


class NotConfigured(EngineError):
    """The engine needs a key or a server URL the user has not set."""

    kind = "not set up"


class Cancelled(EngineError):
    """A newer request replaced this one, or the app is closing; not the engine's fault."""

    kind = "cancelled"
