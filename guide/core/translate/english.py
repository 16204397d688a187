"""English → Chinese help for writing a reply, offline (issue 25, item 2).

A newcomer types what they want to say ("Thank you for the warm welcome! Where is this
cafe?"). With no engine, the useful answer is the phrase book's nearest phrases first
(谢谢大家的欢迎！), matched by the words that carry the meaning rather than by exact text,
then each English word's Chinese candidates. English words are matched without their
inflections and accents (welcomed ~ welcome, cafes ~ café), which a dictionary of base
forms needs: `english_forms` gives the forms a word may be listed under.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_SENTENCE_RE = re.compile(r"[^.!?。！？]+[.!?。！？]*")

# Grammar words: never looked up, never counted as meaning (pronouns, question words and
# "this" / "that" carry meaning in a reply and are looked up).
GRAMMAR = frozenset(
    "a an the is are was were be been being am 's 're 'm to of and or but for with by from as at in on "
    "it its do does did so if will would shall should could can may might must than then just very too "
    "s t d ll ve re m".split()
)
# Common irregular forms a reply uses: the base form CC-CEDICT lists.
IRREGULAR = {
    "went": "go", "gone": "go", "ate": "eat", "eaten": "eat", "bought": "buy", "thought": "think",
    "made": "make", "took": "take", "taken": "take", "saw": "see", "seen": "see", "came": "come",
    "got": "get", "gotten": "get", "gave": "give", "given": "give", "found": "find", "told": "tell",
    "said": "say", "left": "leave", "felt": "feel", "knew": "know", "known": "know", "wrote": "write",
    "written": "write", "spent": "spend", "sent": "send", "paid": "pay", "met": "meet", "kept": "keep",
    "slept": "sleep", "brought": "bring", "taught": "teach", "caught": "catch", "sold": "sell",
    "children": "child", "people": "person", "women": "woman", "men": "man", "feet": "foot", "teeth": "tooth",
    "better": "good", "best": "good", "worse": "bad", "worst": "bad", "loved": "love", "liked": "like",
}


def fold(word: str) -> str:
    """Lower case, no accents, straight apostrophes: "Café" -> "cafe"."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def english_forms(word: str) -> list[str]:
    """The forms `word` may be listed under, the word itself first: "cafes" -> cafes, cafe,
    caf; "welcomed" -> welcomed, welcome, welcom; "tried" -> tried, try; "went" -> went, go."""
    w = fold(word)
    if w.endswith("'s"):
        w = w[:-2]
    forms = [w]
    if w in IRREGULAR:
        forms.append(IRREGULAR[w])
    if len(w) > 4 and w.endswith("ies"):
        forms.append(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("es"):
        forms += [w[:-1], w[:-2]]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        forms.append(w[:-1])
    if len(w) > 5 and w.endswith("ing"):
        stem = w[:-3]
        forms += [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if len(w) > 4 and w.endswith("ied"):
        forms.append(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("ed"):
        stem = w[:-2]
        forms += [w[:-1], stem] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    return list(dict.fromkeys(f for f in forms if f))


def meaning_words(text: str) -> list[str]:
    """The words of `text` that carry meaning (grammar words left out), as written."""
    return [w for w in WORD_RE.findall(text) if fold(w) not in GRAMMAR and not w.isdigit()]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.findall(text) if s.strip()]


@dataclass(frozen=True)
class Match:
    """A phrase-book entry near what the user wrote, and the sentence it answers."""

    index: int  # into the phrases given to PhraseFinder
    sentence: str
    score: float


class PhraseFinder:
    """Phrase-book entries ranked by the meaning words they share with a sentence, rarer
    words counting more (idf), shorter phrases first among equals (see module doc)."""

    MIN_SCORE = 2.5  # one shared word of some rarity; "you" or "this" alone is not enough
    MIN_SHARE = 0.4  # and a good part of what the sentence says ("save" alone of "save the bank notes" is not)

    def __init__(self, english: Sequence[str]) -> None:
        self._phrases = [[set(english_forms(w)) for w in meaning_words(en)] for en in english]
        counts: dict[str, int] = {}
        for words in self._phrases:
            for form in set().union(*words) if words else ():
                counts[form] = counts.get(form, 0) + 1
        total = len(self._phrases) + 1
        self._idf = {form: math.log(total / count) for form, count in counts.items()}

    def _weight(self, forms: Iterable[str]) -> float:
        return max((self._idf[f] for f in forms if f in self._idf), default=0.0)

    def nearest(self, text: str, limit: int = 3) -> list[Match]:
        """The best phrase for each sentence of `text` in order, then the next best, up to
        `limit`; each phrase once."""
        per_sentence: list[list[Match]] = []
        for sentence in sentences(text):
            query = [set(english_forms(w)) for w in meaning_words(sentence)]
            if not query:
                continue
            found = []
            meaning = sum(self._weight(q) for q in query)  # words no phrase has weigh nothing
            for index, words in enumerate(self._phrases):
                shared = sum(self._weight(q) for q in query if any(q & w for w in words))
                if shared >= self.MIN_SCORE and shared >= self.MIN_SHARE * meaning:
                    found.append(Match(index, sentence, shared / math.sqrt(len(words) or 1)))
            found.sort(key=lambda m: (-m.score, len(self._phrases[m.index]), m.index))
            per_sentence.append(found)
        out: list[Match] = []
        seen: set[int] = set()
        for rank in range(limit):
            for found in per_sentence:
                if rank < len(found) and found[rank].index not in seen and len(out) < limit:
                    out.append(found[rank])
                    seen.add(found[rank].index)
        return out
