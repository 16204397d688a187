"""Sentence splitting for Chinese and English, for the cache and for engine char limits.

The pieces keep their punctuation and the whitespace that followed them, so joining the
pieces gives back the original text exactly.
"""

from __future__ import annotations

import re

# Chinese: after 。！？；… (and their ASCII twins), plus any closing quotes/brackets.
# English: after . ! ? followed by whitespace (so "3.5" and "e.g.x" stay whole).
_END_RE = re.compile(
    r"""(
        [。！？；!?;…]+[”’"'」』）)\]]*\s*     # Chinese-style ends (ASCII ! ? ; too)
      | \.+[”’"')\]]*(?:\s+|$)                # a full stop needs a space or the end after it
      | \n+                                  # a line break always ends a piece
    )""",
    re.VERBOSE,
)


def split_sentences(text: str) -> list[str]:
    """Split into sentences; ''.join(result) == text."""
    pieces: list[str] = []
    start = 0
    for match in _END_RE.finditer(text):
        end = match.end()
        if end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return [p for p in pieces if p]


def chunk(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at sentence ends where possible.

    A single sentence longer than the limit is cut at a comma or space, and as a last
    resort at the limit itself. ''.join(result) == text.
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    if len(text) <= limit:
        return [text] if text else []
    chunks: list[str] = []
    current = ""
    for sentence in split_sentences(text):
        for piece in _cut_long(sentence, limit):
            if len(current) + len(piece) <= limit:
                current += piece
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


_SOFT_BREAK_RE = re.compile(r"[，,、：:\s]")


def _cut_long(sentence: str, limit: int) -> list[str]:
    pieces = []
    while len(sentence) > limit:
        window = sentence[:limit]
        breaks = [m.end() for m in _SOFT_BREAK_RE.finditer(window)]
        cut = breaks[-1] if breaks and breaks[-1] > limit // 3 else limit
        pieces.append(sentence[:cut])
        sentence = sentence[cut:]
    if sentence:
        pieces.append(sentence)
    return pieces
