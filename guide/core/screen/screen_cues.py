"""What a screen shows, as cues the step matcher can weigh: its labels, the app's other text,
and its layout. The same function reads a screenshot and a step's mockup, so the two are
compared on equal terms.

- every label on it ("关注");
- the rest of its text, with numbers made "#" ("text:请输入手机号", "text:#人看过"), for the
  app's own words that are no glossary label (placeholders, headers, menu items); a line
  needs four Chinese characters, so a two-word comment ("好可爱") is no evidence;
- the labels in its bottom row ("bottom:说点什么...": the comment box; "bottom:首页": the tab
  bar), and whether that row holds two or more counts ("bottom:counts": a note's like / save
  / comment counts; a live room's comment box has none);
- a log-in form: two or more lines offering to log in (登录 in them, 退出登录 "log out" aside:
  密码登录, 验证码登录, 其他登录方式, the 登录 button), however the app words them;
- its shape, when it is clear: a phone screen is portrait, the website landscape (a region
  read from the screen may be neither).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from guide.core.translate.normalise import is_han_char

SHAPE = 1.3  # a picture this many times wider than tall is landscape (or taller: portrait)
BOTTOM = 0.85  # a line whose middle is below this share of the height is in the bottom rows
MIN_TEXT_HAN = 4
LOG_IN, LOG_OUT = "登录", "退出登录"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:万|千|亿|w|k)?\+?", re.IGNORECASE)
_DROP = re.compile(r"[\s.,:;!?'\"()\[\]<>~\-*…·、，。：；！？“”‘’《》「」【】（）]+")


@dataclass(frozen=True)
class Seen:
    """One line on a screen: its text, the label it is (if any), and its box as fractions
    of the picture (x, y, w, h)."""

    text: str
    label: str | None
    x: float
    y: float
    w: float
    h: float

    @property
    def middle(self) -> float:
        return self.y + self.h / 2


def text_cue(text: str) -> str | None:
    """The comparable form of a line of text, or None when it is too short to tell anything."""
    key = unicodedata.normalize("NFKC", text).casefold()
    key = _DROP.sub("", _NUMBER.sub("#", key))
    if sum(1 for ch in key if is_han_char(ch)) < MIN_TEXT_HAN:
        return None
    return "text:" + key


def shape_cue(width: float, height: float) -> str | None:
    if width >= SHAPE * height:
        return "layout:landscape"
    if height >= SHAPE * width:
        return "layout:portrait"
    return None


def screen_cues(seen: Iterable[Seen], width: float, height: float) -> frozenset[str]:
    """The cues of a screen `width` × `height` (pixels or any unit) showing `seen`."""
    lines = list(seen)
    shape = shape_cue(width, height)
    cues = {shape} if shape is not None else set()
    for line in lines:
        if line.label is not None:
            cues.add(line.label)
        else:
            cue = text_cue(line.text)
            if cue is not None:
                cues.add(cue)
    if sum(1 for line in lines if LOG_IN in line.text and LOG_OUT not in line.text) >= 2:
        cues.add("form:log-in")
    bottom = [line for line in lines if line.middle >= BOTTOM]
    if bottom:
        last = max(bottom, key=lambda line: line.middle)
        row = [line for line in bottom if abs(line.middle - last.middle) <= max(line.h, last.h)]
        cues.update(f"bottom:{line.label}" for line in row if line.label is not None)
        if sum(len(_NUMBER.findall(line.text)) for line in row if line.label is None and _counts_only(line.text)) >= 2:
            cues.add("bottom:counts")
    return frozenset(cues)


def _counts_only(text: str) -> bool:
    """Numbers and the icons read between them ("851☆367 50"), nothing else."""
    rest = _NUMBER.sub("", text)
    return not any(ch.isalpha() for ch in rest) and bool(_NUMBER.search(text))
