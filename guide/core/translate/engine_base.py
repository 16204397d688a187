"""What every translation engine is: the small interface the registry (`engines`) and the
engines themselves (`engines`, `llm`) build on. It lives apart from the registry so that an
engine module never has to import the module that registers it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from guide.core.translate.errors import EngineError
from guide.core.translate.secrets import Secret


@dataclass(frozen=True)
class EngineConfig:
    """Per-call settings: where the engine lives and the keys it needs."""

    base_url: str | None = None
    secrets: Mapping[str, Secret] = field(default_factory=dict)
    extra: Mapping[str, str] = field(default_factory=dict)  # engine-specific settings (an LLM's model)

    def secret(self, name: str) -> str | None:
        value = self.secrets.get(name)
        return value.reveal() if value else None


class Engine(ABC):
    """One translation service. Subclasses call deep-translator for one chunk of text."""

    name: ClassVar[str]
    title: ClassVar[str]
    char_limit: ClassVar[int]
    languages: ClassVar[dict[str, str]]  # our "zh"/"en" -> the engine's codes
    required_secrets: ClassVar[tuple[str, ...]] = ()
    optional_secrets: ClassVar[tuple[str, ...]] = ()
    needs_url: ClassVar[bool] = False
    # A local language model may need minutes to load on its first call and answers slowly:
    # it gets its own time budget and never holds up the engines after it.
    may_load: ClassVar[bool] = False

    @property
    def keyed(self) -> bool:
        return bool(self.required_secrets)

    def prepare(self) -> None:
        """Import what `call` needs ahead of the first call (see engines.prepare)."""
        import deep_translator  # noqa: F401 - imported for its side effect: every translator and its libraries loaded

    def missing_setup(self, config: EngineConfig) -> str | None:
        """Why this engine cannot be used as configured, or None when it can."""
        if self.needs_url and not config.base_url:
            return "no server URL set (Settings)"
        missing = [n for n in self.required_secrets if not config.secrets.get(n)]
        if missing:
            return "no API key set (Settings)"
        return None

    @abstractmethod
    def call(self, text: str, source: str, target: str, config: EngineConfig) -> Any:
        """One request through deep-translator; may raise anything."""

    @staticmethod
    def translate_at(translator: Any, text: str, base_url: str | None) -> Any:
        """Run a deep-translator call, pointed at `base_url` when set (self-hosted, tests):
        its classes take their address from a constant, so the attribute is replaced."""
        if base_url:
            translator._base_url = base_url
        return translator.translate(text)

    def problem_in(self, answer: str) -> EngineError | None:
        """An error the service sent as if it were the translation (none by default)."""
        return None

    def is_warm(self, config: EngineConfig) -> bool:
        """Ready to answer at its usual speed (an engine that loads a model may not be)."""
        return True

    def waiting_text(self, config: EngineConfig) -> str:
        """What the user reads while this engine is still working."""
        return f"{self.title} is still answering…"


def exception_chain(err: BaseException | None) -> list[BaseException]:
    """The exception and everything it wraps (requests nests urllib3 nests OSError)."""
    seen: list[BaseException] = []
    stack = [err] if err is not None else []
    while stack:
        current = stack.pop()
        if current is None or any(current is s for s in seen) or len(seen) > 20:
            continue
        seen.append(current)
        stack.extend([current.__cause__, current.__context__])
        stack.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
    return seen
