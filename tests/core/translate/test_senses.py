"""Which meanings come first, and CC-CEDICT's notation made readable (issue 12)."""

from __future__ import annotations

import re

import pytest

from guide.core.content.model import Pack
from guide.core.translate.cedict_text import clean_sense, is_minor_sense
from guide.core.translate.dictionary import parse
from guide.core.translate.dictionary_loader import load_dictionary
from guide.core.translate.gloss import Glosser
from guide.core.translate.senses import best_senses, overrides, rank_entries

NUMBERED = re.compile(r"\[[A-Za-z:]+[1-5]")


@pytest.fixture(scope="module")
def glosser(slang: Pack) -> Glosser:
    return Glosser(slang)


@pytest.mark.parametrize("text,word,first", [
    ("新开的店不错", "不错", "not bad; pretty good"),
    ("这个包包是什么牌子", "牌子", "brand"),
    ("新开的店不错", "新", "new"),
    ("我们都去", "都", "all; both; entirely"),
    ("你还在吗", "还", "still; also; even more"),
    ("我去银行", "银行", "bank"),
])
def test_the_everyday_sense_comes_first(glosser: Glosser, text: str, word: str, first: str) -> None:
    words = {w.text: w for w in glosser.gloss(text)}
    assert words[word].meanings[0] == first


def test_surnames_abbreviations_and_variants_come_after_everyday_senses() -> None:
    dictionary = parse(["新 新 [Xin1] /abbr. for Xinjiang 新疆[Xin1 jiang1]/surname Xin/",
                        "新 新 [xin1] /new/newly/",
                        "看 看 [kan4] /(literary) to regard/to see; to look at/CL:次[ci4]/"])
    assert best_senses("新", dictionary.lookup("新"), "xīn") == ["new", "newly"]
    assert best_senses("看", dictionary.lookup("看"), "kàn") == ["to see; to look at"]
    only_minor = parse(["乂 乂 [yi4] /(literary) to regulate/"])
    assert best_senses("乂", only_minor.lookup("乂"), "yì") == ["(literary) to regulate"], "unless nothing else"


def test_the_entry_read_as_in_context_comes_first() -> None:
    entries = load_dictionary().lookup("东西")
    assert rank_entries(entries, "dōngxi")[0].senses[0] == "thing"
    entries = load_dictionary().lookup("行")
    assert rank_entries(entries, "háng")[0].pinyin == "háng"


@pytest.mark.parametrize("raw,clean", [
    ("abbr. for Xinjiang 新疆[Xin1 jiang1] or Singapore 新加坡[Xin1 jia1 po1]",
     "abbr. for Xinjiang 新疆 (Xīnjiāng) or Singapore 新加坡 (Xīnjiāpō)"),
    ("abbr. for 哈薩克斯坦|哈萨克斯坦[Ha1 sa4 ke4 si1 tan3], Kazakhstan", "abbr. for 哈萨克斯坦 (Hāsàkèsītǎn), Kazakhstan"),
    ("inn; old-style hotel (CL:家[jia1])", "inn; old-style hotel"),
    ("(bound form) shop; store", "shop; store"),
    ("CL:個|个[ge4]", ""),
])
def test_cc_cedict_notation_is_made_readable(raw: str, clean: str) -> None:
    assert clean_sense(raw) == clean


def test_no_numbered_pinyin_reaches_the_breakdown(glosser: Glosser) -> None:
    text = "新开的店不错，哈哈，这个包包是什么牌子，我们都去银行"
    for word in glosser.gloss(text):
        assert not any(NUMBERED.search(m) for m in word.meanings), word
        details = glosser.details(word.text)
        assert not any(NUMBERED.search(s) for s in details.senses), details.senses


def test_no_sense_of_any_entry_keeps_numbered_pinyin_once_cleaned() -> None:
    """All 120,000 entries: cross-references like 新疆[Xin1 jiang1], B型超声[B xing2 chao1 sheng1]
    or 天干[tian gan1] and classifier lines never survive cleaning."""
    leftovers = []
    bracketed = re.compile(r"\[[^\]]*[A-Za-z][1-5][^\]]*\]")
    for lines in parse()._lines.values():
        for line in lines:
            for sense in line.partition("] /")[2].rstrip("/").split("/"):
                cleaned = clean_sense(sense)
                if bracketed.search(cleaned) or "CL:" in cleaned:
                    leftovers.append((sense, cleaned))
    assert leftovers == []


def test_minor_senses_are_recognised() -> None:
    for sense in ("surname Xin", "abbr. for Xinjiang", "variant of 著", "(literary) to regard", "(old) inn",
                  "(classical) to be", "CL:個|个[ge4]", "old variant of 看"):
        assert is_minor_sense(sense), sense
    assert not is_minor_sense("(dialect) how; why") and not is_minor_sense("new")


def test_the_override_list_is_well_formed_and_ordered_before_cc_cedict() -> None:
    table = overrides()
    assert table["不错"][0] == "not bad; pretty good" and table["牌子"][0] == "brand"
    assert all(word and senses and all(isinstance(s, str) and s for s in senses) for word, senses in table.items())


def test_pack_precedence_phrase_book_then_label_then_dictionary(glosser: Glosser) -> None:
    words = {w.text: w for w in glosser.gloss("在小红书上被种草了")}
    assert words["种草"].source == "phrasebook", "slang from the phrase book wins over CC-CEDICT"
    assert words["小红书"].source == "glossary", "a label CC-CEDICT lacks comes from the glossary"
    alone = glosser.gloss("收藏")[0]
    assert alone.source == "glossary", "a label on its own reads as the label"


def test_cc_cedict_senses_an_override_already_says_are_not_repeated(glosser: Glosser) -> None:
    words = {w.text: w for w in glosser.gloss("这个牌子不错")}
    assert words["不错"].meanings == ["not bad; pretty good", "correct; right"]
    assert words["牌子"].meanings == ["brand", "sign; plate", "trademark"]
