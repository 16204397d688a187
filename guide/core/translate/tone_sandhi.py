"""一 and 不 written with the tones they are said with, as teachers and textbooks mark them
(HSK Standard Course style, and the pack's own pinyin): 一下 yíxià, 一起 yìqǐ, 不对 búduì.

pypinyin's phrase data marks the change for some words and not others (一起 yìqǐ but 一下
yīxià, 一月 yíyuè for January), and a 一 or 不 cut off as a word of its own gets its tone
only from the word after it. So every 一 and 不 gets its tone again here:

不  bú before a 4th tone (不对 búduì, 不是 búshì, 不要 búyào), bù otherwise (不好 bùhǎo, and
    at the end). Between a word and the same word again, the A-not-A question, it is light
    and unmarked, as HSK textbooks write it: 是不是 shìbushì, 要不要 yào buyào, 喜不喜欢,
    一样不一样; but not in 一A不A, "not A at all" (一动不动 yídòngbúdòng).
一  yí before a 4th tone (一个 yí gè, 一下 yíxià, 一样 yíyàng), yì before a 1st, 2nd or 3rd
    (一起 yìqǐ, 一天 yì tiān, 一年 yì nián, 一点 yìdiǎn, 一百 yìbǎi); yī where it is a number
    said as a number: at the end of a word or phrase (统一, 唯一, 第一, 星期一, 十一), after 第
    (第一次), after another digit (十一月, 三十一岁), before a digit (一二三, 一一, 一五一十),
    in dates and the ordinals RedNote uses (一月 January, 一号, 一月一日, 一楼, 一年级,
    一等奖; but 大一号 "one size larger" is yí hào). Between a verb said twice it is light:
    看一看 kànyikàn. A word that ends in 一 but counts what follows (同一, 另一, 每一 …:
    同一个 tóngyí gè) takes its tone from the next word.
The next syllable is taken as it is finally said (不一定: 一 is yí, so 不 stays bù), its
erhua r included. A syllable the data already reads light (对不起 duìbuqǐ, 差不多 chàbuduō)
is left light, and the pack's own pinyin is never changed.

`within_words` applies this inside each word, to every reading the dictionary gives;
`in_line` across the words of a sentence (the pinyin line and the word cards, so they
agree), where a 一 or 不 at the edge of a word takes its tone from its neighbours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, MutableSequence, Sequence
from functools import lru_cache
from typing import Protocol

from guide.core.translate.normalise import is_all_han

YI, BU = "一", "不"
_CHANGED = frozenset((YI, BU))
_SEPARATOR = "\x00"  # between words, to find 一 and 不 at their edges in the joined text
_DIGITS = frozenset("〇零一二三四五六七八九十")  # not 百 千 万 两: 一百 yìbǎi, 一万 yíwàn, 一两天 yì liǎng tiān
_NUMBER_NEXT = ("月", "楼", "年级", "等奖")  # 一月 January, 一楼 the first floor, 一年级 first grade
_SIZES = frozenset("大小")  # 大一号 "one size larger": 一 counts, so yí hào
_COUNTING_ENDS = frozenset({"同一", "另一", "每一", "这一", "那一", "哪一", "某一", "任一"})
_WRITTEN = {YI: {0: "yi", 1: "yī", 2: "yí", 4: "yì"}, BU: {0: "bu", 2: "bú", 4: "bù"}}
_FORMS = {YI: frozenset(("yi", "yī", "yí", "yǐ", "yì")), BU: frozenset(("bu", "bū", "bú", "bǔ", "bù"))}
_TONE_OF = {mark: tone for tone, marks in enumerate(("āēīōūǖĀĒĪŌŪǕ", "áéíóúǘÁÉÍÓÚǗ", "ǎěǐǒǔǚǍĚǏǑǓǙ",
                                                     "àèìòùǜÀÈÌÒÙǛ"), 1) for mark in marks}
_VOWELS = frozenset("aeiouüvêAEIOUÜVÊ") | frozenset(_TONE_OF)


def first_tone(reading: str) -> int | None:
    """The tone of the first syllable of a written reading (0: light), None when it has none.

    A syllable's vowels always stand together, and two syllables' vowels never touch (a
    syllable starting with a vowel takes an apostrophe, or is written with y or w), so the
    first run of vowels is the first syllable's."""
    tone: int | None = None
    for char in reading:
        if char in _VOWELS:
            tone = max(tone or 0, _TONE_OF.get(char, 0))
        elif tone is not None:
            break
    return tone


def said_tone(char: str, before: str, after: str, next_tone: int | None, number_before: bool) -> int:
    """The tone 一 or 不 is said with. `before` / `after`: the Chinese text on each side in the
    same phrase; `next_tone`: the next syllable's tone as said (None: nothing follows);
    `number_before`: what comes just before is a number (十 in 十一)."""
    prev, following = before[-1:], after[:1]
    if char == BU:
        if following == BU:
            return 4  # 不不不: each one said on its own
        if any(len(before) >= k and before[-k:] == after[:k] and before[-k - 1:-k] != YI for k in (1, 2)):
            return 0  # A-not-A: 是不是, 喜不喜欢, 一样不一样; not 一A不A, "not A at all" (一动不动 yídòngbúdòng)
        return 2 if next_tone == 4 else 4
    if prev and prev == following and prev != YI and before[-2:-1] != YI:
        return 0  # 看一看 (but not 一天一天)
    if prev == "第" or number_before or following in _DIGITS or after.startswith(_NUMBER_NEXT):
        return 1
    if (following == "号" and prev not in _SIZES) or (following == "日" and prev == "月"):
        return 1  # 一号 the 1st, 一月一日
    if next_tone is None:
        return 1
    return 2 if next_tone == 4 or (next_tone == 0 and following == "个") else 4


def _rewritten(char: str, syllable: str, tone: int) -> str | None:
    """`syllable` (the data's reading of 一 or 不) with `tone`; None when it is to stay: read
    light already, or not a reading this module knows."""
    plain = syllable.lower()
    if plain not in _FORMS[char] or plain == _WRITTEN[char][0]:
        return None
    written = _WRITTEN[char][tone]
    return written.capitalize() if syllable[:1].isupper() else written


def within_words(readings: Mapping[str, MutableSequence[str | None]]) -> None:
    """Each 一 and 不 of each word (word -> one syllable per character, None for one that is
    not Han) given its tone inside the word, in place; a 一 or 不 ending the word is said as
    if nothing followed (`in_line` looks at the next word)."""
    for word, syllables in readings.items():
        if YI in word or BU in word:
            _within_word(word, syllables)


def _within_word(word: str, syllables: MutableSequence[str | None]) -> None:
    for i in range(len(word) - 1, -1, -1):
        syllable = syllables[i]
        if word[i] not in _CHANGED or syllable is None:
            continue
        following = syllables[i + 1] if i + 1 < len(word) else None
        tone = said_tone(word[i], word[:i], word[i + 1:], first_tone(following) if following else None,
                         word[i - 1:i] in _DIGITS)
        syllables[i] = _rewritten(word[i], syllable, tone) or syllable


def in_line(texts: Sequence[str], readings: Sequence[str], as_written: Sequence[bool]) -> list[str]:
    """The readings of a sentence's words (`texts`, punctuation included) with each 一 and 不
    at the edge of a word given its tone from the words around it. `as_written`: words whose
    reading is kept (the pack's own pinyin; punctuation). A word that is not all Chinese
    (punctuation, digits, letters) ends the phrase."""
    out = list(readings)
    for k, reading in _changes(texts, out.__getitem__, as_written.__getitem__).items():
        out[k] = reading
    return out


def _changes(texts: Sequence[str], reading_of: Callable[[int], str], kept: Callable[[int], bool]) -> dict[int, str]:
    """Word index -> its new reading, for the words `in_line` changes. Only the words with 一
    or 不 at an edge are looked at (a 300-character text has a handful)."""
    changed: dict[int, str] = {}

    def said(k: int) -> str:
        return changed[k] if k in changed else reading_of(k)

    for k in reversed(_at_edges(texts)):
        text = texts[k]
        if kept(k) or not _chinese(text):
            continue
        reading = said(k)
        if not reading:
            continue
        before, after = _beside(texts, k, -1), _beside(texts, k, 1)
        next_tone = first_tone(said(k + 1)) if after else None
        number_before = bool(before) and all(c in _DIGITS for c in texts[k - 1])
        if len(text) == 1:
            new = _rewritten(text, reading, said_tone(text, before, after, next_tone, number_before)) or reading
        else:
            new = reading
            if text[0] in _CHANGED:  # 要 / 不要, 大 / 一号: the word before counts too
                tone = said_tone(text[0], before, text[1:] + after, first_tone(reading[2:]), number_before)
                new = _with_edge(new, text[0], tone, first=True)
            if text[-1] == BU or (text[-1] == YI and text in _COUNTING_ENDS):  # 不得不 / 去, 同一 / 个
                tone = said_tone(text[-1], before + text[:-1], after, next_tone, text[-2] in _DIGITS)
                new = _with_edge(new, text[-1], tone, first=False)
        if new != reading:
            changed[k] = new
    return changed


def _at_edges(texts: Sequence[str]) -> list[int]:
    """Indices of the words that start or end with 一 or 不, in order: found with str.find in
    the joined text (a word loop costs four times as much, and most words have neither)."""
    joined, found = _SEPARATOR.join(texts), set()
    for char in _CHANGED:
        at = joined.find(char)
        while at != -1:
            if joined[at - 1:at] in ("", _SEPARATOR) or joined[at + 1:at + 2] in ("", _SEPARATOR):
                found.add(joined.count(_SEPARATOR, 0, at))
            at = joined.find(char, at + 1)
    return sorted(found)


_chinese = lru_cache(maxsize=4096)(is_all_han)  # asked about the same few words again and again


def _beside(texts: Sequence[str], k: int, step: int) -> str:
    """Up to two characters of Chinese next to word k, on one side (step -1: before it)."""
    j, found = k + step, 0
    parts: list[str] = []
    while 0 <= j < len(texts) and found < 2 and _chinese(texts[j]):
        parts.append(texts[j])
        found += len(texts[j])
        j += step
    return "".join(reversed(parts))[-2:] if step < 0 else "".join(parts)[:2]


def _with_edge(reading: str, char: str, tone: int, first: bool) -> str:
    """`reading` with its first (or last) syllable, the reading of `char`, said with `tone`."""
    edge = reading[:2] if first else reading[-2:]
    changed = _rewritten(char, edge, tone) if len(edge) == 2 else None
    if changed is None:
        return reading
    return changed + reading[2:] if first else reading[:-2] + changed


class _Card(Protocol):
    text: str
    pinyin: str
    source: str


class _Token(Protocol):
    text: str
    kind: str


def on_cards(tokens: Sequence[_Token], cards: Sequence[_Card], punct: str) -> None:
    """The word cards of a sentence (one per token that is not of kind `punct`) given the
    readings `in_line` gives the pinyin line; the pack's words keep their own."""
    texts = [t.text for t in tokens]
    joined = "".join(texts)
    if YI not in joined and BU not in joined:
        return
    stops = [k for k, t in enumerate(tokens) if t.kind == punct]

    def card(k: int) -> _Card | None:  # token k's card: one per token that is not punctuation
        return None if tokens[k].kind == punct else cards[k - bisect_right(stops, k)]

    def reading_of(k: int) -> str:
        found = card(k)
        return found.pinyin if found is not None else ""

    def kept(k: int) -> bool:
        found = card(k)
        return found is None or found.source in ("phrasebook", "glossary")

    for k, reading in _changes(texts, reading_of, kept).items():
        found = card(k)
        if found is not None:
            found.pinyin = reading
