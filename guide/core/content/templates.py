"""UI templates: the app's own text around a value ("共{n}条评论" → "{n} comments"), found in a
screenshot line, a pasted text or a sentence, and said in English with its values read
(values.py); and the bracketed emoji codes of copied text ([笑哭R], [doge]).

Used by the screenshot reader (a line that is a template), the translator (a text that is
one, and emoji codes kept out of what engines see) and the word breakdown (2.3万 → 23,000
in running text). The loader and the validator use `check_template` and `shadowed`.

Matching is done on folded text (values.fold: full-width and case do not count) and allows
spaces anywhere between the parts, because OCR adds them ("共 19条评论")."""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from guide.core.content import values
from guide.core.content.model import EmojiCode, Pack, Place, UiTemplate
from guide.core.content.values import DEFAULT_RATE, Rate, fold

PLACEHOLDER_KINDS = {
    "n": "a count (50, 2.3万, 1.2w, 99+)",
    "time": "a time of day (20:15)",
    "date": "a date (03-15, 2023-03-01, 3月15日)",
    "ago": "how long ago (刚刚, 2小时前, 3天前, 昨天, 星期一)",
    "place": "a place from the `places` list (福建, 美国)",
    "price": "a price in yuan (¥75, 75元)",
    "id": "an account id, kept as written (118302851)",
}
_PATTERNS = {"n": values.COUNT_RE, "time": values.TIME_RE, "date": values.DATE_RE, "ago": values.AGO_RE,
             "price": values.PRICE_RE, "id": values.ID_RE}
_BRACES_RE = re.compile(r"\{([^{}]*)\}")
_NAME_RE = re.compile(r"([a-z]+)([2-9]?)$")
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
# What the validator pretends each placeholder held, to see whether an earlier template
# takes the text first. Two samples per kind: the usual and the unusual form.
_SAMPLES = {"n": ("12", "2.3万"), "time": ("20:15", "9:05"), "date": ("03-15", "2023-03-01"), "ago": ("2小时前", "昨天"),
            "price": ("¥75", "75元"), "id": ("118302851", "abc_123")}


@dataclass(frozen=True)
class Placeholder:
    name: str  # as written inside the braces: n, n2, place
    kind: str  # the kind it names: n, place
    start: int  # offset of "{" in the template text
    end: int


def placeholders(text: str) -> tuple[list[Placeholder], list[tuple[int, str]]]:
    """The placeholders of one side of a template, and problems as (offset, message)."""
    found: list[Placeholder] = []
    problems: list[tuple[int, str]] = []
    for match in _BRACES_RE.finditer(text):
        name = match.group(1).strip()
        parts = _NAME_RE.match(name)
        if parts is None or parts.group(1) not in PLACEHOLDER_KINDS:
            known = " ".join(f"{{{k}}}" for k in PLACEHOLDER_KINDS)
            problems.append((match.start(), (f"unknown placeholder {{{name}}}; use one of {known} "
                                             "(a second one of a kind takes a digit: {n2})")))
            continue
        found.append(Placeholder(name, parts.group(1), match.start(), match.end()))
    outside = _BRACES_RE.sub(lambda m: " " * len(m.group(0)), text)
    for index, char in enumerate(outside):
        if char in "{}":
            problems.append((index, f"a lone {char!r}: a placeholder is a name in braces, like {{n}}"))
            break
    return found, problems


def check_template(zh: str, en: str) -> list[tuple[str, int, str]]:
    """Problems with one template as (field, offset in that field, message)."""
    zh_found, zh_problems = placeholders(zh)
    en_found, en_problems = placeholders(en)
    problems = [("zh", offset, message) for offset, message in zh_problems]
    problems += [("en", offset, message) for offset, message in en_problems]
    if problems:
        return problems
    names = [p.name for p in zh_found]
    if not names:
        return [("zh", 0, ("a template needs at least one placeholder such as {n}; text without a value "
                           "belongs in `labels`"))]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        return [("zh", 0, f"{{{repeated[0]}}} appears twice in zh; name the second one {{{repeated[0]}2}}")]
    for first, second in pairwise(zh_found):
        if first.kind == second.kind == "n" and not zh[first.end:second.start].strip():
            return [("zh", second.start, "two counts side by side cannot be told apart; put text between them")]
    missing = [n for n in names if n not in {p.name for p in en_found}]
    extra = [p.name for p in en_found if p.name not in names]
    if missing:
        return [("en", 0, f"en does not use {{{missing[0]}}}, which zh has; both sides need the same placeholders")]
    if extra:
        return [("en", 0, f"en uses {{{extra[0]}}}, which zh does not have; both sides need the same placeholders")]
    return []


@dataclass(frozen=True)
class TemplateMatch:
    """A template found in a text: where, and its English with the values read."""

    template: UiTemplate
    start: int
    end: int
    text: str  # the matched text, as written
    english: str
    values: tuple[tuple[str, str, str], ...] = ()  # (placeholder, as written, in English)


@dataclass(frozen=True)
class Span:
    """A value or an emoji code in running text, for the word breakdown."""

    start: int
    end: int
    text: str
    kind: str  # a placeholder kind, "emoji", or "hashtag" (RedNote's [话题] marker)
    english: str  # the value in English, or the emoji's name ("" for a code not in the pack)
    note: str = ""


@dataclass(frozen=True)
class _Compiled:
    template: UiTemplate
    regex: re.Pattern[str]
    names: tuple[tuple[str, str], ...]  # (group, placeholder name) in order
    in_text: bool  # has Chinese of its own, so it can be found inside a longer text


_EMOJI_RE = re.compile(r"\[[^\[\]\n]{1,12}\]")
_REDNOTE_CODE_RE = re.compile(r"\[[\u3400-\u9fff]{1,8}[RH]\]")  # RedNote's own sticker codes: [捂脸R], [蹲后续H]
# RedNote's hashtag marker: a note's text copied from the app writes the hashtag #美食 as
# "#美食[话题]#". Bracketed like an emoji code and handled with them, so it is never read as the
# word 话题 ("topic") nor sent to an engine; its kind is "hashtag", not "emoji".
HASHTAG_MARKERS = frozenset({"[话题]", "[話題]"})
HASHTAG_NOTE = ("RedNote writes [话题] after a hashtag's words when a note's text is copied: "
                "#美食[话题]# is the hashtag #美食 (food)")
_BEFORE = r"(?<![0-9a-z.¥])(?<!\d,)"  # not inside 1,234 or abc12


@cache
def _running_values() -> re.Pattern[str]:
    """Values worth saying in running text, one alternative each (compiled on first use: the
    app imports this module at start-up and may never need it)."""
    return re.compile("|".join([
        rf"(?P<price>{_BEFORE}{values.PRICE_RE})",
        (rf"(?P<date>{_BEFORE}(?:19|20)\d{{2}}(?:-\d{{1,2}}-\d{{1,2}}|年\d{{1,2}}月\d{{1,2}}日?|\.\d{{1,2}}\.\d{{1,2}})"
         rf"|{_BEFORE}{values.YEAR_OR_MONTH_RE}(?![0-9])|{_BEFORE}\d{{1,2}}月\d{{1,2}}[日号])"),
        rf"(?P<ago>{_BEFORE}{values.NUMBER_AGO_RE}|半小时前)",
        rf"(?P<n>{_BEFORE}{values.COUNT_RE}(?![0-9a-z]))",
    ]))


class TemplateMatcher:
    """Built once per pack (`matcher_for`); safe to share between threads."""

    def __init__(self, templates: Iterable[UiTemplate] = (), places: Iterable[Place] = (),
                 emoji: Iterable[EmojiCode] = ()) -> None:
        self._places = {fold(p.zh): p for p in places}
        names = sorted(self._places, key=len, reverse=True)
        self._place_re = "|".join(re.escape(n) for n in names) or r"(?!)"
        self._emoji = {fold(e.code): e for e in emoji}
        self._templates = tuple(templates)
        self._compiled_list: list[_Compiled] | None = None
        self._lock = threading.Lock()

    @property
    def _compiled(self) -> list[_Compiled]:
        """Compiled on first use (tens of ms for a pack's templates; not at start-up)."""
        with self._lock:
            if self._compiled_list is None:
                self._compiled_list = [self._compile(t) for t in self._templates]
            return self._compiled_list

    # -- building ------------------------------------------------------------------------

    def _compile(self, template: UiTemplate) -> _Compiled:
        found, _problems = placeholders(template.zh)
        parts: list[str] = []
        names: list[tuple[str, str]] = []
        position = 0
        for index, placeholder in enumerate(found):
            parts.extend(_literal(template.zh[position:placeholder.start]))
            group = f"g{index}"
            pattern = self._place_re if placeholder.kind == "place" else _PATTERNS[placeholder.kind]
            parts.append(f"(?P<{group}>{pattern})")
            names.append((group, placeholder.name))
            position = placeholder.end
        parts.extend(_literal(template.zh[position:]))
        literal = _BRACES_RE.sub("", template.zh)
        regex = re.compile(r"\s*".join(parts))
        return _Compiled(template, regex, tuple(names), _HAN_RE.search(literal) is not None)

    # -- matching ------------------------------------------------------------------------

    def match(self, text: str, rate: Rate = DEFAULT_RATE) -> TemplateMatch | None:
        """The first template (in file order) that is the whole of `text`, spaces aside."""
        folded = fold(text)
        stripped = folded.strip()
        offset = folded.find(stripped) if stripped else 0
        for compiled in self._compiled:
            found = compiled.regex.fullmatch(stripped)
            if found is not None:
                result = self._result(compiled, found, text, offset, rate)
                if result is not None:
                    return result
        return None

    def find(self, text: str, rate: Rate = DEFAULT_RATE) -> list[TemplateMatch]:
        """Templates with Chinese of their own found inside a longer text (展开 4 条回复 in a
        line that goes on), leftmost first, the longer where two start together."""
        folded = fold(text)
        candidates: list[TemplateMatch] = []
        for compiled in self._compiled:
            if not compiled.in_text:
                continue
            for found in compiled.regex.finditer(folded):
                result = self._result(compiled, found, text, 0, rate)
                if result is not None:
                    candidates.append(result)
        candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[TemplateMatch] = []
        for candidate in candidates:
            if not chosen or candidate.start >= chosen[-1].end:
                chosen.append(candidate)
        return chosen

    def _result(self, compiled: _Compiled, found: re.Match[str], text: str, offset: int,
                rate: Rate) -> TemplateMatch | None:
        read: list[tuple[str, str, str]] = []
        english = compiled.template.en
        for group, name in compiled.names:
            written = text[offset + found.start(group):offset + found.end(group)].strip()
            kind = _NAME_RE.match(name).group(1)  # type: ignore[union-attr]
            said = self._read(kind, written, rate)
            if said is None:
                return None
            read.append((name, written, said))
            english = english.replace(f"{{{name}}}", said)
        start, end = offset + found.start(), offset + found.end()
        return TemplateMatch(compiled.template, start, end, text[start:end], english, tuple(read))

    def _read(self, kind: str, written: str, rate: Rate) -> str | None:
        if kind == "place":
            place = self._places.get(fold(written))
            return place.en if place is not None else None
        if kind == "price":
            return values.read_price(written, rate)
        reader = {"n": values.read_count, "time": values.read_time, "date": values.read_date,
                  "ago": values.read_ago, "id": values.read_id}[kind]
        return reader(written)

    # -- values and emoji codes in running text -------------------------------------------

    def emoji(self, code: str) -> EmojiCode | None:
        return self._emoji.get(fold(code.strip()))

    def emoji_codes(self, text: str) -> list[Span]:
        """Bracketed codes in `text`: the pack's, any other of RedNote's [词R] form, and its
        hashtag marker [话题]."""
        spans = []
        for found in _EMOJI_RE.finditer(text):
            code = found.group(0)
            known = self.emoji(code)
            if known is not None:
                spans.append(Span(found.start(), found.end(), code, "emoji", known.en, known.note))
            elif code in HASHTAG_MARKERS:
                spans.append(Span(found.start(), found.end(), code, "hashtag", "hashtag marker", HASHTAG_NOTE))
            elif _REDNOTE_CODE_RE.fullmatch(code):
                spans.append(Span(found.start(), found.end(), code, "emoji", "",
                                  "a RedNote emoji code that is not in this guide's list"))
        return spans

    def without_codes(self, text: str) -> str:
        """`text` with its emoji codes taken out (to tell which language the words are in)."""
        for span in reversed(self.emoji_codes(text)):
            text = text[:span.start] + " " + text[span.end:]
        return text

    def values(self, text: str, rate: Rate = DEFAULT_RATE) -> list[Span]:
        """Emoji codes and the values worth saying in English in running text: counts with a
        unit or a + (2.3万 → 23,000), "N … ago", dates with a year or a month name, prices.
        Plain numbers and clock times are left alone: the English would only repeat them."""
        spans = self.emoji_codes(text)
        taken = [(s.start, s.end) for s in spans]
        folded = fold(text.replace("，", "、"))  # a Chinese comma is not a thousands separator (75，1.2w)
        for found in _running_values().finditer(folded):
            start, end = found.span()
            if any(start < b and a < end for a, b in taken):
                continue
            kind = found.lastgroup or ""
            written = text[start:end]
            if kind == "n" and not values.count_adds_meaning(written):
                continue
            said = (values.read_price(written, rate) if kind == "price" else values.read_ago(written) if kind == "ago"
                    else values.read_date(written.replace("号", "日")) if kind == "date" else values.read_count(written))
            if said:
                more = f"more than {said[:-1]}" if said.endswith("+") else ""
                spans.append(Span(start, end, written, kind, said, more))
        return sorted(spans, key=lambda s: s.start)

    # -- for the validator ----------------------------------------------------------------

    def shadowed(self) -> list[tuple[UiTemplate, UiTemplate, str]]:
        """(template, the earlier template that takes its text, a text they both fit): the
        first template that fits wins, so the later one would never be used for that text."""
        found = []
        first_place = next(iter(self._places.values()), None)
        for index, later in enumerate(self._compiled):
            for sample in self._samples(later.template, first_place):
                earlier = next((c for c in self._compiled[:index] if c.regex.fullmatch(fold(sample))), None)
                if earlier is not None:
                    found.append((later.template, earlier.template, sample))
                    break
        return found

    def _samples(self, template: UiTemplate, place: Place | None) -> list[str]:
        found, _problems = placeholders(template.zh)
        samples = []
        for which in (0, 1):
            text, position = "", 0
            for placeholder in found:
                text += template.zh[position:placeholder.start]
                if placeholder.kind == "place":
                    text += place.zh if place is not None else "福建"
                else:
                    text += _SAMPLES[placeholder.kind][which]
                position = placeholder.end
            samples.append(text + template.zh[position:])
        return samples


_built: dict[int, tuple[weakref.ref[Pack], TemplateMatcher]] = {}
_built_lock = threading.Lock()


def matcher_for(pack: Pack | None) -> TemplateMatcher:
    """The pack's templates, places and emoji codes ready to match, built once per pack (the
    reader, the translator and the breakdown share it); no pack: values and codes only."""
    if pack is None:
        return TemplateMatcher()
    with _built_lock:
        known = _built.get(id(pack))
        if known is not None and known[0]() is pack:
            return known[1]
        for key in [k for k, (ref, _m) in _built.items() if ref() is None]:
            del _built[key]
        matcher = TemplateMatcher(pack.templates, pack.places, pack.emoji)
        _built[id(pack)] = (weakref.ref(pack), matcher)
        return matcher


def _literal(text: str) -> list[str]:
    """Regular-expression parts for template text between placeholders: one per character
    (joined with optional spaces), a space in the template being optional itself."""
    return [re.escape(char) for char in fold(text) if not char.isspace()]
