"""Flashcard export: which cards, in which order, and files Anki and spreadsheets read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers.packs import search_pack

from guide.core.content.loader import load_pack
from guide.core.content.model import Pack
from guide.core.study.export import (
    Card,
    NothingToExport,
    anki_field,
    anki_tsv,
    collect_cards,
    csv_path_for,
    labels_met,
    table_csv,
    write_anki,
)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return load_pack(search_pack(tmp_path_factory.mktemp("export") / "pack"))


def test_labels_met_only_in_completed_walkthroughs(pack: Pack) -> None:
    assert labels_met(pack, []) == []
    assert labels_met(pack, ["first"]) == ["小红书", "发布", "收藏"], "inline, hotspot and chip labels, in reading order"
    assert labels_met(pack, ["follow"]) == ["关注", "已关注", "收藏"]
    assert labels_met(pack, ["nonexistent"]) == []


def test_collect_cards_favourites_first_then_labels_each_once(pack: Pack) -> None:
    cards = collect_cards(pack, ["yyds", "收藏", "gone from the pack", "你好"], ["first"])
    assert [(c.zh, c.source) for c in cards] == [
        ("yyds", "phrase"), ("收藏", "label"), ("你好", "phrase"), ("小红书", "label"), ("发布", "label")]
    yyds = cards[0]
    assert (yyds.pinyin, yyds.en) == ("yǒngyuǎn de shén", "the GOAT")
    assert yyds.note == "Literally: forever god. Praise."
    assert cards[1].note == "On screen: Star under a note. Saves matter more than likes."


def test_anki_tsv_has_header_and_four_fields_per_line(pack: Pack) -> None:
    cards = collect_cards(pack, ["值得买吗？", "你好"], [])
    text = anki_tsv(cards)
    lines = text.splitlines()
    assert lines[:4] == ["#separator:tab", "#html:true", "#columns:Chinese\tPinyin\tEnglish\tNote", "#tags:rednote-guide"]
    rows = [line.split("\t") for line in lines[4:]]
    assert len(rows) == 2 and all(len(row) == 4 for row in rows), "tabs and new lines inside a note are escaped"
    assert rows[0][:3] == ["值得买吗？", "Zhíde mǎi ma?", "Is it worth buying?"]
    assert "<br>" in rows[0][3] and "\t" not in rows[0][3]
    assert text.endswith("\n")


def test_anki_field_escaping() -> None:
    assert anki_field('a\tb\nc\r\nd') == "a b<br>c<br>d"
    assert anki_field('"Quoted" <b>&') == "&quot;Quoted&quot; &lt;b&gt;&amp;", "a leading quote cannot start a quoted field"


def test_csv_reads_back_exactly() -> None:
    cards = [Card("值得买吗？", "Zhíde mǎi ma?", "Is it, worth \"buying\"?", "line one\nline\ttwo", "phrase")]
    rows = list(csv.reader(io.StringIO(table_csv(cards))))
    assert rows == [["Chinese", "Pinyin", "English", "Note", "Type"],
                    ["值得买吗？", "Zhíde mǎi ma?", "Is it, worth \"buying\"?", "line one\nline\ttwo", "phrase"]]


def test_csv_path_for() -> None:
    assert csv_path_for(Path("/x/cards.txt")) == Path("/x/cards.txt.csv")
    assert csv_path_for(Path("/x/cards")) == Path("/x/cards.csv"), "not the CSV of /x/cards.txt"
    assert csv_path_for(Path("/x/cards.CSV")) == Path("/x/cards.CSV.csv"), "never overwrite the Anki file itself"


def test_write_anki_writes_both_files_and_no_leftovers(tmp_path: Path, pack: Pack) -> None:
    cards = collect_cards(pack, ["你好"], ["first"])
    (tmp_path / "out").mkdir()  # an export never creates folders (a typo would scatter files)
    tsv, table = write_anki(cards, tmp_path / "out" / "cards.txt")
    assert tsv.read_text(encoding="utf-8").splitlines()[4].startswith("你好\tnǐ hǎo\tHello\t")
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM so spreadsheet apps read UTF-8"
    assert "小红书" in raw.decode("utf-8-sig")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["cards.txt", "cards.txt.csv"]
    write_anki(cards[:1], tsv)  # overwriting works
    assert len(tsv.read_text(encoding="utf-8").splitlines()) == 5
    with pytest.raises(NothingToExport):  # no cards: the files are left as they were, not emptied
        write_anki([], tsv)
    assert len(tsv.read_text(encoding="utf-8").splitlines()) == 5


def test_write_anki_raises_oserror_and_cleans_up(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        write_anki([Card("你好", "nǐ hǎo", "Hello", "", "phrase")], blocker / "cards.txt")
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.parametrize("text", ['=HYPERLINK("https://evil.example","click")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "＝1"])
def test_csv_cells_that_look_like_formulas_stay_text(text: str) -> None:
    from guide.core.study.export import table_csv

    rows = list(csv.reader(io.StringIO(table_csv([Card(text, "p", text, text, "phrase")]))))
    assert rows[1][0] == "'" + text and rows[1][2] == "'" + text and rows[1][3] == "'" + text
    assert rows[1][1] == "p"


def test_kept_cards_come_after_favourites_with_where_they_were_met(pack: Pack, tmp_path: Path) -> None:
    from helpers.study import FakeClock, word

    from guide.core.storage.userdata import UserData
    from guide.core.study.deck import Deck

    deck = Deck(UserData(pack.id, tmp_path), None, FakeClock())
    deck.keep(word("你好", "nǐ hǎo", "hello"))  # also a favourite: exported once, as the favourite
    deck.keep(word("发布", "fābù", "Post", kind="label", source="walkthrough", example="Posting › Tap 发布",
                   example_en="", place="walkthrough/first/post"))
    deck.keep(word("关注", "guānzhù", "Follow", kind="label", source="glossary", example="",
                   example_en="On screen: top right of a profile"))
    cards = collect_cards(pack, ["你好"], ["first"], deck.cards())
    assert [(c.zh, c.source) for c in cards] == [("你好", "phrase"), ("发布", "kept"), ("关注", "kept"),
                                                 ("小红书", "label"), ("收藏", "label")]
    assert cards[1].note == "Met in a walkthrough: Posting › Tap 发布."
    assert cards[2].note == "Met in UI labels: On screen: top right of a profile."
    assert cards[1].pinyin == "fābù"
