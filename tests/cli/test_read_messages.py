"""Issue 25 item 9: what `rednote-guide read` prints for a photo without text (an explanation,
as the app gives, not "0 lines read") and for a long line's words (whole meanings, never cut
mid-word)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers.ocr_extra import needs_ocr

from guide.commands import read_cmd
from guide.core.screen.lines import Box
from guide.core.screen.reader import Reading, ReadLine
from guide.core.translate.gloss import GlossWord
from guide.core.translate.pipeline import TranslationResult

ROOT = Path(__file__).resolve().parents[2]


@needs_ocr  # not importorskip: the test process itself must never import rapidocr
def test_a_photo_without_text_is_explained(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    photo = Image.new("RGB", (900, 700), (90, 140, 200))
    ImageDraw.Draw(photo).ellipse((250, 150, 650, 550), fill=(240, 200, 60))  # a sun in a sky: no writing
    path = tmp_path / "sky.png"
    photo.save(path)
    done = subprocess.run([sys.executable, "-m", "guide", "read", str(path), "--offline"], capture_output=True,
                          text=True, timeout=180, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert "0 lines" not in done.stdout
    assert "No text found" in done.stdout and "sky.png" in done.stdout and "screenshot" in done.stdout


def test_word_meanings_are_never_cut_mid_word(capsys: pytest.CaptureFixture[str]) -> None:
    words = [GlossWord(f"词{n}", "cí", [f"check in (at a place or on a habit-tracking app) number {n}"])
             for n in range(12)]
    text = "".join(w.text for w in words)
    line = ReadLine(text, Box(0, 0, 10, 10), 0.9, translation=TranslationResult(text, "zh", "en", gloss=words))
    read_cmd._print_human(Reading(Path("shot.png"), 1080, 1920, 0.5, [line]))  # noqa: SLF001
    printed = capsys.readouterr().out
    shown = printed.split("words:", 1)[1].strip()
    items = [item.strip() for item in shown.removesuffix("…").split(";")]
    wanted = {f"{w.text} {w.meanings[0]}" for w in words}
    assert all(item in wanted for item in items if item), f"a meaning was cut: {shown!r}"
    assert shown.endswith("…") and len(items) < len(words), "what did not fit is marked, not dropped silently"
