"""Checks on a screenshot before anything decodes it: a clear message for a bad file, fast.

Only the file's header is read here (Pillow's `Image.open` is lazy), so a 30 000 × 30 000
"decompression bomb" is refused without allocating its pixels, and the app's own process
never holds a decoded picture. Full decoding (which finds truncated files) happens in the
OCR worker, which reports the same `BadImage` messages.

Pillow comes with the `[ocr]` extra (rapidocr depends on it). Without it only the cheap
checks run (exists, readable, not empty); the caller then says the extra is missing.
"""

from __future__ import annotations

import errno
import re
import stat
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

MAX_PIXELS = 40_000_000  # ~40 megapixels: far above any phone screenshot (1440×3200 = 4.6 MP)
MAX_FILE_BYTES = 200 * 1024 * 1024
MIN_SIDE = 8
# The detector scales the long side to 960 px: past 50 times the other, the short side is under
# 20 px and nothing on it can be read (past ~125 the OCR engine fails outright).
MAX_ASPECT = 50
FORMATS = ("PNG", "JPEG", "WEBP", "BMP", "GIF", "TIFF")
BITS_PER_CHANNEL = {"I;16": "16-bit", "I;16B": "16-bit", "I;16L": "16-bit", "I;16N": "16-bit", "I": "32-bit",
                    "F": "32-bit floating-point"}
# Ordinary progressive JPEGs have about 10 scans; each scan is another decoder pass over every
# block, so thousands of tiny ones (a few hundred KB) freeze any decoder for seconds to minutes.
MAX_JPEG_SCANS = 50


class BadImage(ValueError):
    """The file cannot be read as a screenshot; `str(exc)` is a message for the user."""


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    width: int
    height: int
    format: str


def check_path(path: Path) -> None:
    """Exists, is a file, is readable and not empty: needs nothing but the standard library."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BadImage(f"{path}: a link to a file that does not exist" if path.is_symlink()
                       else f"{path}: no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BadImage(f"{path}: a link that leads round in a loop, never to a picture") from None
        raise BadImage(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise BadImage(f"{path}: not a file")
    size = info.st_size
    try:
        with path.open("rb") as handle:
            first = handle.read(1) if size == 0 else b""
    except OSError as exc:
        raise BadImage(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise BadImage(f"{path}: a system file that gives no size (as in /proc), not a picture" if first
                       else f"{path}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise BadImage(f"{path}: the file is too large ({size // (1024 * 1024)} MB) to be a screenshot")


def _png_bit_depth(path: Path) -> int | None:
    """Bits per channel from a PNG's IHDR (Pillow opens 48-bit RGB as plain "RGB")."""
    with path.open("rb") as handle:
        head = handle.read(26)
    if len(head) >= 25 and head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return head[24]
    return None


_SCAN_OR_END = re.compile(rb"\xff[\xd9\xda]")
_STANDALONE_MARKERS = frozenset([0x01, *range(0xD0, 0xD8)])


def _jpeg_scans(path: Path, most: int) -> int:
    """Start-of-scan markers in a JPEG, counted up to `most + 1`, without decoding anything.

    The segments before the first scan are stepped over by their lengths (an EXIF block holds
    a thumbnail JPEG with scans of its own); after it, 0xFF 0xDA can only start another scan
    (entropy-coded data escapes 0xFF) and 0xFF 0xD9 ends the picture."""
    with path.open("rb") as handle:
        if handle.read(2) != b"\xff\xd8":
            return 0
        while True:  # to the first scan
            if handle.read(1) != b"\xff":
                return 0  # not a marker where one belongs: left to the decoder's own message
            marker = handle.read(1)
            while marker == b"\xff":
                marker = handle.read(1)
            if not marker or marker == b"\xd9":
                return 0
            if marker == b"\xda":
                break
            if marker[0] not in _STANDALONE_MARKERS:
                length = handle.read(2)
                if len(length) < 2:
                    return 0
                handle.seek(int.from_bytes(length, "big") - 2, 1)
        scans, tail = 1, b""
        while scans <= most:
            chunk = handle.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            for found in _SCAN_OR_END.finditer(data):
                if found.group() == b"\xff\xd9":
                    return scans
                scans += 1
            tail = data[-1:]  # a marker split across two reads
        return scans


def check_image(path: Path | str) -> ImageInfo:
    """Header-only checks; raises BadImage with a message fit to show the user."""
    path = Path(path)
    check_path(path)
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - the caller reports the missing extra
        raise BadImage("images cannot be checked without the [ocr] extra") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit is lower
            image = Image.open(path)
        with image:
            width, height = image.size
            fmt = image.format or "?"
            mode = image.mode
            animated = bool(getattr(image, "is_animated", False)) or getattr(image, "n_frames", 1) > 1
    except Image.DecompressionBombError:
        raise BadImage(f"{path}: the picture is far too large (over {MAX_PIXELS // 1_000_000} megapixels)") from None
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
        raise BadImage(f"{path}: not a picture this app can read ({_reason(exc)})") from None
    # What many cameras save as .jpg: a JPEG followed by a preview (MPO). Its first frame is the
    # photo, checked and read as the JPEG it is; the second is not a frame to play.
    animated, fmt = (False, "JPEG") if fmt == "MPO" else (animated, fmt)
    if fmt not in FORMATS:
        raise BadImage(f"{path}: {fmt} pictures are not supported; use a PNG or JPEG screenshot")
    if width * height > MAX_PIXELS:
        raise BadImage(f"{path}: the picture is too large ({width}×{height}, "
                       f"{width * height / 1e6:.0f} megapixels; at most {MAX_PIXELS // 1_000_000})")
    if width < MIN_SIDE or height < MIN_SIDE:
        raise BadImage(f"{path}: the picture is too small ({width}×{height}) to hold any text")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise BadImage(f"{path}: the picture is {width}×{height}, too long and thin to read (one side is over "
                       f"{MAX_ASPECT} times the other); crop it into screen-sized pieces")
    if animated:
        raise BadImage(f"{path}: this is an animation; take a still screenshot instead")
    depth = _png_bit_depth(path) if fmt == "PNG" else None
    if mode in BITS_PER_CHANNEL or (depth is not None and depth > 8):
        bits = BITS_PER_CHANNEL.get(mode, f"{depth}-bit")
        raise BadImage(f"{path}: {bits} pictures are not supported; save the screenshot as an ordinary 8-bit PNG or JPEG")
    if fmt == "JPEG" and _jpeg_scans(path, MAX_JPEG_SCANS) > MAX_JPEG_SCANS:
        raise BadImage(f"{path}: this JPEG is built of more than {MAX_JPEG_SCANS} scans (ordinary ones have about 10) "
                       "and would take minutes to draw; save it again as an ordinary PNG or JPEG")
    return ImageInfo(path, width, height, fmt)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if "cannot identify image file" in text:
        return "unknown or damaged file format"
    if "truncated" in text.lower():
        return "the file is cut short"
    return text.split("\n")[0][:120] or type(exc).__name__
