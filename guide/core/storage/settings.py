"""Typed user settings with defaults in one place, stored as JSON in the config dir.

Secrets (API keys) are never here: they live in the system keyring. A corrupt file
falls back to defaults with a notice naming it, and is kept aside, not deleted.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from guide.core.storage import paths, user_files

log = logging.getLogger(__name__)

NEW_CARDS_RANGE = (0, 100)  # new cards a day in Review (0: only cards already started)
RETENTION_RANGE = (0.70, 0.97)  # below, cards are forgotten too often; above, reviews pile up
DEFAULT_ENGINES = ("google", "mymemory")
TIMEOUT_RANGE = (1.0, 120.0)  # seconds; Infinity would overflow a wait, 1e9 would mean no deadline
THEMES = ("system", "light", "dark")
# The dollar figure beside a price (¥75 ~US$10.74): yuan per US dollar and the day that rate
# was true, shown with every conversion. Default: the PBOC central parity of 26 Jan 2026
# (6.9843); the same as guide.core.content.values.DEFAULT_RATE. Set in Translator settings.
DEFAULT_YUAN_PER_DOLLAR = 6.98
DEFAULT_RATE_DATE = "2026-01-26"
RATE_RANGE = (0.5, 100.0)


def timeout_range_text() -> str:
    """How every place that takes a time limit (Settings, settings.json, `translate --timeout`)
    states the range it accepts, so they never disagree."""
    return f"between {TIMEOUT_RANGE[0]:g} and {TIMEOUT_RANGE[1]:g} seconds"


def timeout_in_range(value: float) -> bool:
    return TIMEOUT_RANGE[0] <= value <= TIMEOUT_RANGE[1]


@dataclass
class Settings:
    engines: list[str] = field(default_factory=lambda: list(DEFAULT_ENGINES))
    libretranslate_url: str = ""
    llm_url: str = "http://localhost:11434/v1"  # the LLM engine (off until chosen in Settings): Ollama's default
    llm_model: str = "qwen2.5:7b"
    timeout_seconds: float = 8.0
    offline_only: bool = False
    check_reply: bool = True  # the Translator's "Check my reply" switch, kept between sessions
    theme: str = "system"
    practice_front: str = "hanzi+pinyin"  # what Practice shows first (guide.core.study.cards.Front)
    review_front: str = "hanzi+pinyin"  # what Review shows first, unless a card has its own
    new_cards_per_day: int = 10  # a beginner's pace: about ten minutes a day once reviews pile up
    retention_goal: float = 0.90  # FSRS's default: recall nine cards in ten when they come due
    first_run_done: bool = False
    last_page: str = "start"
    window_geometry: str = ""  # base64 of QWidget.saveGeometry(), opaque to core
    last_export_folder: str = ""  # where "Export for Anki" saved last; its save dialog opens there
    yuan_per_dollar: float = DEFAULT_YUAN_PER_DOLLAR  # prices' dollar figure (Translator settings)
    yuan_rate_date: str = DEFAULT_RATE_DATE  # when that rate was true: the day the user last set it
    screenshot_layout: str = ""  # the Screenshot page's splitters, "picture,side;lines,card" in pixels

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> tuple["Settings", list[str]]:
        """Build from parsed JSON, keeping defaults for anything missing or mistyped."""
        settings = cls()
        problems: list[str] = []
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            default = getattr(settings, f.name)
            if f.name == "timeout_seconds" and _finite_number(value) and not timeout_in_range(value):
                clamped = min(max(float(value), TIMEOUT_RANGE[0]), TIMEOUT_RANGE[1])
                problems.append(f"setting 'timeout_seconds' of {value!r} is not {timeout_range_text()}; using {clamped:g}")
                value = clamped
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, int):
                ok = isinstance(value, int) and not isinstance(value, bool)
            elif isinstance(default, float):
                ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
                value = float(value) if ok else value
            elif isinstance(default, list):
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            else:
                ok = isinstance(value, str)
            if f.name == "theme" and value not in THEMES:
                ok = False
            limits = {"new_cards_per_day": NEW_CARDS_RANGE, "retention_goal": RETENTION_RANGE}.get(f.name)
            if ok and limits and not limits[0] <= value <= limits[1]:
                clamped = min(max(value, limits[0]), limits[1])
                problems.append(f"setting {f.name!r} of {value!r} is outside {limits[0]:g}–{limits[1]:g}; "
                                f"using {clamped:g}")
                value = clamped
            if ok and f.name == "yuan_per_dollar" and not RATE_RANGE[0] <= value <= RATE_RANGE[1]:
                ok = False
            if ok:
                setattr(settings, f.name, value)
            else:
                problems.append(f"setting {f.name!r} has an unusable value {value!r}; using {default!r}")
        return settings, problems


def _finite_number(value: object) -> bool:
    """A number that can be brought into a range (Infinity clamps to the top; NaN cannot)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


class SettingsStore:
    """Loads and saves Settings atomically (write to a temp file, then rename)."""

    FILE_NAME = "settings.json"

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or paths.config_dir()) / self.FILE_NAME
        self.notices: list[str] = []

    def load(self) -> Settings:
        try:
            data = json.loads(user_files.read_regular(self.path).decode("utf-8-sig"))  # a bad byte is damage too
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self.notices.append(f"Cannot read {self.path} ({exc.strerror}); using default settings.")
            return Settings()
        except (user_files.UnusableFile, ValueError, RecursionError) as exc:
            aside = self.path.with_name(f"{self.FILE_NAME}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                self.path.rename(aside)
                kept = f"; the old file was kept as {aside.name}"
            except OSError:
                kept = ""
            self.notices.append(f"Your settings file {self.path} was damaged ({exc}); using defaults{kept}.")
            return Settings()
        settings, problems = Settings.from_dict(data)
        self.notices.extend(f"{self.path}: {p}" for p in problems)
        return settings

    def save(self, settings: Settings) -> bool:
        """Atomic write; on failure (full disk, read-only) add a notice and return False."""
        import tempfile  # only needed when saving; keeps start-up light

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(asdict(settings), handle, indent=2, ensure_ascii=False)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            return True
        except OSError as exc:
            message = f"Could not save settings to {self.path} ({exc.strerror or exc}); changes last until you close the app."
            log.warning(message)
            self.notices.append(message)
            return False
