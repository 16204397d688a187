"""`rednote-guide review --due [--json]`: what the app's Review would show today (issue 26)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers.packs import search_pack
from helpers.study import FakeClock, word

from guide.cli import main
from guide.core.storage.settings import Settings, SettingsStore
from guide.core.storage.userdata import UserData
from guide.core.study.deck import Deck
from guide.core.study.review import Answer, Review


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return search_pack(tmp_path / "pack")


def review_json(capsys, pack: Path) -> dict:  # noqa: ANN001
    code = main(["--pack", str(pack), "review", "--due", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_lists_what_is_due_today(capsys, pack: Path) -> None:  # noqa: ANN001
    """Kept yesterday and answered Again: due; answered Easy: days away; kept today: new."""
    yesterday = FakeClock(datetime.now().astimezone() - timedelta(days=1))
    past = Deck(UserData("mini"), None, yesterday)
    again, _ = past.keep(word("谢谢", "xièxie", "thank you"))
    easy, _ = past.keep(word("你好", "nǐ hǎo", "hello", source="walkthrough"))
    Review(past).answer(again, Answer.AGAIN)
    Review(past).answer(easy, Answer.EASY)
    Deck(UserData("mini")).keep(word("收藏", "shōucáng", "Save", kind="label", source="screenshot"))
    due = review_json(capsys, pack)
    assert [c["zh"] for c in due["cards"]] == ["谢谢", "收藏"]
    assert [c["state"] for c in due["cards"]] == ["learning", "new"]
    assert (due["new"], due["learning"], due["review"], due["total"]) == (1, 1, 0, 2)
    first = due["cards"][0]
    assert first["pinyin"] == "xièxie" and first["met_in"] == "translator" and first["example"] == "谢谢你的分享"
    assert due["date"] == datetime.now().astimezone().date().isoformat()
    assert main(["--pack", str(pack), "review", "--due"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2 cards due today (1 new, 1 learning, 0 to review):"
    assert "谢谢  xièxie  thank you  [learning; met in the Translator]" in out


def test_new_cards_a_day_come_from_the_settings(capsys, pack: Path) -> None:  # noqa: ANN001
    deck = Deck(UserData("mini"))
    for n in range(5):
        deck.keep(word(f"词{n}", "cí", f"word {n}"))
    SettingsStore().save(Settings(new_cards_per_day=3))
    assert review_json(capsys, pack)["new"] == 3


def test_nothing_due(capsys, pack: Path) -> None:  # noqa: ANN001
    assert main(["--pack", str(pack), "review", "--due"]) == 0
    assert capsys.readouterr().out == "Nothing due today.\n"
    assert review_json(capsys, pack)["cards"] == []


def test_due_is_required(capsys, pack: Path) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exit_info:
        main(["--pack", str(pack), "review"])
    assert exit_info.value.code == 2 and "--due" in capsys.readouterr().err
