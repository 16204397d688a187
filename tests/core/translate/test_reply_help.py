"""Offline English → Chinese helps write a reply (issue 25, item 2): "Thank you for the warm
welcome! Where is this cafe?" gave 谢 / 温 / 暖, 欢迎欢迎！ twice, "cafe" → "—" and dropped
"where" and "this" without a word."""

from __future__ import annotations

import pytest

from guide.core.content.loader import load_pack
from guide.core.storage import paths
from guide.core.translate.gloss import Glosser

ISSUE_TEXT = "Thank you for the warm welcome! Where is this cafe?"


@pytest.fixture(scope="module")
def glosser() -> Glosser:
    return Glosser(load_pack(paths.default_pack()))


def by_text(glosser: Glosser, text: str) -> dict[str, list[str]]:
    return {w.text: w.meanings for w in glosser.gloss(text, "en")}


def test_the_nearest_phrase_book_phrases_come_first(glosser: Glosser) -> None:
    words = glosser.gloss(ISSUE_TEXT, "en")
    assert words[0].text == "谢谢大家的欢迎！" and words[0].source == "phrasebook"
    assert words[0].meanings[0] == "Thanks for the welcome, everyone!"
    assert "这是哪里呀？" in [w.text for w in words[:3]], "the second sentence gets its phrase too"


def test_phrases_are_matched_by_meaning_words_not_exact_text(glosser: Glosser) -> None:
    first = glosser.gloss("Thank you all for welcoming me!", "en")[0]
    assert first.text == "谢谢大家的欢迎！"
    assert glosser.gloss("Sorry, I did not mean it!", "en")[0].text == "对不起，我不是故意的。"


def test_a_word_alone_that_many_phrases_share_offers_no_phrase(glosser: Glosser) -> None:
    assert all(w.source != "phrasebook" for w in glosser.gloss("you", "en"))


def test_english_words_are_found_without_accents_or_inflections(glosser: Glosser) -> None:
    assert by_text(glosser, ISSUE_TEXT)["cafe"][0].startswith("咖啡馆"), "CC-CEDICT lists it under “café”"
    words = by_text(glosser, "We walked past two cafés, tried noodles and stopped to welcome the cats")
    assert words["cafés"][0].startswith("咖啡馆")
    assert any(m.startswith("走 ") for m in words["walked"])
    assert any(m.startswith("面条 ") or m.startswith("面 ") for m in words["noodles"])
    assert any(m.startswith("试") or m.startswith("尝试") for m in words["tried"])
    assert any(m.startswith("停 ") for m in words["stopped"])
    assert any(m.startswith("猫 ") for m in words["cats"])


@pytest.mark.parametrize("word,base", [
    ("cafés", "cafe"), ("Café", "cafe"), ("welcomed", "welcome"), ("cities", "city"), ("boxes", "box"),
    ("running", "run"), ("making", "make"), ("tried", "try"), ("stopped", "stop"), ("went", "go"),
    ("photos", "photo"), ("liked", "like"),
])
def test_english_forms_include_the_base_form(word: str, base: str) -> None:
    from guide.core.translate.english import english_forms

    assert base in english_forms(word)


def test_common_words_come_before_rare_ones(glosser: Glosser) -> None:
    words = by_text(glosser, ISSUE_TEXT)
    assert words["you"][0].startswith("你 ")
    assert words["Where"][0].startswith("哪里 ") or words["Where"][0].startswith("哪儿 ")
    assert any(m.startswith("这 ") for m in words["this"][:2])
    assert any(m.startswith("欢迎 ") for m in words["welcome"])


def test_no_card_is_listed_twice(glosser: Glosser) -> None:
    words = glosser.gloss(ISSUE_TEXT + " Welcome, welcome!", "en")
    offered = [w.text for w in words if w.source == "phrasebook" and not w.text.isascii()]
    offered += [m.split(" ")[0] for w in words if w.text.isascii() for m in w.meanings]
    assert len(offered) == len(set(offered)), offered
    assert sum(w.text == "welcome" for w in words) == 1


def test_words_with_no_entry_are_listed_not_dropped(glosser: Glosser) -> None:
    words = by_text(glosser, "Where is this blorptastic cafe?")
    assert "Where" in words and "this" in words
    assert words["blorptastic"] == [], "listed with no meanings: the reader sees it had no entry"
    assert "is" not in words, "grammar words are not looked up"


def test_phrase_finder_ranks_by_shared_meaning() -> None:
    from guide.core.translate.english import PhraseFinder

    finder = PhraseFinder(["Thanks!", "Thanks for the welcome, everyone!", "Welcome, welcome!", "Where is this?",
                           "Where can I buy this?", "I have a cat."])
    matches = finder.nearest("Thank you for the warm welcome! Where is this place?", limit=2)
    assert [m.index for m in matches] == [1, 3]
