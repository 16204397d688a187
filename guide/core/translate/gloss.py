"""The offline word-by-word gloss: always available, shown beside any translation.

Chinese input: segment (segment.py: rjieba, the pack's words kept whole so 小红书 and
绝绝子 stay one word, tokens no dictionary knows re-split into known words), then for each
word the pack's entry first (app labels and slang CC-CEDICT lacks), else the sense
overrides and CC-CEDICT ranked for everyday use (senses.py), with pypinyin's reading of
the whole word (it gets 银行 yínháng right only with the word around 行).
English input: each content word is looked up in the pack's English, then in CC-CEDICT's
senses, giving Chinese candidates with their pinyin.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from guide.core.content.model import Pack
from guide.core.content.templates import Span, matcher_for
from guide.core.content.values import DEFAULT_RATE
from guide.core.translate.cedict_text import clean_sense
from guide.core.translate.dictionary import CedictEntry, Dictionary, english_key
from guide.core.translate.dictionary_loader import load_dictionary, times_given_up
from guide.core.translate.english import GRAMMAR, WORD_RE, PhraseFinder, english_forms, fold
from guide.core.translate.normalise import has_han, match_key
from guide.core.translate.pinyin_words import ERHUA_CHARS
from guide.core.translate.segment import (
    EMPHATIC,
    MAX_PACK_WORD,
    PARTICLE,
    PARTICLE_READINGS,
    PUNCT,
    REDUPLICATED,
    REPEAT,
    Segmenter,
    Token,
    jieba_cut,
)
from guide.core.translate.senses import all_senses, best_senses, overrides, rank_entries, without_repeats
from guide.core.translate.tone_sandhi import in_line, on_cards

log = logging.getLogger(__name__)

MAX_MEANINGS = 4
_SENTENCE_ENDS = ("！", "？", "。", "!", "?", ".", "…")
_PLAIN_HAN_RE = re.compile(r"[\u4e00-\u9fff]+")  # its own match key (match_key would change nothing)
MAX_CANDIDATES = 3
MAX_PHRASES = 3  # nearest phrase-book phrases offered for an English text
_SENTENCE_ENDS = ("！", "？", "。", "!", "?", ".", "…")


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
    cedict: list[CedictEntry]  # best first (the reading in context, then the rest)
    senses: list[str] = field(default_factory=list)  # every cleaned sense, best first
    everyday: list[str] = field(default_factory=list)  # from sense_overrides.yaml, if listed


def word_pinyin(word: str) -> str:
    """The word's reading in context (tone marks, syllables together); non-Han text unchanged."""
    return load_dictionary().reading(word)


class Glosser:
    """Glosses text with one pack; safe to share between threads.

    Who gives a word's meaning: the pack's phrase book (slang); then a UI label from its
    glossary when the text is that label alone or CC-CEDICT lacks the word; else
    sense_overrides.yaml and CC-CEDICT (see senses.py), with the label's meaning second."""

    def __init__(self, pack: Pack | None, dictionary: Callable[[], Dictionary] = load_dictionary) -> None:
        self._dictionary = dictionary
        self._pack_zh: dict[str, list[PackWord]] = {}
        self._pack_en: dict[str, list[PackWord]] = {}  # English word (every form) -> labels and slang
        self._phrases: list[PackWord] = []
        self._phrase_finder = PhraseFinder([])
        if pack is not None:
            self._index_pack(pack)
        sentences = {key for key, words in self._pack_zh.items()
                     if all(w.kind == "phrasebook" and w.zh.rstrip().endswith(_SENTENCE_ENDS) for w in words)}
        self._last_tokens: tuple[str, tuple[Token, ...]] | None = None
        self._last_prefetched: tuple[str, _Prefetched] | None = None
        self._last_view: tuple[str, Dictionary] | None = None
        self._segmenter = Segmenter((k for k in self._pack_zh if 1 < len(k) <= MAX_PACK_WORD),
                                    whole_words=overrides(), sentences=sentences)
        self.templates = matcher_for(pack)  # values and emoji codes said whole (see _with_values)
        self.rate = DEFAULT_RATE  # yuan per US dollar for prices; the Translator sets it from its options

    # -- set-up ------------------------------------------------------------------------

    def _index_pack(self, pack: Pack) -> None:
        words = [PackWord(e.zh, e.pinyin, e.en, e.note or e.where, "glossary") for e in pack.glossary]
        words += [PackWord(p.zh, p.pinyin, p.en, p.literal and f"literally “{p.literal}”" or p.note, "phrasebook")
                  for p in pack.phrases]
        for word in words:
            self._pack_zh.setdefault(match_key(word.zh), []).append(word)
            if word.kind == "phrasebook" and word.zh.rstrip().endswith(_SENTENCE_ENDS):
                self._phrases.append(word)  # whole sentences: offered by meaning (english.py)
                continue
            for part in re.split(r"[/;,]", word.en):
                key = fold(match_key(part))
                for form in english_forms(key) if key and " " not in key else [key] if key else []:
                    found = self._pack_en.setdefault(form, [])
                    if word not in found:
                        found.append(word)
        self._phrase_finder = PhraseFinder([p.en for p in self._phrases])

    def warm_up(self) -> None:
        """Load the dictionary and the segmenter now (off the UI thread), not on first use;
        nothing more once the app gives the load up (it is quitting)."""
        given_up = times_given_up()
        dictionary = self._dictionary()
        if times_given_up() != given_up:
            return
        if dictionary.cutter() is None:
            jieba_cut("银行")  # rjieba builds its word list on import
        dictionary.reading("银行")

    # -- glossing ----------------------------------------------------------------------

    def gloss(self, text: str, lang: str | None = None) -> list[GlossWord]:
        """Word-by-word breakdown of `text` ("zh" or "en"; automatic when None)."""
        lang = lang or ("zh" if has_han(text) else "en")
        if lang == "zh":
            return self._gloss_chinese(text)
        return self._gloss_english(text)

    def tokens(self, text: str) -> list[Token]:
        """Words of a Chinese text with what kind of word each is (see segment.py).

        The last text's tokens are kept: a translation asks for the breakdown and the pinyin
        line of the same text, one right after the other."""
        last = self._last_tokens
        if last is not None and last[0] == text:
            return list(last[1])
        dictionary = self._dictionary().for_text(text)
        tokens = self._segmenter.segment(text, dictionary.known, dictionary.cut_session(), dictionary.word_frequencies)
        self._last_tokens = (text, tuple(tokens))
        self._last_view = (text, dictionary)
        self._last_prefetched = None
        return tokens

    def forget_last_text(self) -> None:
        """Drop the kept tokens and readings (benchmarks time a text not seen before)."""
        self._last_tokens = None
        self._last_view = None
        self._last_prefetched = None

    def _for_text(self, text: str) -> Dictionary:
        """The dictionary for the words of `text` (the one its tokens were found with)."""
        last = self._last_view
        return last[1] if last is not None and last[0] == text else self._dictionary().for_text(text)

    def segment(self, text: str) -> list[str]:
        """Words of a Chinese text, with the pack's words kept whole (punctuation included)."""
        return [t.text for t in self.tokens(text)]

    def _gloss_chinese(self, text: str) -> list[GlossWord]:
        spans = self.templates.values(text, self.rate)
        return self._with_values(text, spans) if spans else self._gloss_words(text)

    def _gloss_words(self, text: str) -> list[GlossWord]:
        tokens = [t for t in self.tokens(text) if t.kind != PUNCT]
        words = [t.text for t in tokens] + [t.base for t in tokens if t.base]
        dictionary = _Prefetched(self._for_text(text), words)
        self._last_prefetched = (text, dictionary)
        cards: dict[Token, GlossWord] = {}  # a word said again in the text (的, 很) is looked up once
        out = []
        for token in tokens:
            card = cards.get(token)
            if card is None:
                card = cards[token] = self._word(token, dictionary, whole=len(tokens) == 1)
            out.append(GlossWord(card.text, card.pinyin, list(card.meanings), card.source))
        on_cards(self.tokens(text), out, PUNCT)  # 一 and 不 as the pinyin line says them
        return out

    def _pack_word(self, text: str) -> PackWord | None:
        """The pack's entry for a word: its phrase-book entry if any, else its UI label."""
        pack = self._pack_zh.get(text if _PLAIN_HAN_RE.fullmatch(text) else match_key(text))
        if not pack:
            return None
        return next((w for w in pack if w.kind == "phrasebook"), pack[0])

    def _word(self, token: Token, dictionary: Dictionary | _Prefetched, whole: bool = False) -> GlossWord:
        text = token.text
        if token.kind == PARTICLE:  # 过 after a verb: guo, "(experienced action marker)"; 儿: r, a suffix
            reading = PARTICLE_READINGS[text]
            senses = best_senses(text, dictionary.lookup(text), reading, 2, use_overrides=False)
            return GlossWord(text, reading, ([token.hint] if token.hint else []) + senses, "cc-cedict")
        if token.kind in (REPEAT, EMPHATIC, REDUPLICATED):
            reading = dictionary.reading(text)
            base = self._chinese_word(token.base, dictionary)
            if token.kind == REPEAT:
                meanings = base.meanings
            elif token.kind == EMPHATIC:
                first = base.meanings[0].split(";")[0] if base.meanings else token.base
                meanings = [f"so {first} (好 + {token.base})"] + [f"{token.base}: {m}" for m in base.meanings[:1]]
            else:
                meanings = [f"{m} (doubled for emphasis)" for m in base.meanings[:1]] + base.meanings[1:]
            return GlossWord(text, reading, meanings[:MAX_MEANINGS], base.source)
        word = self._chinese_word(text, dictionary, whole, token.reading)
        if token.hint and word.source != "phrasebook":
            word.meanings = without_repeats([token.hint] + word.meanings)[:MAX_MEANINGS]
        return word

    def _chinese_word(self, token: str, dictionary: Dictionary | _Prefetched, whole: bool = True,
                      said: str = "") -> GlossWord:
        """Precedence: a phrase-book entry; a UI label when the text is that label alone or
        CC-CEDICT lacks the word; else CC-CEDICT's everyday senses (after sense_overrides.yaml),
        with the UI label's meaning second (我 in a sentence is "I; me", not the "Me" tab).
        `said`: the reading the context chose (很干: gān "dry"), its senses first, not the
        word's usual ones (gàn "to do")."""
        first = self._pack_word(token)
        reading = said or dictionary.reading(token)
        entries = dictionary.lookup(token)
        known = any(not e.is_minor for e in entries) or token in overrides() or (bool(entries) and first is None)
        if first is not None and (first.kind == "phrasebook" or whole or not known):
            meanings = [first.en] + ([_short(first.note, 80)] if first.note else [])
            return GlossWord(token, first.pinyin, meanings[:MAX_MEANINGS], first.kind)
        if known:
            meanings = [_short(m) for m in best_senses(token, entries, reading, MAX_MEANINGS, use_overrides=not said)]
            if first is not None:
                meanings.insert(1, f"app label: {first.en}")
            return GlossWord(token, reading, meanings[:MAX_MEANINGS], "cc-cedict")
        if len(token) > 1 and has_han(token):  # a true unknown: meanings of its characters
            parts = []
            for char in dict.fromkeys(token):  # 绝绝子: 绝 once
                senses = best_senses(char, dictionary.lookup(char), dictionary.reading(char), 1)
                if senses:
                    parts.append(f"{char}: {_short(senses[0])}")
            return GlossWord(token, reading, parts[:MAX_MEANINGS], "characters" if parts else "")
        return GlossWord(token, reading, [], "")

    def _gloss_english(self, text: str) -> list[GlossWord]:
        """Help to write a reply: the nearest phrase-book phrases first, then each word's
        Chinese candidates (the pack's labels and slang, then CC-CEDICT), every Chinese word
        once; a word with no entry is listed with no meanings, so the reader knows."""
        words: list[GlossWord] = []
        shown: set[str] = set()
        for match in self._phrase_finder.nearest(text, MAX_PHRASES):
            phrase = self._phrases[match.index]
            words.append(GlossWord(phrase.zh, phrase.pinyin,
                                   [phrase.en, f"phrase book, for “{_short(match.sentence, 50)}”"], "phrasebook"))
            shown.add(phrase.zh)
        dictionary: Dictionary | None = None
        seen: set[str] = set()
        for token in WORD_RE.findall(text):
            forms = english_forms(token)
            if forms[0] in GRAMMAR or token.isdigit() or forms[0] in seen:
                continue
            seen.add(forms[0])
            candidates: list[tuple[str, str, str, str]] = []  # zh, pinyin, meaning, source
            for form in forms:
                for pack in self._pack_en.get(form, ()):
                    candidates.append((pack.zh, pack.pinyin, pack.en, pack.kind))
            if dictionary is None:
                dictionary = self._dictionary()
            form, heads = next(((f, found) for f in forms if (found := dictionary.english(f))), ("", []))
            for head in heads[: MAX_CANDIDATES * 2]:
                candidates.append((head, "", form, "cc-cedict"))
            meanings: list[str] = []
            first = ("", "")
            for zh, pinyin, meaning, source in candidates:
                if zh in shown or len(meanings) >= MAX_CANDIDATES:
                    continue
                shown.add(zh)
                if source == "cc-cedict":
                    pinyin = dictionary.reading(zh)
                    meaning = _short("; ".join(_senses_saying(zh, meaning, pinyin, dictionary)))
                meanings.append(f"{zh} {pinyin}: {meaning}".rstrip(": "))
                first = first if first[1] else (pinyin, source)
            words.append(GlossWord(token, first[0], meanings, first[1]))
        return words

    # -- values and emoji codes (guide.core.content.templates) ---------------------------
    # 2.3万 is "23,000", 3天前 "3 days ago", ¥75 has its dollar figure and [doge] is the doge
    # emoji: each span is one word of the breakdown, the text around it is cut as usual.

    def _with_values(self, text: str, spans: list[Span]) -> list[GlossWord]:
        words: list[GlossWord] = []
        position = 0
        for span in [*spans, Span(len(text), len(text), "", "", "")]:
            if text[position:span.start].strip():
                words.extend(self._gloss_words(text[position:span.start]))
            if span.text:
                words.append(self._emoji_word(span) if span.kind in ("emoji", "hashtag") else
                             GlossWord(span.text, self.pinyin(span.text) if has_han(span.text) else "",
                                       [span.english] + ([span.note] if span.note else []), "template"))
            position = span.end
        return words

    def _emoji_word(self, span: Span) -> GlossWord:
        """"[doge]": the doge emoji, with what it conveys; a RedNote code the pack does not
        list ([星星眼R]) says so and glosses the words inside it; RedNote's hashtag marker [话题]
        says what it marks."""
        if span.kind == "hashtag":
            return GlossWord(span.text, "", [span.english, span.note], "emoji")
        if span.english:
            return GlossWord(span.text, "", [f"{span.english} emoji"] + ([span.note] if span.note else []), "emoji")
        inside = self._gloss_words(span.text[1:-1].rstrip("RH"))
        words = "; ".join(f"{w.text} {w.meanings[0]}" for w in inside if w.meanings)
        return GlossWord(span.text, " ".join(w.pinyin for w in inside if w.pinyin),
                         ["RedNote emoji code (not in this guide's list)"] + ([words] if words else []), "emoji")

    # -- readings and details ----------------------------------------------------------

    def pinyin(self, text: str) -> str:
        """Pinyin of a Chinese text, one group per word (jīntiān tiānqì hěn hǎo), pack readings
        first; punctuation in its ASCII form sticks to the word it belongs to: a comma or a
        closing quote to the word before, an opening quote or bracket, or the # that starts a
        hashtag, to the word after (#lǚxíng rìjì# jīntiān)."""
        codes = self.templates.emoji_codes(text)
        if codes:  # [笑哭R] stays as written in the pinyin line, not read as xiào kū
            parts, position = [], 0
            for code in codes:
                parts += [self.pinyin(text[position:code.start]) if text[position:code.start].strip() else "", code.text]
                position = code.end
            parts.append(self.pinyin(text[position:]) if text[position:].strip() else "")
            return " ".join(p for p in parts if p)
        tokens = self.tokens(text)
        last = self._last_prefetched
        source = last[1] if last is not None and last[0] == text else self._for_text(text)
        readings = source.readings(t.text for t in tokens if t.kind != PUNCT)
        packs = [None if t.kind in (PUNCT, PARTICLE) else self._pack_word(t.text) for t in tokens]
        each = ["" if t.kind == PUNCT else PARTICLE_READINGS[t.text] if t.kind == PARTICLE
                else _line_pinyin(pack) if pack else t.reading or readings[t.text] for t, pack in zip(tokens, packs)]
        # 一 and 不 take their tones from the words around them; the pack's own pinyin stays
        kept = [t.kind == PUNCT or pack is not None for t, pack in zip(tokens, packs)]
        said = in_line([t.text for t in tokens], each, kept)
        out: list[str] = []
        opening = ""  # “ 《 ( or a hashtag's # waiting for the word they open
        for token, reading, opens in zip(tokens, said, _opening_marks(text, tokens)):
            if token.kind == PUNCT:
                if opens or not out:
                    opening += _ascii_punct(token.text)
                else:
                    out[-1] += _ascii_punct(token.text)
            elif token.kind == PARTICLE and token.text in ERHUA_CHARS:
                out[-1] += reading  # 小狗 + 儿 cut apart: still xiǎogǒur (segment._in_context; pinyin_words, rule 3)
            else:
                out.append(opening + reading)
                opening = ""
        return " ".join(out + [opening] if opening else out)

    def details(self, word: str) -> WordDetails:
        """All pack entries and CC-CEDICT entries for `word` (for the detail panel), best first."""
        dictionary = self._dictionary()
        pack = self._pack_zh.get(match_key(word), [])
        reading = dictionary.reading(word)
        entries = dictionary.lookup(word)
        return WordDetails(word, pack[0].pinyin if pack else reading, list(pack),
                           rank_entries(entries, reading), all_senses(word, entries, reading),
                           list(overrides().get(word, ())))


def _senses_saying(head: str, english: str, reading: str, dictionary: Dictionary) -> list[str]:
    """Two senses of `head` for an English word's card: the shortest that says `english`
    ("you", not "you (Note: In Taiwan …)"), then its first everyday one."""
    entries = dictionary.lookup(head)
    senses = best_senses(head, entries, reading)

    def says(sense: str) -> bool:
        return any(english_key(part) == english for part in sense.split(";"))

    said = [s for s in senses if says(s)] or [s for s in all_senses(head, entries, reading) if says(s)]
    return without_repeats(sorted(said, key=len)[:1] + senses)[:2]


def _line_pinyin(word: PackWord) -> str:
    """A phrase-book reading inside the pinyin line: no sentence capital or final punctuation
    of its own ("Bèi zhòngcǎo le!" reads "bèi zhòngcǎo le" mid-sentence); labels unchanged."""
    if word.kind != "phrasebook":
        return word.pinyin
    reading = word.pinyin.strip().rstrip("!?.,;:！？。，")
    return reading[:1].lower() + reading[1:]


class _Prefetched:
    """A sentence's words looked up in two queries instead of two per word."""

    def __init__(self, dictionary: Dictionary, words: list[str]) -> None:
        self._dictionary = dictionary
        self._entries = dictionary.lookup_many(words)
        self._readings = dictionary.readings(words)

    def lookup(self, word: str) -> list[CedictEntry]:
        found = self._entries.get(word)
        return found if found is not None else self._dictionary.lookup(word)

    def reading(self, word: str) -> str:
        found = self._readings.get(word)
        return found if found is not None else self._dictionary.reading(word)

    def readings(self, words: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(words))
        missing = [w for w in wanted if w not in self._readings]
        found = self._dictionary.readings(missing) if missing else {}
        return {w: self._readings[w] if w in self._readings else found[w] for w in wanted}


def _short(sense: str, limit: int = 60) -> str:
    sense = clean_sense(sense)
    return sense if len(sense) <= limit else sense[: limit - 1].rstrip() + "…"


_ASCII = str.maketrans({"。": ".", "，": ",", "！": "!", "？": "?", "；": ";", "：": ":", "、": ",", "…": "…",
                        "（": "(", "）": ")", "＃": "#"})
_OPENING = frozenset("“‘《〈（(【[「『〔｛{")
_PAIRED = frozenset("#＃\"")  # the same mark opens and closes: #话题# 今天, 西湖 #杭州, 西湖#杭州#


def _opening_marks(text: str, tokens: list[Token]) -> list[bool]:
    """For each token, whether it is punctuation that opens what follows. A # or " opens at
    the start of the text, after a space, or when those before it are all paired up."""
    opens: list[bool] = []
    position = 0
    for token in tokens:
        found = text.find(token.text, position)
        if found >= 0:
            position = found + len(token.text)
        mark = token.text.strip()[:1] if token.kind == PUNCT else ""
        if mark in _PAIRED and found >= 0:
            opens.append(found == 0 or text[found - 1].isspace() or text.count(mark, 0, found) % 2 == 0)
        else:
            opens.append(bool(mark) and mark in _OPENING)
    return opens


def _ascii_punct(token: str) -> str:
    return token.translate(_ASCII).strip()
