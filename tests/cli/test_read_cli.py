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


def test_clear_history_deletes_screenshots_in_a_linked_folder(capsys, shot: Path, tmp_path: Path) -> None:  # noqa: ANN001
    """A screenshots folder that is a link to another folder: the kept pictures were reported
    deleted and stayed (shutil.rmtree refuses links; its error was ignored)."""
    from guide.core.screen.history import ScreenshotHistory, default_dir

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("not the app's")
    default_dir().parent.mkdir(parents=True, exist_ok=True)
    default_dir().symlink_to(elsewhere)
    ScreenshotHistory().add_file(shot)
    assert main(["clear-history"]) == 0
    assert "1 screenshots" in capsys.readouterr().out
    assert [p.name for p in elsewhere.iterdir()] == ["mine.txt"], "the app's files went; nothing else did"


def test_clear_history_names_screenshots_it_could_not_delete(capsys, shot: Path,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.core.screen.history import ScreenshotHistory

    kept = ScreenshotHistory().add_file(shot)
    real_unlink = Path.unlink

    def read_only(self: Path, missing_ok: bool = False) -> None:
        if self.parent == kept.parent:
            raise PermissionError(30, "Read-only file system", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only)
    code = main(["clear-history"])
    out, err = capsys.readouterr()
    assert code == 1 and "screenshots" not in out
    assert kept.name in err and "stay on disk" in err and kept.exists()


def test_a_picture_too_long_and_thin_is_a_bad_picture_not_an_engine_failure(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """8×2100: the OCR engine failed with "ResizeImgError: " (exit 1, no reason); the picture is the problem."""
    from PIL import Image

    thin = tmp_path / "thin.png"
    Image.new("RGB", (8, 2100), "white").save(thin)
    assert main(["read", "--offline", str(thin)]) == 2
    err = capsys.readouterr().err
    assert "thin.png" in err and "too long and thin" in err and "ResizeImgError" not in err


HOSTILE = "\x1b]0;PWNED-TITLE\x07\x1b[41m\u202e"


def _drives_the_terminal(text: str) -> bool:
    return any(c in text for c in "\x1b\x07\u202e\r")


def test_a_file_name_with_escape_codes_is_printed_escaped(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / f"shot{HOSTILE}.png"
    bad.write_bytes(b"not a picture")
    assert main(["read", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "PWNED-TITLE" in err and "\\u001b]0;" in err and not _drives_the_terminal(err), repr(err)


def test_pack_and_picture_text_with_escape_codes_is_printed_escaped(capsys, tmp_path: Path,  # noqa: ANN001
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The name of the picture, a pack label's English and a line OCR read, in plain and JSON output."""
    from helpers.fake_ocr import LinesClient
    from helpers.packs import GLOSSARY, write_pack
    from PIL import Image

    from guide.core.screen import ocr_client
    from guide.core.screen.lines import Box

    pack = write_pack(tmp_path / "pack", glossary=GLOSSARY.replace("en: Post", 'en: "Post\\e]0;PACK-TITLE\\a\\e[42m"'))
    picture = tmp_path / f"shot{HOSTILE}.png"
    Image.new("RGB", (1080, 2340), "white").save(picture)
    client = LinesClient()
    client.lines = [("发布", Box(100, 100, 120, 60)), (f"你好{HOSTILE}", Box(100, 300, 400, 60))]
    monkeypatch.setattr(ocr_client, "OcrClient", lambda **_kwargs: client)
    assert main(["--pack", str(pack), "read", str(picture), "--offline"]) == 0
    out = capsys.readouterr().out
    assert "PACK-TITLE" in out and "PWNED-TITLE" in out and not _drives_the_terminal(out), repr(out)
    assert main(["--pack", str(pack), "read", str(picture), "--offline", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert not _drives_the_terminal(out), "JSON keeps its data, escaped"
    assert data["image"].endswith(f"shot{HOSTILE}.png") and any(HOSTILE in line["text"] for line in data["lines"])
