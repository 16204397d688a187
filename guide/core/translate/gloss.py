"""The offline word-by-word gloss: always available, shown beside any translation.

Chinese input: segment with rjieba (its own instance, with the pack's glossary and
phrase-book words added, so 小红书 and 绝绝子 stay whole), then for each word the pack's
entry first (app labels and slang CC-CEDICT lacks), else CC-CEDICT, with pypinyin
reading whole words (it gets 银行 yínháng right only with the word around 行).
English input: each content word is looked up in the pack's English, then in CC-CEDICT's
senses, giving Chinese candidates with their pinyin.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from guide.core.content.model import Pack
from guide.core.translate.dictionary import CedictEntry, Dictionary, load_dictionary
from guide.core.translate.normalise import has_han, match_key

log = logging.getLogger(__name__)

MAX_MEANINGS = 4
MAX_CANDIDATES = 3
_PUNCT_RE = re.compile(r"^[\W_]+$", re.UNICODE)
_EN_WORD_RE = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d+")
_STOPWORDS = frozenset(
    "a an the is are was were be been am to of and or but in on at for with by from as it its "
    "this that these those i you he she we they me him her us them my your his our their do does did "
    "so if not no yes will would can could should just very too also than then there here what "
    "which who whom how when where why all any some s t".split()
)


@dataclass(frozen=True)
class PackWord:
    """A word as the pack describes it (glossary label or phrase-book entry)."""

    zh: str
    pinyin: str
    en: str
    note: str = ""
    kind: str = "glossary"  # "glossary" | "phrasebook"


@dataclass
class GlossWord:
    """One word of the breakdown. For English input `text` is the English word and the
    meanings list Chinese candidates ("收藏 shōucáng: Save")."""

    text: str
    pinyin: str
    meanings: list[str] = field(default_factory=list)
    source: str = ""  # "glossary" | "phrasebook" | "cc-cedict" | "characters" | ""

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "pinyin": self.pinyin, "meanings": list(self.meanings)}


@dataclass
class WordDetails:
    """Everything known about one word, for the "click a word" panel."""

    word: str
    pinyin: str
    pack: list[PackWord]
    cedict: list[CedictEntry]


@lru_cache(maxsize=20000)
def word_pinyin(word: str) -> str:
    """pypinyin on a whole word, tone marks, syllables together; non-Han text unchanged."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(word, style=Style.TONE, errors=lambda chars: chars))


class Glosser:
    """Glosses text with one pack; safe to share between threads."""

    def __init__(self, pack: Pack | None, dictionary: Callable[[], Dictionary] = load_dictionary) -> None:
        self._dictionary = dictionary
        self._pack_zh: dict[str, list[PackWord]] = {}
        self._pack_en: dict[str, list[PackWord]] = {}
        if pack is not None:
            self._index_pack(pack)
        self._jieba = None
        self._jieba_lock = threading.Lock()

    # -- set-up ------------------------------------------------------------------------

    def _index_pack(self, pack: Pack) -> None:
        words = [PackWord(e.zh, e.pinyin, e.en, e.note or e.where, "glossary") for e in pack.glossary]
        words += [PackWord(p.zh, p.pinyin, p.en, p.literal and f"literally “{p.literal}”" or p.note, "phrasebook")
                  for p in pack.phrases]
        for word in words:
            self._pack_zh.setdefault(match_key(word.zh), []).append(word)
            for part in re.split(r"[/;,]", word.en):
                key = match_key(part)
                if key:
                    self._pack_en.setdefault(key, []).append(word)

    def _segmenter(self):  # noqa: ANN202 - rjieba.Jieba
        with self._jieba_lock:
            if self._jieba is None:
                import rjieba

                jieba = rjieba.Jieba()
                for key in self._pack_zh:  # surrounding punctuation already stripped
                    if 1 < len(key) <= 8 and " " not in key:
                        jieba.add_word(key, None, None)
                self._jieba = jieba
            return self._jieba

    def warm_up(self) -> None:
        """Load the dictionary and the segmenter now (off the UI thread), not on first use."""
        self._dictionary()
        self._segmenter()
        word_pinyin("银行")  # pypinyin loads its phrase tables on first use

    # -- glossing ----------------------------------------------------------------------

    def gloss(self, text: str, lang: str | None = None) -> list[GlossWord]:
        """Word-by-word breakdown of `text` ("zh" or "en"; automatic when None)."""
        lang = lang or ("zh" if has_han(text) else "en")
        if lang == "zh":
            return self._gloss_chinese(text)
        return self._gloss_english(text)

    def segment(self, text: str) -> list[str]:
        """Words of a Chinese text, with the pack's words kept whole."""
        jieba = self._segmenter()
        with self._jieba_lock:
            return jieba.cut(text)

    def _gloss_chinese(self, text: str) -> list[GlossWord]:
        dictionary = self._dictionary()
        words: list[GlossWord] = []
        for token in self.segment(text):
            if not token.strip() or _PUNCT_RE.match(token):
                continue
            words.append(self._chinese_word(token, dictionary))
        return words

    def _chinese_word(self, token: str, dictionary: Dictionary) -> GlossWord:
        pack = self._pack_zh.get(match_key(token))
        if pack:
            first = pack[0]
            meanings = [first.en] + ([_short(first.note, 80)] if first.note else [])
            return GlossWord(token, first.pinyin, meanings[:MAX_MEANINGS], first.kind)
        reading = word_pinyin(token)
        entries = _ordered(dictionary.lookup(token), reading)
        if entries:
            return GlossWord(token, reading, _meanings(entries), "cc-cedict")
        if len(token) > 1 and has_han(token):  # unknown word: meanings of its characters
            parts = []
            for char in dict.fromkeys(token):  # 绝绝子: 绝 once
                char_entries = _ordered(dictionary.lookup(char), word_pinyin(char))
                if char_entries:
                    parts.append(f"{char}: {_short(char_entries[0].senses[0])}")
            return GlossWord(token, reading, parts[:MAX_MEANINGS], "characters" if parts else "")
        return GlossWord(token, reading, [], "")

    def _gloss_english(self, text: str) -> list[GlossWord]:
        dictionary: Dictionary | None = None
        words: list[GlossWord] = []
        for token in _EN_WORD_RE.findall(text):
            key = token.casefold()
            if key in _STOPWORDS:
                continue
            pack = self._pack_en.get(match_key(token))
            if pack:
                meanings = [f"{w.zh} {w.pinyin}: {w.en}" for w in pack[:MAX_CANDIDATES]]
                words.append(GlossWord(token, pack[0].pinyin, meanings, pack[0].kind))
                continue
            if dictionary is None:
                dictionary = self._dictionary()
            heads = dictionary.english(key)
            if not heads and key.endswith("s") and len(key) > 3:
                heads = dictionary.english(key[:-1])  # plurals: "notes" -> "note"
            meanings = []
            for head in heads[:MAX_CANDIDATES]:
                entry = _ordered(dictionary.lookup(head), word_pinyin(head))
                sense = _short("; ".join(entry[0].senses[:2])) if entry else ""
                meanings.append(f"{head} {word_pinyin(head)}: {sense}".rstrip(": "))
            pinyin = word_pinyin(heads[0]) if heads else ""
            words.append(GlossWord(token, pinyin, meanings, "cc-cedict" if meanings else ""))
        return words

    # -- readings and details ----------------------------------------------------------

    def pinyin(self, text: str) -> str:
        """Pinyin of a Chinese text, word by word (pack readings first), words spaced."""
        out: list[str] = []
        for token in self.segment(text):
            if not token.strip():
                continue
            pack = self._pack_zh.get(match_key(token))
            if pack and not _PUNCT_RE.match(token):
                out.append(pack[0].pinyin)
            elif _PUNCT_RE.match(token):
                if out:
                    out[-1] += _ascii_punct(token)
            else:
                out.append(word_pinyin(token))
        return " ".join(out)

    def details(self, word: str) -> WordDetails:
        """All pack entries and CC-CEDICT entries for `word` (for the detail panel)."""
        dictionary = self._dictionary()
        pack = self._pack_zh.get(match_key(word), [])
        reading = pack[0].pinyin if pack else word_pinyin(word)
        return WordDetails(word, reading, list(pack), _ordered(dictionary.lookup(word), word_pinyin(word)))


def _ordered(entries: list[CedictEntry], reading: str) -> list[CedictEntry]:
    """The entry read as pypinyin reads the word first; variants and surnames last."""
    def rank(entry: CedictEntry) -> tuple[int, int]:
        same = entry.pinyin.casefold() == reading.casefold()
        return (1 if entry.is_minor else 0, 0 if same else 1)

    return sorted(entries, key=rank)


def _short(sense: str, limit: int = 60) -> str:
    sense = re.sub(r"CL:\S+", "", sense).strip(" ;,")
    return sense if len(sense) <= limit else sense[: limit - 1].rstrip() + "…"


def _meanings(entries: list[CedictEntry]) -> list[str]:
    meanings: list[str] = []
    for entry in entries:
        for sense in entry.senses:
            short = _short(sense)
            if short and short not in meanings and not short.startswith("CL:"):
                meanings.append(short)
            if len(meanings) >= MAX_MEANINGS:
                return meanings
        if meanings and not entry.is_minor:
            break  # the main reading's senses are enough for a breakdown
    return meanings


_ASCII = str.maketrans({"。": ".", "，": ",", "！": "!", "？": "?", "；": ";", "：": ":", "、": ",", "…": "…"})


def _ascii_punct(token: str) -> str:
    return token.translate(_ASCII).strip()
