"""Fuzzing the picture checks and the worker's decoder: whatever bytes a "screenshot" holds
(a real PNG, GIF or JPEG cut short or with bytes flipped, or noise behind a PNG signature),
the only way out is BadImage with a message (what the worker sends back as a bad image), or
a picture that decodes."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from guide.core.screen.image_check import BadImage, check_image
from guide.core.screen.ocr_worker import decode


def _seed(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((48, 32), 40).convert("RGB").save(buffer, fmt)
    return buffer.getvalue()


SEEDS = [_seed("PNG"), _seed("JPEG"), _seed("GIF"), _seed("BMP"), _seed("WEBP")]


@st.composite
def damaged(draw) -> bytes:  # noqa: ANN001
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    cut = draw(st.integers(1, len(data)))
    return bytes(data[:cut])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(damaged(), st.binary(max_size=300).map(lambda b: b"\x89PNG\r\n\x1a\n" + b)))
def test_damaged_pictures_give_bad_image_or_pixels(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.png"
    path.write_bytes(data)
    try:
        check_image(path)
        pixels = decode(path).bgr
    except BadImage as exc:
        assert str(exc).startswith(str(path))
    else:
        assert pixels.ndim == 3 and pixels.shape[2] == 3
