"""The Recent list's files: a failed write (full disk) leaves no cut picture and keeps the
older copy; a file far larger than its pixels is kept re-encoded; each entry knows the name it
was opened under and when; a pasted picture still has somewhere to go when the data folder
cannot take it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from guide.core.screen.history import ScreenshotHistory


def png(path: Path, size: tuple[int, int] = (120, 200), colour: str = "white") -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def test_a_full_disk_leaves_no_cut_picture_and_keeps_the_older_copy(tmp_path: Path) -> None:
    """A file size limit makes the write fail half-way, as a full disk does."""
    folder = tmp_path / "shots"
    script = f"""
import os, resource, signal, sys
from pathlib import Path
from guide.core.screen.history import ScreenshotHistory
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
history = ScreenshotHistory(Path({str(folder)!r}))
data = os.urandom(1_000_000)
first = history.add_bytes(data)
resource.setrlimit(resource.RLIMIT_FSIZE, (600_000, resource.RLIM_INFINITY))
try:
    history.add_bytes(data)
    history.add_bytes(os.urandom(1_000_000))
except OSError as exc:
    print("failed", exc.errno)
print("kept", first.name)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "failed" in done.stdout, done.stdout + done.stderr
    kept = done.stdout.split("kept ")[1].strip()
    files = sorted(p.name for p in folder.iterdir())
    assert files == [kept], f"a cut picture (or a temp file) was left: {files}"
    assert (folder / kept).stat().st_size == 1_000_000


def test_a_file_far_larger_than_its_pixels_is_kept_re_encoded(tmp_path: Path) -> None:
    """A small PNG followed by 60 MB of zeros (every check passes: Pillow stops at IEND)."""
    padded = png(tmp_path / "padded.png", colour="red")
    with padded.open("r+b") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: costs no disk here
    history = ScreenshotHistory(tmp_path / "shots")
    kept = history.add_file(padded)
    assert kept.stat().st_size < 100_000, f"kept {kept.stat().st_size} bytes for 120×200 pixels"
    with Image.open(kept) as image:
        assert image.size == (120, 200) and image.convert("RGB").getpixel((5, 5)) == (255, 0, 0)
    ordinary = png(tmp_path / "ordinary.png", colour="blue")
    assert history.add_file(ordinary).read_bytes() == ordinary.read_bytes()  # an ordinary file is copied as it is


def test_each_entry_knows_its_name_and_time(tmp_path: Path) -> None:
    history = ScreenshotHistory(tmp_path / "shots")
    before = time.time()
    opened = history.add_file(png(tmp_path / "IMG_2031 (1).png"))
    pasted = history.add_bytes(png(tmp_path / "x.png", colour="black").read_bytes())
    assert history.describe(opened).name == "IMG_2031 (1).png"
    assert history.describe(pasted).name == "Pasted picture"
    assert before - 1 <= history.describe(opened).when.timestamp() <= time.time() + 1
    assert history.items() == [pasted, opened]
    odd = history.add_file(png(tmp_path / "evil\x1b[31m.png", colour="green"))
    assert odd.parent == history.folder and "\x1b" not in odd.name  # no control codes in kept names
    history.remove(opened)
    assert opened not in history.items() and not history.ocr_file(opened).exists()


def test_a_pasted_picture_has_somewhere_to_go_when_the_data_folder_cannot_take_it(tmp_path: Path) -> None:
    blocked = tmp_path / "shots"
    blocked.write_text("a file where the folder should be")  # as unwritable as a read-only folder, even for root
    history = ScreenshotHistory(blocked)
    data = png(tmp_path / "p.png").read_bytes()
    try:
        history.add_bytes(data)
    except OSError:
        pass
    else:
        raise AssertionError("the blocked folder took the picture")
    spare = history.add_scratch(data, ".png")
    assert spare.read_bytes() == data and spare not in history.items()
    assert oct(spare.parent.stat().st_mode & 0o777) == "0o700"  # private to this user
    history.discard_scratch()
    assert not spare.exists() and not spare.parent.exists()
