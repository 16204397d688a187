"""The last few screenshots the user read, kept as files until they clear history.

Screenshots can show private messages, so they live in the user's data dir (never a
shared temp dir), only the newest KEEP are kept, and "Clear history and cache" (GUI and
`rednote-guide clear-history`) deletes them all. Beside each picture, `NAME.ocr.json` keeps
what the OCR engine read on it, so opening it again from Recent needs no OCR.

A kept file is named `STAMP-DIGEST-NAME.EXT`: the time it was kept (names sort by age), the
start of its SHA-256 (the same picture twice is kept once) and the name it was opened under,
which Recent shows. Files are written to a temporary name and renamed, so a full disk never
leaves a cut picture behind.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from guide.core.storage import paths

log = logging.getLogger(__name__)

KEEP = 8
SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")
PASTED = "Pasted picture"
# A picture file needs at most ~4 bytes a pixel; beyond that (plus room for metadata) the rest
# is not picture (a small PNG followed by 190 MB of junk passed every check): keep its pixels.
SLACK_BYTES = 1024 * 1024
_NAME_CHARS = re.compile(r"[^\w .()+,=@\[\]{}~-]+")
_PART = ".part"
_PASTED_LABEL = "pasted"
# What this module writes: "STAMP-DIGEST[-NAME].EXT", its ".ocr.json", their temporary files
# (the reader's ".….ocr.json.PID.tmp", ours ".XXXXXXXX.part"); nothing else in the folder is ours
_KEPT_NAME = re.compile(r"^\.?\d{20}-[0-9a-f]{10}(?:-.{1,60})?\.[a-z]{3,4}(?:\.ocr\.json)?(?:\.\d+\.tmp)?$"
                        r"|^\.\w+\.part$")


@dataclass(frozen=True)
class KeptScreenshot:
    """What Recent shows for one entry."""

    name: str  # the file name it was opened under, or PASTED
    when: datetime  # when it was kept (local time)


def default_dir() -> Path:
    return paths.data_dir() / "screenshots"


def _safe_name(name: str) -> str:
    """A file name fit to be part of ours: no path parts, control codes or odd symbols."""
    cleaned = _NAME_CHARS.sub("_", name).strip(" .")
    return cleaned[:60] or "picture"


class ScreenshotHistory:
    def __init__(self, folder: Path | None = None, keep: int = KEEP) -> None:
        self.folder = folder or default_dir()
        self.keep = keep
        self._last_stamp = 0
        self._lock = threading.Lock()  # pictures are kept from a worker thread
        self._scratch: Path | None = None

    def items(self) -> list[Path]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        files = [p for p in self.folder.iterdir()
                 if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()]
        return sorted(files, key=lambda p: p.name, reverse=True)

    @staticmethod
    def describe(path: Path) -> KeptScreenshot:
        stamp, _, rest = path.stem.partition("-")
        _digest, _, name = rest.partition("-")
        try:
            when = datetime.fromtimestamp(int(stamp) / 1e9)
        except (ValueError, OverflowError, OSError):
            when = datetime.fromtimestamp(path.stat().st_mtime) if path.exists() else datetime.now()
        shown = PASTED if name == _PASTED_LABEL else f"{name}{path.suffix}" if name else "Screenshot"
        return KeptScreenshot(shown, when)

    def add_file(self, source: Path, pixels: tuple[int, int] | None = None) -> Path:
        """Keep a copy of a picture (an existing copy of the same bytes moves to the top).

        `pixels` (width, height) is read from the header when not given. A file far larger
        than its pixels need is kept as a PNG of its pixels rather than copied whole."""
        suffix = source.suffix.lower() if source.suffix.lower() in SUFFIXES else ".png"
        size = source.stat().st_size
        if pixels is None and size > SLACK_BYTES:
            pixels = _pixels(source)
        if pixels is not None and size > pixels[0] * pixels[1] * 4 + SLACK_BYTES:
            return self.add_bytes(_reencoded(source), ".png", name=f"{Path(source.name).stem}.png")
        with source.open("rb") as handle:
            return self._keep(iter(lambda: handle.read(1 << 20), b""), suffix, source.name)

    def add_bytes(self, data: bytes, suffix: str = ".png", name: str = "") -> Path:
        return self._keep([data], suffix, name)

    def _keep(self, chunks: Iterable[bytes], suffix: str, name: str) -> Path:
        """Written beside the others under a temporary name, then renamed: a failed write
        (full disk, read-only folder) removes its part file and leaves the older copy alone."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".", suffix=_PART, dir=self.folder)
        temp = Path(temp_name)
        digest = hashlib.sha256()
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    out.write(chunk)
            with self._lock:
                short = digest.hexdigest()[:10]
                target = self._name(short, suffix, name)
                os.replace(temp, target)
                for existing in self.items():
                    if existing != target and existing.stem.split("-")[1:2] == [short]:
                        self._remove(existing)
                self._trim()
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return target

    def _name(self, digest: str, suffix: str, name: str) -> Path:
        stamp = max(time.time_ns(), self._last_stamp + 1)  # strictly increasing: names sort by age
        self._last_stamp = stamp
        label = _safe_name(Path(name).stem) if name else _PASTED_LABEL
        return self.folder / f"{stamp:020d}-{digest}-{label}{suffix}"

    def add_scratch(self, data: bytes, suffix: str = ".png") -> Path:
        """Somewhere to read a pasted picture from when the data folder cannot take it (read
        only, full): a folder of the temp dir only this user can open, deleted by
        `discard_scratch()` when the app closes. It is not listed in Recent."""
        if self._scratch is None or not self._scratch.is_dir():
            self._scratch = Path(tempfile.mkdtemp(prefix="rednote-guide-pasted-"))
        handle, name = tempfile.mkstemp(suffix=suffix, dir=self._scratch)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return Path(name)

    def discard_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def contains(self, path: Path) -> bool:
        try:
            return path.resolve().parent == self.folder.resolve()
        except OSError:
            return False

    @staticmethod
    def ocr_file(path: Path) -> Path:
        """Where the OCR result of a kept screenshot is stored."""
        return path.with_name(path.name + ".ocr.json")

    def remove(self, path: Path) -> None:
        """Forget one kept screenshot (a photo with no text on it) and what was read on it."""
        if self.contains(path):
            self._remove(path)

    def _remove(self, path: Path) -> None:
        for target in (path, self.ocr_file(path)):
            try:
                target.unlink(missing_ok=True)
            except OSError as exc:
                log.info("cannot remove old screenshot %s: %s", target, exc)

    def _trim(self) -> None:
        for old in self.items()[self.keep:]:
            self._remove(old)

    def clear(self) -> int:
        """Delete every kept screenshot and what OCR read on it; returns how many pictures were
        really deleted. `leftovers()` names what could not be (a read-only folder). Only the
        app's own files go, also when the folder is a link to another one."""
        removed = 0
        for path in self._own_files():
            try:
                path.unlink()
            except OSError as exc:
                log.info("cannot delete %s: %s", path, exc)
                continue
            removed += path.suffix.lower() in SUFFIXES
        if not self.folder.is_symlink() and not self._own_files():
            shutil.rmtree(self.folder, ignore_errors=True)  # the app's own folder: nothing else of the user's
        self.discard_scratch()
        return removed

    def leftovers(self) -> list[Path]:
        """Kept screenshots and OCR results still on disk (after a `clear` that could not finish)."""
        return self._own_files()

    def _own_files(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.iterdir() if _KEPT_NAME.match(p.name))
        except OSError:
            return []


def _pixels(source: Path) -> tuple[int, int] | None:
    """Width and height from the header (Pillow comes with the [ocr] extra); None without it."""
    try:
        from PIL import Image

        with Image.open(source) as image:
            return image.size
    except Exception:  # noqa: BLE001 - not a picture Pillow knows: copied as it is
        return None


def _reencoded(source: Path) -> bytes:
    """The picture's pixels as a PNG (decoded by Pillow, which stops at the picture's end)."""
    from PIL import Image

    with Image.open(source) as image:
        image.load()
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=3)
    return out.getvalue()
