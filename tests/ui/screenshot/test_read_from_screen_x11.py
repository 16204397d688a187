"""Read from screen on a real X server with two monitors (the secondary LEFT of the primary) and
QT_SCALE_FACTOR=2, where peers cut the wrong area or a black one. helpers/read_screen_scene.py
drives the app in its own process (this one runs Qt offscreen): the app's key, QTest mouse events
on the overlay, the real OCR worker reading the cut on the Screenshot page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import xvfb
from helpers.dictionary_index import place_index

from guide.core.screen.ocr_client import ocr_available

pytestmark = pytest.mark.skipif(not ocr_available(), reason='needs the [ocr] extra: pip install ".[ocr]"')
SCENE = Path(__file__).resolve().parents[2] / "helpers" / "read_screen_scene.py"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, built_dictionary_index: Path) -> dict:
    missing = xvfb.missing_tools()
    if missing:
        pytest.skip(f"needs {' and '.join(missing)}: apt-get install xvfb x11-xserver-utils")
    home = tmp_path_factory.mktemp("x11-home")
    place_index(built_dictionary_index, home / "cache")  # the app opens it rather than building one
    out = tmp_path_factory.mktemp("x11-cuts")
    with xvfb.two_monitor_display() as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR="2", HOME=str(home),
                   XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                   XDG_CACHE_HOME=str(home / "cache"), PYTHONPATH=os.pathsep.join(sys.path))
        env.pop("WAYLAND_DISPLAY", None)
        env.pop("XDG_SESSION_TYPE", None)
        result = subprocess.run([sys.executable, str(SCENE), str(out)], env=env, capture_output=True, text=True,
                                timeout=240)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_qt_sees_the_measured_layout(run: dict) -> None:
    """Scale 2 keeps each monitor's native top-left: LEFT 0..500 and RIGHT from 1000 (a gap)."""
    assert run["screens"] == {"LEFT": [[0, 0, 500, 450], 2.0], "RIGHT": [[1000, 0, 800, 450], 2.0]}


def test_a_drag_on_the_monitor_left_of_the_primary_is_read_on_the_screenshot_page(run: dict) -> None:
    left = run["left"]
    assert run["window_hidden_while_selecting"] and left["window_back"]
    assert left["size"] == [568, 368], "the cut is in device pixels: 284×184 logical at scale 2"
    assert left["differing"] == 0, "the cut is exactly the scene's pixels (not black, not shifted)"
    text = "\n".join(left["lines"])
    for zh, en in (("关注", "Follow"), ("收藏", "Save"), ("评论", "Comment")):
        assert zh in text and en in text, text
    assert left["history"] == 1, "kept under Recent like a pasted picture"


def test_a_drag_from_one_monitor_onto_the_other_is_one_picture_cut_from_both(run: dict) -> None:
    assert run["span"] == {"size": [600, 240], "differing": 0}


def test_esc_cancels_and_a_click_takes_the_whole_screen(run: dict) -> None:
    assert run["escape"] == {"cuts": 0, "history": 2}
    assert run["click"] == {"size": [1600, 900]}
