"""Which meanings of a word to show first.

Who decides, in order (the first that knows the word wins the card):
1. the pack's glossary (UI labels), then its phrase book: the app's own words and slang;
2. `sense_overrides.yaml` beside this file: common words whose CC-CEDICT order misleads
   in everyday posts (不错 "not bad; pretty good" before "correct"; 牌子 "brand" before
   "sign"); its senses come first, CC-CEDICT's follow;
3. CC-CEDICT, ranked here: the entry read as the word is read in context first (pypinyin's
   reading), names and places (capitalised pinyin), surnames, abbreviations, variants,
   literary, old and classical uses and classifier lines last, unless nothing else exists.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import yaml

from guide.core.translate.cedict_text import clean_sense, is_minor_sense
from guide.core.translate.dictionary import CedictEntry

log = logging.getLogger(__name__)

OVERRIDES_FILE = Path(__file__).with_name("sense_overrides.yaml")


def _same_reading(a: str, b: str) -> bool:
    return a.replace("ü", "v").casefold() == b.replace("ü", "v").casefold()


def rank_entries(entries: list[CedictEntry], reading: str) -> list[CedictEntry]:
    """The entry read as the word is read in context first; names, variants, surnames last."""
    def rank(item: tuple[int, CedictEntry]) -> tuple[int, int, int, int]:
        index, entry = item
        return (1 if entry.is_minor else 0, 0 if _same_reading(entry.pinyin, reading) else 1,
                1 if entry.is_proper_noun else 0, index)

    return [entry for _, entry in sorted(enumerate(entries), key=rank)]


def entry_senses(entry: CedictEntry) -> list[str]:
    """An entry's senses, cleaned: everyday ones in CC-CEDICT's order, minor ones after."""
    major, minor = [], []
    for sense in entry.senses:
        cleaned = clean_sense(sense)
        if cleaned:
            (minor if is_minor_sense(sense) else major).append(cleaned)
    return list(dict.fromkeys(major + minor))


def best_senses(word: str, entries: list[CedictEntry], reading: str, limit: int | None = None) -> list[str]:
    """The senses for a word card: overrides, then the best entry's senses (and the next
    entries' only when the best one has nothing but minor senses)."""
    senses = list(overrides().get(word, ()))
    for entry in rank_entries(entries, reading):
        senses.extend(s for s in entry_senses(entry) if s not in senses)
        if not entry.is_minor and not entry.is_proper_noun:
            break
    return senses[:limit] if limit else senses


def all_senses(word: str, entries: list[CedictEntry], reading: str) -> list[str]:
    """Every sense of every entry, best first (the detail panel)."""
    senses = list(overrides().get(word, ()))
    for entry in rank_entries(entries, reading):
        senses.extend(s for s in entry_senses(entry) if s not in senses)
    return senses


@lru_cache(maxsize=1)
def overrides() -> dict[str, tuple[str, ...]]:
    """word -> senses shown before CC-CEDICT's (see sense_overrides.yaml)."""
    try:
        data = yaml.safe_load(OVERRIDES_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        log.warning("sense overrides not read (%s)", exc)
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for word, senses in data.items():
        if isinstance(senses, str):
            senses = [senses]
        out[str(word)] = tuple(str(s) for s in senses)
    return out
