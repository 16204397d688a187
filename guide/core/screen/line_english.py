"""What the Screenshot page writes over a line on the picture, in English: the UI label's
meaning, the line's translation, or — with no translation (offline, no engine answered) — a
short breakdown, the first sense of each word."""

from __future__ import annotations

import re

from guide.core.screen.reader import ReadLine
from guide.core.translate.gloss import GlossWord

# Spaces before a bracket are tried once, from the start of their run: linear on a run of spaces.
_INNERMOST_BRACKETS = re.compile(r"(?:(?<!\s)\s+)?(?:\([^()]*\)|\[[^\[\]]*\]|（[^（）]*）)")


def breakdown_summary(words: list[GlossWord]) -> str:
    """The first sense of each word: "this · shop · dessert · also · very · good". Senses that
    are only a grammar note ("(completed action marker)") are left out."""
    senses = []
    for word in words:
        for meaning in word.meanings[:1]:
            sense = _without_brackets(meaning.split(";")[0])
            if sense:
                senses.append(sense)
    return " · ".join(senses)


def _without_brackets(text: str) -> str:
    """"you (courteous, as opposed to informal 你[ni3])" -> "you": innermost first, a few levels."""
    for _level in range(4):
        text, found = _INNERMOST_BRACKETS.subn("", text)
        if not found:
            break
    return " ".join(text.split())


def line_english(index: int, line: ReadLine) -> str | None:
    """The English for line `index` of a reading: the label's, the translation (on a wrapped
    sentence's first line; the lines after it get their own words), or the breakdown; None
    while it is being translated or when there is nothing to say."""
    if line.label is not None:
        return line.label.entry.en
    result = line.translation
    if result is None:
        return None
    if result.translation and (not line.paragraph or line.paragraph[0] == index):
        return result.translation
    return breakdown_summary(line.gloss or result.gloss) or None
