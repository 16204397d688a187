"""Which meanings of a word to show first.

Who decides, in order (the first that knows the word wins the card; gloss.py applies 1):
1. the pack: its phrase book (slang) always; a UI label from its glossary when the text is
   that label alone or CC-CEDICT lacks the word (in a sentence 我 is "I; me", and the
   label's "Me" comes second);
2. `sense_overrides.yaml` beside this file: common words whose CC-CEDICT order misleads
   in everyday posts (不错 "not bad; pretty good" before "correct"; 牌子 "brand" before
   "sign"); its senses come first, CC-CEDICT's follow;
3. CC-CEDICT, ranked here: the entry read as the word is read in context first (pypinyin's
   reading), names and places (capitalised pinyin), surnames, abbreviations, variants,
   literary, old and classical uses and classifier lines last, unless nothing else exists.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from guide.core.translate.cedict_text import clean_sense, is_minor_sense
from guide.core.translate.dictionary import CedictEntry

log = logging.getLogger(__name__)

OVERRIDES_FILE = Path(__file__).with_name("sense_overrides.yaml")


def _toneless(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def _distance(a: str, b: str, bare_b: str) -> float:
    """How far an entry's reading `a` is from the word's reading `b` (both casefolded;
    `bare_b`: b without tone marks): 0 the same; a neutral tone on either side counts half
    (东西 dōngxi vs dōngxī); different letters count as far apart."""
    if a == b:
        return 0.0
    if len(a) != len(b) or _toneless(a) != bare_b:
        return 99.0
    distance = 0.0
    for x, y in zip(a, b):
        if x != y:
            distance += 0.5 if (_toneless(x) == x or _toneless(y) == y) else 1.0
    return distance


def rank_entries(entries: list[CedictEntry], reading: str) -> list[CedictEntry]:
    """The entry read as the word is read in context first; names, variants, surnames last."""
    if len(entries) < 2:  # most words: nothing to rank
        return list(entries)
    folded = reading.casefold()
    bare = _toneless(folded)  # the same for every entry: worked out once

    def rank(item: tuple[int, CedictEntry]) -> tuple[int, float, int, int]:
        index, entry = item
        return (1 if entry.is_minor else 0, _distance(entry.pinyin.casefold(), folded, bare),
                1 if entry.is_proper_noun else 0, index)

    return [entry for _, entry in sorted(enumerate(entries), key=rank)]


def entry_senses(entry: CedictEntry) -> list[str]:
    """An entry's senses, cleaned: everyday ones in CC-CEDICT's order, minor ones after."""
    return list(entry.ordered_senses)


def best_senses(word: str, entries: list[CedictEntry], reading: str, limit: int | None = None,
                *, use_overrides: bool = True) -> list[str]:
    """The senses for a word card: overrides, then the best entry's everyday senses; minor
    senses (surnames, variants, literary …) only when there is nothing else."""
    senses = list(overrides().get(word, ())) if use_overrides else []
    minor: list[str] = []
    for entry in rank_entries(entries, reading):
        for sense in entry.senses:
            cleaned = clean_sense(sense)
            if cleaned:
                (minor if is_minor_sense(sense) else senses).append(cleaned)
        if senses and not entry.is_proper_noun:
            break
    return without_repeats(senses or minor, limit)


def all_senses(word: str, entries: list[CedictEntry], reading: str) -> list[str]:
    """Every sense of every entry, best first (the detail panel)."""
    senses = list(overrides().get(word, ()))
    for entry in rank_entries(entries, reading):
        senses.extend(entry_senses(entry))
    return without_repeats(senses)


def without_repeats(senses: Iterable[str], limit: int | None = None) -> list[str]:
    """Each sense once: a later sense loses the parts an earlier one already says, and is
    dropped when nothing is left (真的: "really; truly", then CC-CEDICT's "really; truly;
    indeed" shows only as "indeed"); at most `limit` senses."""
    return list(_without_repeats(tuple(senses), limit))


@lru_cache(maxsize=20_000)  # a word's senses recur in every sentence it is in (as clean_sense's do)
def _without_repeats(senses: tuple[str, ...], limit: int | None) -> tuple[str, ...]:
    said: set[str] = set()
    out: list[str] = []
    for sense in senses:
        if limit is not None and len(out) >= limit:
            break
        parts = sense.casefold().split(";")
        keys = [part.strip() for part in parts]
        if said.isdisjoint(keys) and all(keys):  # most senses: nothing said before
            out.append(sense)
            said.update(keys)
            continue
        new = [i for i, key in enumerate(keys) if key and key not in said]
        if len(new) == len(parts):
            out.append(sense)
        elif new:
            original = sense.split(";")
            out.append("; ".join(original[i].strip() for i in new))
        said.update(keys)
    return tuple(out)


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
