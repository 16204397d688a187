"""Cutting Chinese text into the words a learner looks up.

jieba (rjieba, its Rust port) cuts well but knows its own word list, not ours: it keeps
今天天气 or 强烈推荐 as one token that no dictionary has, and cuts 小红书 into 小红 / 书上.
So, after jieba:
1. the pack's words (glossary labels, phrase-book entries) are kept whole wherever they
   start on a jieba boundary (or inside a token no dictionary knows);
2. a token no dictionary knows is re-split into the fewest, longest words the dictionaries
   do know (今天天气 -> 今天 天气, 火锅店 -> 火锅 店);
3. reduplication and laughter stay whole and say what they are (哈哈哈哈, 好好看, 开开心心);
4. only a token with no known word longer than one character is a true unknown, glossed
   character by character;
5. a reader's repairs (recut.py): the everyday words of sense_overrides.yaml kept whole
   (显瘦, 智商税), a degree adverb given back (超 / 出片, 还 / 好笑), 两年 / 前 / 来 not 前来;
   a phrase-book sentence (我也是！) only where a sentence ends with it;
6. the neighbours choose a word's sense (context.py: 最火 "popular", 三天前 "ago").
jieba's cut comes from the dictionary index (word_cut.py: the same algorithm and data, with
no 33 MB word list in memory); rjieba's shared instance is the fallback when the index has
no jieba data. Pack words are handled here rather than with jieba's add_word, so one cut
serves every pack.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from guide.core.translate.context import hint_for
from guide.core.translate.normalise import has_han, is_han_char
from guide.core.translate.pinyin_words import ERHUA, ERHUA_CHARS
from guide.core.translate.recut import Recutter

MAX_PACK_WORD = 8
MAX_PIECE = 6

# Kinds of token
WORD = "word"  # known to CC-CEDICT (or not Chinese at all)
PACK = "pack"  # a pack glossary or phrase-book word
REPEAT = "repeat"  # 哈哈哈哈: one character (or a known pair) repeated
EMPHATIC = "emphatic"  # 好好看: 好 "so" + 好看
REDUPLICATED = "reduplicated"  # 开开心心 / 研究研究: a known word doubled for emphasis
PARTICLE = "particle"  # 了 / 过 / 着 cut off a verb jieba kept them with (去过 -> 去 过); 儿 after a word
UNKNOWN = "unknown"  # no known word inside: read character by character
PUNCT = "punct"


@dataclass(frozen=True)
class Token:
    text: str
    kind: str = WORD
    base: str = ""  # the known word a REPEAT / EMPHATIC / REDUPLICATED token is built on
    hint: str = ""  # a sense the context makes first (好 before an adjective: "so; very")
    reading: str = ""  # the reading that sense has, when it is not the word's usual one (很干: gān)


_jieba_lock = threading.Lock()


def jieba_cut(text: str) -> list[str]:
    import rjieba

    with _jieba_lock:
        return rjieba.cut(text)


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() for ch in token)


class Segmenter:
    """Cuts text with jieba, then repairs the cuts against the dictionaries (see module doc)."""

    def __init__(self, pack_words: Iterable[str], cut: Callable[[str], list[str]] = jieba_cut, *,
                 whole_words: Iterable[str] = (), sentences: Iterable[str] = ()) -> None:
        """`pack_words` are kept whole and read from the pack; `whole_words` (the everyday
        words of sense_overrides.yaml) are kept whole where jieba's cut starts and ends them;
        `sentences` are pack words that are whole sentences (我也是！, 你好！): kept whole only
        where the text's sentence ends with them, so 我也是社恐 reads 我 / 也 / 是 / 社恐."""
        def fits(word: str) -> bool:
            return bool(word) and " " not in word and len(word) <= MAX_PACK_WORD

        self._pack = {w for w in pack_words if fits(w)}
        self._whole = {w for w in whole_words if fits(w) and len(w) > 1} - self._pack
        self._sentences = {w for w in sentences if fits(w)}
        self._cut = cut
        self._longest: dict[str, int] = {}  # first character -> longest pack or everyday word from it
        for word in self._pack | self._whole:
            self._longest[word[0]] = max(self._longest.get(word[0], 0), len(word))
        self._recutter = Recutter((self._pack - self._sentences) | self._whole)

    def segment(self, text: str, known: Callable[[Iterable[str]], set[str]],
                cut: Callable[[str], list[str]] | None = None,
                frequencies: Callable[[Iterable[str]], dict[str, int]] | None = None) -> list[Token]:
        """Tokens of `text` (whitespace dropped); `known(words)` says which are dictionary words;
        `cut` is jieba's cut (the index's, when it has jieba's data; else rjieba's);
        `frequencies` jieba's word counts (to choose between equal re-splits of a token)."""
        ask = _Known(known)
        pieces = _merge_runs(self._with_pack_words(text, ask, cut or self._cut))
        unknown = [t for t, kind in pieces if kind is None and has_han(t)]
        known_now = ask(unknown)
        unknown = [t for t in unknown if t not in known_now]
        inside_unknown = {t[i:j] for t in unknown
                          for i in range(len(t)) for j in range(i + 1, min(len(t), i + MAX_PIECE) + 1)}
        ask(inside_unknown)
        counts = frequencies(ask.yes & inside_unknown) if frequencies is not None and inside_unknown else {}
        ask.add((self._pack - self._sentences) | self._whole)
        tokens: list[Token] = []
        plain: list[str] = []

        def flush() -> None:
            if plain:
                tokens.extend(self._words(plain, ask, counts))
                plain.clear()

        for text_piece, kind in pieces:
            if not text_piece.strip():
                continue
            if kind is None and has_han(text_piece) and not _is_punct(text_piece):
                plain.append(text_piece)
                continue
            flush()
            if kind is not None:
                tokens.append(Token(text_piece, kind))
            elif _is_punct(text_piece):
                tokens.append(Token(text_piece, PUNCT))
            else:
                tokens.append(Token(text_piece, WORD))
        flush()
        return _in_context(tokens)

    def _words(self, run: list[str], ask: _Known, counts: dict[str, int]) -> list[Token]:
        """A run of jieba's Chinese tokens: unknown ones re-split, then the reader's repairs
        (recut.py) on the plain words; laughter, reduplication and particles stay as they are."""
        found = ask.yes
        tokens: list[Token] = []
        for piece in run:
            tokens.extend([Token(piece, WORD)] if piece in found else _resplit(piece, found, counts))
        out: list[Token] = []
        words: list[str] = []
        for token in tokens + [Token("", PUNCT)]:
            if token.kind == WORD and (token.text not in self._pack or token.text in self._sentences):
                words.append(token.text)
                continue
            if words:
                cut = self._recutter.recut(words, ask)
                out.extend(Token(w, WORD if w in found or not is_han_char(w[0]) else UNKNOWN) for w in cut)
                words = []
            if token.text:
                out.append(token)
        return out

    def _with_pack_words(self, text: str, known: _Known,
                         cut: Callable[[str], list[str]]) -> list[tuple[str, str | None]]:
        """jieba's tokens, with pack words (PACK) and everyday words (WORD) cut out whole:
        (text, kind, or None for jieba's own token)."""
        tokens = cut(text)
        if not self._pack and not self._whole:
            return [(t, None) for t in tokens]
        starts: dict[int, int] = {}  # token start -> token end
        position = 0
        for token in tokens:
            starts[position] = position + len(token)
            position += len(token)
        ends = set(starts.values()) | {0}
        folded = text.casefold()
        unknown_tokens = {t for t in tokens if has_han(t)} - known(t for t in tokens if has_han(t))
        out: list[tuple[str, str | None]] = []
        plain_from = 0
        i = 0
        token_start = token_end = 0
        while i < len(text):
            at_boundary = i in starts
            if at_boundary:
                token_start, token_end = i, starts[i]
            match = kind = None
            longest = self._longest.get(folded[i], 0)  # no pack or everyday word starts here: 0
            if longest and (at_boundary or (text[token_start:token_end] in unknown_tokens
                                            and len(set(text[token_start:token_end])) > 1)):
                for j in range(min(len(text), i + longest), i + 1, -1):
                    candidate = folded[i:j]
                    if candidate in self._sentences and not _sentence_ends(text, j):
                        continue
                    if candidate in self._pack and (j in ends or (has_han(candidate) and self._may_end_inside(text, j, starts))):
                        match, kind = j, PACK
                        break
                    if candidate in self._whole and at_boundary and j in ends:
                        match, kind = j, None  # one of jieba's own tokens from here on
                        break
            if match is None:
                i += 1
                continue
            if plain_from < i:
                out.extend(self._plain(text, plain_from, i, starts, ends, cut))
            out.append((text[i:match], kind))
            i = plain_from = match
        if plain_from < len(text):
            out.extend(self._plain(text, plain_from, len(text), starts, ends, cut))
        return out

    @staticmethod
    def _may_end_inside(text: str, end: int, starts: dict[int, int]) -> bool:
        """A pack word may end inside a jieba token (小红书 in 小红/书上), but not inside a
        run of one repeated character (哈哈哈 inside 哈哈哈哈 is laughter, not two words)."""
        start = end
        while start > 0 and start not in starts:
            start -= 1
        token = text[start:starts.get(start, end)]
        return len(set(token)) > 1

    def _plain(self, text: str, start: int, end: int, starts: dict[int, int], ends: set[int],
               cut: Callable[[str], list[str]]) -> list[tuple[str, str | None]]:
        """jieba's own tokens when the span is on its boundaries, else the span cut again."""
        if start in starts and end in ends:
            out: list[tuple[str, str | None]] = []
            position = start
            while position < end:
                out.append((text[position:starts[position]], None))
                position = starts[position]
            return out
        return [(t, None) for t in cut(text[start:end])]


class _Known:
    """`known` for one sentence, asking the dictionary about each word once (the cut, the
    re-splits and the repairs ask about overlapping words)."""

    def __init__(self, known: Callable[[Iterable[str]], set[str]]) -> None:
        self._known = known
        self._asked: set[str] = set()
        self.yes: set[str] = set()

    def __call__(self, words: Iterable[str]) -> set[str]:
        wanted = set(words)
        new = wanted - self._asked
        if new:
            self.yes |= self._known(new)
            self._asked |= new
        return wanted & self.yes

    def add(self, words: set[str]) -> None:
        """Words known without asking (the pack's and the everyday words)."""
        self.yes |= words
        self._asked |= words


def _sentence_ends(text: str, end: int) -> bool:
    """Nothing but punctuation, space or emoji follows `end` up to the next sentence."""
    for char in text[end:]:
        if char.isalnum():
            return False
        if char in "，。！？!?,.;；\n~～…":
            return True
    return True


def _merge_runs(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """jieba cuts long laughter apart (啊 / 啊啊啊 / 啊): one run of one character is one word."""
    out: list[tuple[str, str | None]] = []
    for text, kind in pieces:
        if out and len(set(text)) == 1 and set(out[-1][0]) == set(text) and is_han_char(text[0]):
            out[-1] = (out[-1][0] + text, None)
        else:
            out.append((text, kind))
    return out


def _resplit(token: str, known: set[str], counts: dict[str, int] | None = None) -> list[Token]:
    """A token no dictionary knows: reduplication, then the fewest known words, leaving the
    fewest single characters (期末考试 -> 期末 考试, not 期末考 试), then the longest ones, then
    the likeliest by jieba's counts (看清楚 -> 看 清楚, not 看清 楚)."""
    special = _reduplication(token, known)
    if special is not None:
        return [special]
    if len(token) > 1 and token[-1] in "了过着" and token[:-1] in known:  # 去过, 吃了, 看着
        return [Token(token[:-1], WORD), Token(token[-1], PARTICLE)]
    if len(token) == 3 and token[1] == "得" and token[0] in known and token[2] in known:  # 说得对, 买得起
        return [Token(token[0], WORD), Token("得", PARTICLE), Token(token[2], WORD)]
    n = len(token)
    counts = counts or {}
    # best[i]: (cost, single characters, -sum of squared lengths, -log-likelihood, longer
    # pieces first, pieces) for token[:i]; unknown characters cost more; remaining ties go
    # to the longer first word (一起来 -> 一起 来).
    best: list[tuple[float, int, int, float, list[int], list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, 0, 0, 0.0, [], [])
    for i in range(1, n + 1):
        for j in range(max(0, i - MAX_PIECE), i):
            if best[j] is None:
                continue
            piece = token[j:i]
            if piece in known:
                cost = 1.0
            elif len(piece) == 1:
                cost = 1.5
            else:
                continue
            cost_j, singles_j, squares_j, unlikely_j, lengths_j, pieces_j = best[j]  # type: ignore[misc]
            candidate = (cost_j + cost, singles_j + (len(piece) == 1), squares_j - len(piece) ** 2,
                         unlikely_j - math.log(counts.get(piece, 0) + 1), lengths_j + [-len(piece)], pieces_j + [piece])
            if best[i] is None or candidate[:5] < best[i][:5]:  # type: ignore[index]
                best[i] = candidate
    pieces = best[n][5] if best[n] else list(token)  # type: ignore[index]
    if all(len(p) == 1 for p in pieces) and not all(p in known for p in pieces):
        return [Token(token, UNKNOWN)]  # a true unknown: read character by character
    return [Token(p, WORD if p in known or not is_han_char(p[0]) else UNKNOWN) for p in pieces]


_NOT_AN_ADJECTIVE = set("的了吗吧啊呀哦嘛呢不啦")


def _in_context(tokens: list[Token]) -> list[Token]:
    """Senses the neighbours decide: 得 after a verb is the particle "de", and so is 地 between
    a manner (慢慢, 开心) and a verb; 好 before an adjective or verb means "so"; the rest
    (measure words, 最火, 三天前 …) in context.py."""
    out = list(tokens)
    clause: list[str] = []
    for i, token in enumerate(out):
        if token.kind == PUNCT:
            clause = []
            continue
        if not clause:  # the words up to the next punctuation (越…越…)
            end = next((k for k in range(i, len(out)) if out[k].kind == PUNCT), len(out))
            clause = [t.text for t in out[i:end]]
        before = out[i - 1] if i > 0 else None
        after = out[i + 1] if i + 1 < len(out) else None
        if token.kind not in (WORD, UNKNOWN):
            continue
        if token.text == "得" and before is not None and has_han(before.text) and before.kind != PUNCT:
            out[i] = Token("得", PARTICLE)
        elif (token.text == "地" and before is not None and before.kind != PUNCT and len(before.text) >= 2
              and has_han(before.text) and after is not None and after.kind != PUNCT and has_han(after.text)):
            out[i] = Token("地", PARTICLE)  # 慢慢地走, 开心地笑: "-ly" (de) between a manner and a verb, not "earth"
        elif token.text in ERHUA_CHARS and before is not None and has_han(before.text) and before.kind != PUNCT:
            out[i] = Token(token.text, PARTICLE, hint=ERHUA_HINT)  # 小狗 / 儿: the r of xiǎogǒur
        elif (token.text == "好" and after is not None and after.kind in (WORD, PACK) and has_han(after.text)
              and after.text[0] not in _NOT_AN_ADJECTIVE):
            out[i] = Token("好", WORD, hint="so; very (before an adjective or verb)")
        else:
            previous = before.text if before is not None and before.kind != PUNCT else None
            hint, reading = hint_for(token.text, previous, after.text if after is not None else None, clause)
            if hint:
                out[i] = Token(token.text, token.kind, hint=hint, reading=reading)
    return out


# The reading a particle has after the word before it, and so the CC-CEDICT entry to use: a
# verb's 了 / 过 / 着 / 得 and the adverbial 地 (neutral tone), and 儿 said as the r of the word
# (erhua, r5).
PARTICLE_READINGS = {"了": "le", "过": "guo", "着": "zhe", "得": "de", "地": "de", **dict.fromkeys(ERHUA_CHARS, ERHUA)}
ERHUA_HINT = "an r sound on the word before (erhua)"


def _reduplication(token: str, known: set[str]) -> Token | None:
    if len(token) >= 2 and len(set(token)) == 1:  # 哈哈哈哈, 啊啊啊: the longest known run
        base = next((token[:k] for k in (4, 3, 2, 1) if k <= len(token) and token[:k] in known), "")
        return Token(token, REPEAT, base) if base else None
    if len(token) == 3 and token[0] == token[1] == "好" and token[1:] in known:  # 好好看, 好好吃
        return Token(token, EMPHATIC, token[1:])
    if len(token) == 4 and token[0] == token[1] and token[2] == token[3] and token[0] + token[2] in known:
        return Token(token, REDUPLICATED, token[0] + token[2])  # 开开心心
    if len(token) == 4 and token[:2] == token[2:] and token[:2] in known:
        return Token(token, REDUPLICATED, token[:2])  # 研究研究
    if len(token) % 2 == 0 and len(token) > 4 and token[:2] * (len(token) // 2) == token and token[:2] in known:
        return Token(token, REPEAT, token[:2])  # 哈哈哈哈哈哈 written in pairs
    return None
