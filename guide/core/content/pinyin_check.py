"""Checks written pinyin against pypinyin's reading of the 汉字.

Authors write pinyin the way learners read it (words joined, tone marks, neutral tones
unmarked, 一/不 with their sandhi tones, 儿 as an r: nǎr); this aligns that to pypinyin's
per-character reading and reports the syllables that differ, and a syllable starting with
a, o or e inside a word without its apostrophe (kěài for kě'ài).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from guide.core.translate.normalise import han_runs
from guide.core.translate.pinyin_words import ERHUA, ERHUA_CHARS, needs_apostrophe

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_SANDHI = {"一": {"yī", "yí", "yì"}, "不": {"bù", "bú"}}
_SPLIT_RE = re.compile(r"[\s'’\-‐·.,!?;:…\"“”()（）!?,。、！？；：~～/]+")


def split_tone(syllable: str) -> tuple[str, int]:
    """'hǎo' -> ('hao', 3); an unmarked syllable has tone 0 (neutral)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = 0
    kept = []
    for char in decomposed:
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(split_tone(reading)[0])
    found.update({ERHUA})  # erhua written as a bare r (yìdiǎnr): allowed for 儿 only (_matches)
    return frozenset(found)


def _segmentations(word: str, limit: int = 64) -> list[list[str]]:
    """All ways to cut a toned pinyin word into valid syllables (bounded)."""
    valid = _syllables()
    results: list[list[str]] = []

    def walk(start: int, acc: list[str]) -> None:
        if len(results) >= limit:
            return
        if start == len(word):
            results.append(list(acc))
            return
        for end in range(len(word), start, -1):
            piece = word[start:end]
            if split_tone(piece)[0] in valid:
                acc.append(piece)
                walk(end, acc)
                acc.pop()

    walk(0, [])
    return results


def expected_readings(zh: str) -> list[tuple[str, str]]:
    """(character, pypinyin reading) for every Han character, read in context."""
    from pypinyin import Style, lazy_pinyin

    out: list[tuple[str, str]] = []
    for run in han_runs(zh):
        out.extend(zip(run, lazy_pinyin(run, style=Style.TONE)))
    return out


def _matches(char: str, given: str, expected: str) -> bool:
    if given == expected or given in _SANDHI.get(char, ()):
        return True
    if given == ERHUA:
        return char in ERHUA_CHARS  # pypinyin reads every 儿 as ér; whether it is an r is the author's
    g_base, g_tone = split_tone(given)
    e_base = split_tone(expected)[0]
    return g_tone == 0 and g_base == e_base  # neutral tone written without a mark


def check(zh: str, pinyin: str) -> str | None:
    """None when `pinyin` fits `zh`; otherwise a message naming what differs."""
    expected = expected_readings(zh)
    text = unicodedata.normalize("NFC", pinyin).lower()
    for run in re.findall(r"[A-Za-z0-9]+", zh):  # letters/digits in zh are copied verbatim
        text = re.sub(rf"(?<![a-zà-ǜ]){re.escape(run.lower())}(?![a-zà-ǜ])", " ", text, count=1)
    words = [w for w in _SPLIT_RE.split(text) if w]
    if not expected:
        return None if not words else f"pinyin {pinyin!r} given but {zh!r} has no Chinese characters"
    n = len(expected)
    options = [_segmentations(w) for w in words]
    for w, opts in zip(words, options):
        if not opts:
            return f"{w!r} in {pinyin!r} is not valid pinyin (use tone marks, not numbers)"
    # best[i][k]: fewest mismatches using words[:i] and k syllables; each syllable with
    # whether it starts its word
    best: dict[tuple[int, int], tuple[int, list[tuple[str, bool]]]] = {(0, 0): (0, [])}
    for i, opts in enumerate(options):
        for (wi, k), (cost, acc) in list(best.items()):
            if wi != i:
                continue
            for seg in opts:
                nk = k + len(seg)
                if nk > n:
                    continue
                extra = sum(0 if _matches(expected[k + j][0], s, expected[k + j][1]) else 1 for j, s in enumerate(seg))
                key = (i + 1, nk)
                if key not in best or best[key][0] > cost + extra:
                    best[key] = (cost + extra, acc + [(s, j == 0) for j, s in enumerate(seg)])
    final = best.get((len(words), n))
    if final is None:
        return f"pinyin {pinyin!r} does not have one syllable per character of {zh!r} ({n} characters)"
    cost, placed = final
    syllables = [s for s, _ in placed]
    natural = sum(len(opts[0]) for opts in options)  # longest-syllable-first reading
    if cost and natural != n:
        return f"pinyin {pinyin!r} has {natural} syllables but {zh!r} has {n} characters; one syllable per character"
    if all(split_tone(s)[1] == 0 for s in syllables) and any(split_tone(e)[1] for _, e in expected):
        return f"pinyin {pinyin!r} for {zh!r} has no tone marks; write them (e.g. nǐ hǎo, not ni hao or ni3 hao3)"
    if cost == 0:
        return _missing_apostrophe(zh, pinyin, placed)
    diffs = [
        f"{char} {given} (pypinyin: {exp})"
        for (char, exp), given in zip(expected, syllables)
        if not _matches(char, given, exp)
    ]
    return f"pinyin {pinyin!r} for {zh!r} differs from pypinyin: {', '.join(diffs)}; fix it or add pinyin_exception with the reason"


def _missing_apostrophe(zh: str, pinyin: str, placed: list[tuple[str, bool]]) -> str | None:
    """Hanyu Pinyin puts an apostrophe before a syllable starting with a, o or e that is not
    the first of its word: kěài would be read wrongly (xīān as xiān)."""
    inside = [s for s, first in placed if not first and needs_apostrophe(s)]
    if not inside:
        return None
    return (f"pinyin {pinyin!r} for {zh!r} needs an apostrophe before {', '.join(map(repr, inside))}: "
            "a syllable starting with a, o or e inside a word takes one (kě'ài, Xī'ān, nǚ'ér)")
