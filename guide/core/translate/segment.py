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
   character by character.
jieba's cut comes from the dictionary index (word_cut.py: the same algorithm and data, with
no 33 MB word list in memory); rjieba's shared instance is the fallback when the index has
no jieba data. Pack words are handled here rather than with jieba's add_word, so one cut
serves every pack.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from guide.core.translate.normalise import has_han, is_han_char

MAX_PACK_WORD = 8
MAX_PIECE = 6

# Kinds of token
WORD = "word"  # known to CC-CEDICT (or not Chinese at all)
PACK = "pack"  # a pack glossary or phrase-book word
REPEAT = "repeat"  # 哈哈哈哈: one character (or a known pair) repeated
EMPHATIC = "emphatic"  # 好好看: 好 "so" + 好看
REDUPLICATED = "reduplicated"  # 开开心心 / 研究研究: a known word doubled for emphasis
PARTICLE = "particle"  # 了 / 过 / 着 cut off a verb jieba kept them with (去过 -> 去 过)
UNKNOWN = "unknown"  # no known word inside: read character by character
PUNCT = "punct"


@dataclass(frozen=True)
class Token:
    text: str
    kind: str = WORD
    base: str = ""  # the known word a REPEAT / EMPHATIC / REDUPLICATED token is built on
    hint: str = ""  # a sense the context makes first (好 before an adjective: "so; very")


_jieba_lock = threading.Lock()


def jieba_cut(text: str) -> list[str]:
    import rjieba

    with _jieba_lock:
        return rjieba.cut(text)


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() for ch in token)


class Segmenter:
    """Cuts text with jieba, then repairs the cuts against the dictionaries (see module doc)."""

    def __init__(self, pack_words: Iterable[str], cut: Callable[[str], list[str]] = jieba_cut) -> None:
        self._pack = {w for w in pack_words if w and " " not in w and len(w) <= MAX_PACK_WORD}
        self._cut = cut

    def segment(self, text: str, known: Callable[[Iterable[str]], set[str]],
                cut: Callable[[str], list[str]] | None = None) -> list[Token]:
        """Tokens of `text` (whitespace dropped); `known(words)` says which are dictionary words;
        `cut` is jieba's cut (the index's, when it has jieba's data; else rjieba's)."""
        pieces = _merge_runs(self._with_pack_words(text, known, cut or self._cut))
        unknown = [t for t, is_pack in pieces if not is_pack and has_han(t)]
        found = known(unknown)
        substrings = {t[i:j] for t in unknown if t not in found
                      for i in range(len(t)) for j in range(i + 1, min(len(t), i + MAX_PIECE) + 1)}
        found |= known(substrings)
        found |= self._pack
        tokens: list[Token] = []
        for text_piece, is_pack in pieces:
            if not text_piece.strip():
                continue
            if is_pack:
                tokens.append(Token(text_piece, PACK))
            elif _is_punct(text_piece):
                tokens.append(Token(text_piece, PUNCT))
            elif not has_han(text_piece) or text_piece in found:
                tokens.append(Token(text_piece, WORD))
            else:
                tokens.extend(_resplit(text_piece, found))
        return _in_context(tokens)

    def _with_pack_words(self, text: str, known: Callable[[Iterable[str]], set[str]],
                         cut: Callable[[str], list[str]]) -> list[tuple[str, bool]]:
        """jieba's tokens, with pack words cut out whole: (text, is a pack word)."""
        tokens = cut(text)
        if not self._pack:
            return [(t, False) for t in tokens]
        starts: dict[int, int] = {}  # token start -> token end
        position = 0
        for token in tokens:
            starts[position] = position + len(token)
            position += len(token)
        ends = set(starts.values()) | {0}
        folded = text.casefold()
        unknown_tokens = {t for t in tokens if has_han(t)} - known(t for t in tokens if has_han(t))
        out: list[tuple[str, bool]] = []
        plain_from = 0
        i = 0
        token_start = token_end = 0
        while i < len(text):
            at_boundary = i in starts
            if at_boundary:
                token_start, token_end = i, starts[i]
            current = text[token_start:token_end]
            inside_unknown = current in unknown_tokens and len(set(current)) > 1
            match = None
            if at_boundary or inside_unknown:
                for j in range(min(len(text), i + MAX_PACK_WORD), i + 1, -1):
                    candidate = folded[i:j]
                    if candidate in self._pack and (j in ends or (has_han(candidate) and self._may_end_inside(text, j, starts))):
                        match = j
                        break
            if match is None:
                i += 1
                continue
            if plain_from < i:
                out.extend(self._plain(text, plain_from, i, starts, ends, cut))
            out.append((text[i:match], True))
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
               cut: Callable[[str], list[str]]) -> list[tuple[str, bool]]:
        """jieba's own tokens when the span is on its boundaries, else the span cut again."""
        if start in starts and end in ends:
            out = []
            position = start
            while position < end:
                out.append((text[position:starts[position]], False))
                position = starts[position]
            return out
        return [(t, False) for t in cut(text[start:end])]


def _merge_runs(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """jieba cuts long laughter apart (啊 / 啊啊啊 / 啊): one run of one character is one word."""
    out: list[tuple[str, bool]] = []
    for text, is_pack in pieces:
        if out and len(set(text)) == 1 and set(out[-1][0]) == set(text) and is_han_char(text[0]):
            out[-1] = (out[-1][0] + text, False)
        else:
            out.append((text, is_pack))
    return out


def _resplit(token: str, known: set[str]) -> list[Token]:
    """A token no dictionary knows: reduplication, then the fewest longest known words."""
    special = _reduplication(token, known)
    if special is not None:
        return [special]
    if len(token) > 1 and token[-1] in "了过着" and token[:-1] in known:  # 去过, 吃了, 看着
        return [Token(token[:-1], WORD), Token(token[-1], PARTICLE)]
    if len(token) == 3 and token[1] == "得" and token[0] in known and token[2] in known:  # 说得对, 买得起
        return [Token(token[0], WORD), Token("得", PARTICLE), Token(token[2], WORD)]
    n = len(token)
    # best[i]: (cost, -sum of squared lengths, longer pieces first, pieces) for token[:i];
    # unknown characters cost more; ties go to the longer first word (一起来 -> 一起 来).
    best: list[tuple[float, int, list[int], list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, 0, [], [])
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
            cost_j, squares_j, lengths_j, pieces_j = best[j]  # type: ignore[misc]
            candidate = (cost_j + cost, squares_j - len(piece) ** 2, lengths_j + [-len(piece)], pieces_j + [piece])
            if best[i] is None or candidate[:3] < best[i][:3]:  # type: ignore[index]
                best[i] = candidate
    pieces = best[n][3] if best[n] else list(token)  # type: ignore[index]
    if all(len(p) == 1 for p in pieces) and not all(p in known for p in pieces):
        return [Token(token, UNKNOWN)]  # a true unknown: read character by character
    return [Token(p, WORD if p in known or not is_han_char(p[0]) else UNKNOWN) for p in pieces]


# Measure words after 这 / 那 / 哪 / 每 / a number, where CC-CEDICT's first sense misleads.
CLASSIFIERS = {
    "家": "(measure word for shops, restaurants, companies)",
    "个": "(measure word for people and things)",
    "部": "(measure word for films, phones)",
    "本": "(measure word for books)",
    "张": "(measure word for photos, tickets, tables)",
    "条": "(measure word for posts, news, roads, fish)",
    "位": "(polite measure word for people)",
    "只": "(measure word for animals; one of a pair)",
    "款": "(measure word for styles, models of a product)",
}
_BEFORE_CLASSIFIER = set("这那哪每几一两二三四五六七八九十半") | set("0123456789")
_NOT_AN_ADJECTIVE = set("的了吗吧啊呀哦嘛呢不啦")


def _in_context(tokens: list[Token]) -> list[Token]:
    """Senses the neighbours decide: 得 after a verb is the particle "de"; 好 before an
    adjective or verb means "so"; a measure word after 这 / a number is a measure word."""
    out = list(tokens)
    for i, token in enumerate(out):
        before = out[i - 1] if i > 0 else None
        after = out[i + 1] if i + 1 < len(out) else None
        if token.kind not in (WORD, UNKNOWN):
            continue
        if token.text == "得" and before is not None and has_han(before.text) and before.kind != PUNCT:
            out[i] = Token("得", PARTICLE)
        elif (token.text == "好" and after is not None and after.kind in (WORD, PACK) and has_han(after.text)
              and after.text[0] not in _NOT_AN_ADJECTIVE):
            out[i] = Token("好", WORD, hint="so; very (before an adjective or verb)")
        elif token.text in CLASSIFIERS and before is not None and before.text[-1:] in _BEFORE_CLASSIFIER:
            out[i] = Token(token.text, WORD, hint=CLASSIFIERS[token.text])
    return out


# The neutral-tone reading a particle has after a verb, and so the CC-CEDICT entry to use.
ASPECT_PARTICLES = {"了": "le", "过": "guo", "着": "zhe", "得": "de"}


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
