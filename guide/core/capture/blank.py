"""Never a black picture: a grab that is one flat colour is what a refused or broken capture
gives (all black without permission or under Wayland, white under XWayland), and a region of one
colour has nothing on it to read either way."""

from __future__ import annotations

BLOCK_PIXELS = 4096  # compared a block at a time: no copy of a 4K screen, and a real one differs at once


def is_one_colour(pixels: bytes | memoryview, pixel_size: int = 4) -> bool:
    """True when every pixel in `pixels` (packed, e.g. Qt's RGB32 bytes) equals the first one;
    also for no pixels at all."""
    view = memoryview(pixels).cast("B")
    if len(view) < pixel_size:
        return True
    block = bytes(view[:pixel_size]) * BLOCK_PIXELS
    step = len(block)
    for start in range(0, len(view), step):
        chunk = view[start:start + step]
        if chunk != block[:len(chunk)]:
            return False
    return True
