"""Where a dragged rectangle lies on screens with different scale factors, and how to cut it
out of each screen's frozen picture.

Three coordinate systems meet here:

- Qt's logical coordinates (QScreen.geometry(), mouse positions in a widget). With scaling, Qt
  keeps each screen's native top-left and divides only its size, so two monitors side by side
  at scale 2 leave a gap between them (measured under X11: 1000 px and 1600 px monitors became
  LEFT 0,0 500×450 and RIGHT 1000,0 800×450). Peers that did their maths here cut the wrong
  area on HiDPI and could not select a monitor left of the primary.
- desktop coordinates: where screens tile edge to edge and the pointer moves continuously
  (native pixels on X11 and Windows, points on macOS). A rectangle being dragged is kept here.
- device pixels: each screen's frozen picture, which is what gets read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]
PixelRect = tuple[int, int, int, int]  # x, y, width, height in one screen's picture

MIN_PIXELS = 8  # a cut smaller than this has nothing readable on it


class CropRefused(ValueError):
    """The rectangle cannot be cut; the message says why and what to do instead."""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @classmethod
    def spanning(cls, a: Point, b: Point) -> Rect:
        """The rectangle between two corners, whichever way the user dragged."""
        return cls(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def is_empty(self) -> bool:
        return self.width <= 0 or self.height <= 0

    def contains(self, point: Point) -> bool:
        return self.x <= point[0] < self.right and self.y <= point[1] < self.bottom

    def intersected(self, other: Rect) -> Rect | None:
        left, top = max(self.x, other.x), max(self.y, other.y)
        right, bottom = min(self.right, other.right), min(self.bottom, other.bottom)
        return Rect(left, top, right - left, bottom - top) if right > left and bottom > top else None

    def united(self, other: Rect) -> Rect:
        left, top = min(self.x, other.x), min(self.y, other.y)
        return Rect(left, top, max(self.right, other.right) - left, max(self.bottom, other.bottom) - top)


@dataclass(frozen=True)
class Screen:
    """One screen as Qt reports it.

    `desktop_scale` is how many desktop units one logical unit covers: the scale Qt applied
    itself (X11, Windows: the device pixel ratio), or 1 on macOS, where the system scales and
    Qt's logical units already are the desktop's points."""

    name: str
    logical: Rect
    dpr: float
    desktop_scale: float

    @classmethod
    def from_qt(cls, name: str, geometry: tuple[int, int, int, int], dpr: float, platform: str) -> Screen:
        """`geometry` is QScreen.geometry() as (x, y, width, height); `platform` Qt's platform name."""
        return cls(name, Rect(*geometry), dpr, 1.0 if platform == "cocoa" else dpr)

    @property
    def desktop(self) -> Rect:
        s = self.desktop_scale
        return Rect(self.logical.x, self.logical.y, self.logical.width * s, self.logical.height * s)

    @property
    def pixels_per_unit(self) -> float:
        """Device pixels per desktop unit (1 on X11 and Windows; 2 on a Retina Mac)."""
        return self.dpr / self.desktop_scale

    @property
    def image_size(self) -> tuple[int, int]:
        return round(self.logical.width * self.dpr), round(self.logical.height * self.dpr)

    def to_desktop(self, local: Point) -> Point:
        """A position in this screen's window (logical units, may lie outside it while dragging)."""
        return self.logical.x + local[0] * self.desktop_scale, self.logical.y + local[1] * self.desktop_scale

    def to_local(self, rect: Rect) -> Rect:
        """A desktop rectangle in this screen's window coordinates (for painting the selection)."""
        s = self.desktop_scale
        return Rect((rect.x - self.logical.x) / s, (rect.y - self.logical.y) / s, rect.width / s, rect.height / s)


@dataclass(frozen=True)
class Piece:
    screen: int  # index into the screens given to plan_cut
    source: PixelRect  # in that screen's picture
    target: tuple[int, int]  # top-left in the cut picture


@dataclass(frozen=True)
class Cut:
    """The picture to build: its size in device pixels and the part each screen gives."""

    width: int
    height: int
    pieces: tuple[Piece, ...]

    @property
    def complete(self) -> bool:
        """False when part of the rectangle lies on no screen (monitors of different heights)."""
        return sum(p.source[2] * p.source[3] for p in self.pieces) >= self.width * self.height


def screen_at(point: Point, screens: list[Screen]) -> int | None:
    """The screen under a desktop point, or the nearest one (the pointer can rest on an edge)."""
    if not screens:
        return None
    for index, screen in enumerate(screens):
        if screen.desktop.contains(point):
            return index

    def distance(screen: Screen) -> float:
        d = screen.desktop
        dx = max(d.x - point[0], 0.0, point[0] - d.right)
        dy = max(d.y - point[1], 0.0, point[1] - d.bottom)
        return math.hypot(dx, dy)

    return min(range(len(screens)), key=lambda i: distance(screens[i]))


def _edge(value: float) -> int:
    return math.floor(value + 0.5)  # round half up, so adjacent pieces share their edges exactly


def plan_cut(rect: Rect, screens: list[Screen]) -> Cut:
    """How to cut a desktop rectangle out of the screens' pictures.

    A rectangle over two screens is joined into one picture when both have the same pixels per
    desktop unit (always on X11 and Windows, where desktop units are pixels); over screens that
    differ (a Retina and a normal monitor on a Mac) it is refused, because one of the halves would
    have to be resampled and small Chinese text does not survive that."""
    parts: list[tuple[int, Rect]] = []
    for index, screen in enumerate(screens):
        part = rect.intersected(screen.desktop)
        if part is None or any(_inside(part, seen) for _, seen in parts):
            continue  # off this screen, or a mirrored screen showing the same place
        parts.append((index, part))
    if not parts:
        raise CropRefused("That area is not on any screen. Drag over the part you want to read.")
    scales = {screens[i].pixels_per_unit for i, _ in parts}
    if len(scales) > 1:
        raise CropRefused("That area spans two screens with different scaling, so it cannot be read as one "
                          "picture. Drag within one screen.")
    ppu = scales.pop()
    box = parts[0][1]
    for _, part in parts[1:]:
        box = box.united(part)
    width, height = _edge(box.right * ppu) - _edge(box.x * ppu), _edge(box.bottom * ppu) - _edge(box.y * ppu)
    if width < MIN_PIXELS or height < MIN_PIXELS:
        raise CropRefused("That area is too small to read. Drag over the whole line or post.")
    pieces = []
    for index, part in parts:
        screen = screens[index]
        origin = screen.desktop
        image_w, image_h = screen.image_size
        left = min(max(_edge((part.x - origin.x) * ppu), 0), image_w)
        top = min(max(_edge((part.y - origin.y) * ppu), 0), image_h)
        right = min(max(_edge((part.right - origin.x) * ppu), 0), image_w)
        bottom = min(max(_edge((part.bottom - origin.y) * ppu), 0), image_h)
        if right > left and bottom > top:
            target = (_edge(part.x * ppu) - _edge(box.x * ppu), _edge(part.y * ppu) - _edge(box.y * ppu))
            pieces.append(Piece(index, (left, top, right - left, bottom - top), target))
    return Cut(width, height, tuple(pieces))


def _inside(inner: Rect, outer: Rect) -> bool:
    return outer.x <= inner.x and outer.y <= inner.y and inner.right <= outer.right and inner.bottom <= outer.bottom
