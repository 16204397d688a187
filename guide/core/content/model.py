"""The content model: immutable objects built once by the loader and read by everyone.

Every class has a docstring: without one, @dataclass builds a signature for it with `inspect`
at import time (~1 ms a class), and this module is imported on the way to the first screen.

Widgets, search, the validator and the translator read these, never raw YAML dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any

# The records below are frozen dataclasses whose equality, hash and repr come from `_Record`:
# @dataclass compiles each method it writes, and these three for 13 classes were ~3 ms of the
# way to the first screen (importing this module: 8.6 -> 5.8 ms). `_Record` answers exactly as
# the generated ones would.
_record = dataclass(frozen=True, eq=False, repr=False)


class _Record:
    """Equality, hash and repr as @dataclass(frozen=True) would write them: fields in order,
    those marked compare=False left out of equality and hash; only the same class is equal."""

    __slots__ = ()
    _compared: dict[type, tuple[str, ...]] = {}

    def _key(self) -> tuple[Any, ...]:
        names = _Record._compared.get(type(self))
        if names is None:
            names = _Record._compared[type(self)] = tuple(f.name for f in fields(self) if f.compare)  # type: ignore[arg-type]
        return tuple([getattr(self, name) for name in names])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@_record
class Location(_Record):
    """A place in a content file; line and column are 1-based like editors show them."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@_record
class Problem(_Record):
    """One thing wrong with a pack, printed as `path:line:col: error|warning: message`."""

    location: Location
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@_record
class Highlight(_Record):
    """A rectangle on a mockup, in fractions (0..1) of the image size."""

    x: float
    y: float
    w: float
    h: float
    label: str | None = None


@_record
class Step(_Record):
    """One screen of a walkthrough: what to do, where (hotspots on the mockup) and the labels met."""

    id: str
    title: str
    body: str
    screen: Path | None = None
    highlight: tuple[Highlight, ...] = ()
    labels: tuple[str, ...] = ()
    tip: str | None = None
    warning: str | None = None
    location: Location | None = field(default=None, compare=False)


@_record
class Walkthrough(_Record):
    """A task done in the app, step by step, in the order pack.yaml lists it."""

    id: str
    title: str
    summary: str
    minutes: int
    level: str
    steps: tuple[Step, ...]
    tags: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    app_version: str = ""
    source: Path | None = field(default=None, compare=False)

    def step_index(self, step_id: str) -> int | None:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        return None


@_record
class GlossaryEntry(_Record):
    """One Chinese UI label of the app, as a newcomer sees it on screen."""

    zh: str
    pinyin: str
    en: str
    where: str = ""
    note: str = ""
    pinyin_exception: str | None = None


@_record
class UiTemplate(_Record):
    """The app's own text around a value ("共{n}条评论" → "{n} comments"); placeholders are
    listed in templates.PLACEHOLDER_KINDS. Matched in file order: the first that fits wins."""

    zh: str
    en: str
    where: str = ""
    note: str = ""
    location: Location | None = field(default=None, compare=False)


@_record
class Place(_Record):
    """A province-level division or a country, as RedNote shows it for an IP location (福建, 美国)."""

    zh: str
    pinyin: str
    en: str
    kind: str  # one of loader.PLACE_KINDS
    location: Location | None = field(default=None, compare=False)
    pinyin_exception: str | None = None


@_record
class EmojiCode(_Record):
    """A bracketed emoji code as it appears in text copied out of the app ([笑哭R], [doge]):
    read as the emoji's name, never translated as words."""

    code: str
    en: str
    note: str = ""
    location: Location | None = field(default=None, compare=False)


@_record
class Phrase(_Record):
    """A phrase-book entry; `zh` is unique across the book."""

    en: str
    zh: str
    pinyin: str
    category: str
    literal: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    pinyin_exception: str | None = None

    @property
    def key(self) -> str:
        """Stable id for favourites: the Chinese text is unique across the book."""
        return self.zh


@_record
class PhraseCategory(_Record):
    """A phrase-book section (Greetings, Slang …) in file order."""

    id: str
    title: str
    phrases: tuple[Phrase, ...]


@_record
class AppInfo(_Record):
    """The app a pack describes: its English and native names and its language."""

    name: str
    native_name: str
    language: str


@_record
class Pack(_Record):
    """A loaded content pack; `problems` says what could not be loaded and why."""

    id: str
    title: str
    app: AppInfo
    version: str
    root: Path
    walkthroughs: tuple[Walkthrough, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    categories: tuple[PhraseCategory, ...] = ()
    problems: tuple[Problem, ...] = ()
    templates: tuple[UiTemplate, ...] = ()
    places: tuple[Place, ...] = ()
    emoji: tuple[EmojiCode, ...] = ()

    def walkthrough(self, walkthrough_id: str) -> Walkthrough | None:
        return self._walkthrough_index.get(walkthrough_id)

    def label(self, zh: str) -> GlossaryEntry | None:
        return self._label_index.get(zh)

    @cached_property
    def _walkthrough_index(self) -> dict[str, Walkthrough]:
        """One lookup per id: a list of 5,000 walkthroughs asks for each one's `requires`."""
        index: dict[str, Walkthrough] = {}
        for walkthrough in self.walkthroughs:
            index.setdefault(walkthrough.id, walkthrough)
        return index

    @cached_property
    def _label_index(self) -> dict[str, GlossaryEntry]:
        index: dict[str, GlossaryEntry] = {}
        for entry in self.glossary:
            index.setdefault(entry.zh, entry)
        return index

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return tuple(p for c in self.categories for p in c.phrases)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def broken_files(self) -> list[Path]:
        """Files with at least one error, for the notice the app shows."""
        seen: dict[Path, None] = {}
        for problem in self.errors:
            seen.setdefault(problem.location.path, None)
        return list(seen)
