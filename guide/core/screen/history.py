"""The last few screenshots the user read, kept as files until they clear history.

Screenshots can show private messages, so they live in the user's data dir (never a
shared temp dir), only the newest KEEP are kept, and "Clear history and cache" (GUI and
`rednote-guide clear-history`) deletes them all. Beside each picture, `NAME.ocr.json` keeps
what the OCR engine read on it, so opening it again from Recent needs no OCR.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import time
from pathlib import Path

from guide.core.storage import paths

log = logging.getLogger(__name__)

KEEP = 8
SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")
# What this module writes: "<20-digit stamp>-<10 hex>.<suffix>", its ".ocr.json", and their temporary files
_KEPT_NAME = re.compile(r"^\.?\d{20}-[0-9a-f]{10}\.[a-z]{3,4}(\.ocr\.json)?(\.[\w.]*\.tmp)?$")


def default_dir() -> Path:
    return paths.data_dir() / "screenshots"


class ScreenshotHistory:
    def __init__(self, folder: Path | None = None, keep: int = KEEP) -> None:
        self.folder = folder or default_dir()
        self.keep = keep
        self._last_stamp = 0

    def items(self) -> list[Path]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        files = [p for p in self.folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]
        return sorted(files, key=lambda p: p.name, reverse=True)

    def _name(self, digest: str, suffix: str) -> Path:
        stamp = max(time.time_ns(), self._last_stamp + 1)  # strictly increasing: names sort by age
        self._last_stamp = stamp
        return self.folder / f"{stamp:020d}-{digest[:10]}{suffix}"

    def add_file(self, source: Path) -> Path:
        """Copy a picture into the history (an existing copy of the same bytes moves to the top)."""
        data = source.read_bytes()
        return self.add_bytes(data, source.suffix.lower() if source.suffix.lower() in SUFFIXES else ".png")

    def add_bytes(self, data: bytes, suffix: str = ".png") -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(data).hexdigest()
        for existing in self.items():
            if existing.stem.endswith(digest[:10]):
                self._remove(existing)
        target = self._name(digest, suffix)
        target.write_bytes(data)
        self._trim()
        return target

    def contains(self, path: Path) -> bool:
        try:
            return path.resolve().parent == self.folder.resolve()
        except OSError:
            return False

    @staticmethod
    def ocr_file(path: Path) -> Path:
        """Where the OCR result of a kept screenshot is stored."""
        return path.with_name(path.name + ".ocr.json")

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
        return removed

    def leftovers(self) -> list[Path]:
        """Kept screenshots and OCR results still on disk (after a `clear` that could not finish)."""
        return self._own_files()

    def _own_files(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.iterdir() if _KEPT_NAME.match(p.name))
        except OSError:
            return []
