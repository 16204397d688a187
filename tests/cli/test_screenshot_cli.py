"""`--screenshot FILE --view VIEW` renders the requested view to a real PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage


def shoot(pack: Path, view: str, out: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "guide", "--pack", str(pack), "--screenshot", str(out), "--view", view],
                          capture_output=True, text=True, timeout=90, env=env)


def red_pixels(image: QImage) -> int:
    """Pixels of RedNote red (#FF2442): the mockup's button and our accent."""
    count = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            c = image.pixelColor(x, y)
            if c.red() > 230 and 20 < c.green() < 60 and 50 < c.blue() < 90:
                count += 1
    return count


@pytest.mark.parametrize("view", ["start", "walkthrough/first", "walkthrough/first/save"])
def test_screenshot_writes_a_png_of_the_view(mini_pack: Path, tmp_path: Path, view: str) -> None:
    out = tmp_path / "shot.png"
    result = shoot(mini_pack, view, out)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 700


def test_walkthrough_view_shows_the_mockup(mini_pack: Path, tmp_path: Path) -> None:
    start, step = tmp_path / "start.png", tmp_path / "step.png"
    assert shoot(mini_pack, "start", start).returncode == 0
    assert shoot(mini_pack, "walkthrough/first/open", step).returncode == 0
    # the step view draws the phone mockup with its big red 发布 button; the start page has none
    assert red_pixels(QImage(str(step))) > red_pixels(QImage(str(start))) + 200


@pytest.mark.parametrize(("view", "message"), [("nowhere", "unknown view"), ("walkthrough/ghost", "no walkthrough 'ghost'"),
                                                ("walkthrough/first/ghost", "has no step 'ghost'")])
def test_unknown_view_or_id_fails_with_a_message(mini_pack: Path, tmp_path: Path, view: str, message: str) -> None:
    out = tmp_path / "x.png"
    result = shoot(mini_pack, view, out)
    assert result.returncode != 0
    assert message in result.stderr
    assert not out.exists()


def test_screenshot_never_touches_the_users_data(mini_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    assert shoot(mini_pack, "walkthrough/first/save", out).returncode == 0
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        assert not any(Path(os.environ[name]).rglob("*")), f"{name} was written to"


def test_missing_pack_is_a_usage_error(tmp_path: Path) -> None:
    result = shoot(tmp_path / "nonexistent", "start", tmp_path / "shot.png")
    assert result.returncode == 2 and "no content pack" in result.stderr
    assert not (tmp_path / "shot.png").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_target_that_is_not_a_regular_file_is_left_alone(mini_pack: Path, tmp_path: Path) -> None:
    import stat

    fifo = tmp_path / "shot.png"
    os.mkfifo(fifo)
    result = shoot(mini_pack, "start", fifo)
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    missing = shoot(mini_pack, "start", tmp_path / "typo" / "shot.png")
    assert missing.returncode == 2 and "does not exist" in missing.stderr and not (tmp_path / "typo").exists()
