"""The translation pipeline: phrase book -> cache -> engine chain -> offline gloss.

Pure Python, no Qt: the GUI runs `Translator.translate` in a worker thread, the CLI calls
it directly. Every result carries the gloss, where the answer came from and, when an
engine failed, why (one reason per engine, fit to show the user).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from guide.core.content.model import Pack
from guide.core.storage.settings import Settings
from guide.core.translate import engines as engine_registry
from guide.core.translate.cache import TranslationCache
from guide.core.translate.deadline import CancelToken
from guide.core.translate.engines import (
    EngineConfig,
    join_translations,
    translate_chunks,
)
from guide.core.translate.errors import Cancelled, EngineError, RateLimited
from guide.core.translate.gloss import Glosser, GlossWord
from guide.core.translate.history import History
from guide.core.translate.normalise import has_han, match_key, normalise
from guide.core.translate.secrets import Secret, SecretStore
from guide.core.translate.sentences import chunk, split_sentences

log = logging.getLogger(__name__)

LANGS = ("zh", "en")


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def direction_key(source: str, target: str) -> str:
    return f"{source}-{target}"


@dataclass(frozen=True)
class TranslateOptions:
    """What one request may use. Built from Settings; the CLI and tests override fields."""

    target: str | None = None  # None: automatic (Han characters -> English)
    engines: tuple[str, ...] = ("google", "mymemory")
    offline: bool = False
    timeout: float = 8.0
    libretranslate_url: str = ""
    base_urls: Mapping[str, str] = field(default_factory=dict)  # engine name -> URL (tests, self-hosting)
    record_history: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> TranslateOptions:
        values: dict[str, object] = {
            "engines": tuple(settings.engines),
            "offline": settings.offline_only,
            "timeout": settings.timeout_seconds,
            "libretranslate_url": settings.libretranslate_url,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def base_url(self, engine: str) -> str | None:
        if engine in self.base_urls:
            return self.base_urls[engine]
        if engine == "libretranslate":
            return self.libretranslate_url or None
        return None


@dataclass(frozen=True)
class Failure:
    """Why one engine gave nothing, in words for the user."""

    engine: str
    title: str
    kind: str
    reason: str

    def __str__(self) -> str:
        return f"{self.title}: {self.reason}"


ORIGIN_TITLES = {"phrasebook": "Phrase book", "cache": "Cache", "none": "Offline gloss only"}


@dataclass
class TranslationResult:
    source_text: str
    source_lang: str
    target_lang: str
    translation: str | None = None
    origin: str = "none"  # phrasebook | cache | <engine name> | none
    pinyin: str = ""
    gloss: list[GlossWord] = field(default_factory=list)
    error: str | None = None
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_engine: str = ""  # for cache hits: the engine that first translated it
    target_gloss: list[GlossWord] = field(default_factory=list)  # English -> Chinese: the Chinese words
    complete: bool = True  # False for the early result that carries only the gloss
    cancelled: bool = False

    @property
    def translated(self) -> bool:
        return self.translation is not None

    @property
    def origin_title(self) -> str:
        return ORIGIN_TITLES.get(self.origin) or engine_registry.title_of(self.origin)

    def reasons(self) -> list[str]:
        return [str(f) for f in self.failures]

    def origin_label(self) -> str:
        """One line for the UI: where the answer came from, and why not from elsewhere."""
        if not self.complete:
            return "Dictionary breakdown ready; translating…"
        if self.origin == "cache":
            head = "From the cache" + (f" (first translated by {engine_registry.title_of(self.first_engine)})"
                                       if self.first_engine and self.first_engine not in ("cache", "mixed") else "")
        elif self.origin == "phrasebook":
            head = "From the phrase book"
        elif self.origin == "none":
            head = "Offline gloss only"
        else:
            head = self.origin_title
        details = self.reasons() + self.notes
        if self.origin == "none" and self.error and not self.failures:
            details = [self.error] + self.notes
        return head + (" — " + "; ".join(details) if details else "")

    def to_json(self) -> dict[str, object]:
        """The object `rednote-guide translate --json` prints (DESIGN.md)."""
        return {
            "source_text": self.source_text,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "translation": self.translation,
            "origin": self.origin,
            "pinyin": self.pinyin,
            "gloss": [w.to_json() for w in self.gloss],
            "error": self.error,
        }


class Backoff:
    """After a 429 an engine rests, longer each time, instead of being hit on every keystroke."""

    BASE_SECONDS = 30.0
    MAX_SECONDS = 600.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until: dict[str, float] = {}
        self._strikes: dict[str, int] = {}
        self._lock = threading.Lock()

    def rest(self, engine: str, retry_after: float | None = None) -> float:
        with self._lock:
            strikes = self._strikes.get(engine, 0)
            seconds = min(self.MAX_SECONDS, self.BASE_SECONDS * (2 ** strikes))
            if retry_after is not None and 0 < retry_after <= self.MAX_SECONDS:
                seconds = max(seconds, retry_after)
            self._strikes[engine] = strikes + 1
            self._until[engine] = self._clock() + seconds
            return seconds

    def resting(self, engine: str) -> float:
        """Seconds this engine still rests (0 when it may be used)."""
        with self._lock:
            return max(0.0, self._until.get(engine, 0.0) - self._clock())

    def succeeded(self, engine: str) -> None:
        with self._lock:
            self._strikes.pop(engine, None)
            self._until.pop(engine, None)


@dataclass(frozen=True)
class _PackAnswer:
    zh: str
    en: str
    pinyin: str


class Translator:
    """One per app (or CLI run): holds the pack index, the stores and the back-off state."""

    def __init__(self, pack: Pack | None, cache: TranslationCache | None = None, history: History | None = None,
                 secrets: SecretStore | None = None, glosser: Glosser | None = None) -> None:
        self.pack = pack
        self.cache = cache
        self.history = history
        self.secrets = secrets or SecretStore()
        self.glosser = glosser or Glosser(pack)
        self.backoff = Backoff()
        self._by_zh: dict[str, _PackAnswer] = {}
        self._by_en: dict[str, _PackAnswer] = {}
        if pack is not None:
            self._index(pack)

    def _index(self, pack: Pack) -> None:
        # phrase book first: a whole phrase is a better answer than a UI label's name
        items = [_PackAnswer(p.zh, p.en, p.pinyin) for p in pack.phrases]
        items += [_PackAnswer(e.zh, e.en, e.pinyin) for e in pack.glossary]
        for item in items:
            self._by_zh.setdefault(match_key(item.zh), item)
            self._by_en.setdefault(match_key(item.en), item)
            for part in re.split(r"\s*/\s*", item.en):
                if part and part != item.en:
                    self._by_en.setdefault(match_key(part), item)

    def notices(self) -> list[str]:
        """Problems with the stores (damaged file rebuilt, unwritable dir) to show once."""
        out: list[str] = []
        for store in (self.cache, self.history):
            if store is not None:
                out.extend(store.notices)
        return out

    # -- the pipeline --------------------------------------------------------------------

    def translate(self, text: str, options: TranslateOptions | None = None, token: CancelToken | None = None,
                  on_progress: Callable[[TranslationResult], None] | None = None) -> TranslationResult:
        """Translate `text`; never raises for engine or storage trouble (see the result)."""
        options = options or TranslateOptions()
        text = text.strip()
        if options.target in LANGS:
            target = options.target
            source = other(target)
        else:
            source = "zh" if has_han(text) else "en"
            target = other(source)
        result = TranslationResult(source_text=text, source_lang=source, target_lang=target)
        if not text:
            result.error = "nothing to translate"
            return result

        sides = (source,) if options.target in LANGS else (source, other(source))
        answer = self._phrasebook(text, sides)
        if answer is not None:
            result.source_lang, result.target_lang = answer[0], other(answer[0])
            result.translation, result.pinyin = answer[1], answer[2]
            result.origin = "phrasebook"
            result.gloss = self.glosser.gloss(text, result.source_lang)
            return self._finish(result, options)

        result.gloss = self.glosser.gloss(text, source)
        if source == "zh":
            result.pinyin = self.glosser.pinyin(text)

        pieces = split_sentences(text)
        direction = direction_key(source, target)
        translations, first_engine = self._known(text, pieces, direction, source)
        missing = [i for i, t in enumerate(translations) if t is None]
        if not missing:
            result.origin, result.first_engine = "cache", first_engine
            return self._finish(self._compose(result, pieces, translations), options)

        if options.offline:
            result.error = "offline only is on: showing the dictionary breakdown"
            if len(pieces) > 1 and len(missing) < len(pieces):
                result.notes.append(f"{len(pieces) - len(missing)} of {len(pieces)} sentences are in the cache")
            return self._finish(result, options)

        if on_progress is not None:
            early = TranslationResult(text, source, target, pinyin=result.pinyin, gloss=result.gloss, complete=False)
            on_progress(early)

        for name in _unique(options.engines):
            if token is not None and token.cancelled:  # replaced before we even asked an engine
                result.cancelled = True
                return result
            try:
                engine = engine_registry.get_engine(name)
            except KeyError:
                result.failures.append(Failure(name, name, "unknown", "unknown engine (check Settings)"))
                continue
            resting = self.backoff.resting(name)
            if resting > 0:
                result.failures.append(Failure(name, engine.title, RateLimited.kind,
                                               f"rate limited, resting {resting:.0f} s"))
                continue
            try:
                rows = self._engine_pass(engine, pieces, missing, translations, source, target, options, token)
            except Cancelled:
                result.cancelled = True
                result.complete = True
                return result
            except EngineError as exc:
                if isinstance(exc, RateLimited):
                    seconds = self.backoff.rest(name, exc.retry_after)
                    reason = f"{exc.reason}; resting {seconds:.0f} s"
                else:
                    reason = exc.reason
                log.info("%s: %s", engine.title, reason)
                result.failures.append(Failure(name, engine.title, exc.kind, reason))
                if token is not None and token.cancelled:
                    result.cancelled = True
                    return result
                continue
            self.backoff.succeeded(name)
            result.origin = name
            self._remember(text, pieces, translations, rows, direction, name)
            return self._finish(self._compose(result, pieces, translations), options)

        if not _unique(options.engines):
            result.error = "no translation engines are set (Settings)"
        else:
            result.error = "no engine could translate: " + "; ".join(result.reasons())
        return self._finish(result, options)

    # -- steps ---------------------------------------------------------------------------

    def _phrasebook(self, text: str, sides: tuple[str, ...]) -> tuple[str, str, str] | None:
        """(source language, translation, pinyin) for an exact phrase-book or label match.

        `sides`: which language(s) the text may be in, tried in order ("yyds" has no Han
        characters yet is Chinese slang, so automatic direction tries both)."""
        key = match_key(text)
        if not key:
            return None
        for side in sides:
            item = (self._by_zh if side == "zh" else self._by_en).get(key)
            if item is not None:
                return (side, item.en, item.pinyin) if side == "zh" else (side, item.zh, item.pinyin)
        return None

    def _known(self, text: str, pieces: list[str], direction: str, source: str) -> tuple[list[str | None], str]:
        """Per sentence: the phrase book or the cache answer, or None when unknown."""
        translations: list[str | None] = [None] * len(pieces)
        engines: set[str] = set()
        if self.cache is not None and len(pieces) > 1:
            whole = self.cache.get(normalise(text), direction)
            if whole is not None:
                return [whole.translation] + [""] * (len(pieces) - 1), whole.engine
        for index, piece in enumerate(pieces):
            content = piece.strip()
            if not content:
                translations[index] = ""
                continue
            answer = self._phrasebook(content, (source,)) if len(pieces) > 1 else None
            if answer is not None:
                translations[index] = answer[1]
                engines.add("phrasebook")
                continue
            if self.cache is not None:
                hit = self.cache.get(normalise(content), direction)
                if hit is not None:
                    translations[index] = hit.translation
                    engines.add(hit.engine)
        first = engines.pop() if len(engines) == 1 else ("mixed" if engines else "")
        return translations, first

    def _engine_pass(self, engine: engine_registry.Engine, pieces: list[str], missing: list[int],
                     translations: list[str | None], source: str, target: str, options: TranslateOptions,
                     token: CancelToken | None) -> list[tuple[str, str, str]]:
        """Translate the missing sentences with one engine; returns (key text, source, translation)
        rows for the cache.

        Consecutive sentences travel together, one per line, so the engine sees their context
        and its answer splits back line by line. When the line count does not match, the
        group's answer is kept whole (and cached for the group, never for one sentence).
        """
        groups = _group(pieces, missing, engine.char_limit)
        chunks: list[str] = []
        spans: list[tuple[int, int]] = []
        for group in groups:
            lines = [pieces[i].strip() for i in group]
            parts = chunk(lines[0], engine.char_limit) if len(group) == 1 else ["\n".join(lines)]
            spans.append((len(chunks), len(chunks) + len(parts)))
            chunks.extend(parts)
        config = EngineConfig(base_url=options.base_url(engine.name), secrets=self._secrets_for(engine))
        answers = translate_chunks(engine, chunks, source, target, config, options.timeout, token)
        rows: list[tuple[str, str, str]] = []
        for group, (start, end) in zip(groups, spans):
            joined = join_translations(chunks[start:end], answers[start:end], target)
            if len(group) == 1:
                translations[group[0]] = joined
                rows.append((pieces[group[0]].strip(), pieces[group[0]].strip(), joined))
                continue
            lines = [line.strip() for line in joined.split("\n") if line.strip()]
            if len(lines) == len(group):
                for index, line in zip(group, lines):
                    translations[index] = line
                    rows.append((pieces[index].strip(), pieces[index].strip(), line))
            else:
                merged = " ".join(lines) if target == "en" else "".join(lines)
                translations[group[0]] = merged
                for index in group[1:]:
                    translations[index] = ""
                text = "".join(pieces[i] for i in group).strip()
                rows.append((text, text, merged))
        return rows

    def _secrets_for(self, engine: engine_registry.Engine) -> dict[str, Secret]:
        found: dict[str, Secret] = {}
        for name in engine.required_secrets + engine.optional_secrets:
            value = self.secrets.get(name)
            if value:
                found[name] = value
        return found

    def _remember(self, text: str, pieces: list[str], translations: list[str | None],
                  rows: list[tuple[str, str, str]], direction: str, engine: str) -> None:
        if self.cache is None:
            return
        entries = [(normalise(key), direction, source, translation, engine) for key, source, translation in rows]
        if len(pieces) > 1:
            whole = _assemble(pieces, translations, direction.split("-")[1])
            entries.append((normalise(text), direction, text, whole, engine))
        self.cache.put_many(entries)

    def _compose(self, result: TranslationResult, pieces: list[str],
                 translations: list[str | None]) -> TranslationResult:
        result.translation = _assemble(pieces, translations, result.target_lang)
        if result.target_lang == "zh":
            result.pinyin = self.glosser.pinyin(result.translation)
            result.target_gloss = self.glosser.gloss(result.translation, "zh")
        return result

    def _finish(self, result: TranslationResult, options: TranslateOptions) -> TranslationResult:
        if result.translated and result.target_lang == "zh" and result.origin == "phrasebook":
            result.target_gloss = self.glosser.gloss(result.translation or "", "zh")
        if options.record_history and self.history is not None and not result.cancelled:
            self.history.add(result.source_text, result.translation or "", result.source_lang,
                             result.target_lang, result.origin)
        return result

    def close(self) -> None:
        for store in (self.cache, self.history):
            if store is not None:
                store.close()


def _unique(names: tuple[str, ...] | list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


def _group(pieces: list[str], missing: list[int], limit: int) -> list[list[int]]:
    """Consecutive missing sentences packed, one per line, into groups within the limit."""
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index in missing:
        length = len(pieces[index].strip()) + 1  # + the line break that joins it
        contiguous = bool(current) and current[-1] == index - 1
        if current and (not contiguous or size + length > limit):
            groups.append(current)
            current, size = [], 0
        current.append(index)
        size += length
    if current:
        groups.append(current)
    return groups


def _assemble(pieces: list[str], translations: list[str | None], target: str) -> str:
    kept = [(p, t) for p, t in zip(pieces, translations) if t]
    if not kept:
        return ""
    joined = join_translations([p for p, _ in kept], [t or "" for _, t in kept], target)
    return re.sub(r"[ \t]{2,}", " ", joined).strip()
