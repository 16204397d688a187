"""Which walkthrough step a screenshot shows, from what was read on it.

A step's signature is what its screen shows, as cues (screen_cues.py): the labels and other
text written on its mockup, its bottom row and shape, plus its own chips and highlight
labels, which count double (they are what the step is about). A cue on many screens (关注,
说点什么…, a portrait picture) says little, one on few (获取验证码) says a lot, so each weighs
log(screens / screens showing it) + 1 (inverse document frequency). A step scores the
weighted F1 of the cues read against its signature. A wrong suggestion sends a newcomer to
the wrong help, so a step is named only when the evidence is specific to it: at least
MIN_HITS labels or texts in common, at least MIN_EVIDENCE of rare-cue weight among them
(关注 and 说点什么… together are not enough), and a score of at least MIN_SCORE.

Steps within CLOSE of the best score are too close for the evidence to choose between (one
screen shown in several walkthroughs): a step of the earliest walkthrough in the pack, the
more basic one, comes first, and the next of another walkthrough is offered beside it
("This looks like … or …"). Within one walkthrough the higher score wins, then the step more
of whose own chips were read, then the earlier step. Sums are exact (math.fsum), so the answer
depends neither on the order of a set nor on PYTHONHASHSEED.

MIN_SCORE and MIN_EVIDENCE were set with benchmarks/bench_ocr.py (`step_threshold_table`) on
the 18 real-looking screens of tests/helpers/app_screens.py and the pack's 137 mockups rendered
phone-sized, all read by real OCR. At 0.4 and 4: 16 of the 18 screens named, none wrongly
(before this matcher: 11 named, 4 of them wrongly); 12 mockups named by another
walkthrough's step, each a step showing that same screen (a note, the profile, the ≡ menu,
settings), and 4 not named. At 0.35 one screen is named wrongly (the share sheet of someone
else's note offered as the menu of your own), at 0.45 three fewer are named (the share sheet,
the website's search and log-in). MIN_EVIDENCE 4 leaves 关注 + 说点什么… + the comment box
at the bottom (4.5) just enough for a live room, and the two labels alone (2.7) nothing.
"""

from __future__ import annotations

import logging
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guide.core.content.model import Pack, Step, Walkthrough
from guide.core.screen.label_split import LineSplitter
from guide.core.screen.labels import LabelMatcher
from guide.core.screen.lines import Box, TextLine, char_width
from guide.core.screen.screen_cues import Seen, screen_cues

log = logging.getLogger(__name__)

MIN_SCORE = 0.4
MIN_HITS = 2
MIN_EVIDENCE = 4.0
CLOSE = 0.05
OWN_WEIGHT = 2.0


@dataclass(frozen=True)
class ScreenMatch:
    walkthrough: Walkthrough
    step: Step
    step_number: int  # 1-based, as the player shows it
    score: float
    found: tuple[str, ...]  # the signature's labels that were read
    also: ScreenMatch | None = None  # a close second, from another walkthrough

    def to_json(self) -> dict[str, object]:
        return {"walkthrough": self.walkthrough.id, "step": self.step.id, "title": self.step.title,
                "score": round(self.score, 3)}

    def describe(self) -> str:
        return f"{self.walkthrough.title} › step {self.step_number}"

    def sentence(self) -> str:
        """"This looks like “Title” › step 2: Step title", with " or …" for a close second."""
        text = f"This looks like “{self.walkthrough.title}” › step {self.step_number}: {self.step.title}"
        if self.also is not None:
            also = self.also
            text += f" or “{also.walkthrough.title}” › step {also.step_number}: {also.step.title}"
        return text


def step_labels(step: Step) -> set[str]:
    """The labels a step itself names: its chips and its highlights' labels."""
    labels = set(step.labels)
    labels.update(h.label for h in step.highlight if h.label)
    return labels


def _root(path: Path) -> ET.Element | None:
    try:
        return ET.parse(path).getroot()  # noqa: S314 - the bundled pack's own files
    except (OSError, ET.ParseError) as exc:
        log.info("cannot read mockup %s: %s", path, exc)
        return None


def svg_texts(path: Path) -> list[str]:
    """Every text run of an SVG mockup (ours are small, flat and trusted: the pack's own)."""
    return [text for text, _box in svg_lines(path)[0]]


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def svg_lines(path: Path) -> tuple[list[tuple[str, Box]], tuple[float, float]]:
    """Each text element of a mockup with the box it takes (from x, y, font-size and
    text-anchor; our mockups put no text inside a transform), and the mockup's size."""
    root = _root(path)
    if root is None:
        return [], (1.0, 1.0)
    view = [float(v) for v in _NUMBER.findall(root.get("viewBox", ""))]
    width, height = (view[2], view[3]) if len(view) == 4 else (
        _number(root.get("width"), 360.0), _number(root.get("height"), 780.0))
    lines = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "text":
            continue
        text = "".join(element.itertext()).strip()
        if not text:
            continue
        size = _number(element.get("font-size"), 14.0)
        x, y = _number(element.get("x"), 0.0), _number(element.get("y"), 0.0)
        w = size * sum(char_width(ch) for ch in text)
        anchor = element.get("text-anchor", "start")
        x -= w / 2 if anchor == "middle" else w if anchor == "end" else 0
        box = Box(round(x), round(y - 0.9 * size), max(1, round(w)), max(1, round(1.2 * size)))
        if box.y < height and box.x < width and box.bottom > 0 and box.right > 0:  # outside the view: not shown
            lines.append((text, box))
    return lines, (width, height)


def _number(value: str | None, default: float) -> float:
    found = _NUMBER.search(value or "")
    return float(found.group()) if found else default


def seen_lines(lines: Iterable[tuple[str, str | None, Box]], width: float, height: float) -> list[Seen]:
    """(text, label or None, box in pixels) as Seen, in fractions of the picture."""
    w, h = max(width, 1.0), max(height, 1.0)
    return [Seen(text, label, box.x / w, box.y / h, box.w / w, box.h / h) for text, label, box in lines]


@dataclass(frozen=True)
class _Candidate:
    walkthrough: Walkthrough
    number: int
    step: Step
    signature: frozenset[str]
    own: frozenset[str]
    index: int  # place in the pack, for ties
    shape: str | None  # its mockup's layout:portrait or layout:landscape


class ScreenMatcher:
    def __init__(self, pack: Pack, min_score: float = MIN_SCORE, labels: LabelMatcher | None = None,
                 min_evidence: float = MIN_EVIDENCE) -> None:
        self.min_score = min_score
        self.min_evidence = min_evidence
        self._splitter = LineSplitter(labels or LabelMatcher(pack.glossary))
        self._walkthroughs = list(pack.walkthroughs)
        on_screen: dict[Path, frozenset[str]] = {}
        self._candidates: list[_Candidate] = []
        for walkthrough in pack.walkthroughs:
            for number, step in enumerate(walkthrough.steps, start=1):
                own = frozenset(step_labels(step))
                signature = set(own)
                if step.screen is not None:
                    if step.screen not in on_screen:
                        on_screen[step.screen] = self._mockup_cues(step.screen)
                    signature |= on_screen[step.screen]
                if own or step.screen is not None:
                    shape = next((cue for cue in signature if cue.startswith("layout:")), None)
                    self._candidates.append(_Candidate(walkthrough, number, step, frozenset(signature), own,
                                                       len(self._candidates), shape))
        screens: dict[frozenset[str], None] = {c.signature: None for c in self._candidates}
        counts: dict[str, int] = {}
        for signature in screens:
            for cue in signature:
                counts[cue] = counts.get(cue, 0) + 1
        total = max(1, len(screens))
        self._weight = {cue: math.log(total / n) + 1.0 for cue, n in counts.items()}

    def _mockup_cues(self, path: Path) -> frozenset[str]:
        lines, (width, height) = svg_lines(path)
        parts = [(part.text, part.label.entry.zh if part.label is not None else None, part.box)
                 for text, box in lines for part in self._splitter.split(TextLine(text, box, 1.0))]
        return screen_cues(seen_lines(parts, width, height), width, height)

    def cues(self, lines: Iterable[tuple[str, str | None, Box]], width: int, height: int) -> frozenset[str]:
        """What a screenshot shows, as cues: its lines (text, label or None, box)."""
        return screen_cues(seen_lines(lines, width, height), width, height)

    def weight(self, cue: str) -> float:
        return self._weight.get(cue, 0.0)

    def scores(self, found_cues: Iterable[str]) -> list[tuple[float, float, float, _Candidate]]:
        """(score, evidence, own share, candidate) for every step sharing a label or text
        with what was read, best first."""
        found = {cue for cue in found_cues if cue in self._weight}
        if not any(_telling(cue) for cue in found):
            return []
        found_weight = math.fsum(self.weight(c) for c in found)
        shapes = {cue for cue in found if cue.startswith("layout:")}
        rows = []
        for candidate in self._candidates:
            if shapes and candidate.shape is not None and candidate.shape not in shapes:
                continue  # a phone screen is no web page, and the other way round
            hits = candidate.signature & found
            if sum(1 for cue in hits if _telling(cue)) < MIN_HITS:
                continue
            scaled = {cue: self.weight(cue) * (OWN_WEIGHT if cue in candidate.own else 1.0)
                      for cue in candidate.signature}
            precision = math.fsum(self.weight(c) for c in hits) / found_weight
            recall = math.fsum(scaled[c] for c in hits) / math.fsum(scaled.values())
            score = round(2 * precision * recall / (precision + recall), 9)
            evidence = round(math.fsum(self.weight(c) - 1.0 for c in hits if not c.startswith("layout:")), 9)
            own = math.fsum(self.weight(c) for c in candidate.own)
            share = round(math.fsum(self.weight(c) for c in candidate.own & found) / own, 9) if own else 0.0
            rows.append((score, evidence, share, candidate))
        rows.sort(key=lambda row: (-row[0], -row[2], row[3].index))
        return rows

    def best(self, found_cues: Iterable[str]) -> ScreenMatch | None:
        """The step the cues point to (with a close second from another walkthrough), or None
        when the evidence is not specific enough. Among steps within CLOSE of the best score
        the evidence cannot choose: a step of the earlier walkthrough in the pack (the more
        basic one, more likely what a newcomer is after) comes first."""
        found = set(found_cues)
        named = [row for row in self.scores(found) if row[0] >= self.min_score and row[1] >= self.min_evidence]
        if not named:
            return None
        order = {walkthrough.id: n for n, walkthrough in enumerate(self._walkthroughs)}
        close = sorted((row for row in named if row[0] >= named[0][0] - CLOSE),
                       key=lambda row: order[row[3].walkthrough.id])  # stable: by score within one
        first = close[0]
        second = next((row for row in close[1:] if row[3].walkthrough.id != first[3].walkthrough.id), None)
        return self._match(first, found, self._match(second, found) if second is not None else None)

    @staticmethod
    def _match(row: tuple[float, float, float, _Candidate], found: set[str],
               also: ScreenMatch | None = None) -> ScreenMatch:
        score, _evidence, _share, candidate = row
        labels = tuple(sorted(cue for cue in candidate.signature & found if _telling(cue) and ":" not in cue))
        return ScreenMatch(candidate.walkthrough, candidate.step, candidate.number, score, labels, also)


def _telling(cue: str) -> bool:
    """A label or a text says something about the screen; a layout alone does not."""
    return not cue.startswith(("layout:", "bottom:", "form:"))
