"""`rednote-guide export --anki FILE`: favourites and labels met, from the user's data dir."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest
from helpers.packs import search_pack
from helpers.study import word

from guide.cli import main
from guide.core.storage.userdata import UserData
from guide.core.study.deck import Deck


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return search_pack(tmp_path / "pack")


def remember(favourites: list[str], completed: list[str]) -> None:
    """What the app would have stored (same XDG data dir as the command sees)."""
    userdata = UserData("mini")
    for key in favourites:
        userdata.set_favourite(key, True)
    for walkthrough in completed:
        userdata.mark_complete(walkthrough, "last")
    userdata.close()


def test_exports_favourites_and_labels_met(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    remember(["yyds", "你好"], ["first"])
    target = tmp_path / "cards.txt"
    code = main(["--pack", str(pack), "export", "--anki", str(target)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Wrote 5 cards (2 favourite phrases, 0 kept cards, 3 UI labels)" in out
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#separator:tab"
    assert [line.split("\t")[0] for line in lines[4:]] == ["yyds", "你好", "小红书", "发布", "收藏"]
    with (tmp_path / "cards.txt.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Chinese", "Pinyin", "English", "Note", "Type"] and len(rows) == 6


def test_nothing_to_export_writes_nothing_and_exits_1(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    """Empty files and "Wrote 0 cards" with exit 0 looked like an export that lost the cards."""
    target = tmp_path / "empty.txt"
    code = main(["--pack", str(pack), "export", "--anki", str(target)])
    out, err = capsys.readouterr()
    assert code == 1 and list(tmp_path.iterdir()) == [pack], "no file, not even the CSV"
    assert "nothing to export yet" in err and "star phrases" in err and "Wrote" not in out


def test_unwritable_target_exits_1(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code = main(["--pack", str(pack), "export", "--anki", str(blocker / "cards.txt")])
    _, err = capsys.readouterr()
    assert code == 1 and "could not write" in err


def test_missing_anki_option_is_a_usage_error(capsys, pack: Path) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exit_info:
        main(["--pack", str(pack), "export"])
    assert exit_info.value.code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
@pytest.mark.parametrize("which", ["tsv", "csv"])
def test_a_target_that_is_not_a_regular_file_is_left_alone(capsys, pack: Path, tmp_path: Path, which: str) -> None:  # noqa: ANN001
    """As root the export used to rename over device nodes; a FIFO stands in for one here."""
    target = tmp_path / "cards.txt"
    os.mkfifo(target if which == "tsv" else tmp_path / "cards.txt.csv")
    code = main(["--pack", str(pack), "export", "--anki", str(target)])
    _, err = capsys.readouterr()
    assert code == 1 and "is not a regular file" in err
    assert stat.S_ISFIFO((target if which == "tsv" else tmp_path / "cards.txt.csv").stat().st_mode)
    assert not (tmp_path / "cards.txt.csv").is_file() and not target.is_file(), "nothing half-written"


def test_missing_folder_is_not_created(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    code = main(["--pack", str(pack), "export", "--anki", str(tmp_path / "typo" / "cards.txt")])
    _, err = capsys.readouterr()
    assert code == 1 and "does not exist" in err and not (tmp_path / "typo").exists()


def test_kept_cards_go_in_with_their_example_and_pinyin(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    """Issue 26: a word kept in the Translator is in the export, with where it was met."""
    remember(["yyds"], ["first"])
    deck = Deck(UserData("mini"))
    deck.keep(word("谢谢", "xièxie", "thank you"))
    deck.keep(word("收藏", "shōucáng", "Save", kind="label", source="screenshot", example="收藏 12", example_en=""))
    target = tmp_path / "cards.txt"
    assert main(["--pack", str(pack), "export", "--anki", str(target)]) == 0
    assert "Wrote 5 cards (1 favourite phrases, 2 kept cards, 2 UI labels)" in capsys.readouterr().out
    rows = [line.split("\t") for line in target.read_text(encoding="utf-8").splitlines()[4:]]
    assert [row[0] for row in rows] == ["yyds", "谢谢", "收藏", "小红书", "发布"], "each 汉字 once"
    assert rows[1] == ["谢谢", "xièxie", "thank you", "Met in the Translator: 谢谢你的分享 (thanks for sharing)."]
    assert rows[2][3] == "Met in a screenshot: 收藏 12."


# -- issue 25 item 9: the CSV is named after the file, and replacing a file is said ------------


def test_the_csv_is_named_after_the_whole_file_so_two_exports_never_share_one(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    """`export --anki out/cards` wrote cards.csv beside it, over the CSV made for out/cards.txt."""
    remember(["yyds"], [])
    assert main(["--pack", str(pack), "export", "--anki", str(tmp_path / "cards.txt")]) == 0
    first = (tmp_path / "cards.txt.csv").read_bytes()
    remember(["你好"], [])
    assert main(["--pack", str(pack), "export", "--anki", str(tmp_path / "cards")]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "cards.txt.csv").read_bytes() == first, "the other export's CSV was overwritten"
    assert (tmp_path / "cards.csv").is_file() and str(tmp_path / "cards.csv") in out
    assert "replaced" not in out.lower()


def test_replacing_an_earlier_file_is_said(capsys, pack: Path, tmp_path: Path) -> None:  # noqa: ANN001
    remember(["yyds"], [])
    (tmp_path / "cards.txt.csv").write_text("a spreadsheet of mine", encoding="utf-8")
    assert main(["--pack", str(pack), "export", "--anki", str(tmp_path / "cards.txt")]) == 0
    out = capsys.readouterr().out
    assert "Replaced" in out and "cards.txt.csv" in out.split("Replaced", 1)[1]
    assert main(["--pack", str(pack), "export", "--anki", str(tmp_path / "cards.txt")]) == 0
    again = capsys.readouterr().out.split("Replaced", 1)[1]
    assert "cards.txt" in again and "cards.txt.csv" in again


def test_help_says_where_the_csv_goes(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "FILE.csv" in capsys.readouterr().out
