"""The app takes from the OCR worker only what a screen can hold.

A stand-in worker sent a 600 MiB line (the app grew to 1.8 GB before the read timed out) and
100,000 boxes (a minute spent grouping them), and a tampered `.ocr.json` in Recent took the
same path. Now an answer over MAX_ANSWER_BYTES stops the worker at once, and an answer or a
kept result with more lines than any screen, or a line longer than any screen, is refused.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from helpers import screens

from guide.core.screen import ocr_client
from guide.core.screen.history import ScreenshotHistory
from guide.core.screen.ocr_client import MAX_LINES, OcrClient, OcrFailed, OcrOutput, RawLine
from guide.core.screen.reader import ScreenReader

STAND_IN = Path(__file__).resolve().parents[2] / "helpers" / "stand_in_worker.py"


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return screens.save(screens.small(seed=1), tmp_path_factory.mktemp("answers") / "s.png")


@pytest.mark.parametrize(("mode", "named"), [("long-line", "over 8 MiB"), ("many-lines", "100000 lines"),
                                             ("long-text", "100000 characters")])
def test_an_answer_larger_than_any_screen_fails_the_read_at_once(monkeypatch: pytest.MonkeyPatch, picture: Path,
                                                                  mode: str, named: str) -> None:
    monkeypatch.setattr(ocr_client, "WORKER_COMMAND", [sys.executable, str(STAND_IN), mode])
    client = OcrClient(read_timeout=30)
    started = time.monotonic()
    try:
        with pytest.raises(OcrFailed) as failed:
            client.read(picture)
    finally:
        client.close()
    assert named in str(failed.value) and time.monotonic() - started < 20, "not left to the read's time limit"


class CountingClient(OcrClient):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def read(self, path, debug_sleep: float = 0.0, on_lines=None) -> OcrOutput:  # noqa: ANN001
        self.calls += 1
        return OcrOutput(540, 960, [RawLine("收藏", ((10.0, 10.0), (90.0, 10.0), (90.0, 50.0), (10.0, 50.0)), 0.99)])


def test_a_kept_result_with_more_lines_than_any_screen_is_read_again(tmp_path: Path, picture: Path) -> None:
    history = ScreenshotHistory(tmp_path / "shots")
    kept = history.add_file(picture)
    client = CountingClient()
    reader = ScreenReader(None, client=client)
    reader.read(kept, history.ocr_file(kept))
    assert client.calls == 1
    record = json.loads(history.ocr_file(kept).read_text())
    record["lines"] *= 3 * MAX_LINES  # tampered: 6,000 boxes
    history.ocr_file(kept).write_text(json.dumps(record))
    again = reader.read(kept, history.ocr_file(kept))
    assert client.calls == 2 and [line.text for line in again.lines] == ["收藏"]
