"""Cuts a reader would make where jieba's differ (issue 21, part 3).

jieba picks the most probable path through its word list, which is right most of the time
and wrong in a recognisable way around the words RedNote uses and its list lacks: it strands
characters that belong to a checked word (口 / 红色 / 号 for 口红 / 色号), glues a degree
adverb to the first character of the word after it (超出 / 片 for 超 / 出片, 还好 / 笑 for
还 / 好笑, 你好 / 会 for 你 / 好 / 会), and reads 前来 in 两年前来过. Each repair looks at a
few neighbouring tokens only and changes jieba's cut only by the rule stated with it.

"Preferred" words are the pack's and sense_overrides.yaml's: words someone checked by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from guide.core.translate.context import TIME_UNITS  # 三天 / 两年 / 一个月 前 (ago) or 后 (later)

MAX_RUN = 6  # characters of jieba tokens looked at together
MAX_WORD = 4

# Adverbs RedNote puts before an adjective or verb: 超好笑, 还好用, 太出片.
DEGREE_ADVERBS = frozenset("还太超好很真挺最也巨更特贼蛮")
_LOCATIVES = frozenset("前后")
# 你好会拍 is 你 / 好 "so" / 会拍, not 你好 "hello": what follows 好 there.
_AFTER_SO = frozenset({"会", "能", "有", "像", "懂", "美", "帅", "酷", "棒", "强", "厉害", "漂亮", "可爱",
                       "好看", "温柔", "有才", "会拍", "会穿", "会吃", "会玩"})


class Recutter:
    """Applies the repairs to one sentence's plain tokens (see module doc)."""

    def __init__(self, preferred: set[str]) -> None:
        self._preferred = preferred

    def recut(self, words: list[str], known: Callable[[Iterable[str]], set[str]]) -> list[str]:
        """`words`: a run of jieba tokens with no punctuation or pack word inside; `known(words)`
        says which are dictionary words (asked only in the rare cases a repair may apply)."""
        words = self._time_before_locative(words, known)
        words = self._adverb_glued(words)
        if self._straddled(words):
            words = self._stranded(words, known(_substrings("".join(words))))
        return words

    def _straddled(self, words: list[str]) -> bool:
        """A preferred word that is not one of the tokens (口 / 红色 / 号 holds 色号, 很 / 显 /
        瘦 holds 显瘦): the only case `_stranded` can change, checked first as it is rare."""
        text = "".join(words)
        spans: set[tuple[int, int]] = set()
        position = 0
        for word in words:
            spans.add((position, position + len(word)))
            position += len(word)
        preferred = self._preferred
        for i in range(len(text) - 1):
            for j in range(i + 2, min(len(text), i + MAX_WORD) + 1):
                if text[i:j] in preferred and (i, j) not in spans:
                    return True
        return False

    def _time_before_locative(self, words: list[str], known: Callable[[Iterable[str]], set[str]]) -> list[str]:
        """两年 / 前来 / 过 -> 两年 / 前 / 来 / 过 (a time before 前 is "ago"); 出 / 门前 ->
        出门 / 前 (the verb's word, then "before"); 十分 / 钟 -> 十 / 分钟 (ten minutes, not
        "very")."""
        out: list[str] = []
        for word in words:
            previous = out[-1] if out else ""
            if word[0] == "钟" and len(previous) >= 2 and previous.endswith("分"):  # 十分 / 钟: 十 / 分钟
                out[-1:] = [previous[:-1], "分" + word[0]] + ([word[1:]] if len(word) > 1 else [])
            elif (len(word) >= 2 and word[0] in _LOCATIVES and previous.endswith(TIME_UNITS)
                    and (len(word) == 2 or known([word[1:]]))):
                out += [word[0], word[1:]]
            elif (len(word) == 2 and word[1] in _LOCATIVES and len(previous) == 1
                  and word not in self._preferred and known([previous + word[0]])):
                out[-1:] = [previous + word[0], word[1]]
            else:
                out.append(word)
        return out

    def _adverb_glued(self, words: list[str]) -> list[str]:
        """超出 / 片 -> 超 / 出片, 还好 / 笑 -> 还 / 好笑: a degree adverb jieba joined to the
        first character of a preferred word; 你好 / 会 -> 你 / 好 / 会 before a skill or a
        quality."""
        out: list[str] = []
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            if word in ("你好", "您好") and following in _AFTER_SO:
                out += [word[0], "好"]
            else:
                out.append(word)
        for i in range(len(out) - 1):
            first, second = out[i], out[i + 1]
            if (len(first) == 2 and first[0] in DEGREE_ADVERBS and len(second) == 1
                    and first[1] + second in self._preferred):
                out[i], out[i + 1] = first[0], first[1] + second
        return out

    def _stranded(self, words: list[str], known: set[str]) -> list[str]:
        """Within each short stretch around a single character, a cut that brings in a
        preferred word and strands fewer characters (口 / 红色 / 号 -> 口红 / 色号; but 一下 /
        头 stays: 一 / 下头 strands as many)."""
        out: list[str] = []
        i = 0
        while i < len(words):
            if len(words[i]) != 1 and not (i + 1 < len(words) and len(words[i + 1]) == 1):
                out.append(words[i])
                i += 1
                continue
            j, length = i, 0  # a stretch of tokens up to MAX_RUN characters
            while j < len(words) and length + len(words[j]) <= MAX_RUN:
                length += len(words[j])
                j += 1
            stretch = words[i:j] or [words[i]]
            better = self._best_cut(stretch, known)
            if better is not None and better != stretch and _singles(better) < _singles(stretch):
                out += better
                i += len(stretch)
                continue
            out.append(words[i])
            i += 1
        return out

    def _best_cut(self, stretch: list[str], known: set[str]) -> list[str] | None:
        """The cut with the most preferred words jieba did not have, then the fewest single
        characters, then the fewest moved boundaries (jieba is usually right elsewhere);
        None unless it brings in a preferred word. Only known or preferred words."""
        text = "".join(stretch)
        n = len(text)
        jieba_ends: set[int] = set()
        position = 0
        for word in stretch:
            position += len(word)
            jieba_ends.add(position)
        best: list[tuple[int, int, int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, 0, 0, [])
        for end in range(1, n + 1):
            for start in range(max(0, end - MAX_WORD), end):
                previous = best[start]
                piece = text[start:end]
                if previous is None or (len(piece) > 1 and piece not in known and piece not in self._preferred):
                    continue
                moved = (end not in jieba_ends) + sum(1 for p in range(start + 1, end) if p in jieba_ends)
                candidate = (previous[0] - (piece in self._preferred and piece not in stretch),
                             previous[1] + (len(piece) == 1), previous[2] + moved, previous[3] + [piece])
                if best[end] is None or candidate[:3] < best[end][:3]:  # type: ignore[index]
                    best[end] = candidate
        found = best[n]
        return found[3] if found is not None and found[0] < 0 else None


def _singles(words: list[str]) -> int:
    return sum(1 for w in words if len(w) == 1)


def _substrings(text: str) -> set[str]:
    """The words of two to MAX_WORD characters a cut of `text` may use."""
    return {text[i:j] for i in range(len(text)) for j in range(i + 2, min(len(text), i + MAX_WORD) + 1)}
