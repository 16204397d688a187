"""Which glossary label (if any) one OCR line is: exact, normalised, then fuzzy.

OCR on a phone screenshot drops a character, swaps two or misreads one for a look-alike
("收臧" for 收藏), and glues a count to a button ("点赞 1.2万"). Keys drop counts, spaces
and edge punctuation; the fuzzy step accepts one edit (optimal string alignment distance:
a drop, an insertion, a substitution or two neighbours swapped) on labels of three or more
characters, and two edits from seven. Two-character labels must match exactly: one edit
away from 发现 are 发布, 发送 and half the dictionary — except in a row of other labels
(a tab bar), where one edit from a single two-character label is enough.

FUZZY_THRESHOLD (similarity = 1 - distance / longer length) was measured by
benchmarks/bench_ocr.py (`label_threshold_table`): every one-edit variant of the bundled
glossary's labels that keeps three or more characters, against ~6000 runs of 3–10
characters of the pack's own Chinese text that are not labels. From 0.5 to 0.66 it finds
the intended label for 98.4% of variants while 0.26% of non-label runs match one (the
one-edit cap decides there); at 0.7 recall falls to 88% (a three-character label with one
edit scores 0.67), at 0.8 to 28%. 0.66 is the highest value before that drop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guide.core.content.model import GlossaryEntry
from guide.core.translate.normalise import has_han, match_key

FUZZY_THRESHOLD = 0.66
MIN_FUZZY_LENGTH = 3
MAX_LABEL_LENGTH = 12  # in characters, for cutting a line into labels
# The Me tab (我) stands alone at the end of the tab bar; inside a line 我 is the pronoun
# ("关注我" is "follow me", not Follow + Me), so it never joins a run of labels.
ALONE_ONLY = frozenset({"我"})

_COUNT = r"(?:\d+(?:[.,]\d+)?\s*(?:万|千|亿|w|k|\+)?\+?)"
_EDGE_COUNT_RE = re.compile(rf"^{_COUNT}\s*|(?<!\s)\s*{_COUNT}$", re.IGNORECASE)  # (?<!\s): linear on spaces
_EDGE_JUNK = " .,!?;:'\"()[]<>~-*…|/\\·•>"


def label_key(text: str) -> str:
    """Comparable form of a line or a label: normalised, no spaces, no edge counts or marks."""
    key = match_key(text).replace(" ", "").strip(_EDGE_JUNK)
    if has_han(key):
        previous = None
        while previous != key:
            previous = key
            key = _EDGE_COUNT_RE.sub("", key).strip(_EDGE_JUNK)
    return key


def osa_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (Levenshtein + adjacent swaps), capped at `limit`."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[-1], limit)


def similarity(a: str, b: str) -> float:
    longer = max(len(a), len(b))
    return 1.0 - osa_distance(a, b) / longer if longer else 0.0


@dataclass(frozen=True)
class LabelMatch:
    entry: GlossaryEntry
    kind: str  # exact | normalised | fuzzy
    score: float  # 1.0 for exact and normalised


class LabelMatcher:
    """Built once per pack; `match(line)` is cheap enough for every line of a screenshot."""

    def __init__(self, glossary: Iterable[GlossaryEntry], threshold: float = FUZZY_THRESHOLD) -> None:
        self.threshold = threshold
        self._exact: dict[str, GlossaryEntry] = {}
        self._by_key: dict[str, GlossaryEntry] = {}
        self._pieces: dict[str, GlossaryEntry | None] = {}  # exact(): pieces of lines seen
        self._runs: dict[str, list[tuple[int, int, GlossaryEntry]] | None] = {}  # run(): the same
        for entry in glossary:
            self._exact.setdefault(entry.zh, entry)
            key = label_key(entry.zh)
            if key:
                self._by_key.setdefault(key, entry)
        # A label written with a trailing ellipsis (说点什么...) is the start of a text the app
        # varies: 说点什么吧，万一火了呢~ is that comment box too.
        self._prefixes = sorted(((key, entry) for key, entry in self._by_key.items()
                                 if entry.zh.rstrip().endswith(("...", "…")) and len(key) >= 3),
                                key=lambda item: (-len(item[0]), item[0]))
        self._fuzzy = [(key, entry) for key, entry in self._by_key.items()
                       if len(key) >= MIN_FUZZY_LENGTH and has_han(key)]
        self._by_char: dict[str, set[int]] = {}  # character -> fuzzy candidates holding it
        for index, (key, _entry) in enumerate(self._fuzzy):
            for char in key:
                self._by_char.setdefault(char, set()).add(index)

    def match(self, text: str) -> LabelMatch | None:
        text = text.strip()
        if not text:
            return None
        entry = self._exact.get(text)
        if entry is not None:
            return LabelMatch(entry, "exact", 1.0)
        key = label_key(text)
        if not key:
            return None
        entry = self._by_key.get(key)
        if entry is not None:
            return LabelMatch(entry, "normalised", 1.0)
        for prefix, entry in self._prefixes:
            if key.startswith(prefix):
                return LabelMatch(entry, "normalised", 1.0)
        if len(key) < MIN_FUZZY_LENGTH or not has_han(key):
            return None
        return self._fuzzy_match(key)

    def has_value(self, text: str) -> bool:
        """Does `text` hold more than its label: a count or a value beside it ("小红书号：118302851")?"""
        return label_key(text) != match_key(text).replace(" ", "").strip(_EDGE_JUNK)

    def exact(self, text: str) -> GlossaryEntry | None:
        """The label `text` is, exactly or normalised (no fuzzy, no counts stripped): for the
        pieces of a line being cut into labels (asked for every piece of every line, so the
        answers are kept, a screenful or two of them)."""
        if text in self._pieces:
            return self._pieces[text]
        if len(self._pieces) > 20000:
            self._pieces.clear()
        entry = self._exact.get(text) or self._by_key.get(match_key(text).replace(" ", ""))
        self._pieces[text] = entry
        return entry

    def run(self, text: str) -> list[tuple[int, int, GlossaryEntry]] | None:
        """`text` (no spaces) as two or more labels end to end ("笔记收藏赞过": a tab row the
        engine read as one line), as (start, end, entry); the fewest labels win, then the
        longest first label. None when it is not such a run."""
        if text in self._runs:
            return self._runs[text]
        if len(self._runs) > 20000:
            self._runs.clear()
        self._runs[text] = found = self._run(text)
        return found

    def _run(self, text: str) -> list[tuple[int, int, GlossaryEntry]] | None:
        size = len(text)
        # cuts[i]: the fewest labels covering text[i:], as a list (filled right to left)
        cuts: list[list[tuple[int, int, GlossaryEntry]] | None] = [None] * size + [[]]
        for start in range(size - 1, -1, -1):
            for end in range(min(size, start + MAX_LABEL_LENGTH), start, -1):
                rest = cuts[end]
                if rest is None:
                    continue
                entry = self.exact(text[start:end])
                if entry is None or (end - start == 1 and entry.zh in ALONE_ONLY):
                    continue
                option = [(start, end, entry), *rest]
                known = cuts[start]
                if known is None or len(option) < len(known):
                    cuts[start] = option
        best = cuts[0]
        return best if best is not None and len(best) >= 2 else None

    def match_among_labels(self, text: str) -> LabelMatch | None:
        """A two-character line sitting in a row of UI labels (a tab bar: 首页 热内 消息 我) is
        one too: one character away from exactly one two-character label is enough there."""
        key = label_key(text)
        if len(key) != 2 or not has_han(key):
            return None
        found = {entry.zh: entry for label, entry in self._by_key.items()
                 if len(label) == 2 and osa_distance(key, label, limit=2) == 1}
        if len(found) != 1:
            return None
        return LabelMatch(next(iter(found.values())), "fuzzy", 0.5)

    def _fuzzy_match(self, key: str) -> LabelMatch | None:
        best: list[tuple[float, GlossaryEntry]] = []
        candidates: set[int] = set()
        for char in set(key):
            candidates |= self._by_char.get(char, set())
        for index in sorted(candidates):
            label, entry = self._fuzzy[index]
            if abs(len(label) - len(key)) > 2:
                continue
            allowed = 2 if len(label) >= 7 else 1
            distance = osa_distance(key, label, limit=allowed + 1)
            if distance > allowed:
                continue
            score = 1.0 - distance / max(len(key), len(label))
            if score >= self.threshold:
                best.append((score, entry))
        if not best:
            return None
        best.sort(key=lambda item: -item[0])
        if len(best) > 1 and best[1][0] == best[0][0] and best[1][1].zh != best[0][1].zh:
            return None  # two labels equally close: do not guess
        return LabelMatch(best[0][1], "fuzzy", round(best[0][0], 3))
