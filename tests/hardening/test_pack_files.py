"""validate and the app read only regular files, size-checked before reading (issue 13,
Medium 8 and 13): a link to /dev/zero, a FIFO, a 1 GB sparse file or a 50 MB SVG costs an
error message, not memory, time or a hang."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest
from helpers.packs import SVG, write_pack

from guide.core.content import images
from guide.core.content.validator import validate_pack

pytestmark = pytest.mark.skipif(os.name == "nt", reason="FIFOs, /dev/zero and sparse files")


def _validate_cli(root: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "guide", "validate", str(root)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_fifo_and_device_in_images_are_errors_not_hangs(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    os.mkfifo(root / "images" / "pipe.svg")
    (root / "images" / "zero.png").symlink_to("/dev/zero")
    out = _validate_cli(root)
    assert "pipe.svg:1:1: error: images/pipe.svg is not a regular file" in out, out
    assert "zero.png:1:1: error: images/zero.png is a link pointing outside the pack" in out, out


def test_huge_sparse_image_is_refused_before_reading(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    with open(root / "images" / "big.png", "wb") as handle:
        handle.truncate(1 << 30)
    tracemalloc.start()
    _, problems = validate_pack(root)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert any("big.png is 1024.0 MiB; the limit is 4.0 MiB" in p.message and p.is_error for p in problems)
    assert peak < 64 * 1024 * 1024, "the file was read"


def test_huge_glossary_is_never_read_whole(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    with open(root / "glossary.yaml", "r+b") as handle:
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    _, problems = validate_pack(root)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert any("limited to 1 MiB" in p.message and p.location.path.name == "glossary.yaml" for p in problems)
    assert peak < 64 * 1024 * 1024, "glossary.yaml was read whole"


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return images.PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("huge.svg", SVG.replace("</svg>", "<!--" + "x" * (2 * 1024 * 1024) + "--></svg>"), "the limit is 1.0 MiB"),
    ("bomb.png", _png(30000, 30000), "30000×30000 pixels"),
])
def test_oversized_screens_get_a_clear_message_in_the_app_and_validate(tmp_path: Path, name: str, content, expected: str) -> None:
    from PySide6.QtWidgets import QApplication

    from guide.ui.walkthroughs.mockup_view import MockupView

    QApplication.instance() or QApplication([])
    root = write_pack(tmp_path / "p")
    path = root / "images" / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    view = MockupView()
    view.show_screen(path, ())
    assert not view.has_image() and expected in (view.problem or "")
    _, problems = validate_pack(root)
    assert any(expected in p.message and p.is_error and p.location.path == path for p in problems)
