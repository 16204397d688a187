"""The OCR worker reads a picture far larger than a screenshot without holding it many times over.

A 6000×6600 WebP took the worker to ~1 GB: the whole picture was converted (RGBA, a white
composite, RGB, a BGR copy) before rapidocr scaled it to 2000 px. Now a large picture is
decoded smaller (JPEG) or converted and made smaller a band at a time, and the boxes still
come back in the picture's own pixels. Memory is measured against the picture's own size in the same
run (a fresh process per picture, so one picture's peak is not another's), not in MiB.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from helpers import screens
from PIL import Image, ImageDraw, ImageFont

from guide.core.screen.ocr_client import OcrClient
from guide.core.screen.ocr_worker import MAX_OCR_PIXELS, OCR_LONG_SIDE, ocr_size

WIDTH, HEIGHT = 3000, 3400  # twice the pixels the worker reads at their own size: quick to write

# VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's peak (pytest's, here).
DECODE = """
import json, sys
from pathlib import Path
import cv2, numpy, PIL.Image  # the libraries' own size is not the picture's
from guide.core.screen.ocr_worker import load_pixels, peak_rss_kb
before = peak_rss_kb()
pixels = load_pixels(Path(sys.argv[1]))
grew = peak_rss_kb() - before
print(json.dumps({"grew_kib": grew, "shape": list(pixels.bgr.shape), "size": [pixels.width, pixels.height]}))
"""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("large")
    rgba = np.full((HEIGHT, WIDTH, 4), 200, np.uint8)
    rgba[:, :, 3] = 128
    paths = {"webp": folder / "big.webp", "rgba_png": folder / "big.png", "jpeg": folder / "big.jpg"}
    cv2.imwrite(str(paths["webp"]), rgba, [cv2.IMWRITE_WEBP_QUALITY, 10])
    cv2.imwrite(str(paths["rgba_png"]), rgba, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    cv2.imwrite(str(paths["jpeg"]), rgba[:, :, :3])
    return paths


def test_a_large_picture_is_decoded_without_holding_it_many_times(large: dict[str, Path]) -> None:
    assert WIDTH * HEIGHT > MAX_OCR_PIXELS
    runs = {kind: subprocess.Popen([sys.executable, "-c", DECODE, str(path)], stdout=subprocess.PIPE, text=True)
            for kind, path in large.items()}
    raw_kib = WIDTH * HEIGHT * 3 / 1024  # the picture once, as 8-bit RGB
    for kind, run in runs.items():
        out, _ = run.communicate(timeout=120)
        assert run.returncode == 0, kind
        measured = json.loads(out)
        assert measured["size"] == [WIDTH, HEIGHT] and max(measured["shape"][:2]) == OCR_LONG_SIDE, kind
        # Decoded once (RGBA: 4/3 of it; the WebP decoder's own buffer too) plus the smaller copy OCR
        # reads: 1.9 to 2.8 times. Converted whole, it was 4.7 (JPEG) to 11 (WebP with alpha) times.
        assert measured["grew_kib"] < 3.5 * raw_kib, f"{kind}: {measured['grew_kib'] / raw_kib:.1f} times the picture"


def test_boxes_of_a_picture_read_smaller_are_in_its_own_pixels(ocr_client: OcrClient, tmp_path: Path) -> None:
    picture = Image.new("L", (3000, 2200), 255)  # 6.6 MP: OCR reads it at 2000×1467
    assert ocr_size(*picture.size) != picture.size
    drawn = {"关注": (200, 300), "发现": (1800, 900), "附近": (600, 1700)}
    draw, font = ImageDraw.Draw(picture), ImageFont.truetype(str(screens.font_path()), 160)
    for word, corner in drawn.items():
        draw.text(corner, word, font=font, fill=0)
    path = tmp_path / "large.png"
    picture.save(path, compress_level=1)
    output = ocr_client.read(path)
    assert (output.width, output.height) == picture.size
    found = {line.text: line.points[0] for line in output.lines}
    assert set(found) == set(drawn)
    for word, (x, y) in drawn.items():  # the glyphs start a little inside the point they are drawn from
        assert abs(found[word][0] - x) < 60 and abs(found[word][1] - y) < 60, (word, found[word])
