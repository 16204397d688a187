"""The Chinese text written in a screen mockup, and where it sits, so the player can make
every piece of it clickable (not only the highlighted labels).

Mockups are the pack's own SVGs, already rewritten by `images.sanitize_svg`; this reads the
`<text>` elements of those bytes (with their `<tspan>`s) and estimates each one's box from
its position, font size and anchor: Han and full-width characters are one em wide, Latin
letters and digits about half. The box is a generous hit area, not a pixel-exact outline.
Boxes are fractions of the viewBox, like a step's highlights. Text under a transform other
than translate/scale is skipped (its place cannot be known without drawing it).
"""

from __future__ import annotations

import re
import unicodedata
import xml.parsers.expat
from dataclasses import dataclass

from guide.core.content.model import Highlight
from guide.core.translate.normalise import has_han

ASCENT = 0.9  # of the font size, above the baseline
DESCENT = 0.25
NARROW_EM = 0.56  # Latin letters, digits and ASCII punctuation, on average
SPACE_EM = 0.3
PAD = 2.0  # viewBox units around each box, so small labels are easy to hit
_NUMBER_RE = re.compile(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?", re.IGNORECASE)
_TRANSFORM_RE = re.compile(r"(?<!\w)(\w+)\s*\(([^)]*)\)")  # from a word's start only: linear on a long word


@dataclass(frozen=True)
class MockupText:
    """One line of text on a mockup: what it says and its box in fractions of the picture."""

    text: str
    x: float
    y: float
    w: float
    h: float

    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def inside(self, highlight: Highlight) -> bool:
        """Whether this text's centre lies in `highlight` (it is the text that highlight marks)."""
        cx, cy = self.centre()
        return highlight.x <= cx <= highlight.x + highlight.w and highlight.y <= cy <= highlight.y + highlight.h


def text_width(text: str, size: float) -> float:
    """Estimated advance of `text` at font size `size`: wide characters one em, others about half."""
    width = 0.0
    for char in text:
        if char.isspace():
            width += SPACE_EM
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width += 1.0
        else:
            width += NARROW_EM
    return width * size


def _number(value: str | None, default: float = 0.0) -> float:
    match = _NUMBER_RE.match((value or "").strip())
    return float(match.group()) if match else default


def _transform(value: str | None) -> tuple[float, float, float] | None:
    """(dx, dy, scale) of a translate/scale transform; None for anything else (rotate, matrix…)."""
    dx, dy, scale = 0.0, 0.0, 1.0
    for name, args in _TRANSFORM_RE.findall(value or ""):
        numbers = [float(n) for n in _NUMBER_RE.findall(args)]
        if name == "translate" and numbers:
            dx += numbers[0] * scale
            dy += (numbers[1] if len(numbers) > 1 else 0.0) * scale
        elif name == "scale" and numbers and (len(numbers) == 1 or numbers[0] == numbers[1]):
            scale *= numbers[0]
        else:
            return None
    return dx, dy, scale


def _font_size(attributes: dict[str, str], inherited: float) -> float:
    size = attributes.get("font-size")
    style = attributes.get("style", "")
    found = re.search(r"font-size\s*:\s*([\d.]+)", style)
    if found:
        size = found.group(1)
    return _number(size, inherited) if size else inherited


def svg_view_box(attributes: dict[str, str]) -> tuple[float, float, float, float] | None:
    """The root's viewBox (x, y, w, h), else its width and height from 0, 0."""
    numbers = [float(n) for n in _NUMBER_RE.findall(attributes.get("viewBox", ""))]
    if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
        return numbers[0], numbers[1], numbers[2], numbers[3]
    width, height = _number(attributes.get("width")), _number(attributes.get("height"))
    return (0.0, 0.0, width, height) if width > 0 and height > 0 else None


def mockup_texts(data: bytes) -> list[MockupText]:
    """Every text of the SVG that has Chinese in it, top to bottom, with its box. Never raises:
    a drawing that cannot be read has no clickable text."""
    parser = xml.parsers.expat.ParserCreate()
    view: list[tuple[float, float, float, float]] = []
    frames: list[tuple[float, float, float] | None] = [(0.0, 0.0, 1.0)]  # per open element
    sizes: list[float] = [16.0]
    found: list[tuple[str, float, float, float, str]] = []  # text, x, baseline, size, anchor (in viewBox units)
    current: dict[str, object] | None = None

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal current
        local = name.rsplit(":", 1)[-1]
        parent = frames[-1]
        own = _transform(attributes.get("transform")) if "transform" in attributes else (0.0, 0.0, 1.0)
        frame = None if parent is None or own is None else (
            parent[0] + own[0] * parent[2], parent[1] + own[1] * parent[2], parent[2] * own[2])
        frames.append(frame)
        sizes.append(_font_size(attributes, sizes[-1]))
        if local == "svg" and not view:
            box = svg_view_box(attributes)
            if box:
                view.append(box)
        elif local == "text" and current is None and frame is not None:
            current = {"x": _number(attributes.get("x")), "y": _number(attributes.get("y")), "size": sizes[-1],
                       "anchor": attributes.get("text-anchor", "start"), "frame": frame, "parts": []}

    def end(name: str) -> None:
        nonlocal current
        frames.pop()
        sizes.pop()
        if name.rsplit(":", 1)[-1] == "text" and current is not None:
            text = " ".join("".join(current["parts"]).split())  # type: ignore[arg-type]
            dx, dy, scale = current["frame"]  # type: ignore[misc]
            if text and has_han(text):
                found.append((text, dx + float(current["x"]) * scale, dy + float(current["y"]) * scale,  # type: ignore[arg-type]
                              float(current["size"]) * scale, str(current["anchor"])))  # type: ignore[arg-type]
            current = None

    def characters(content: str) -> None:
        if current is not None:
            current["parts"].append(content)  # type: ignore[union-attr]

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return []
    if not view:
        return []
    left, top, width, height = view[0]
    texts: list[MockupText] = []
    for text, x, baseline, size, anchor in found:
        advance = text_width(text, size)
        start_x = x - advance / 2 if anchor == "middle" else x - advance if anchor == "end" else x
        box_left, box_top = start_x - PAD, baseline - ASCENT * size - PAD
        box_w, box_h = advance + 2 * PAD, (ASCENT + DESCENT) * size + 2 * PAD
        shown = MockupText(text, (box_left - left) / width, (box_top - top) / height, box_w / width, box_h / height)
        cx, cy = shown.centre()
        if 0 <= cx <= 1 and 0 <= cy <= 1:  # drawn past the viewBox is clipped away, not shown
            texts.append(shown)
    return sorted(texts, key=lambda t: (round(t.y, 3), t.x))
