"""Cutting one OCR line into the UI labels it holds and the text around them.

On a real screen the engine often reads several things as one line: a row of tabs set close
together ("笔记 收藏赞过", "全部 图文 视频 用户"), a label and its value ("小红书号：118302851",
"共 19条评论", "03-16 上海 回复"), a name and the 作者 tag beside it ("弄堂小生作者"), or an
icon it takes for a character ("十发布" for ＋ 发布, "三更多" for ≡ 更多). Whole-line matching
then finds nothing and the labels are lost. A line is cut when the evidence says it is UI:
- every Chinese piece of it is a label (a row of labels, with spaces or punctuation or none);
- a label at its start or end, where the rest is a value (digits, Latin, punctuation, or a
  number with a few characters such as 条 or a place), or set apart by a space the engine saw;
- a tag the app puts after a name (NAME_TAGS), when the word cut keeps it a word of its own
  (弄堂/小生/作者, but not 感谢/原作者);
and never otherwise: "关注我，每天分享穿搭" and "谢谢分享" stay one line of text, since
labels invented there would mislead more than they help.

Icons the engine reads as a character (ICON_READINGS) are dropped at a line's edge when the
label they sit beside is there, and never when the line with them is a word of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from guide.core.content.model import GlossaryEntry
from guide.core.screen.labels import MAX_LABEL_LENGTH, LabelMatch, LabelMatcher
from guide.core.screen.lines import Box, TextLine
from guide.core.translate.normalise import has_han, is_han_char


class Words(Protocol):
    def __contains__(self, word: str) -> bool: ...

    def cutter(self) -> object | None: ...


# What the OCR engine reads for the app's icons (on real screenshots, and on the icons drawn
# in tests/helpers/app_screens.py), and the labels each icon sits beside: a part of the label
# (any label containing it), or None for any label or value.
ICON_READINGS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "十": ("＋", None), "三": ("≡", None),
    "品": ("QR code", None), "吕": ("QR code", None),
    "中": ("gear", ("设置", "编辑资料")), "回": ("gear", ("设置", "编辑资料")), "斗": ("gear", ("设置", "编辑资料")),
    "不": ("pin", ("置顶",)), "平": ("pin", ("置顶",)),  # 不 is also "not": only before 置顶
    "阳": ("WeChat logo", ("微信", "朋友圈")),
}
# Marks an icon is read as (＋, ≡, chevrons, the pen in the comment box); never text beside Chinese.
ICON_MARKS = frozenset("+＋≡☰√✓>＞›〉»∨﹀⌄^/|")
# Icons read as a number character: dropped before a plain word too ("十心理": ＋ 心理), when
# neither the whole nor the icon with the word's first character is a word.
NUMBER_LOOKALIKES = frozenset("十三")
# A line of one such character read with less confidence than this is an icon on its own
# (≡ at the top of the profile, ＋ beside the chat box): real one-character words (我) are read
# with near certainty.
LONE_ICON_CONFIDENCE = 0.9
# Tags the app sets right after a user's name, read with the name as one line.
NAME_TAGS = frozenset({"作者"})

_SEPARATOR = re.compile(r"[\s:;,，：；、。《》〈〉「」『』【】()（）<>\"“”]+")
MAX_VALUE_HAN = 4  # "1天前上海", "共 19条": a count's unit, a time or a place, no sentence


@dataclass(frozen=True)
class Part:
    text: str
    box: Box
    label: LabelMatch | None


@dataclass(frozen=True)
class _Token:
    lo: int
    hi: int
    piece: int  # which of the engine's own boxes it came from


Cut = list[tuple[int, int, "GlossaryEntry | None"]]


class LineSplitter:
    """Built once per reader. `words()` gives the dictionary (with its word cutter) when the
    caller has one; without it the cuts that need it (NAME_TAGS, "十心理") are not made."""

    def __init__(self, labels: LabelMatcher, words: Callable[[], Words | None] | None = None) -> None:
        self.labels = labels
        self._words = words

    def split(self, line: TextLine) -> list[Part]:
        """The line as it is (one part), cut into labels and the text between them, or
        nothing (an icon read as a character, on its own)."""
        text = line.text
        if len(text.strip()) == 1 and text.strip() in ICON_READINGS and line.confidence < LONE_ICON_CONFIDENCE:
            return []
        breaks = tuple(offset for offset, _box in line.parts[1:])
        start, end = self._trim_icons(text, breaks)
        trimmed = (start, end) != (0, len(text))
        whole = self.labels.match(text[start:end])
        if whole is not None and whole.kind != "fuzzy" and not self.labels.has_value(text[start:end]):
            return [Part(text[start:end], line.span_box(start, end) if trimmed else line.box, whole)]
        cut = self._cut(text, start, end, breaks)
        if cut is None:
            if start >= end:
                return [Part(text, line.box, None)]
            return [Part(text[start:end], line.span_box(start, end) if trimmed else line.box, whole)]
        parts = []
        for lo, hi, entry in cut:
            while lo < hi and (text[lo].isspace() or _SEPARATOR.match(text[lo])):
                lo += 1
            while hi > lo and (text[hi - 1].isspace() or _SEPARATOR.match(text[hi - 1])):
                hi -= 1
            if entry is None and not any(ch.isalnum() for ch in text[lo:hi]):
                continue  # punctuation left between labels: 《 》, ：
            label = LabelMatch(entry, "normalised", 1.0) if entry is not None else None
            parts.append(Part(text[lo:hi], line.span_box(lo, hi), label))
        return parts

    # -- icons --------------------------------------------------------------------------

    def _trim_icons(self, text: str, breaks: tuple[int, ...]) -> tuple[int, int]:
        """The span of `text` without the icons read at its edges."""
        start, end = 0, len(text)
        while start < end and (text[start].isspace() or (text[start] in ICON_MARKS and _han_at(text, start + 1, 1))):
            start += 1
        while end > start and (text[end - 1].isspace() or (text[end - 1] in ICON_MARKS and _han_at(text, end - 2, -1))):
            end -= 1
        if end - start >= 3 and text[start] in ICON_READINGS and self._icon_fits(text, start, end, breaks, True):
            start += 1
        if end - start >= 3 and text[end - 1] in ICON_READINGS and self._icon_fits(text, start, end, breaks, False):
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _icon_fits(self, text: str, start: int, end: int, breaks: tuple[int, ...], leading: bool) -> bool:
        """Is the character at this edge an icon: the label it sits beside is there, and the
        line with it is no word of its own?"""
        char = text[start] if leading else text[end - 1]
        rest_start, rest_end = (start + 1, end) if leading else (start, end - 1)
        rest = text[rest_start:rest_end]
        _icon, partners = ICON_READINGS[char]
        cut = self._cut(text, rest_start, rest_end, breaks)
        if cut is not None:
            entry = (cut[0] if leading else cut[-1])[2]
            fits = partners is None or (entry is not None and any(p in entry.zh for p in partners))
        else:
            whole = self.labels.match(rest)
            fits = (whole is not None and whole.kind != "fuzzy"
                    and (partners is None or any(p in whole.entry.zh for p in partners)))
        words = self._dictionary()
        if not fits and leading and char in NUMBER_LOOKALIKES and words is not None:
            word = rest.strip()
            fits = (len(word) >= 2 and all(is_han_char(ch) for ch in word) and word in words
                    and (char + word[0]) not in words)
        return fits and (words is None or text[start:end] not in words)

    # -- labels -------------------------------------------------------------------------

    def _cut(self, text: str, start: int, end: int, breaks: tuple[int, ...]) -> Cut | None:
        """text[start:end] as (lo, hi, entry or None) pieces, or None when it is no UI line."""
        tokens = _tokens(text, start, end, breaks)
        labelled = [self._token_labels(text, token) for token in tokens]
        han = [i for i, token in enumerate(tokens) if has_han(text[token.lo:token.hi])]
        if han and all(labelled[i] is not None for i in han):
            found = [piece for i in han for piece in labelled[i] or ()]
            rest = [tokens[i] for i in range(len(tokens)) if i not in han]
            if len(found) >= 2 or (rest and self._is_value(text, rest)):  # a row of labels; a label and its value
                return _fill(start, end, found)
        for leading in (True, False):
            edge = self._edge_label(text, tokens, labelled, leading) if tokens else None
            if edge is not None:
                return _fill(start, end, edge)
        return None

    def _token_labels(self, text: str, token: _Token) -> Cut | None:
        entry = self.labels.exact(text[token.lo:token.hi])
        if entry is not None:
            return [(token.lo, token.hi, entry)]
        run = self.labels.run(text[token.lo:token.hi])
        return [(token.lo + a, token.lo + b, e) for a, b, e in run] if run is not None else None

    def _edge_label(self, text: str, tokens: list[_Token], labelled: list[Cut | None], leading: bool) -> Cut | None:
        """A label (or run of labels) at the start or end of the line: set apart from the rest
        (a space, or the engine's own boxes), or with a value beside it in its box; or a
        name tag after a name."""
        index = 0 if leading else len(tokens) - 1
        token = tokens[index]
        beside = [t for i, t in enumerate(tokens) if i != index and t.piece == token.piece]
        found = labelled[index]
        if found is not None:
            if (beside and self._is_value(text, beside)) or _apart(text, tokens, leading):
                return found
            return None
        # labels inside the edge token, at its edge: "共19条评论", "03-16上海赞回复"
        for size in range(min(token.hi - token.lo - 1, MAX_LABEL_LENGTH), 1, -1):
            lo, hi = (token.lo, token.lo + size) if leading else (token.hi - size, token.hi)
            entry = self.labels.exact(text[lo:hi])
            run = [(lo, hi, entry)] if entry is not None else [
                (lo + a, lo + b, e) for a, b, e in self.labels.run(text[lo:hi]) or ()]
            if not run:
                continue
            remainder = _Token(hi, token.hi, token.piece) if leading else _Token(token.lo, lo, token.piece)
            if self._is_value(text, [remainder, *beside]):
                return run
            if not leading and entry is not None and entry.zh in NAME_TAGS \
                    and self._last_word(text[token.lo:token.hi]) == text[lo:hi]:
                return run
        return None

    def _is_value(self, text: str, tokens: list[_Token]) -> bool:
        """Digits, Latin and punctuation, or a number with a few characters (条, 天前, 上海)."""
        rest = "".join(text[t.lo:t.hi] for t in tokens)
        if not rest.strip():
            return False
        han = sum(1 for ch in rest if is_han_char(ch))
        return han == 0 or (any(ch.isdigit() for ch in rest) and han <= MAX_VALUE_HAN)

    def _last_word(self, text: str) -> str | None:
        words = self._dictionary()
        cutter = words.cutter() if words is not None else None
        if cutter is None:
            return None
        cut = cutter.cut(text)  # type: ignore[attr-defined]
        return cut[-1] if cut else None

    def _dictionary(self) -> Words | None:
        return self._words() if self._words is not None else None


def _tokens(text: str, start: int, end: int, breaks: tuple[int, ...]) -> list[_Token]:
    """Spans of text[start:end] between separators (spaces, punctuation, and the edges of
    the engine's own boxes)."""
    spans: list[_Token] = []
    cuts = sorted({start, end, *(b for b in breaks if start < b < end)})
    for piece, (lo, hi) in enumerate(zip(cuts, cuts[1:])):
        position = lo
        for match in _SEPARATOR.finditer(text, lo, hi):
            if match.start() > position:
                spans.append(_Token(position, match.start(), piece))
            position = match.end()
        if position < hi:
            spans.append(_Token(position, hi, piece))
    return spans


def _fill(start: int, end: int, labels: Cut) -> Cut:
    """The labels with the text between them as unlabelled pieces, start to end."""
    out: Cut = []
    position = start
    for lo, hi, entry in sorted(labels, key=lambda item: item[0]):
        if lo > position:
            out.append((position, lo, None))
        out.append((lo, hi, entry))
        position = hi
    if position < end:
        out.append((position, end, None))
    return out


def _apart(text: str, tokens: list[_Token], leading: bool) -> bool:
    """Is the edge token set apart from its neighbour: a space the engine read, or its own box?"""
    if len(tokens) < 2:
        return False
    first, second = (tokens[0], tokens[1]) if leading else (tokens[-2], tokens[-1])
    return first.piece != second.piece or any(ch.isspace() for ch in text[first.hi:second.lo])


def _han_at(text: str, position: int, step: int) -> bool:
    """Is there a Han character at `position` or beyond (past spaces), going by `step`?"""
    while 0 <= position < len(text) and text[position].isspace():
        position += step
    return 0 <= position < len(text) and is_han_char(text[position])
