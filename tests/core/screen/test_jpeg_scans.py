"""A progressive JPEG with thousands of scans is refused from its markers, before anything
decodes it (red-team H4: 2,000 scans froze the window 10 s); ordinary JPEGs still pass."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from helpers.scan_bomb import scan_bomb
from PIL import Image

from guide.core.screen import image_check
from guide.core.screen.image_check import BadImage, check_image


def test_a_jpeg_of_two_thousand_scans_is_refused_at_once(tmp_path: Path) -> None:
    bomb = scan_bomb(tmp_path / "holiday.jpg", 2000)
    started = time.perf_counter()
    with pytest.raises(BadImage, match="holiday.jpg.*scans"):
        check_image(bomb)
    assert time.perf_counter() - started < 2.0  # markers counted, never decoded (a decode takes 7–10 s)


def test_a_few_dozen_scans_is_the_limit(tmp_path: Path) -> None:
    check_image(scan_bomb(tmp_path / "ok.jpg", image_check.MAX_JPEG_SCANS - 1, side=256))  # + its DC scan
    with pytest.raises(BadImage):
        check_image(scan_bomb(tmp_path / "over.jpg", image_check.MAX_JPEG_SCANS, side=256))


def test_ordinary_jpegs_pass(tmp_path: Path) -> None:
    picture = Image.effect_noise((300, 200), 40).convert("RGB")
    progressive = tmp_path / "progressive.jpg"
    picture.save(progressive, progressive=True, quality=80)
    check_image(progressive)
    # A camera JPEG carries a thumbnail JPEG (with scans of its own) in its EXIF block, and
    # some files have bytes after their end: neither is counted as scans of the picture.
    thumbnail = io.BytesIO()
    picture.resize((60, 40)).save(thumbnail, "JPEG", progressive=True)
    exif = b"Exif\0\0" + thumbnail.getvalue() * 20
    assert exif.count(b"\xff\xda") > image_check.MAX_JPEG_SCANS
    plain = io.BytesIO()
    picture.save(plain, "JPEG", quality=80)
    body = plain.getvalue()
    camera = tmp_path / "camera.jpg"
    camera.write_bytes(body[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + body[2:]
                       + b"\xff\xda" * (image_check.MAX_JPEG_SCANS + 5))
    assert check_image(camera).width == 300
