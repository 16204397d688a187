"""The offline gloss: pack words (app labels, slang) first, CC-CEDICT next, pinyin by word."""

from __future__ import annotations

import threading

import pytest

from guide.core.content.model import Pack
from guide.core.translate import dictionary_loader
from guide.core.translate.dictionary import numbered_to_marks, parse
from guide.core.translate.dictionary_loader import load_dictionary
from guide.core.translate.gloss import Glosser


@pytest.fixture(scope="module")
def glosser(slang: Pack) -> Glosser:
    return Glosser(slang)


def test_slang_sentence_is_glossed_from_the_pack(glosser: Glosser) -> None:
    words = {w.text: w for w in glosser.gloss("这个博主的穿搭绝绝子，在小红书上被种草了，yyds")}
    assert words["小红书"].meanings[0] == "RedNote" and words["小红书"].pinyin == "Xiǎohóngshū"
    assert words["小红书"].source == "glossary"
    assert words["绝绝子"].meanings[0] == "Absolutely amazing" and words["绝绝子"].source == "phrasebook"
    assert words["yyds"].meanings[0] == "the GOAT" and words["yyds"].pinyin == "yǒngyuǎn de shén"
    assert words["种草"].source == "phrasebook"
    assert words["博主"].meanings == ["blogger"] and words["博主"].source == "cc-cedict"
    assert "，" not in words, "punctuation is not a word"


def test_without_the_pack_words_the_segmenter_cuts_app_words_apart() -> None:
    """Why the pack's words are added: unaided, jieba does not know 小红书 or 绝绝子."""
    plain = Glosser(None)
    assert "小红书" not in plain.segment("在小红书上看到")
    assert "绝绝子" not in plain.segment("这个博主的穿搭绝绝子")


def test_pinyin_reads_whole_words(glosser: Glosser) -> None:
    assert glosser.pinyin("我去银行") == "wǒ qù yínháng"
    assert glosser.pinyin("你好！") == "nǐ hǎo!"
    assert [w.pinyin for w in glosser.gloss("银行")] == ["yínháng"]


def test_the_reading_pypinyin_chooses_orders_the_dictionary_entries(glosser: Glosser) -> None:
    bank = glosser.gloss("银行")[0]
    assert bank.meanings[0] == "bank"
    details = glosser.details("行")
    assert {e.pinyin for e in details.cedict} >= {"xíng", "háng"}


def test_unknown_word_gets_the_meanings_of_its_characters() -> None:
    glosser = Glosser(None, dictionary=lambda: parse(["好 好 [hao3] /good/", "棒 棒 [bang4] /stick/great/"]))
    word = glosser._chinese_word("好棒", glosser._dictionary())
    assert word.source == "characters" and word.meanings == ["好: good", "棒: stick"]


def test_english_words_are_looked_up_in_the_pack_then_in_cc_cedict(glosser: Glosser) -> None:
    words = {w.text: w for w in glosser.gloss("Please save the bank notes", "en")}
    assert "the" not in words and "Please".casefold() not in {"the"}
    assert words["save"].meanings[0] == "收藏 shōucáng: Save / Collect"
    assert words["save"].source == "glossary"
    assert any(m.startswith("银行 yínháng") for m in words["bank"].meanings)
    assert words["notes"].meanings, "plural falls back to the singular"


def test_details_list_pack_entries_before_the_dictionary(glosser: Glosser) -> None:
    details = glosser.details("种草")
    assert details.pack[0].en.startswith("to make someone want")
    assert details.cedict and "recommend" in details.cedict[0].senses[0]


def test_dictionary_loads_once_across_threads() -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(load_dictionary())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(d) for d in seen}) == 1
    assert dictionary_loader.is_loaded() and len(seen[0]) > 100_000
    assert seen[0].lookup("銀行")[0].simplified == "银行", "traditional characters are found too"


@pytest.mark.parametrize("numbered,marked", [
    ("yin2 hang2", "yínháng"), ("lu:4", "lǜ"), ("nu:3 er2", "nǚ'ér"), ("Bei3 jing1", "Běijīng"),
    ("gou3", "gǒu"), ("xue2", "xué"), ("liu2", "liú"), ("gui4", "guì"), ("zi5", "zi"), ("san1 C", "sānC"),
])
def test_numbered_pinyin_to_tone_marks(numbered: str, marked: str) -> None:
    assert numbered_to_marks(numbered) == marked


def test_a_missing_dictionary_file_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(FileNotFoundError):
        parse(path=tmp_path / "missing.gz")
