"""Text from content packs made safe to print to a terminal."""

from __future__ import annotations

# Terminal control: C0/C1 controls (ESC starts colour, title and clipboard sequences) and
# bidirectional overrides that reorder what is shown. Pack text is never printed with them.
_CONTROL = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)], " ")


def printable(text: str) -> str:
    """`text` without anything a terminal would act on (each such character becomes a space)."""
    return text.translate(_CONTROL)
