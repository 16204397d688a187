"""CC-CEDICT's notation made readable: tone marks, cross-references, and which senses are minor.

CC-CEDICT writes pinyin with tone numbers ("yin2 hang2") and refers to other words as
`新疆[Xin1 jiang1]` or `個|个[ge4]`. A learner should see 新疆 (Xīnjiāng) instead, and no
bracketed, numbered pinyin may reach the screen or the JSON.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guide.core.translate.pinyin_words import join_syllables

_MARKS = {
    "a": "āáǎàa", "e": "ēéěèe", "i": "īíǐìi", "o": "ōóǒòo", "u": "ūúǔùu", "ü": "ǖǘǚǜü",
}
_SYLLABLE_RE = re.compile(r"^([a-zü:]+?)([1-5])$", re.IGNORECASE)


@lru_cache(maxsize=4096)  # a few thousand syllables; ranking a card marks each entry's reading
def _mark_syllable(syllable: str) -> str:
    match = _SYLLABLE_RE.match(syllable.replace("u:", "ü").replace("v", "ü").replace("U:", "Ü"))
    if not match:
        return syllable.replace("u:", "ü")
    body, tone = match.group(1), int(match.group(2))
    lower = body.lower()
    if "a" in lower:
        index = lower.index("a")
    elif "e" in lower:
        index = lower.index("e")
    elif "ou" in lower:
        index = lower.index("o")
    else:
        index = max((i for i, ch in enumerate(lower) if ch in "iouü"), default=-1)
    if index < 0:
        return body
    vowel = lower[index]
    marked = _MARKS[vowel][tone - 1]
    if body[index].isupper():
        marked = marked.upper()
    return body[:index] + marked + body[index + 1:]


@lru_cache(maxsize=20_000)  # each entry's reading, marked every time a card ranks its entries
def numbered_to_marks(pinyin: str) -> str:
    """"yin2 hang2" -> "yínháng"; "Bei3 jing1" -> "Běijīng"; "Xi1 an1" -> "Xī'ān" and
    "na3 r5" -> "nǎr" (pinyin_words); letters and digits stay as they are."""
    return join_syllables((_mark_syllable(s), _is_numbered(s)) for s in pinyin.split())


def marked_syllables(pinyin: str) -> list[str]:
    """"na3 r5" -> ["nǎ", "r"]: each syllable with its tone mark, still apart."""
    return [_mark_syllable(s) for s in pinyin.split()]


def _is_numbered(syllable: str) -> bool:
    return _SYLLABLE_RE.match(syllable.replace("u:", "ü").replace("v", "ü").replace("U:", "Ü")) is not None


# 新疆[Xin1 jiang1], 個|个[ge4], 哈薩克斯坦|哈萨克斯坦[Ha1 sa4 ke4 si1 tan3]; also "Xinjiang 新疆[...]".
# Every pattern here is linear in the text's length (pack notes and a tampered index reach it):
# a word is tried only from its first character (the lookbehind), a bracket's content stops at
# the next bracket, and whether that content is numbered pinyin is decided afterwards.
_WORD = r"[^\s\[\]|/,;()]+"
_XREF_RE = re.compile(rf"(?<![^\s\[\]|/,;()])({_WORD})(?:\|({_WORD}))?\[([^\[\]]*)\]")
_BRACKETED_RE = re.compile(r"\[([^\[\]]*)\]")
_NUMBERED_PINYIN_RE = re.compile(r"[A-Za-z:][1-5]")
_CL_RE = re.compile(r"\(?(?:(?<!\s)\s+)?CL:[^)/]*\)?")
_SPACES_RE = re.compile(r"\s{2,}")


def _xref(match: re.Match[str]) -> str:
    if not _NUMBERED_PINYIN_RE.search(match.group(3)):
        return match.group(0)
    word = match.group(2) or match.group(1)  # simplified form when both are given
    return f"{word} ({numbered_to_marks(match.group(3))})"


def _bare_pinyin(match: re.Match[str]) -> str:
    """Any [..] left that holds numbered pinyin: (with tone marks)."""
    if not _NUMBERED_PINYIN_RE.search(match.group(1)):
        return match.group(0)
    return f"({numbered_to_marks(match.group(1))})"


@lru_cache(maxsize=50_000)
def clean_sense(sense: str) -> str:
    """One CC-CEDICT sense as a learner should read it: cross-references with tone marks,
    classifier notes dropped, "(bound form)" markers dropped; "" when nothing is left."""
    text = _CL_RE.sub("", sense)
    text = _XREF_RE.sub(_xref, text)
    text = _BRACKETED_RE.sub(_bare_pinyin, text)
    text = text.replace("(bound form) ", "").replace("(bound form)", "")
    text = text.replace("()", "")
    return _SPACES_RE.sub(" ", text).strip(" ;,")


# Senses a learner rarely means in everyday text: shown only after the everyday ones.
_MINOR_PREFIXES = (
    "surname ", "abbr. ", "abbr ", "variant of", "old variant of", "archaic variant of", "japanese variant",
    "see ", "used in ", "(literary)", "(old)", "(classical)", "(archaic)", "(arch.)", "cl:", "(old) ",
    "erhua variant", "also written", "(taiwan)", "(tw)",
)


@lru_cache(maxsize=50_000)
def is_minor_sense(sense: str) -> bool:
    """Surnames, abbreviations, variants, literary/old/classical uses and classifier lines."""
    lower = sense.strip().casefold()
    return lower.startswith((*_MINOR_PREFIXES, "(cl:"))
