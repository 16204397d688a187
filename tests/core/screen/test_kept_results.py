"""A kept screenshot remembers what OCR read on it (NAME.ocr.json): opening it again from
Recent needs no OCR; a changed or damaged record is ignored; trimming and Clear history
remove the records with the pictures."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import screens

from guide.core.content.loader import load_pack
from guide.core.screen.history import ScreenshotHistory
from guide.core.screen.ocr_client import OcrClient, OcrOutput, RawLine
from guide.core.screen.reader import ScreenReader
from guide.core.storage import paths


class CountingClient(OcrClient):
    """Answers like the engine would for a note page's bottom bar, and counts the calls."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def read(self, path, debug_sleep: float = 0.0) -> OcrOutput:  # noqa: ANN001
        self.calls += 1
        box = ((10.0, 10.0), (90.0, 10.0), (90.0, 50.0), (10.0, 50.0))
        return OcrOutput(540, 960, [RawLine("收藏", box, 0.99)], 0.4)


def test_second_open_needs_no_ocr_and_a_change_or_damage_means_ocr_again(tmp_path: Path) -> None:
    history = ScreenshotHistory(tmp_path / "shots")
    kept = history.add_file(screens.save(screens.small(seed=1), tmp_path / "s.png"))
    client = CountingClient()
    reader = ScreenReader(load_pack(paths.default_pack()), client=client)
    first = reader.read(kept, history.ocr_file(kept))
    second = reader.read(kept, history.ocr_file(kept))
    assert client.calls == 1 and history.ocr_file(kept).is_file()
    assert [l.text for l in second.lines] == [l.text for l in first.lines] == ["收藏"]
    assert second.lines[0].label.entry.zh == "收藏" and second.lines[0].box == first.lines[0].box
    stat = kept.stat()
    os.utime(kept, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the picture changed
    reader.read(kept, history.ocr_file(kept))
    assert client.calls == 2
    history.ocr_file(kept).write_text("{not json")
    reader.read(kept, history.ocr_file(kept))
    assert client.calls == 3


def test_trim_and_clear_remove_the_records_too(tmp_path: Path) -> None:
    history = ScreenshotHistory(tmp_path / "shots", keep=2)
    kept = [history.add_bytes(screens_png(n)) for n in range(2)]
    for path in kept:
        history.ocr_file(path).write_text("{}")
    history.add_bytes(screens_png(9))  # the oldest goes, with its record
    assert not kept[0].exists() and not history.ocr_file(kept[0]).exists() and history.ocr_file(kept[1]).exists()
    assert history.clear() == 2 and not (tmp_path / "shots").exists()


def screens_png(n: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (n, n, n)).save(buffer, "PNG")
    return buffer.getvalue()
