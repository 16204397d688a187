"""Word cards show two senses; a click shows every sense, cleaned (issue 12)."""

from __future__ import annotations

import re

import pytest

from guide.core.translate.gloss import Glosser
from guide.ui.translator.word_cards import WordBreakdown, card_text, details_html


@pytest.fixture(scope="module")
def glosser() -> Glosser:
    return Glosser(None)  # CC-CEDICT and the sense overrides only


def test_a_card_shows_two_senses(glosser: Glosser) -> None:
    word = {w.text: w for w in glosser.gloss("新开的店不错")}["不错"]
    assert card_text(word).splitlines() == ["不错", "búcuò", "not bad; pretty good", "correct; right"]


def test_a_click_shows_every_sense_of_every_reading_without_cc_cedict_notation(glosser: Glosser) -> None:
    word = glosser.gloss("行")[0]
    page = details_html(word, glosser.details("行"))
    assert "háng" in page and "xíng" in page and "row" in page and "to walk" in page
    assert not re.search(r"\[[A-Za-z:]+[1-5]", page) and "CL:" not in page
    xin = details_html(glosser.gloss("新")[0], glosser.details("新"))
    assert "新疆 (Xīnjiāng)" in xin and xin.index("new") < xin.index("surname")


def test_a_sense_the_sentence_decided_is_shown_in_the_panel(glosser: Glosser) -> None:
    hao = glosser.gloss("好累")[0]
    assert hao.meanings[0].startswith("so; very")
    assert "<b>Here</b>: so; very" in details_html(hao, glosser.details("好"))


def test_chips_carry_the_two_senses(qtbot, glosser: Glosser) -> None:
    breakdown = WordBreakdown()
    qtbot.addWidget(breakdown)
    breakdown.set_words(glosser.gloss("这个包包是什么牌子"))
    chip = breakdown.chips[-1]
    assert chip.text().splitlines()[2:] == ["brand", "sign; plate"]
    assert "brand; sign; plate" in chip.accessibleName()


def test_a_word_with_no_entry_says_so_on_its_card() -> None:
    from guide.core.translate.gloss import GlossWord

    assert card_text(GlossWord("blorptastic", "", [])).splitlines()[-1] == "no entry"
