"""What a piece of the app's own Chinese text means, for a card: a UI label of the pack's
glossary when the text is one, else a UI template (共{n}条评论) when one matches, else the
offline word breakdown with its pinyin.

Used for the text written in walkthrough mockups (any text there can be clicked). The
template step is a hook: `explain` takes the template matcher as an argument, so the
template module (issue 21 part 2) plugs in without this module knowing its shape beyond
`TemplateMeaning`. The breakdown loads the dictionary: call `explain` off the UI thread when
the text is not a label (`label_meaning` alone is instant).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from guide.core.content.model import GlossaryEntry, Pack
from guide.core.translate.normalise import match_key

LABEL, TEMPLATE, BREAKDOWN = "label", "template", "breakdown"
_EDGE = " .,!?;:'\"()[]<>~-*…|/\\·•>：，。！？、"


@dataclass(frozen=True)
class TemplateMeaning:
    """What a template matcher answers: the English with the value filled in ("19 comments"),
    the reading, and the template's own note and where it appears."""

    en: str
    pinyin: str = ""
    where: str = ""
    note: str = ""


@dataclass(frozen=True)
class WordMeaning:
    text: str
    pinyin: str
    meanings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextMeaning:
    """A card's content. `en` is the meaning of the whole text (a label's or a template's); a
    breakdown has `words` instead and `en` empty."""

    zh: str
    pinyin: str
    source: str  # LABEL | TEMPLATE | BREAKDOWN
    en: str = ""
    where: str = ""
    note: str = ""
    words: tuple[WordMeaning, ...] = field(default_factory=tuple)
    label: GlossaryEntry | None = None


TemplateMatcher = Callable[[str], TemplateMeaning | None]


def label_for(pack: Pack, text: str) -> GlossaryEntry | None:
    """The glossary entry that `text` is: exactly, or ignoring width, case, spaces and edge
    punctuation ("认证：" is 认证, "说点什么..." is 说点什么…)."""
    exact = pack.label(text) or pack.label(text.strip())
    if exact is not None:
        return exact
    key = match_key(text).replace(" ", "").strip(_EDGE)
    if not key:
        return None
    return next((e for e in pack.glossary if match_key(e.zh).replace(" ", "").strip(_EDGE) == key), None)


def label_meaning(pack: Pack, text: str) -> TextMeaning | None:
    """The card for `text` when it is a UI label; instant (no dictionary)."""
    entry = label_for(pack, text)
    if entry is None:
        return None
    return TextMeaning(text, entry.pinyin, LABEL, entry.en, entry.where, entry.note, label=entry)


def explain(pack: Pack, text: str, glosser, template: TemplateMatcher | None = None) -> TextMeaning:  # noqa: ANN001 - a gloss.Glosser
    """The label, else the template, else the breakdown of `text` (see the module docstring)."""
    found = label_meaning(pack, text)
    if found is not None:
        return found
    if template is not None:
        matched = template(text)
        if matched is not None:
            return TextMeaning(text, matched.pinyin or glosser.pinyin(text), TEMPLATE, matched.en, matched.where, matched.note)
    words = tuple(WordMeaning(w.text, w.pinyin, tuple(w.meanings)) for w in glosser.gloss(text, "zh"))
    return TextMeaning(text, glosser.pinyin(text), BREAKDOWN, words=words)
