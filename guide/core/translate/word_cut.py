"""jieba's cut, computed from the dictionary index instead of an in-memory word list.

jieba (and rjieba, its Rust port) hold their 349,000-word dictionary in memory: importing
rjieba costs ~33 MB of RSS and ~0.1 s in every process, more than the whole app's budget
for the word breakdown. The algorithm itself is small: a graph of the dictionary words
found in the sentence, the most probable path through it by word frequency, and an HMM
(four states, per-character emission odds) for runs of characters no word covers. So the
index holds jieba's word frequencies and emission odds (copied from the jieba package when
the index is built) and this module runs the same steps on one sentence at a time, with a
handful of batched queries. The cuts are jieba's; a test compares them with rjieba's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator

MAX_WORD = 16  # the longest word in jieba's dictionary
MIN_FLOAT = -3.14e100

# jieba/finalseg/prob_start.py and prob_trans.py (tiny, so kept here rather than in the index)
START = {"B": -0.26268660809250016, "E": MIN_FLOAT, "M": MIN_FLOAT, "S": -1.4652633398537678}
TRANS = {"B": {"E": -0.510825623765990, "M": -0.916290731874155},
         "E": {"B": -0.5897149736854513, "S": -0.8085250474669937},
         "M": {"E": -0.33344856811948514, "M": -1.2603623820268226},
         "S": {"B": -0.7211965654669841, "S": -0.6658631448798212}}
PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}

_BLOCK_RE = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")  # jieba's re_han_default
_SKIP_RE = re.compile(r"(\r\n|\s)")
_HMM_HAN_RE = re.compile(r"([\u4E00-\u9FD5]+)")
_HMM_SKIP_RE = re.compile(r"([a-zA-Z0-9]+(?:[\.\-_][a-zA-Z0-9]+)*%?)")  # as jieba-rs: e.g, 25-year-old whole

WordsIn = Callable[[list[str]], dict[str, int]]  # blocks -> count of every word found in them (more is harmless)
Emissions = Callable[[Iterable[str]], dict[str, tuple[float, float, float, float]]]  # char -> B, M, E, S


def blocks(text: str) -> list[str]:
    """The runs of `text` jieba cuts into words (Chinese, letters, digits and a few signs);
    the rest (spaces, punctuation) it leaves as it is."""
    return [b for b in _BLOCK_RE.split(text) if b and _BLOCK_RE.fullmatch(b)]


class _Session:
    """The word counts read for one text: each word's log odds, and for each first character
    the lengths of the words starting with it (the cut's graph is built from those)."""

    def __init__(self, words_in: WordsIn, log_total: float) -> None:
        self._words_in = words_in
        self._log_total = log_total
        self._blocks: list[str] = []
        self.odds: dict[str, float] = {}  # words jieba counts: log(count) - log(total), as its route adds them
        self.starts: dict[str, list[int]] = {}

    def read(self, blocks: list[str]) -> _Session:
        """Counts covering `blocks`: read now unless every block is part of one read before."""
        new = [b for b in blocks if not any(b in old for old in self._blocks)]
        if new:
            found = self._words_in(new)
            self.odds.update((word, math.log(count) - self._log_total) for word, count in found.items() if count)
            self._blocks += new
            lengths: dict[str, set[int]] = {}
            for word in self.odds:
                lengths.setdefault(word[0], set()).add(len(word))
            self.starts = {first: sorted(found) for first, found in lengths.items()}
        return self


class WordCutter:
    """`cut(text)` as jieba.cut(text, HMM=True) gives it."""

    def __init__(self, words_in: WordsIn, emissions: Emissions, total: int) -> None:
        self._words_in = words_in
        self._emissions = emissions
        self._log_total = math.log(total)
        # The HMM's odds per character, kept once read (a few thousand characters at most,
        # as jieba keeps the whole table): one query per text instead of one per run.
        self._emit: dict[str, tuple[float, float, float, float] | None] = {}

    def cut(self, text: str, session: _Session | None = None) -> list[str]:
        """jieba's cut of `text`. `session`: the word counts already read for this text (so
        cutting a part of it again asks nothing new; see `session()`)."""
        pieces = [b for b in _BLOCK_RE.split(text) if b]
        words = [b for b in pieces if _BLOCK_RE.fullmatch(b)]
        read = (session or _Session(self._words_in, self._log_total)).read(words)
        missing = {c for b in words for c in b if c not in self._emit}
        if missing:
            found = self._emissions(missing)
            self._emit.update({c: found.get(c) for c in missing})
        out: list[str] = []
        for block in pieces:
            if _BLOCK_RE.fullmatch(block):
                out.extend(self._cut_block(block, read))
            else:
                for piece in _SKIP_RE.split(block):
                    if _SKIP_RE.fullmatch(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return [w for w in out if w]

    def session(self, words_in: WordsIn | None = None) -> Callable[[str], list[str]]:
        """`cut` for one text and the parts of it cut again (the segmenter re-cuts around
        pack words): the word counts are read once (through `words_in`, when given)."""
        session = _Session(words_in or self._words_in, self._log_total)
        return lambda text: self.cut(text, session)

    def _cut_block(self, sentence: str, read: _Session) -> Iterator[str]:
        """jieba's route through the graph of the words `read` has for `sentence` (built from
        the lengths of the words from each first character, not from every run of up to
        MAX_WORD characters), then the HMM for runs of single characters."""
        n = len(sentence)
        known, starts, odds_of = read.odds, read.starts, read.odds.get
        no_word = -self._log_total  # log(1) - log(total): a character jieba does not count
        # route[k]: the most probable path's (log odds, end of its first word) from k on; the
        # words from k are those jieba counts, else the character alone
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for k in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            for length in starts.get(sentence[k], ()):
                x = k + length - 1
                if x >= n:
                    break
                odds = odds_of(sentence[k:x + 1])
                if odds is not None:
                    candidate = (odds + route[x + 1][0], x)
                    if best is None or candidate > best:
                        best = candidate
            route[k] = best if best is not None else (odds_of(sentence[k], no_word) + route[k + 1][0], k)
        x = 0
        buffer = ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buffer += word
            else:
                if buffer:
                    yield from self._flush(buffer, known)
                    buffer = ""
                yield word
            x = y
        if buffer:
            yield from self._flush(buffer, known)

    def _flush(self, buffer: str, odds: dict[str, float]) -> Iterator[str]:
        if len(buffer) == 1:
            yield buffer
        elif buffer not in odds:  # no word jieba counts: the HMM cuts it
            yield from self._hmm(buffer)
        else:
            yield from buffer

    def _hmm(self, text: str) -> Iterator[str]:
        for block in _HMM_HAN_RE.split(text):
            if _HMM_HAN_RE.fullmatch(block):
                yield from self._viterbi_cut(block)
            else:
                yield from (piece for piece in _HMM_SKIP_RE.split(block) if piece)

    def _viterbi_cut(self, sentence: str) -> Iterator[str]:
        emit = self._emit
        if any(c not in emit for c in sentence):
            found = self._emissions(set(sentence))
            emit.update({c: found.get(c) for c in set(sentence)})
        states = "BMES"
        odds = [_odds(emit.get(char)) for char in sentence]  # per character: B, M, E, S
        table = [{s: START[s] + odds[0][i] for i, s in enumerate(states)}]
        path = {s: [s] for s in states}
        for t in range(1, len(sentence)):
            table.append({})
            new_path = {}
            for index, state in enumerate(states):
                emission = odds[t][index]
                prob, previous = max((table[t - 1][p] + TRANS[p].get(state, MIN_FLOAT) + emission, p)
                                     for p in PREVIOUS[state])
                table[t][state] = prob
                new_path[state] = path[previous] + [state]
            path = new_path
        _, last = max((table[-1][s], s) for s in "ES")
        begin = next_index = 0
        for i, char in enumerate(sentence):
            position = path[last][i]
            if position == "B":
                begin = i
            elif position == "E":
                yield sentence[begin:i + 1]
                next_index = i + 1
            elif position == "S":
                yield char
                next_index = i + 1
        if next_index < len(sentence):
            yield sentence[next_index:]


def _odds(row: tuple[float | None, ...] | None) -> tuple[float, ...]:
    """A character's emission odds, MIN_FLOAT where jieba has none."""
    return (MIN_FLOAT,) * 4 if row is None else tuple(MIN_FLOAT if value is None else value for value in row)


EmitRow = tuple[str, float | None, float | None, float | None, float | None]


def jieba_rows() -> tuple[list[tuple[str, int]], list[EmitRow], int]:
    """jieba's word counts, HMM emission odds and total count, read from the jieba package
    (index build only). Empty when jieba is not installed: the breakdown then cuts with rjieba."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return [], [], 0
    folder = Path(next(iter(spec.submodule_search_locations)))
    counts: dict[str, int] = {}
    total = 0
    with open(folder / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.strip().split(" ")
            if len(parts) >= 2 and parts[1].isdigit():
                counts[parts[0]] = int(parts[1])
                total += int(parts[1])
    # The HMM's emission odds: a Python literal, read as data (importing jieba would build its
    # whole dictionary in memory).
    import ast

    source = (folder / "finalseg" / "prob_emit.py").read_text(encoding="utf-8")
    emit = ast.literal_eval(source[source.index("P=") + 2:].strip())

    chars = set().union(*(table.keys() for table in emit.values()))
    rows = [(c, *(emit[s].get(c) for s in "BMES")) for c in chars]
    return list(counts.items()), rows, total
