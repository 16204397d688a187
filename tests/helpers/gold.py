"""Scoring the word breakdown against tests/core/translate/gold_sentences.yaml (used by the
gold-set test and by benchmarks/run.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

GOLD_FILE = Path(__file__).resolve().parent.parent / "core" / "translate" / "gold_sentences.yaml"


@dataclass
class GoldScore:
    words: int = 0
    right: int = 0
    sentences: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.words if self.words else 0.0


def _expected(line: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for item in line.split():
        word, _, keyword = item.partition("=")
        out.append((word, keyword.replace("_", " ") or None))
    return out


def score(glosser, path: Path = GOLD_FILE) -> GoldScore:
    """A word counts when the breakdown cuts it exactly there and, if a keyword is given,
    one of its first two meanings (what the card shows) contains the keyword."""
    result = GoldScore()
    for line in yaml.safe_load(path.read_text(encoding="utf-8")):
        expected = _expected(line)
        text = "".join(word for word, _ in expected)
        result.sentences += 1
        glossed: dict[int, object] = {}
        position = 0
        remaining = text
        for word in glosser.gloss(text, "zh"):
            offset = remaining.find(word.text)
            if offset < 0:
                continue
            position += offset
            glossed[position] = word
            position += len(word.text)
            remaining = text[position:]
        position = 0
        for word, keyword in expected:
            start, position = position, position + len(word)
            if all(not ch.isalnum() for ch in word):
                continue
            result.words += 1
            got = glossed.get(start)
            ok = got is not None and got.text == word
            if ok and keyword:
                card = " | ".join(got.meanings[:2]).casefold()
                ok = keyword.casefold() in card
            if ok:
                result.right += 1
            else:
                shown = f"{got.text}: {' | '.join(got.meanings[:2])}" if got is not None else "not cut here"
                result.misses.append(f"{text}: {word}={keyword or ''} -> {shown}")
    return result
