"""The translation pipeline: phrase book -> cache -> engine chain -> offline gloss.

Pure Python, no Qt: the GUI runs `Translator.translate` in a worker thread, the CLI calls
it directly. Every result carries the gloss, where the answer came from and, when an
engine failed, why (one reason per engine, fit to show the user).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace

from guide.core.content.model import Pack
from guide.core.content.templates import matcher_for
from guide.core.content.values import DEFAULT_RATE, Rate
from guide.core.storage.settings import Settings
from guide.core.translate import engines as engine_registry
from guide.core.translate.cache import TranslationCache
from guide.core.translate.deadline import CancelToken
from guide.core.translate.engines import (
    EngineConfig,
    is_echo,
    join_translations,
    translate_chunks,
)
from guide.core.translate.errors import BadAnswer, Cancelled, EngineError, RateLimited
from guide.core.translate.gloss import Glosser, GlossWord
from guide.core.translate.history import History
from guide.core.translate.normalise import has_han, match_key, normalise, strip_controls
from guide.core.translate.secrets import Secret, SecretStore
from guide.core.translate.sentences import chunk, split_sentences
from guide.core.translate.share_text import SharedNote, parse_share

log = logging.getLogger(__name__)

LANGS = ("zh", "en")


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def direction_key(source: str, target: str) -> str:
    return f"{source}-{target}"


def has_words(text: str) -> bool:
    """Letters or Han characters: emoji, numbers and punctuation alone are never sent."""
    return any(ch.isalpha() for ch in text)


_LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")


def direction_conflict(text: str, source: str) -> str:
    """A warning when a forced direction contradicts the text ('' when it does not).

    Chinese with no Latin letters forced as English, or two or more English words with no
    Han character forced as Chinese ("yyds" alone may be Chinese slang, so one word passes)."""
    if source == "en" and has_han(text) and not re.search(r"[A-Za-z]", text):
        return "This text is Chinese, but the direction is English → 中文."
    if source == "zh" and not has_han(text) and len(_LATIN_WORD_RE.findall(text)) >= 2:
        return "This text is English, but the direction is 中文 → English."
    return ""


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
    llm_url: str = ""
    llm_model: str = ""
    confirm_direction: bool = False  # the user confirmed a forced direction that contradicts the text
    check: bool = False  # English -> Chinese: translate the answer back into English too
    rate: Rate = DEFAULT_RATE  # yuan per US dollar, for the dollar figure beside a price
    # An engine that loads a model (the LLM) has its own budget: minutes for a first call
    # that loads it, less once it answers; `timeout` is then only its head start.
    model_seconds: float = 120.0
    model_load_seconds: float = 300.0

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> TranslateOptions:
        values: dict[str, object] = {
            "engines": tuple(settings.engines),
            "offline": settings.offline_only,
            "timeout": settings.timeout_seconds,
            "libretranslate_url": settings.libretranslate_url,
            "llm_url": getattr(settings, "llm_url", ""),
            "llm_model": getattr(settings, "llm_model", ""),
            "rate": Rate(settings.yuan_per_dollar, settings.yuan_rate_date),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def base_url(self, engine: str) -> str | None:
        if engine in self.base_urls:
            return self.base_urls[engine]
        if engine == "libretranslate":
            return self.libretranslate_url or None
        if engine == "llm":
            return self.llm_url or None
        return None

    def extra(self, engine: str) -> dict[str, str]:
        """Engine settings other than the URL (the LLM's model name)."""
        return {"model": self.llm_model} if engine == "llm" and self.llm_model else {}


@dataclass(frozen=True)
class Failure:
    """Why one engine gave nothing, in words for the user."""

    engine: str
    title: str
    kind: str
    reason: str

    def __str__(self) -> str:
        return f"{self.title}: {self.reason}"


ORIGIN_TITLES = {"phrasebook": "Phrase book", "cache": "Cache", "none": "Offline gloss only", "mixed": "Several engines"}
# A whole text that is one of RedNote's counts, times, dates or prices (2.3万, 3天前, ¥75, 共 50 条评论):
# origin "phrasebook" in the JSON (DESIGN.md), but the guide read it, the phrase book did not say it.
READ_BY_GUIDE = "Read by the guide (RedNote's counts, times, dates and prices)"


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
    direction_warning: str = ""  # set (and nothing sent) when a forced direction contradicts the text
    note: str = ""  # an LLM engine's one-line note on slang
    back_translation: str | None = None  # English -> Chinese with `check`: the Chinese back in English
    back_origin: str = ""
    checked: bool = False  # a back-translation was asked for
    share: SharedNote | None = None  # the text was a RedNote share text; only its title was translated
    pending: str = ""  # an early result: which slow engine is still working ("Loading qwen2.5:7b in Ollama…")
    read_by_guide: bool = False  # answered by reading the text's values (2.3万 → 23,000), not from the phrase book

    @property
    def translated(self) -> bool:
        return self.translation is not None

    @property
    def origin_title(self) -> str:
        if self.read_by_guide and self.origin == "phrasebook":
            return READ_BY_GUIDE
        return ORIGIN_TITLES.get(self.origin) or engine_registry.title_of(self.origin)

    @property
    def back_origin_title(self) -> str:
        return ORIGIN_TITLES.get(self.back_origin) or engine_registry.title_of(self.back_origin)

    def reasons(self) -> list[str]:
        return [str(f) for f in self.failures]

    def origin_label(self) -> str:
        """One line for the UI: where the answer came from, and why not from elsewhere."""
        if not self.complete and self.translated:  # another engine's answer while a slow one works on
            return f"{self.origin_title}, for now — {self.pending}"
        if not self.complete:
            return "Dictionary breakdown ready" + (f" — {self.pending}" if self.pending else "; translating…")
        if self.direction_warning:
            return "Nothing sent yet: the direction you chose does not match the text"
        if self.share is not None and not self.share.title:
            return "Nothing sent: nothing to translate"  # the share text's own message says why
        if self.origin == "cache":
            head = "From the cache" + (f" (first translated by {engine_registry.title_of(self.first_engine)})"
                                       if self.first_engine and self.first_engine not in ("cache", "mixed") else "")
        elif self.origin == "phrasebook":
            head = READ_BY_GUIDE if self.read_by_guide else "From the phrase book"
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
            "note": self.note or None,
            "back_translation": self.back_translation,
            "share": self.share.to_json() if self.share else None,
        }


class Backoff:
    """After a 429 an engine rests, longer each time, instead of being hit on every keystroke."""

    BASE_SECONDS = 30.0
    MAX_SECONDS = 600.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until: dict[str, float] = {}
        self._strikes: dict[str, int] = {}
        self._setup: dict[str, str] = {}  # engine -> fingerprint of its URL and key when it was told to rest
        self._lock = threading.Lock()

    def rest(self, engine: str, retry_after: float | None = None, setup: str = "") -> float:
        with self._lock:
            self._setup[engine] = setup
            strikes = self._strikes.get(engine, 0)
            seconds = min(self.MAX_SECONDS, self.BASE_SECONDS * (2 ** strikes))
            if retry_after is not None and 0 < retry_after <= self.MAX_SECONDS:
                seconds = max(seconds, retry_after)
            self._strikes[engine] = strikes + 1
            self._until[engine] = self._clock() + seconds
            return seconds

    def resting(self, engine: str, setup: str = "") -> float:
        """Seconds this engine still rests (0 when it may be used). A different `setup`
        (the user changed its URL or key since the 429) ends the rest at once."""
        with self._lock:
            if engine in self._until and self._setup.get(engine, "") != setup:
                self._until.pop(engine, None)
                self._strikes.pop(engine, None)
            return max(0.0, self._until.get(engine, 0.0) - self._clock())

    def succeeded(self, engine: str) -> None:
        with self._lock:
            self._strikes.pop(engine, None)
            self._until.pop(engine, None)


@dataclass
class _Sentences:
    """What one request has so far: each sentence's translation, the engine it came from,
    and the notes on slang."""

    text: str
    pieces: list[str]
    translations: list[str | None]
    direction: str
    by: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Pass:
    """One engine's answers for the sentences it was asked, or why it gave none."""

    engine: engine_registry.Engine
    asked: list[int]
    own: list[str | None]
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    echoed: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: EngineError | None = None


@dataclass
class _Waiting:
    """A slow engine (a local model loading) still answering in its own thread."""

    name: str
    engine: engine_registry.Engine
    setup: str
    future: Future[_Pass]
    text: str


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
        self.templates = matcher_for(pack)  # the app's own text (共 50 条评论) and emoji codes
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
            for part in re.split(r"(?:(?<!\s)\s+)?/\s*", item.en):  # linear on a run of spaces
                if part and part != item.en:
                    self._by_en.setdefault(match_key(part), item)

    def notices(self) -> list[str]:
        """Problems with the stores (damaged file rebuilt, unwritable dir) to show once."""
        out: list[str] = []
        for store in (self.cache, self.history):
            if store is not None:
                out.extend(store.notices)
        return out

    def warm_up(self, options: TranslateOptions) -> None:
        """What the first translation would otherwise load, loaded now (off the UI thread): the
        dictionary and the segmenter, and unless offline the chosen engines' libraries."""
        self.glosser.warm_up()
        if not options.offline:
            engine_registry.prepare(options.engines)

    # -- the pipeline --------------------------------------------------------------------

    def translate(self, text: str, options: TranslateOptions | None = None, token: CancelToken | None = None,
                  on_progress: Callable[[TranslationResult], None] | None = None) -> TranslationResult:
        """Translate `text`; never raises for engine or storage trouble (see the result)."""
        options = options or TranslateOptions()
        text = text.strip()
        share = parse_share(text)
        if share is not None:  # only the title is worth translating
            text = share.title
        self.glosser.rate = options.rate  # prices in the breakdown show the same dollar figure
        if options.target in LANGS:
            target = options.target
            source = other(target)
        else:
            words = self.templates.without_codes(text)  # [笑哭R] is an emoji, not Chinese words
            source = "zh" if has_han(words) or not words.strip() else "en"
            target = other(source)
        result = TranslationResult(source_text=text, source_lang=source, target_lang=target, share=share)
        if not text:
            result.error = "nothing to translate" if share is None else "nothing to translate: the share text has no title"
            return result

        sides = (source,) if options.target in LANGS else (source, other(source))
        answer = self._phrasebook(text, sides)
        if answer is None and "zh" in sides:
            answer = self._template(text, options.rate)
            result.read_by_guide = answer is not None
        if answer is not None:
            result.source_lang, result.target_lang = answer[0], other(answer[0])
            result.translation, result.pinyin = answer[1], answer[2]
            result.origin = "phrasebook"
            result.gloss = self.glosser.gloss(text, result.source_lang)
            return self._finish(result, options, token)

        result.gloss = self.glosser.gloss(text, source)
        if source == "zh":
            result.pinyin = self.glosser.pinyin(text)
        if not has_words(text):
            result.error = "nothing to translate: no words (only emoji, numbers or punctuation)"
            return result

        pieces = self._pieces(text)
        direction = direction_key(source, target)
        translations, first_engine, known_notes = self._known(text, pieces, direction, source, options.rate)
        missing = [i for i, t in enumerate(translations) if t is None]
        if not missing:
            result.origin = "phrasebook" if first_engine == "phrasebook" else "cache"
            result.first_engine = first_engine
            result.note = " ".join(known_notes)
            return self._finish(self._compose(result, pieces, translations), options, token)

        if options.target in LANGS and not options.confirm_direction:
            warning = direction_conflict(text, source)
            if warning:
                result.direction_warning = warning
                result.gloss = self.glosser.gloss(text, target)  # the words in the language the text is in
                result.pinyin = self.glosser.pinyin(text) if target == "zh" else ""
                result.error = warning + " Nothing was sent; confirm to translate anyway."
                return result

        if options.offline:
            result.error = "offline only is on: showing the dictionary breakdown"
            sentences = [i for i, p in enumerate(pieces) if self._code_answer(p.strip(), target) is None]
            if len(sentences) > 1 and len(missing) < len(sentences):  # emoji codes are not sentences
                result.notes.append(f"{len(sentences) - len(missing)} of {len(sentences)} sentences are in the cache")
            return self._finish(result, options, token)

        if on_progress is not None:
            early = TranslationResult(text, source, target, pinyin=result.pinyin, gloss=result.gloss, complete=False,
                                      pending=self._first_wait(options))
            on_progress(early)

        asked_for = list(missing)
        got = _Sentences(text, pieces, translations, direction, notes=list(known_notes))
        waiting: _Waiting | None = None  # a slow engine still answering while the ones after it are asked
        for name in _unique(options.engines):
            if not missing:
                break
            if token is not None and token.cancelled:  # replaced before we even asked an engine
                result.cancelled = True
                return result
            try:
                engine = engine_registry.get_engine(name)
            except KeyError:
                result.failures.append(Failure(name, name, "unknown", "unknown engine (check Settings)"))
                continue
            setup = self._setup_of(engine, options)
            resting = self.backoff.resting(name, setup)
            if resting > 0:
                result.failures.append(Failure(name, engine.title, RateLimited.kind,
                                               f"rate limited, resting {resting:.0f} s"))
                continue
            config = self._config_for(engine, options)
            budget = self._budget(engine, config, options)
            if waiting is None and budget > options.timeout and self._asks_after(name, options):
                later = self._pass_later(engine, got, missing, source, target, config, budget, token)
                waiting = _Waiting(name, engine, setup, later, engine.waiting_text(config))
                try:
                    found = waiting.future.result(timeout=options.timeout)
                except FutureTimeout:
                    continue  # its head start is over: the engines after it answer meanwhile
                waiting = None
            else:
                found = self._run_pass(engine, got, missing, source, target, config, budget, token)
            if not self._take(found, name, setup, result, got, token):
                return result
            missing = [i for i in asked_for if translations[i] is None]

        if waiting is not None:
            if on_progress is not None and got.by:
                on_progress(self._interim(result, got, waiting, options))
            if not self._take(waiting.future.result(), waiting.name, waiting.setup, result, got, token):
                return result
            missing = [i for i in asked_for if translations[i] is None]
        contributors = [n for n in _unique(options.engines) if n in got.by.values()]

        if contributors:
            result.origin = contributors[0] if len(contributors) == 1 else "mixed"
            result.note = " ".join(got.notes)
            if missing:
                result.notes.append(f"{len(missing)} of {len(pieces)} sentences could not be translated "
                                    "and are shown as they were")
                for index in missing:
                    translations[index] = pieces[index].strip()
            return self._finish(self._compose(result, pieces, translations), options, token)

        if not _unique(options.engines):
            result.error = "no translation engines are set (Settings)"
        else:
            result.error = "no engine could translate: " + "; ".join(result.reasons())
        return self._finish(result, options, token)

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

    def _template(self, text: str, rate: Rate) -> tuple[str, str, str] | None:
        """("zh", English, pinyin) for a text that is one of the app's own templates (共 50 条评论,
        2小时前, ¥75): answered from the pack like a phrase, values read ("2.3万" → 23,000)."""
        found = self.templates.match(text, rate)
        if found is None or found.english == text.strip():
            return None  # "20:15" or "99+": the English would only repeat it
        return "zh", found.english, self.glosser.pinyin(text)

    def _pieces(self, text: str) -> list[str]:
        """Sentences, with every emoji code ([笑哭R], [doge]) a piece of its own: the code is
        answered with its name where it stands and never reaches an engine as words.
        ''.join(pieces) == text."""
        pieces: list[str] = []
        for sentence in split_sentences(text):
            position = 0
            for code in self.templates.emoji_codes(sentence):
                if code.start > position:
                    pieces.append(sentence[position:code.start])
                end = code.end
                while end < len(sentence) and sentence[end] in " \t":
                    end += 1
                pieces.append(sentence[code.start:end])
                position = end
            if position < len(sentence):
                pieces.append(sentence[position:])
        return pieces

    def _code_answer(self, piece: str, target: str) -> str | None:
        """An emoji code's translation: its name in English ("[laughing-crying face]"), the code
        itself in Chinese or when the pack does not know it; None for a piece that is not a code."""
        codes = self.templates.emoji_codes(piece)
        if len(codes) != 1 or codes[0].text != piece:
            return None
        if codes[0].kind == "hashtag":  # #美食[话题]# is the hashtag #美食: the marker is not said in English
            return "" if target == "en" else piece
        return f"[{codes[0].english}]" if target == "en" and codes[0].english else piece

    def _known(self, text: str, pieces: list[str], direction: str, source: str,
               rate: Rate = DEFAULT_RATE) -> tuple[list[str | None], str, list[str]]:
        """Per sentence: the phrase book or the cache answer, or None when unknown; and the
        notes on slang kept with the cached answers. Emoji codes and the app's own templates
        count as phrase-book answers."""
        translations: list[str | None] = [None] * len(pieces)
        engines: set[str] = set()
        notes: list[str] = []
        if self.cache is not None and len(pieces) > 1:
            whole = self.cache.get(normalise(text), direction)
            if whole is not None:
                notes = [strip_controls(whole.note)] if whole.note else []
                return [strip_controls(whole.translation)] + [""] * (len(pieces) - 1), whole.engine, notes
        for index, piece in enumerate(pieces):
            content = piece.strip()
            if not content:
                translations[index] = ""
                continue
            code = self._code_answer(content, other(source))
            if code is not None:
                translations[index] = code
                engines.add("phrasebook")
                continue
            answer = self._phrasebook(content, (source,)) if len(pieces) > 1 else None
            if answer is None and len(pieces) > 1 and source == "zh":
                answer = self._template(content, rate)
            if answer is not None:
                translations[index] = answer[1]
                engines.add("phrasebook")
                continue
            if self.cache is not None:
                hit = self.cache.get(normalise(content), direction)
                if hit is not None:
                    translations[index] = strip_controls(hit.translation)  # a cache written by an older version
                    engines.add(hit.engine)
                    if hit.note and strip_controls(hit.note) not in notes:
                        notes.append(strip_controls(hit.note))
        first = engines.pop() if len(engines) == 1 else ("mixed" if engines else "")
        return translations, first, notes

    def _engine_pass(self, engine: engine_registry.Engine, pieces: list[str], missing: list[int],
                     translations: list[str | None], source: str, target: str, config: EngineConfig, budget: float,
                     token: CancelToken | None) -> tuple[list[tuple[str, str, str, str]], list[int], list[str]]:
        """Translate the missing sentences with one engine; returns (key text, source, translation,
        note) rows for the cache, the sentences it handed back unchanged (neither used nor
        cached), and any notes it added (an LLM's note on slang).

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
        answers = translate_chunks(engine, chunks, source, target, config, budget, token, allow_echo=True)
        notes = [n for n in (getattr(a, "note", "") for a in answers) if n]
        rows: list[tuple[str, str, str, str]] = []
        echoed: list[int] = []
        for group, (start, end) in zip(groups, spans):
            joined = join_translations(chunks[start:end], answers[start:end], target)
            note = " ".join(n for n in (getattr(a, "note", "") for a in answers[start:end]) if n)
            if len(group) == 1:
                piece = pieces[group[0]].strip()
                if is_echo(piece, joined):
                    echoed.append(group[0])
                    continue
                translations[group[0]] = joined
                rows.append((piece, piece, joined, note))
                continue
            lines = [line.strip() for line in joined.split("\n") if line.strip()]
            if len(lines) == len(group):
                about = [i for i in group if _note_is_about(pieces[i], note)] or group
                for index, line in zip(group, lines):
                    piece = pieces[index].strip()
                    if is_echo(piece, line):
                        echoed.append(index)
                        continue
                    translations[index] = line
                    rows.append((piece, piece, line, note if index in about else ""))
            else:
                merged = " ".join(lines) if target == "en" else "".join(lines)
                text = "".join(pieces[i] for i in group).strip()
                if is_echo(text, merged):
                    echoed.extend(group)
                    continue
                translations[group[0]] = merged
                for index in group[1:]:
                    translations[index] = ""
                rows.append((text, text, merged, note))
        return rows, echoed, notes

    def _config_for(self, engine: engine_registry.Engine, options: TranslateOptions) -> EngineConfig:
        return EngineConfig(base_url=options.base_url(engine.name), secrets=self._secrets_for(engine),
                            extra=options.extra(engine.name))

    @staticmethod
    def _budget(engine: engine_registry.Engine, config: EngineConfig, options: TranslateOptions) -> float:
        """Seconds an engine may take: the user's limit, or a model's own budget (a first call
        loads the model, and Ollama aborts the load if we hang up)."""
        if not engine.may_load:
            return options.timeout
        own = options.model_seconds if engine.is_warm(config) else options.model_load_seconds
        return max(options.timeout, own)

    @staticmethod
    def _asks_after(name: str, options: TranslateOptions) -> bool:
        """Another engine follows this one in the user's order."""
        names = _unique(options.engines)
        return any(n in engine_registry.REGISTRY for n in names[names.index(name) + 1:])

    def _first_wait(self, options: TranslateOptions) -> str:
        """"Loading qwen2.5:7b in Ollama…" when the first engine must load its model first."""
        for name in _unique(options.engines):
            engine = engine_registry.REGISTRY.get(name)
            if engine is not None:
                config = self._config_for(engine, options)
                return "" if engine.is_warm(config) else engine.waiting_text(config)
        return ""

    def _run_pass(self, engine: engine_registry.Engine, got: _Sentences, missing: list[int], source: str,
                  target: str, config: EngineConfig, budget: float, token: CancelToken | None) -> _Pass:
        """One engine's pass over its own copy of the translations (merged by `_take`)."""
        own = list(got.translations)
        try:
            rows, echoed, notes = self._engine_pass(engine, got.pieces, missing, own, source, target, config, budget,
                                                    token)
        except EngineError as exc:
            return _Pass(engine, list(missing), own, error=exc)
        return _Pass(engine, list(missing), own, rows, echoed, notes)

    def _pass_later(self, engine: engine_registry.Engine, got: _Sentences, missing: list[int], source: str,
                    target: str, config: EngineConfig, budget: float, token: CancelToken | None) -> Future[_Pass]:
        """The same pass in a thread of its own, so a slow engine never holds up the ones after it."""
        runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slow-engine")
        snapshot = replace(got, translations=list(got.translations))  # the engines after it fill `got` meanwhile
        future = runner.submit(self._run_pass, engine, snapshot, list(missing), source, target, config, budget, token)
        runner.shutdown(wait=False)
        return future

    def _take(self, found: _Pass, name: str, setup: str, result: TranslationResult, got: _Sentences,
              token: CancelToken | None) -> bool:
        """Use one engine's pass: its translations win over those of engines after it in the
        order; its failure is listed. False when the request was cancelled."""
        engine = found.engine
        if isinstance(found.error, Cancelled) or (found.error is not None and token is not None and token.cancelled):
            result.cancelled = True
            result.complete = True
            return False
        if found.error is not None:
            exc = found.error
            if isinstance(exc, RateLimited):
                seconds = self.backoff.rest(name, exc.retry_after, setup)
                reason = f"{exc.reason}; resting {seconds:.0f} s"
            else:
                reason = exc.reason
            log.info("%s: %s", engine.title, reason)
            result.failures.append(Failure(name, engine.title, exc.kind, reason))
            return True
        self.backoff.succeeded(name)
        for index in found.asked:
            if found.own[index] is not None and index not in found.echoed:
                got.translations[index] = found.own[index]
                got.by[index] = name
        got.notes.extend(n for n in found.notes if n not in got.notes)
        if found.rows:
            self._remember(got, found.rows, name)
        if found.echoed:  # never cached; the next engine gets just these sentences
            quoted = ", ".join(f"“{_clip(got.pieces[i].strip())}”" for i in found.echoed[:3])
            if len(found.echoed) > 3:
                quoted += f" and {len(found.echoed) - 3} more"
            result.failures.append(Failure(name, engine.title, BadAnswer.kind, f"handed back untranslated: {quoted}"))
        return True

    def _interim(self, result: TranslationResult, got: _Sentences, waiting: _Waiting,
                 options: TranslateOptions) -> TranslationResult:
        """What the engines after a slow one found, shown until the slow one answers."""
        shown = [n for n in _unique(options.engines) if n in got.by.values()]
        pending = f"{waiting.text} The {waiting.engine.title}'s translation replaces this when it arrives."
        interim = replace(result, failures=list(result.failures), notes=list(result.notes), complete=False,
                          origin=shown[0] if len(shown) == 1 else "mixed", note=" ".join(got.notes), pending=pending)
        return self._compose(interim, got.pieces, list(got.translations))

    def _setup_of(self, engine: engine_registry.Engine, options: TranslateOptions) -> str:
        """A fingerprint of the engine's URL and keys: when it changes, a rest period ends."""
        digest = hashlib.sha256((options.base_url(engine.name) or "").encode("utf-8"))
        for name, secret in sorted(self._secrets_for(engine).items()):
            digest.update(b"\0" + name.encode("utf-8") + b"=" + secret.reveal().encode("utf-8"))
        return digest.hexdigest()

    def _secrets_for(self, engine: engine_registry.Engine) -> dict[str, Secret]:
        found: dict[str, Secret] = {}
        for name in engine.required_secrets + engine.optional_secrets:
            value = self.secrets.get(name)
            if value:
                found[name] = value
        return found

    def _remember(self, got: _Sentences, rows: list[tuple[str, str, str, str]], engine: str) -> None:
        """Cache each sentence with its note, and the whole text with every note."""
        if self.cache is None:
            return
        direction = got.direction
        entries = [(normalise(key), direction, source, translation, engine, note)
                   for key, source, translation, note in rows]
        if len(got.pieces) > 1 and all(t is not None for t in got.translations):
            whole = _assemble(got.pieces, got.translations, direction.split("-")[1])
            entries.append((normalise(got.text), direction, got.text, whole, engine, " ".join(got.notes)))
        self.cache.put_many(entries)

    def _compose(self, result: TranslationResult, pieces: list[str],
                 translations: list[str | None]) -> TranslationResult:
        result.translation = _assemble(pieces, translations, result.target_lang)
        if result.target_lang == "zh":
            result.pinyin = self.glosser.pinyin(result.translation)
            result.target_gloss = self.glosser.gloss(result.translation, "zh")
        return result

    def _finish(self, result: TranslationResult, options: TranslateOptions,
                token: CancelToken | None = None) -> TranslationResult:
        if result.translated and result.target_lang == "zh" and result.origin == "phrasebook":
            result.target_gloss = self.glosser.gloss(result.translation or "", "zh")
        if options.check and result.translated and result.target_lang == "zh" and not result.cancelled:
            self._check(result, options, token)
        if options.record_history and self.history is not None and not result.cancelled and result.translated:
            # only what was translated: a text that got the breakdown alone is not worth reopening
            self.history.add(result.source_text, result.translation or "", result.source_lang,
                             result.target_lang, result.origin)
        return result

    def _check(self, result: TranslationResult, options: TranslateOptions, token: CancelToken | None) -> None:
        """Translate the Chinese answer back into English, by another engine where one is set,
        so the user sees what they are about to post."""
        result.checked = True
        made_by = result.first_engine if result.origin == "cache" else result.origin
        order = [n for n in _unique(options.engines) if n != made_by] + [n for n in _unique(options.engines) if n == made_by]
        back_options = replace(options, target="en", engines=tuple(order), record_history=False, check=False,
                               confirm_direction=True)
        back = self.translate(result.translation or "", back_options, token)
        if back.cancelled:
            result.cancelled = True
            return
        result.back_translation = back.translation
        result.back_origin = back.origin if back.translated else ""
        if not back.translated:
            result.notes.append("no back-translation: " + (back.error or "no engine answered"))

    def close(self) -> None:
        for store in (self.cache, self.history):
            if store is not None:
                store.close()


def _unique(names: tuple[str, ...] | list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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


def _note_is_about(piece: str, note: str) -> bool:
    """The note names a word of this sentence (its Chinese, or slang such as "yyds")."""
    words = re.findall(r"[\u4e00-\u9fff]{2,}|[A-Za-z]{2,}", note)
    folded = piece.casefold()
    return any(word.casefold() in folded for word in words)


def _assemble(pieces: list[str], translations: list[str | None], target: str) -> str:
    kept = [(p, t) for p, t in zip(pieces, translations) if t]
    if not kept:
        return ""
    joined = join_translations([p for p, _ in kept], [t or "" for _, t in kept], target)
    return re.sub(r"[ \t]{2,}", " ", joined).strip()
