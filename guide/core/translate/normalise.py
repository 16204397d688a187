"""Normalising text so that the same sentence typed or pasted differently is found again.

Pasted text from RedNote mixes full-width and half-width punctuation, stray spaces and
case; the phrase book and the cache must not care.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
# Chinese punctuation that NFKC leaves alone, mapped to its ASCII twin.
_PUNCT = str.maketrans({
    "。": ".", "、": ",", "「": '"', "」": '"', "『": '"', "』": '"', "“": '"', "”": '"',
    "‘": "'", "’": "'", "【": "[", "】": "]", "《": "<", "》": ">", "〈": "<", "〉": ">",
    "…": "...", "—": "-", "～": "~", "·": ".",
})
_EDGE_PUNCT = " .,!?;:'\"()[]<>~-*…"


def normalise(text: str) -> str:
    """Cache key form: NFKC (full-width to half-width), one space between words, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    text = _SPACE_RE.sub(" ", text).strip()
    text = _strip_space_between_han(text)
    return text.casefold()


def match_key(text: str) -> str:
    """Phrase-book form: like `normalise`, and surrounding punctuation does not count."""
    return normalise(text).strip(_EDGE_PUNCT)


def _strip_space_between_han(text: str) -> str:
    """`你 好` and `你好` are the same text; spaces between Han characters carry nothing."""
    if " " not in text:
        return text
    return re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", text)


_HAN_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"
_HAN_RE = re.compile(_HAN_CLASS)
_ALL_HAN_RE = re.compile(f"{_HAN_CLASS}+")


def has_han(text: str) -> bool:
    """Han characters present means Chinese to English; otherwise English to Chinese."""
    return _HAN_RE.search(text) is not None


def is_han_char(char: str) -> bool:
    return _HAN_RE.match(char) is not None


def is_all_han(text: str) -> bool:
    """Nothing but Han characters (and at least one)."""
    return _ALL_HAN_RE.fullmatch(text) is not None


def han_runs(text: str) -> list[str]:
    """The runs of Han characters in `text`, in order."""
    return _ALL_HAN_RE.findall(text)


def han_count(text: str) -> int:
    return len(_HAN_RE.findall(text))


# Terminal escape sequences (CSI "ESC [ … letter", OSC "ESC ] … BEL or ESC \\", and
# two-character ones), then any control character left except line break and tab, and the
# bidirectional overrides that make text display in a different order than it reads.
_ESCAPE_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Text from a server, fit to cache, show and print: no escape codes or control
    characters (a reply could retitle the terminal or hide text), line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", _ESCAPE_RE.sub("", text))
