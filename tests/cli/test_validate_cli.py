"""`rednote-guide validate` output format and exit codes, run as a real process."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers.packs import FIRST_WALKTHROUGH, write_pack

LINE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guide", "validate", *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_clean_pack_exits_0_with_summary(mini_pack: Path) -> None:
    result = run(str(mini_pack))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1 pack checked: 0 errors, 0 warnings"


def test_errors_exit_1_one_line_each(tmp_path: Path) -> None:
    bad = FIRST_WALKTHROUGH.replace("    tip: Take your time.", "    tipp: Take your time.")
    root = write_pack(tmp_path / "p", walkthroughs={"first": bad})
    result = run(str(root), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    match = LINE_RE.match(lines[0])
    assert match, lines[0]
    assert match["path"] == "p/walkthroughs/first.yaml" and (match["line"], match["col"]) == ("20", "5")
    assert match["sev"] == "error" and "did you mean 'tip'" in match["msg"]
    assert lines[-1] == "1 pack checked: 1 error, 0 warnings"


def test_pinyin_mismatch_is_a_warning_and_strict_makes_it_an_error(tmp_path: Path) -> None:
    glossary = "labels:\n  - zh: 发布\n    pinyin: fābù\n    en: Post\n  - zh: 收藏\n    pinyin: shǒucáng\n    en: Save\n  - zh: 小红书\n    pinyin: Xiǎohóngshū\n    en: RedNote\n"
    root = write_pack(tmp_path / "p", glossary=glossary)
    relaxed = run(str(root))
    assert relaxed.returncode == 0
    [line] = [l for l in relaxed.stdout.splitlines() if "warning" in l and "收藏" in l]
    assert LINE_RE.match(line)["line"] == "5"
    assert "shǒu" in line and "shōu" in line
    strict = run(str(root), "--strict")
    assert strict.returncode == 1
    assert any(": error: " in l and "收藏" in l for l in strict.stdout.splitlines())


def test_traditional_characters_are_errors(tmp_path: Path) -> None:
    glossary = "labels:\n  - zh: 發布\n    pinyin: fābù\n    en: Post\n  - zh: 收藏\n    pinyin: shōucáng\n    en: Save\n  - zh: 小红书\n    pinyin: Xiǎohóngshū\n    en: RedNote\n"
    root = write_pack(tmp_path / "p", glossary=glossary)
    (root / "walkthroughs" / "first.yaml").write_text((root / "walkthroughs" / "first.yaml").read_text().replace("发布", "發布"))
    result = run(str(root))
    assert result.returncode == 1
    assert any("traditional characters 發" in l for l in result.stdout.splitlines())


def test_unused_image_is_a_warning(mini_pack: Path) -> None:
    (mini_pack / "images" / "orphan.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    result = run(str(mini_pack))
    assert result.returncode == 0
    assert any("images/orphan.svg is not used" in l and ": warning: " in l for l in result.stdout.splitlines())


def test_not_a_folder_is_an_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "not a folder" in result.stdout


def test_non_chinese_character_is_flagged(tmp_path: Path) -> None:
    glossary = "labels:\n  - zh: 发布\n    pinyin: fābù\n    en: Post\n  - zh: 收藏\n    pinyin: shōucáng\n    en: Save\n  - zh: 小红书\n    pinyin: Xiǎohóngshū\n    en: RedNote\n  - zh: 枠\n    pinyin: kuàng\n    en: frame\n    pinyin_exception: test\n"
    result = run(str(write_pack(tmp_path / "p", glossary=glossary)), "--strict")
    assert result.returncode == 1
    assert any("枠 is not a character of Chinese dictionaries" in l for l in result.stdout.splitlines())


def test_pack_text_in_messages_cannot_drive_the_terminal(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    (root / "walkthroughs" / "owned\x1b]0;title\x07\x1b[2J.yaml").write_text("id: x\n", encoding="utf-8")
    result = run(str(root))
    assert result.returncode == 1 and "owned" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
