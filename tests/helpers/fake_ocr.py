"""An OCR engine for tests that reads what it is told: the lines real screenshots gave, as the
engine read them, so the steps after OCR (lines, labels, which step) can be checked on them
without a worker process."""

from __future__ import annotations

from pathlib import Path

from guide.core.screen.lines import Box
from guide.core.screen.ocr_client import OcrClient, OcrOutput, RawLine


class LinesClient(OcrClient):
    """Answers every read with `lines`: (text, box) or (text, box, confidence), on a picture
    `size` pixels (a phone's 1080 × 2340 unless told)."""

    def __init__(self, size: tuple[int, int] = (1080, 2340)) -> None:
        self.size = size
        self.lines: list[tuple] = []

    def read(self, path: Path | str, debug_sleep: float = 0.0) -> OcrOutput:
        raw = []
        for text, b, *score in self.lines:
            raw.append(RawLine(text, ((b.x, b.y), (b.right, b.y), (b.right, b.bottom), (b.x, b.bottom)),
                               score[0] if score else 0.98))
        return OcrOutput(self.size[0], self.size[1], raw, 0.01)

    def close(self) -> None:
        pass


def line(text: str, x: int, y: int, w: int, h: int, confidence: float = 0.98) -> tuple[str, Box, float]:
    return text, Box(x, y, w, h), confidence
