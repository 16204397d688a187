"""Every kind of bad picture gets a clear message (BadImage), checked from the header where
possible so a decompression bomb is never decoded; truncated files are caught by the worker."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from guide.core.content.loader import load_pack
from guide.core.screen.image_check import BadImage, check_image
from guide.core.screen.ocr_client import OcrClient
from guide.core.screen.reader import ScreenReader
from guide.core.storage import paths


def png_header_only(path: Path, width: int, height: int, depth: int = 8) -> Path:
    """A PNG whose header promises width×height but holds almost no data (a "bomb")."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, depth, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))
    return path


def make_bad(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.png"
    if kind == "not_an_image":
        path.write_text("this is a text file, not a picture\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "missing":
        path = folder / "nowhere.png"
    elif kind == "bomb":
        png_header_only(path, 30000, 30000)
    elif kind == "animated":
        path = folder / "animated.gif"
        frames = [Image.new("RGB", (64, 64), colour) for colour in ("red", "blue")]
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    elif kind == "sixteen_bit":
        Image.new("I;16", (64, 64), 1000).save(path)
    elif kind == "sixteen_bit_rgb":
        png_header_only(path, 64, 64, depth=16)
    elif kind == "truncated":
        full = folder / "full.png"
        Image.effect_noise((400, 400), 60).convert("RGB").save(full)
        path.write_bytes(full.read_bytes()[:4000])
    elif kind == "directory":
        path = folder / "a-folder.png"
        path.mkdir()
    elif kind == "long_and_thin":  # 40 megapixels, within the limit, but no detector can scale it
        png_header_only(path, 8, 5_000_000)
    elif kind in ("float_tiff", "int_tiff"):
        path = folder / f"{kind}.tif"
        Image.new("F" if kind == "float_tiff" else "I", (64, 64), 7).save(path)
    elif kind == "link_loop":
        path = folder / "round.png"
        (folder / "other.png").symlink_to(path)
        path.symlink_to(folder / "other.png")
    elif kind == "proc_file":
        path = Path("/proc/self/status")  # size 0, yet it has content
    return path


HEADER_KINDS = ["not_an_image", "empty", "missing", "bomb", "animated", "sixteen_bit", "sixteen_bit_rgb", "directory",
                "long_and_thin", "float_tiff", "int_tiff", "link_loop", "proc_file"]


@pytest.mark.parametrize("kind", HEADER_KINDS)
def test_header_checks_refuse_with_a_message(tmp_path: Path, kind: str) -> None:
    path = make_bad(kind, tmp_path)
    with pytest.raises(BadImage) as caught:
        check_image(path)
    message = str(caught.value)
    assert path.name in message and "Traceback" not in message
    expected = {"bomb": "megapixels", "animated": "animation", "sixteen_bit": "16-bit", "sixteen_bit_rgb": "16-bit",
                "missing": "no such file", "empty": "empty", "not_an_image": "not a picture",
                "long_and_thin": "8×5000000, too long and thin", "float_tiff": "32-bit floating-point",
                "int_tiff": "32-bit pictures", "link_loop": "loop", "proc_file": "system file"}
    assert expected.get(kind, "") in message


def test_a_camera_mpo_is_read_as_the_jpeg_it_starts_with(tmp_path: Path) -> None:
    """Many cameras save .jpg files as MPO (the photo, then a preview): it was refused."""
    from guide.core.screen.ocr_worker import load_pixels

    photo, preview = Image.new("RGB", (120, 80), (200, 30, 30)), Image.new("RGB", (60, 40), (0, 0, 255))
    path = tmp_path / "camera.jpg"
    photo.save(path, format="MPO", save_all=True, append_images=[preview])
    assert Image.open(path).format == "MPO"
    info = check_image(path)
    assert (info.width, info.height, info.format) == (120, 80, "JPEG")
    pixels = load_pixels(path).bgr
    assert pixels.shape == (80, 120, 3) and pixels[40, 60, 2] > 150, "the photo (red, as BGR), not the preview"


def test_a_truncated_file_is_reported_by_the_worker_as_a_bad_image(tmp_path: Path, ocr_client: OcrClient) -> None:
    path = make_bad("truncated", tmp_path)
    check_image(path)  # its header is fine
    reader = ScreenReader(load_pack(paths.default_pack()), client=ocr_client)
    with pytest.raises(BadImage, match="cut short"):
        reader.read(path)
    pid = ocr_client.pid
    assert pid is not None  # the worker survived the bad file
    assert ocr_client.read(make_ok(tmp_path)).width == 200 and ocr_client.pid == pid


def make_ok(folder: Path) -> Path:
    path = folder / "ok.png"
    Image.new("RGB", (200, 100), "white").save(path)
    return path


def test_a_bomb_never_reaches_the_worker(tmp_path: Path) -> None:
    client = OcrClient()
    reader = ScreenReader(None, client=client)
    with pytest.raises(BadImage):
        reader.read(make_bad("bomb", tmp_path))
    assert client.starts == 0


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "P+tRNS", "L", "1", "CMYK", "RGB", "WEBP-RGBA"])
def test_every_ordinary_picture_mode_becomes_8_bit_bgr_with_transparency_on_white(tmp_path: Path, mode: str) -> None:
    from guide.core.screen.ocr_worker import load_pixels

    clear = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    image = {"RGBA": clear, "LA": clear.convert("LA"), "WEBP-RGBA": clear}.get(mode) or Image.new(mode[0] if mode == "P+tRNS" else mode, (40, 30))
    suffix = {"CMYK": ".jpg", "WEBP-RGBA": ".webp"}.get(mode, ".png")
    path = tmp_path / f"x{suffix}"
    image.save(path, **({"transparency": 0} if mode == "P+tRNS" else {"lossless": True} if suffix == ".webp" else {}))
    pixels = load_pixels(path).bgr
    assert pixels.shape == (30, 40, 3) and str(pixels.dtype) == "uint8"
    if mode in ("RGBA", "LA", "P+tRNS", "WEBP-RGBA"):
        assert int(pixels.min()) == 255  # fully transparent: white, not black
