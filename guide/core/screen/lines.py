"""From the OCR engine's text boxes to the lines a person reads, in reading order.

The detector sometimes cuts one line in two where letters are spaced out (a caption
with an emoji in it, "1.2万 点赞"); pieces on the same row with a gap narrower than about
half a character are joined. Separate UI labels in a tab bar sit much further apart and
stay separate. Lines are then ordered top to bottom, left to right.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide.core.screen.ocr_client import RawLine
from guide.core.translate.normalise import has_han

JOIN_GAP = 0.5  # gap between pieces, in line heights, below which they are one line
SAME_ROW = 0.6  # vertical overlap, as a share of the smaller height, for "same row"


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    def union(self, other: Box) -> Box:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


@dataclass(frozen=True)
class TextLine:
    text: str
    box: Box
    confidence: float
    # Where the engine's own pieces start in `text`, with their boxes, when several were
    # joined into this line: labels split out of it later get the piece's box, not a guess.
    parts: tuple[tuple[int, Box], ...] = ()

    def span_box(self, start: int, end: int) -> Box:
        """The box of text[start:end]: within each piece, in proportion to the characters."""
        pieces = self.parts or ((0, self.box),)
        found: Box | None = None
        for index, (offset, box) in enumerate(pieces):
            stop = pieces[index + 1][0] if index + 1 < len(pieces) else len(self.text)
            piece = self.text[offset:stop].rstrip(" ")
            lo, hi = max(start, offset), min(end, offset + len(piece))
            if lo < hi:
                part = proportional_box(piece, box, lo - offset, hi - offset)
                found = part if found is None else found.union(part)
        return found if found is not None else self.box


def char_width(char: str) -> float:
    """Rough advance of a character in em: Han and full-width forms 1, ASCII narrower."""
    if char == " ":
        return 0.35
    if char.isascii():
        return 0.55 if char.isalnum() else 0.4
    return 1.0


def proportional_box(text: str, box: Box, start: int, end: int) -> Box:
    """The part of `box` that text[start:end] takes, in proportion to the characters' widths
    (the engine gives one box for a line; a label split out of it needs its own)."""
    widths = [char_width(ch) for ch in text]
    total = sum(widths) or 1.0
    x0 = box.x + round(box.w * sum(widths[:start]) / total)
    x1 = box.x + round(box.w * sum(widths[:end]) / total)
    return Box(x0, box.y, max(1, x1 - x0), box.h)


def box_of(points: tuple[tuple[float, float], ...], width: int, height: int) -> Box:
    """The upright rectangle around four corner points, clipped to the picture."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, y0 = max(0, int(min(xs))), max(0, int(min(ys)))
    x1, y1 = min(width, round(max(xs))), min(height, round(max(ys)))
    return Box(x0, y0, max(1, x1 - x0), max(1, y1 - y0))


def _same_row(a: Box, b: Box) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.y, b.y)
    return overlap > SAME_ROW * min(a.h, b.h) and max(a.h, b.h) < 1.5 * min(a.h, b.h)


def joiner(left: str, right: str) -> str:
    """No space between Han characters; a space between Latin words."""
    if not left or not right:
        return ""
    if has_han(left[-1]) or has_han(right[0]):
        return ""
    return " "


def _worth_reading(text: str) -> bool:
    """Any Chinese character, or at least two letters or digits ("9:41", "OK")."""
    return has_han(text) or sum(ch.isalnum() for ch in text) >= 2


def group_lines(raw: list[RawLine], width: int, height: int) -> list[TextLine]:
    """Join pieces of one line and sort into reading order; icons the engine read as a mark
    or a lone letter ("<", "+", "く" for a back arrow) are dropped."""
    pieces = [TextLine(r.text.strip(), box_of(r.points, width, height), r.score) for r in raw if _worth_reading(r.text)]
    pieces.sort(key=lambda line: (line.box.x, line.box.y))
    merged: list[TextLine] = []
    for piece in pieces:
        for index, line in enumerate(merged):
            gap = piece.box.x - line.box.right
            if _same_row(line.box, piece.box) and -0.2 * line.box.h <= gap <= JOIN_GAP * min(line.box.h, piece.box.h):
                chars = len(line.text) + len(piece.text)
                confidence = (line.confidence * len(line.text) + piece.confidence * len(piece.text)) / chars
                text = line.text + joiner(line.text, piece.text)
                parts = (line.parts or ((0, line.box),)) + ((len(text), piece.box),)
                merged[index] = TextLine(text + piece.text, line.box.union(piece.box), confidence, parts)
                break
        else:
            merged.append(piece)
    return reading_order(merged)


def reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Rows top to bottom (a row: lines whose middles are within half a line height), each
    left to right."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: item.box.y + item.box.h / 2):
        middle = line.box.y + line.box.h / 2
        if rows:
            last = rows[-1][0].box
            if abs((last.y + last.h / 2) - middle) <= 0.5 * min(last.h, line.box.h):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda item: item.box.x)]


SENTENCE_END = "。！？!?…~～」』”)）】"
WRAPPED = 0.75


def paragraphs(lines: list[TextLine], width: int) -> list[list[int]]:
    """Indices of lines (in reading order) that continue one another: a caption or a note's
    body wraps a sentence over several lines, and half a sentence translates badly.

    A line continues the one above when they share a left edge and a height, sit one line
    apart, and the line above was wrapped: it reaches past WRAPPED of the picture's width and
    does not end a sentence. (Short comments one under another are not a paragraph.)"""
    groups: list[list[int]] = []
    for index, line in enumerate(lines):
        if groups:
            group = groups[-1]
            previous = lines[group[-1]]
            height = min(previous.box.h, line.box.h)
            continues = (
                group[-1] == index - 1
                and abs(previous.box.x - line.box.x) <= 0.6 * height
                and max(previous.box.h, line.box.h) <= 1.3 * height
                and -0.2 * height <= line.box.y - previous.box.bottom <= 0.9 * height
                and previous.box.right >= WRAPPED * width
                and not previous.text.rstrip().endswith(tuple(SENTENCE_END))
            )
            if continues:
                group.append(index)
                continue
        groups.append([index])
    return groups
