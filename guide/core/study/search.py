"""One search over everything in a pack: phrases, UI labels, walkthroughs and their steps.

Used by the Ctrl+K palette, the filter boxes of the glossary and phrase book pages, and
`rednote-guide search`. A query may be English (word prefixes: "fol" finds Follow), 汉字
(substrings) or pinyin typed any way (see `pinyin_text`).

Speed comes from doing the slow part once: at build time every searchable text is
normalised (pinyin split into syllables, pypinyin where the written pinyin needs it) and
kept in sorted lists of whole texts and of the places a match may start. A query is then
a few binary searches whose slices are merged in C: about a millisecond on a 5,000-phrase
pack, even for a single letter that matches nearly everything (benchmarks/bench_search.py).

Ranking: how well it matched (exact > prefix > word start > substring), then what matched
(labels and phrases, walkthrough and step titles before step bodies and notes). For an
English query, what a phrase says plainly beats slang that happens to use the same words:
slang ranks a tier lower, ironic slang two ("thank you" finds 谢谢！ before 栓Q, a "thank you"
said in exasperation); typed as 汉字 or pinyin, slang is found as before. Little words (you,
a, the …) need not be in a phrase's English: "thank you" finds "Thanks!".
"""

from __future__ import annotations

import heapq
import logging
import re
import threading
import time
import weakref
from bisect import bisect_left, bisect_right
from itertools import repeat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from guide.core.content.model import Pack, Step, Walkthrough
from guide.core.study import pinyin_text
from guide.core.translate.normalise import han_count, has_han

log = logging.getLogger(__name__)

KINDS = ("label", "phrase", "walkthrough", "step")
MAX_QUERY_CHARS = 200

EXACT, PREFIX, WORD, SUBSTRING = 4, 3, 2, 1
PRIMARY_SCORE = {EXACT: 100.0, PREFIX: 80.0, WORD: 60.0, SUBSTRING: 40.0}
SECONDARY_SCORE = {EXACT: 30.0, PREFIX: 30.0, WORD: 25.0, SUBSTRING: 15.0}
KIND_BONUS = {"label": 8.0, "phrase": 6.0, "walkthrough": 4.0, "step": 2.0}
KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}
LOOSE_PINYIN_PENALTY = 3.0  # "lu" finding 绿 (lǜ) ranks below "lv"
PHRASE_BONUS = 3.0  # the words of a multi-word query found side by side
SLANG_PENALTY = 20.0  # English queries: one tier below a plain phrase matched as well
IRONIC_PENALTY = 40.0  # two tiers: 栓Q ("thank you", ironic) below every plain thank-you
SLANG_TAGS = frozenset({"slang"})
IRONIC_WORDS = frozenset({"sarcasm", "sarcastic", "irony", "ironic"})  # in a phrase's tags or its English
# Words that carry little meaning in a query: "thank you" means thanks.
LITTLE_WORDS = frozenset({"a", "an", "the", "to", "of", "in", "on", "at", "for", "and", "or", "is", "are", "am", "be",
                          "i", "you", "me", "my", "your", "it", "its", "this", "that"})
MIN_MIDWORD_CHARS = 3  # shorter Latin queries only match at word starts

_UI_RE = re.compile(r"\{\{\s*ui:\s*([^{}\s](?:[^{}]*[^{}\s])?)\s*\}\}")  # linear: no run crosses a brace
_LINK_TARGET_RE = re.compile(r"\]\([^()\]]*\)")
_MARKUP_RE = re.compile(r"[*_`#>]+")
_SPACE_RE = re.compile(r"\s+")
_HAN_KEY_DROP_RE = re.compile(r"[\s\W_]+")
_PINYIN_WORD_SPLIT_RE = re.compile(r"[\s'’\-]+")
_TOKEN_RE = re.compile(r"[^\W_]+")
_ALTERNATIVES_RE = re.compile(r"(?:(?<!\s)\s+)?[/;]\s*")  # spaces tried once, from their start: linear
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
_EDGE_PUNCT = " .,!?;:'\"()[]<>~-*…。，！？；：、“”‘’（）"
_BEYOND = "\U0010ffff"  # sorts after any character: query + _BEYOND bounds a prefix range


@dataclass(frozen=True)
class SearchResult:
    """One hit, with what a list row shows and what is needed to open it.

    `id` is the phrase key (its 汉字), the label's 汉字, the walkthrough id, or
    "walkthrough/step" for a step. `title` is the context line: the category (phrase),
    where it is on screen (label), the walkthrough title, or "Walkthrough › Step"."""

    kind: str  # phrase | label | walkthrough | step
    id: str
    zh: str
    pinyin: str
    en: str
    title: str
    score: float
    walkthrough_id: str = ""
    step_id: str = ""
    category: str = ""
    snippet: str = ""  # the matching part of a step body or note, when that is what matched

    def as_dict(self) -> dict[str, object]:
        """The stable JSON form `rednote-guide search --json` prints."""
        return {"kind": self.kind, "id": self.id, "zh": self.zh, "pinyin": self.pinyin,
                "en": self.en, "title": self.title, "score": round(self.score, 2)}


class _Entry(NamedTuple):
    """A tuple, not a dataclass: tuples of strings drop out of the cyclic garbage collector's
    sight, so thousands of entries do not make every full collection (a pause in some
    keystroke's search) longer."""

    kind: str
    id: str
    zh: str
    pinyin: str
    en: str
    title: str
    walkthrough_id: str = ""
    step_id: str = ""
    category: str = ""
    details: str = ""  # the secondary text as written (spaces collapsed), for snippets


def plain_text(markdown: str, pack: Pack | None = None) -> str:
    """A body as searchable text: `{{ui:收藏}}` becomes "收藏 Save", markup and link targets go."""

    def label(match: re.Match[str]) -> str:
        zh = match.group(1)
        entry = pack.label(zh) if pack is not None else None
        return f"{zh} {entry.en}" if entry else zh

    text = _UI_RE.sub(label, markdown)
    text = _LINK_TARGET_RE.sub("]", text)
    text = _MARKUP_RE.sub("", text).replace("[", "").replace("]", "")
    return _SPACE_RE.sub(" ", text).strip()


def han_key(text: str) -> str:
    """汉字 form for matching: spaces and punctuation dropped, Latin letters lower-cased."""
    return _HAN_KEY_DROP_RE.sub("", text).casefold()


def _fold(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()


class _Column:
    """One kind of searchable text (汉字, English titles, pinyin keys, bodies and notes).

    Everything is kept in sorted lists so that a query is a few binary searches and list
    slices, done in C, instead of a Python loop over every entry:
    - whole texts (for exact and prefix matches);
    - tokens: the places where a match may start inside a text (word starts for English,
      syllable starts for pinyin, every character for 汉字);
    - the distinct tokens joined in one string, to find matches inside a word ("llow")."""

    def __init__(self) -> None:
        self._texts: list[tuple[str, int]] = []
        self._tokens: list[tuple[str, int]] = []
        # Tuples, not lists: once the garbage collector has seen a tuple of strings or ints it
        # stops visiting it, and these hold hundreds of thousands of items.
        self.keys: tuple[str, ...] = ()
        self.key_owners: tuple[int, ...] = ()
        self.tokens: tuple[str, ...] = ()
        self.token_owners: tuple[int, ...] = ()
        self._vocabulary = ""
        self._vocabulary_starts: list[int] = []
        self._vocabulary_words: list[str] = []

    def add(self, entry: int, text: str, tokens: Iterable[str] = ()) -> None:
        if text:
            self._texts.append((text, entry))
        self._tokens.extend(zip(filter(None, tokens), repeat(entry)))

    def finish(self, vocabulary: bool = False) -> None:
        self.keys, self.key_owners = _sorted_columns(self._texts)
        self.tokens, self.token_owners = _sorted_columns(self._tokens)
        if vocabulary:
            self._vocabulary_words = list(dict.fromkeys(self.tokens))  # distinct, in sorted order
            offset = 0
            for word in self._vocabulary_words:
                self._vocabulary_starts.append(offset)
                offset += len(word) + 1
            self._vocabulary = "\n".join(self._vocabulary_words)
        self._texts, self._tokens = [], []

    def exact(self, query: str) -> Sequence[int]:
        lo = bisect_left(self.keys, query)
        hi = bisect_right(self.keys, query, lo)
        return self.key_owners[lo:hi]

    def prefixed(self, query: str) -> Sequence[int]:
        lo = bisect_left(self.keys, query)
        return self.key_owners[lo:bisect_left(self.keys, query + _BEYOND, lo)]

    def token_prefixed(self, query: str) -> Sequence[int]:
        lo = bisect_left(self.tokens, query)
        return self.token_owners[lo:bisect_left(self.tokens, query + _BEYOND, lo)]

    def inside_tokens(self, query: str) -> set[int]:
        """Entries with a token containing `query` anywhere (not only at its start)."""
        found: set[int] = set()
        blob, starts, words = self._vocabulary, self._vocabulary_starts, self._vocabulary_words
        tokens, owners = self.tokens, self.token_owners
        pos = blob.find(query)
        while pos != -1:
            i = bisect_right(starts, pos) - 1
            word = words[i]
            lo = bisect_left(tokens, word)  # the word's owners: one run of the sorted tokens
            found.update(owners[lo:bisect_right(tokens, word, lo)])
            pos = blob.find(query, starts[i] + len(word) + 1)
        return found


def _sorted_columns(pairs: list[tuple[str, int]]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """(text, entry) pairs sorted, as a column of texts and one of their entries."""
    if not pairs:
        return (), ()
    pairs.sort()
    return tuple([text for text, _ in pairs]), tuple([owner for _, owner in pairs])


class SearchIndex:
    """Built once per pack (`SearchIndex.build(pack)`), then queried on every keystroke.

    Immutable after build, so one index may be shared between threads."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self._zh = _Column()
        self._en = _Column()
        self._pinyin = _Column()
        self._pinyin_loose = _Column()
        self._text = _Column()
        self._haystacks: list[str] = []  # all English text of an entry, for whole-phrase checks
        self._lengths: list[int] = []  # shortest English meaning + 汉字: shorter ranks first on a tie
        self._bonus: list[float] = []
        self._order: list[int] = []  # tie-break rank: labels, phrases, ..., then shorter first
        self._register: dict[int, float] = {}  # slang phrases -> points they lose for English queries
        self.build_seconds = 0.0

    # -- building -------------------------------------------------------------------

    @classmethod
    def build(cls, pack: Pack, kinds: Iterable[str] = KINDS) -> SearchIndex:
        """Index the chosen kinds of a pack (a page may index only what it lists)."""
        started = time.perf_counter()
        wanted = set(kinds)
        index = cls()
        if "label" in wanted:
            for entry in pack.glossary:
                index._add(_Entry("label", entry.zh, entry.zh, entry.pinyin, entry.en, entry.where, details=entry.note),
                           zh=entry.zh, pinyin=entry.pinyin, en=(entry.en,), text=(entry.where, entry.note))
        if "phrase" in wanted:
            for category in pack.categories:
                for phrase in category.phrases:
                    index._add(
                        _Entry("phrase", phrase.key, phrase.zh, phrase.pinyin, phrase.en, category.title,
                               category=category.id, details=phrase.note),
                        zh=phrase.zh, pinyin=phrase.pinyin, en=(phrase.en,),
                        text=(phrase.literal, phrase.note, " ".join(phrase.tags)))
                    penalty = _register_penalty(phrase.tags, phrase.en)
                    if penalty:
                        index._register[len(index.entries) - 1] = penalty
        if "walkthrough" in wanted:
            for walkthrough in pack.walkthroughs:
                index._add(_Entry("walkthrough", walkthrough.id, "", "", walkthrough.summary, walkthrough.title,
                                  walkthrough_id=walkthrough.id, details=walkthrough.summary),
                           en=(walkthrough.title,), text=(walkthrough.summary, " ".join(walkthrough.tags)))
        if "step" in wanted:
            for walkthrough in pack.walkthroughs:
                for step in walkthrough.steps:
                    body = " ".join(plain_text(part, pack) for part in (step.body, step.tip or "", step.warning or ""))
                    labels = " ".join(plain_text(f"{{{{ui:{zh}}}}}", pack) for zh in step_label_keys(step))
                    index._add(_Entry("step", f"{walkthrough.id}/{step.id}", "", "", step.title,
                                      f"{walkthrough.title} › {step.title}", walkthrough_id=walkthrough.id,
                                      step_id=step.id, details=body),
                               en=(step.title,), text=(body, labels))
        index._finish()
        index.build_seconds = time.perf_counter() - started
        log.debug("search index: %d entries in %.0f ms", len(index.entries), index.build_seconds * 1000)
        return index

    def _add(self, entry: _Entry, zh: str = "", pinyin: str = "", en: tuple[str, ...] = (),
             text: tuple[str, ...] = ()) -> None:
        number = len(self.entries)
        if entry.details:  # flattened once here, not for every result a query shows
            entry = entry._replace(details=_SPACE_RE.sub(" ", entry.details).strip())
        self.entries.append(entry)
        if zh:
            key = han_key(zh)
            self._zh.add(number, key, (key[i:] for i in range(1, len(key))))
        shortest = 10_000
        for value in en:
            folded = _fold(value)
            self._en.add(number, folded.strip(_EDGE_PUNCT), _TOKEN_RE.findall(folded))
            alternatives = _ALTERNATIVES_RE.split(folded)
            if len(alternatives) > 1:  # "Save / Collect": "save" is an exact match
                for alternative in alternatives:
                    self._en.add(number, alternative.strip(_EDGE_PUNCT))
            shortest = min([shortest, *(len(a) for a in alternatives)])
        self._lengths.append(shortest + len(zh))
        details = _fold(" ".join(t for t in text if t))
        self._text.add(number, "", _TOKEN_RE.findall(details))
        self._haystacks.append("\n".join((*(_fold(v) for v in en), details)))
        if zh or pinyin:
            for key, starts in _pinyin_keys(zh, pinyin):
                self._pinyin.add(number, key, (key[s:] for s in starts if s))
                loose = pinyin_text.loose(key)
                self._pinyin_loose.add(number, loose, (loose[s:] for s in starts if s))

    def _finish(self) -> None:
        self._zh.finish()
        self._en.finish(vocabulary=True)
        self._text.finish(vocabulary=True)
        self._pinyin.finish()
        self._pinyin_loose.finish()
        entries = self.entries
        self._bonus = [KIND_BONUS[e.kind] for e in entries]
        ranked = sorted(range(len(entries)), key=lambda n: (KIND_ORDER[entries[n].kind], self._lengths[n], n))
        self._order = [0] * len(ranked)
        for rank, number in enumerate(ranked):
            self._order[number] = rank

    # -- querying -------------------------------------------------------------------

    def _base_scores(self, query: str) -> dict[int, float]:
        """entry number -> how well it matched, before the bonus for its kind.

        Tiers are gathered as lists of entry numbers (slices of the sorted columns) and
        merged weakest first, so a stronger match simply overwrites a weaker one."""
        query = query[:MAX_QUERY_CHARS]
        folded = _fold(query)
        if not folded:
            return {}
        tiers: list[tuple[float, Iterable[int]]] = []
        han = has_han(folded)
        words = _TOKEN_RE.findall(folded)
        if han:
            zh = han_key(folded)
            if zh:
                tiers += [(PRIMARY_SCORE[SUBSTRING], self._zh.token_prefixed(zh)),
                          (PRIMARY_SCORE[PREFIX], self._zh.prefixed(zh)),
                          (PRIMARY_SCORE[EXACT], self._zh.exact(zh))]
        first_english = len(tiers)
        title = folded.strip(_EDGE_PUNCT) or folded
        tiers += [(PRIMARY_SCORE[PREFIX], self._en.prefixed(title)), (PRIMARY_SCORE[EXACT], self._en.exact(title))]
        if len(words) == 1:
            word = words[0]
            if han or len(word) >= MIN_MIDWORD_CHARS:
                tiers += [(SECONDARY_SCORE[SUBSTRING], self._text.inside_tokens(word)),
                          (PRIMARY_SCORE[SUBSTRING], self._en.inside_tokens(word))]
            tiers += [(SECONDARY_SCORE[WORD], self._text.token_prefixed(word)),
                      (PRIMARY_SCORE[WORD], self._en.token_prefixed(word))]
        elif len(words) > 1:
            tiers += self._all_words(words, folded)
        english = (first_english, len(tiers))  # the tiers that matched English meanings (not 汉字 or pinyin)
        if not han and pinyin_text.looks_like_pinyin(query):
            strict = pinyin_text.key(query)
            if "u" in strict and "v" not in strict:  # a typed u may be ü ("lu" for 绿); a typed v is ü for sure
                loose = pinyin_text.loose(strict)
                penalty = LOOSE_PINYIN_PENALTY
                tiers += [(PRIMARY_SCORE[WORD] - penalty, self._pinyin_loose.token_prefixed(loose)),
                          (PRIMARY_SCORE[PREFIX] - penalty, self._pinyin_loose.prefixed(loose)),
                          (PRIMARY_SCORE[EXACT] - penalty, self._pinyin_loose.exact(loose))]
            if strict:
                tiers += [(PRIMARY_SCORE[WORD], self._pinyin.token_prefixed(strict)),
                          (PRIMARY_SCORE[PREFIX], self._pinyin.prefixed(strict)),
                          (PRIMARY_SCORE[EXACT], self._pinyin.exact(strict))]
        best: dict[int, float] = {}
        for score, owners in sorted(tiers, key=lambda tier: tier[0]):
            best.update(dict.fromkeys(owners, score))
        if self._register and not IRONIC_WORDS.union(SLANG_TAGS).intersection(words):  # unless slang is asked for
            self._lower_slang(best, tiers, english)
        return best

    def _lower_slang(self, best: dict[int, float], tiers: list[tuple[float, Iterable[int]]],
                     english: tuple[int, int]) -> None:
        """Slang matched by its English loses its register penalty; matched by 汉字 or pinyin it
        keeps its score. Only the (few) slang entries that matched are looked at."""
        found = self._register.keys() & best.keys()
        if not found:
            return
        by_meaning: dict[int, float] = {}
        by_writing: dict[int, float] = {}
        for number, (score, owners) in enumerate(tiers):
            scores = by_meaning if english[0] <= number < english[1] else by_writing
            for entry in found.intersection(owners):
                scores[entry] = max(score, scores.get(entry, score))
        for entry in found:
            lowered = by_meaning[entry] - self._register[entry] if entry in by_meaning else None
            best[entry] = max(s for s in (lowered, by_writing.get(entry)) if s is not None)

    def _all_words(self, words: list[str], phrase: str) -> list[tuple[float, Iterable[int]]]:
        """"save note" finds "Save a note to read later": every word at a word start; the
        words side by side, as typed, rank a little higher. A title holding every word of the
        query but the little ones (you, a, the …) ranks as one holding them all."""
        in_titles: set[int] | None = None
        anywhere: set[int] | None = None
        meaning_in_titles: set[int] | None = None  # the words that carry meaning (not LITTLE_WORDS), in titles
        for word in dict.fromkeys(words):
            title_hits = set(self._en.token_prefixed(word))
            if word not in LITTLE_WORDS:
                meaning_in_titles = title_hits if meaning_in_titles is None else meaning_in_titles & title_hits
            all_hits = title_hits.union(self._text.token_prefixed(word))
            in_titles = title_hits if in_titles is None else in_titles & title_hits
            anywhere = all_hits if anywhere is None else anywhere & all_hits
            if not anywhere and meaning_in_titles is not None and not meaning_in_titles:
                return []
        anywhere = anywhere or set()
        in_titles = in_titles or set()
        # "thank you" finds "Thanks!": its meaning words are in the title, the little ones need not be
        little = any(word in LITTLE_WORDS for word in words)
        meaning = (meaning_in_titles or set()) if little else set()
        haystacks = self._haystacks
        together = {e for e in anywhere if phrase in haystacks[e]}
        return [(SECONDARY_SCORE[WORD], anywhere), (SECONDARY_SCORE[WORD] + PHRASE_BONUS, together - in_titles),
                (PRIMARY_SCORE[WORD], meaning), (PRIMARY_SCORE[WORD], in_titles),
                (PRIMARY_SCORE[WORD] + PHRASE_BONUS, together & in_titles)]

    def scores(self, query: str, kinds: Iterable[str] | None = None) -> dict[int, float]:
        """entry number -> score for every entry matching `query`."""
        bonus = self._bonus
        found = {n: base + bonus[n] for n, base in self._base_scores(query).items()}
        if kinds is not None:
            wanted = set(kinds)
            found = {n: score for n, score in found.items() if self.entries[n].kind in wanted}
        return found

    def search(self, query: str, limit: int | None = 50, kinds: Iterable[str] | None = None) -> list[SearchResult]:
        """Best matches first; ties go to labels, then phrases, ..., then shorter texts."""
        found = self.scores(query, kinds)
        order = self._order
        ranked = [(-score, order[n], n) for n, score in found.items()]
        ranked = heapq.nsmallest(limit, ranked) if limit is not None else sorted(ranked)
        return [self._result(n, -negative, query) for negative, _, n in ranked]

    def ranked_ids(self, query: str, kind: str) -> list[str]:
        """Ids of one kind that match, in Ctrl+K's order (best first, same tie-breaks): a
        page's filter lists them this way so "save" shows 收藏 before "Most popular"."""
        return [result.id for result in self.search(query, limit=None, kinds=(kind,))]

    def match_ids(self, query: str, kind: str) -> dict[str, float]:
        """id -> score of every entry of one kind that matches: what the pages filter with."""
        return {self.entries[n].id: score for n, score in self.scores(query, (kind,)).items()}

    def _result(self, number: int, score: float, query: str) -> SearchResult:
        e = self.entries[number]
        secondary = score - self._bonus[number] < PRIMARY_SCORE[SUBSTRING]
        return SearchResult(e.kind, e.id, e.zh, e.pinyin, e.en, e.title, score, e.walkthrough_id, e.step_id,
                            e.category, _snippet(e.details, query) if secondary else "")

    def __len__(self) -> int:
        return len(self.entries)


def _pinyin_keys(zh: str, pinyin: str) -> list[tuple[str, list[int]]]:
    """Matching keys for an entry, each with its syllable starts.

    The pinyin as written comes first. A 汉字 text with no Han characters (yyds, 666) is
    also a key as it is. pypinyin's reading is added only when the written pinyin does not
    give one syllable per character (an unusual reading or a typo): when it does, the
    validator has already checked it against pypinyin, and not loading pypinyin keeps the
    build fast (its dictionary alone takes ~0.15 s)."""
    keys: list[tuple[str, list[int]]] = []
    written: list[str] = []
    read: list[str] = []  # syllables that stand for 汉字: not Latin words copied from zh (AI in AI合成)
    if pinyin:
        copied = {word.casefold() for word in _LATIN_WORD_RE.findall(zh)}
        for word in _PINYIN_WORD_SPLIT_RE.split(pinyin):
            syllables = pinyin_text.syllables(word)
            written += syllables
            if word.casefold() not in copied:
                read += syllables
        keys.append(_joined(written))
    if zh:
        han = han_count(zh)
        if not han:
            keys.append(_joined(pinyin_text.syllables(zh)))
        elif sum(1 for s in read if pinyin_text.is_syllable(s)) != han:
            keys.append(_joined(pinyin_text.han_pinyin(zh)))
    unique: dict[str, list[int]] = {}
    for key, starts in keys:
        if key and key not in unique:
            unique[key] = starts
    return list(unique.items())


def _joined(syllables: list[str]) -> tuple[str, list[int]]:
    starts: list[int] = []
    offset = 0
    for syllable in syllables:
        starts.append(offset)
        offset += len(syllable)
    return "".join(syllables), starts


def snippet(text: str, query: str, width: int = 60) -> str:
    """The part of `text` around the first occurrence of `query` (case-insensitive)."""
    return _snippet(_SPACE_RE.sub(" ", text).strip(), query, width) if text else ""


def _snippet(flat: str, query: str, width: int = 60) -> str:
    """`snippet` of a text whose spaces are already collapsed (an entry's details)."""
    if not flat:
        return ""
    folded, wanted = flat.casefold(), _fold(query)
    at = folded.find(wanted)
    if at < 0:
        for word in wanted.split():
            at = folded.find(word)
            if at >= 0:
                break
    if at < 0:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, at - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def step_label_keys(step: Step) -> list[str]:
    """Glossary keys a step shows, in reading order: `{{ui:…}}` in body, tip and warning,
    then hotspots, then chips (each once)."""
    seen: dict[str, None] = {}
    for text in (step.body, step.tip or "", step.warning or ""):
        for match in _UI_RE.finditer(text):
            seen.setdefault(match.group(1), None)
    for highlight in step.highlight:
        if highlight.label:
            seen.setdefault(highlight.label, None)
    for zh in step.labels:
        seen.setdefault(zh, None)
    return list(seen)


def label_mentions(pack: Pack) -> dict[str, list[tuple[Walkthrough, Step]]]:
    """For each UI label, the walkthrough steps that show it (what the glossary links to)."""
    found: dict[str, list[tuple[Walkthrough, Step]]] = {}
    for walkthrough in pack.walkthroughs:
        for step in walkthrough.steps:
            for zh in step_label_keys(step):
                found.setdefault(zh, []).append((walkthrough, step))
    return found


_cache_lock = threading.Lock()
_cache: dict[int, tuple[weakref.ref[Pack], SearchIndex]] = {}


def index_for(pack: Pack) -> SearchIndex:
    """The full index of a pack, built on first use and shared (palette, pages, CLI)."""
    with _cache_lock:
        cached = _cache.get(id(pack))
        if cached is not None and cached[0]() is pack:
            return cached[1]
    index = SearchIndex.build(pack)
    with _cache_lock:
        for key in [k for k, (ref, _) in _cache.items() if ref() is None]:
            del _cache[key]
        _cache[id(pack)] = (weakref.ref(pack), index)
    return index


def _register_penalty(tags: Iterable[str], english: str) -> float:
    """How far a phrase drops for English queries: ironic slang (tagged sarcasm, or "(ironic)"
    in its English) two tiers, other slang one, a plain phrase not at all."""
    words = {tag.casefold() for tag in tags}
    if words & IRONIC_WORDS or IRONIC_WORDS.intersection(_TOKEN_RE.findall(english.casefold())):
        return IRONIC_PENALTY
    return SLANG_PENALTY if words & SLANG_TAGS else 0.0
