"""Which walkthrough step a screenshot shows, from the UI labels read on it.

A step's signature is the set of glossary labels its screen shows: the labels written on
its mockup (the SVG's text), plus its chips and the labels of its highlights. A label on
many screens (首页, 关注) says little, one on few (获取验证码) says a lot, so each label
weighs log(screens / screens showing it) + 1 (inverse document frequency). A step scores
the weighted F1 of the labels read against its signature: the read labels it explains
and the share of its screen that was read both count. The best step is offered when it
scores at least MIN_SCORE with at least two of its labels read; on a tie (steps sharing
one mockup) the step whose own chips and highlights were read wins, then the earlier one.
MIN_SCORE was set on the pack's 111 mockups rendered phone-sized and read by real OCR as the
app reads them (`python benchmarks/bench_ocr.py`). At 0.5: 51 are named by a step showing
that very screen, 21 by another step of the same walkthrough, 24 by another walkthrough
(mostly one screen shown in two walkthroughs, such as the home feed or the profile page) and
15 by none (screens whose buttons are icons). 0.3 and 0.4 name one more correctly and one
more wrongly; at 0.6 correct answers start to go (50), at 0.7 many (45).
"""

from __future__ import annotations

import logging
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guide.core.content.model import Pack, Step, Walkthrough
from guide.core.screen.labels import LabelMatcher

log = logging.getLogger(__name__)

MIN_SCORE = 0.5
MIN_HITS = 2


@dataclass(frozen=True)
class ScreenMatch:
    walkthrough: Walkthrough
    step: Step
    step_number: int  # 1-based, as the player shows it
    score: float
    found: tuple[str, ...]  # the signature's labels that were read

    def to_json(self) -> dict[str, object]:
        return {"walkthrough": self.walkthrough.id, "step": self.step.id, "title": self.step.title,
                "score": round(self.score, 3)}

    def describe(self) -> str:
        return f"{self.walkthrough.title} › step {self.step_number}"


def step_labels(step: Step) -> set[str]:
    """The labels a step itself names: its chips and its highlights' labels."""
    labels = set(step.labels)
    labels.update(h.label for h in step.highlight if h.label)
    return labels


def svg_texts(path: Path) -> list[str]:
    """Every text run of an SVG mockup (ours are small, flat and trusted: the pack's own)."""
    try:
        root = ET.parse(path).getroot()  # noqa: S314 - the bundled pack's own files
    except (OSError, ET.ParseError) as exc:
        log.info("cannot read mockup %s: %s", path, exc)
        return []
    texts = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "text":
            text = "".join(element.itertext()).strip()
            if text:
                texts.append(text)
    return texts


@dataclass(frozen=True)
class _Candidate:
    walkthrough: Walkthrough
    number: int
    step: Step
    signature: frozenset[str]
    own: frozenset[str]


class ScreenMatcher:
    def __init__(self, pack: Pack, min_score: float = MIN_SCORE, labels: LabelMatcher | None = None) -> None:
        self.min_score = min_score
        labels = labels or LabelMatcher(pack.glossary)
        on_screen: dict[Path, frozenset[str]] = {}
        self._candidates: list[_Candidate] = []
        for walkthrough in pack.walkthroughs:
            for number, step in enumerate(walkthrough.steps, start=1):
                signature = set(step_labels(step))
                if step.screen is not None:
                    if step.screen not in on_screen:
                        found = (labels.match(text) for text in svg_texts(step.screen))
                        on_screen[step.screen] = frozenset(m.entry.zh for m in found if m and m.kind != "fuzzy")
                    signature |= on_screen[step.screen]
                if signature:
                    self._candidates.append(_Candidate(walkthrough, number, step, frozenset(signature),
                                                       frozenset(step_labels(step))))
        screens: dict[frozenset[str], None] = {c.signature: None for c in self._candidates}
        counts: dict[str, int] = {}
        for signature in screens:
            for label in signature:
                counts[label] = counts.get(label, 0) + 1
        total = max(1, len(screens))
        self._weight = {label: math.log(total / n) + 1.0 for label, n in counts.items()}

    def weight(self, label: str) -> float:
        return self._weight.get(label, 0.0)

    def scores(self, found_labels: Iterable[str]) -> list[tuple[float, float, _Candidate]]:
        """(score, own-label tie-break, candidate) for every step sharing a label, best first."""
        found = {label for label in found_labels if label in self._weight}
        if not found:
            return []
        found_weight = sum(self.weight(l) for l in found)
        rows = []
        for index, candidate in enumerate(self._candidates):
            hits = candidate.signature & found
            if len(hits) < MIN_HITS:
                continue
            hit_weight = sum(self.weight(l) for l in hits)
            precision = hit_weight / found_weight
            recall = hit_weight / sum(self.weight(l) for l in candidate.signature)
            score = 2 * precision * recall / (precision + recall)
            own = sum(self.weight(l) for l in candidate.own & found)
            rows.append((score, own, -index, candidate))
        rows.sort(key=lambda row: (row[0], row[1], row[2]), reverse=True)
        return [(score, own, candidate) for score, own, _i, candidate in rows]

    def best(self, found_labels: Iterable[str]) -> ScreenMatch | None:
        found = set(found_labels)
        rows = self.scores(found)
        if not rows or rows[0][0] < self.min_score:
            return None
        score, _own, candidate = rows[0]
        return ScreenMatch(candidate.walkthrough, candidate.step, candidate.number, score,
                           tuple(sorted(candidate.signature & found)))
