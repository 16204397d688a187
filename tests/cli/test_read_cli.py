"""`rednote-guide read IMAGE [--json] [--offline]`: the JSON shape in DESIGN.md, exit 2 for
bad pictures, exit 4 with the install command when the [ocr] extra is missing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason='needs the [ocr] extra: pip install ".[ocr]"')
from helpers import screens  # noqa: E402

from guide.cli import main


@pytest.fixture(scope="module")
def shot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return screens.save(screens.clean(seed=4), tmp_path_factory.mktemp("read") / "note.png")


def test_json_has_every_line_with_box_label_and_translation(shot: Path, tmp_path: Path, dictionary_index: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "guide", "read", str(shot), "--json", "--offline"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"image", "width", "height", "seconds", "lines", "screen"}
    assert (data["width"], data["height"]) == (1080, 1920) and data["seconds"] > 0
    line = data["lines"][0]
    assert set(line) == {"text", "box", "confidence", "label", "translation", "origin", "gloss"}
    by_text = {item["text"]: item for item in data["lines"]}
    like = by_text["点赞"]
    assert like["label"] == {"zh": "点赞", "pinyin": like["label"]["pinyin"], "en": like["label"]["en"],
                             "where": like["label"]["where"]} and like["label"]["en"]
    assert like["origin"] == "phrasebook" and len(like["box"]) == 4 and all(isinstance(v, int) for v in like["box"])
    caption = next(item for item in data["lines"] if item["label"] is None and len(item["text"]) > 8)
    assert caption["origin"] == "none" and caption["gloss"]  # offline: the dictionary breakdown
    assert data["screen"] is None or set(data["screen"]) == {"walkthrough", "step", "title", "score"}


@pytest.mark.parametrize("content", [b"not a picture", b""])
def test_bad_pictures_exit_2_with_a_reason(capsys, tmp_path: Path, content: bytes) -> None:  # noqa: ANN001
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    assert main(["read", str(path)]) == 2
    err = capsys.readouterr().err
    assert "bad.png" in err and "Traceback" not in err


def test_missing_file_exits_2(capsys) -> None:  # noqa: ANN001
    assert main(["read", "/no/such/screenshot.png"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_without_the_ocr_extra_exit_4_and_say_what_to_install(capsys, shot: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from guide.core.screen import ocr_client

    monkeypatch.setattr(ocr_client, "ocr_available", lambda: False)
    assert main(["read", str(shot)]) == 4
    assert 'pip install "rednote-guide[ocr]"' in capsys.readouterr().err


def test_usage_error_exits_2(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as caught:
        main(["read"])
    assert caught.value.code == 2


def test_clear_history_also_deletes_kept_screenshots(capsys, shot: Path) -> None:  # noqa: ANN001
    from guide.core.screen.history import ScreenshotHistory

    history = ScreenshotHistory()
    history.add_file(shot)
    assert len(history.items()) == 1
    assert main(["clear-history"]) == 0
    assert history.items() == [] and "1 screenshots" in capsys.readouterr().out


def test_history_keeps_the_newest_few_and_moves_a_repeat_to_the_top(tmp_path: Path) -> None:
    from guide.core.screen.history import ScreenshotHistory

    history = ScreenshotHistory(tmp_path / "shots", keep=3)
    stored = [history.add_bytes(bytes([n]) * 10) for n in range(5)]
    assert history.items() == stored[:1:-1]
    again = history.add_bytes(bytes([3]) * 10)
    assert history.items()[0] == again and len(history.items()) == 3


def test_plain_output_lists_labels_and_lines(capsys, shot: Path, dictionary_index: Path) -> None:  # noqa: ANN001
    assert main(["read", str(shot), "--offline"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("note.png: 1080×1920") and "[label] 点赞" in out and "[label] 收藏" in out
    assert "words:" in out  # offline: captions get their word breakdown


def test_a_failing_ocr_engine_exits_1_with_its_reason(capsys, shot: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from guide.core.screen import ocr_client

    def crash(self, path, debug_sleep=0.0):  # noqa: ANN001, ANN202
        raise ocr_client.OcrFailed("The OCR engine stopped while reading (it was stopped by signal 9).")

    monkeypatch.setattr(ocr_client.OcrClient, "read", crash)
    assert main(["read", str(shot)]) == 1
    err = capsys.readouterr().err
    assert "signal 9" in err and "Traceback" not in err


def test_offline_the_app_process_opens_no_socket(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                                dictionary_index: Path) -> None:
    """The worker's own connections are traced in tests/core/screen/test_worker.py."""
    shot = screens.save(screens.action_bar(seed=4), tmp_path / "bar.png")  # labels, and less to read than a page
    import socket

    def refuse(self, address):  # noqa: ANN001, ANN202
        raise AssertionError(f"network access with --offline: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    assert main(["read", str(shot), "--offline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(line["label"] for line in data["lines"]) and all(line["origin"] in ("phrasebook", "none", "cache")
                                                                for line in data["lines"])
