"""`rednote-guide search QUERY [--json] [--limit N]`: readable lines, the JSON contract,
exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.packs import search_pack

from guide.cli import main
from guide.core.storage import paths

JSON_KEYS = {"kind", "id", "zh", "pinyin", "en", "title", "score"}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return search_pack(tmp_path / "pack")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("query", ["ni hao", "nihao", "ni3 hao3", "nǐ hǎo", "NiHao"])
def test_json_lists_results_with_the_stable_keys(capsys, pack: Path, query: str) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "--pack", str(pack), "search", query, "--json")
    assert code == 0, err
    results = json.loads(out)
    assert isinstance(results, list) and results
    assert all(set(r) == JSON_KEYS for r in results)
    assert results[0] == {"kind": "phrase", "id": "你好", "zh": "你好", "pinyin": "nǐ hǎo", "en": "Hello",
                          "title": "Greetings", "score": results[0]["score"]}
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_json_kinds_and_limit(capsys, pack: Path) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--pack", str(pack), "search", "save", "--json")
    kinds = [r["kind"] for r in json.loads(out)]
    assert kinds[0] == "label" and "step" in kinds
    code, out, _ = run(capsys, "--pack", str(pack), "search", "a", "--json", "--limit", "2")
    assert code == 0 and len(json.loads(out)) == 2


def test_no_results_is_an_empty_list(capsys, pack: Path) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "--pack", str(pack), "search", "xyzzyq", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = run(capsys, "--pack", str(pack), "search", "xyzzyq")
    assert code == 0 and out == "" and "No results" in err


def test_readable_lines(capsys, pack: Path) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--pack", str(pack), "search", "shoucang")
    assert code == 0
    assert out.splitlines()[0].split() == ["label", "收藏", "shōucáng", "Save", "/", "Collect", "(Star", "under", "a", "note)"]
    code, out, _ = run(capsys, "--pack", str(pack), "search", "the star")
    assert "step        Follow creators › Read your feed  [follow/feed]" in out
    assert "Tap the star to keep one." in out, "a body match shows the matching text on the next line"


def test_usage_errors_exit_2(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    assert run(capsys, "--pack", str(pack), "search", "   ")[0] == 2
    assert run(capsys, "--pack", str(pack), "search", "x", "--limit", "0")[0] == 2
    code, _, err = run(capsys, "--pack", str(tmp_path / "nowhere"), "search", "x")
    assert code == 2 and "no content pack" in err


def test_as_a_real_process_with_utf8_output(pack: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "guide", "--pack", str(pack), "search", "lv", "--json"],
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8"))[0]["zh"] == "要绿色的"


@pytest.mark.skipif(not (paths.default_pack() / "pack.yaml").is_file(), reason="bundled pack not present")
def test_bundled_pack_smoke(capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "search", "shoucang", "--json")
    assert code == 0
    assert any(r["zh"] == "收藏" for r in json.loads(out)[:3])


def test_pack_text_cannot_drive_the_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from helpers.packs import PHRASEBOOK, write_pack

    hostile = PHRASEBOOK.replace("en: Hello", 'en: "Hello\\e]52;c;ZXZpbA==\\a\\e[2J\\u202e"')
    root = write_pack(tmp_path / "p", phrasebook=hostile)
    code, out, _ = run(capsys, "--pack", str(root), "search", "hello")
    assert code == 0 and "Hello" in out
    assert not any(ord(c) < 0x20 and c != "\n" or c in "\x7f\u202e" for c in out), repr(out)
