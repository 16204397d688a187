"""Pinyin as a Chinese teacher writes it: an apostrophe before a, o, e inside a word (kě'ài,
Xī'ān), 儿 said as an r written as that r (nǎr), a real syllable ér kept (nǚ'ér), and 一 / 不
with the tones they are said with (yíxià, búshì) — from the on-disk index, the in-memory
dictionary, CC-CEDICT's own pinyin and the pinyin line."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.core.translate.cedict_text import clean_sense, numbered_to_marks
from guide.core.translate.dict_index import IndexedDictionary, open_index
from guide.core.translate.dictionary import Dictionary, parse
from guide.core.translate.gloss import Glosser

WORDS = {
    # apostrophes: a syllable starting with a, o or e that is not the first of the word
    "可爱": "kě'ài", "西安": "xī'ān", "天安门": "tiān'ānmén", "恋爱": "liàn'ài", "答案": "dá'àn",
    "海鸥": "hǎi'ōu", "棉袄": "mián'ǎo", "平安": "píng'ān", "女儿": "nǚ'ér", "婴儿": "yīng'ér",
    "新生婴儿": "xīnshēngyīng'ér",  # 儿 of 婴儿 (CC-CEDICT: ying1 er2) inside a longer word
    # erhua: CC-CEDICT writes r5
    "哪儿": "nǎr", "这儿": "zhèr", "那儿": "nàr", "一点儿": "yìdiǎnr", "玩儿": "wánr",
    "好玩儿": "hǎowánr", "小孩儿": "xiǎoháir", "有点儿": "yǒudiǎnr", "花儿": "huār",
    # 一 before the 4th tone of 会 / 块 is yí (tone_sandhi.py); the r does not change that
    "一会儿": "yíhuìr", "一块儿": "yíkuàir",
    "小狗儿": "xiǎogǒur",  # not in CC-CEDICT: the 儿 after a word is the r suffix
    # a real syllable ér, first in its word or starting one
    "儿子": "érzi", "而且": "érqiě", "六一儿童节": "liùyī'értóngjié",
    # a 不 inside a word is light where CC-CEDICT reads it light (pypinyin: kànbùdǒng, duìbùqǐ)
    "看不懂": "kànbudǒng", "对不起": "duìbuqǐ", "来不及": "láibují", "说不定": "shuōbudìng",
    "受不了": "shòubùliǎo",  # CC-CEDICT reads this one bù: kept
    "长得": "zhǎngde",  # and 得 the same way
    # a word pypinyin reads character by character gets CC-CEDICT's sounds and full tones
    "重置": "chóngzhì", "重试": "chóngshì", "长按": "cháng'àn", "弹窗": "tánchuāng", "切换": "qiēhuàn",
    "吹干": "chuīgān", "干妈": "gānmā", "偏好": "piānhào",
    "狗狗": "gǒugǒu",  # CC-CEDICT writes the spoken gǒugōu: a doubled character keeps its reading
    # unchanged: no vowel-initial syllable, letters and digits
    "银行": "yínháng", "AA制": "AAzhì", "yyds好看": "yydshǎokàn", "3月": "3yuè",
}


@pytest.fixture(scope="module")
def index(built_dictionary_index: Path) -> IndexedDictionary:
    opened, _ = open_index(built_dictionary_index)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def memory() -> Dictionary:
    return parse()


@pytest.mark.parametrize("form", ["index", "memory"])
def test_word_readings(form: str, request: pytest.FixtureRequest) -> None:
    dictionary: Dictionary = request.getfixturevalue(form)
    assert dictionary.readings(WORDS) == WORDS
    assert dictionary.reading("哪儿") == "nǎr", "one word at a time too"


@pytest.mark.parametrize("form", ["index", "memory"])
def test_the_pinyin_line_of_a_sentence(form: str, request: pytest.FixtureRequest) -> None:
    dictionary: Dictionary = request.getfixturevalue(form)
    glosser = Glosser(None, dictionary=lambda: dictionary)
    assert glosser.pinyin("这儿有一块儿可爱的西安小吃。") == "zhèr yǒu yíkuàir kě'ài de xī'ān xiǎochī."
    assert glosser.pinyin("我女儿在天安门玩儿") == "wǒ nǚ'ér zài tiān'ānmén wánr"
    assert glosser.pinyin("我看不懂，对不起") == "wǒ kànbudǒng, duìbuqǐ"
    assert {w.text: w.pinyin for w in glosser.gloss("我女儿在哪儿")}["哪儿"] == "nǎr"


def test_a_lone_er_after_a_word_is_its_r(memory: Dictionary) -> None:
    """jieba cuts 小狗儿 (not in CC-CEDICT) as 小狗 + 儿: the pinyin line still says xiǎogǒur."""
    glosser = Glosser(None, dictionary=lambda: memory)
    assert glosser.segment("小狗儿很可爱")[:2] == ["小狗", "儿"], "the case this test is about"
    assert glosser.pinyin("小狗儿很可爱") == "xiǎogǒur hěn kě'ài"
    assert glosser.pinyin("儿子很可爱") == "érzi hěn kě'ài"


def test_the_card_of_a_lone_er_after_a_word_says_it_is_the_r(memory: Dictionary) -> None:
    """Its card agreed with the line on nothing: ér, "child; son", under a line reading
    xiǎogǒur. It is the r of the word before, as CC-CEDICT's r5 entry says; 儿 on its own, or
    starting a word, is still ér."""
    glosser = Glosser(None, dictionary=lambda: memory)
    cards = {w.text: w for w in glosser.gloss("我家小狗儿很可爱")}
    assert cards["儿"].pinyin == "r"
    assert not any("son" in m or "child" in m for m in cards["儿"].meanings), cards["儿"].meanings
    assert any("suffix" in m for m in cards["儿"].meanings)
    assert [w.pinyin for w in glosser.gloss("儿")] == ["ér"]
    assert {w.text: w.pinyin for w in glosser.gloss("我的儿子很可爱")}["儿子"] == "érzi"
    assert glosser.pinyin("我家小狗儿很可爱") == "wǒ jiā xiǎogǒur hěn kě'ài"


@pytest.mark.parametrize(("numbered", "marked"), [
    ("nu:3 er2", "nǚ'ér"), ("Xi1 an1", "Xī'ān"), ("Tian1 an1 men2", "Tiān'ānmén"), ("ke3 ai4", "kě'ài"),
    ("na3 r5", "nǎr"), ("yi1 dian3 r5", "yīdiǎnr"), ("hai3 ou1", "hǎi'ōu"), ("er2 zi5", "érzi"),
    ("A A zhi4", "AAzhì"), ("yin2 hang2", "yínháng"),
])
def test_cc_cedict_pinyin(numbered: str, marked: str) -> None:
    assert numbered_to_marks(numbered) == marked


def test_word_cards_and_cross_references_show_the_apostrophe(memory: Dictionary) -> None:
    assert [e.pinyin for e in memory.lookup("女儿")] == ["nǚ'ér"]
    assert [e.pinyin for e in memory.lookup("哪儿")] == ["nǎr"]
    assert clean_sense("see 西安[Xi1 an1]") == "see 西安 (Xī'ān)"


SANDHI_WORDS = {
    "一下": "yíxià", "一样": "yíyàng", "一定": "yídìng", "一起": "yìqǐ", "一点儿": "yìdiǎnr", "一辈子": "yíbèizi",
    "一月": "yīyuè", "十一月": "shíyīyuè", "第一": "dìyī", "统一": "tǒngyī", "唯一": "wéiyī", "一一": "yīyī",
    "星期一": "xīngqīyī", "一五一十": "yīwǔyīshí", "一生一世": "yìshēngyíshì", "一不小心": "yíbùxiǎoxīn",
    "不是": "búshì", "不要": "búyào", "不用": "búyòng", "不好": "bùhǎo", "是不是": "shìbushì", "好不好": "hǎobuhǎo",
    "差不多": "chàbuduō",  # read light by pypinyin already: left light
    "看一看": "kànyikàn", "试一试": "shìyishì",
}


@pytest.mark.parametrize("form", ["index", "memory"])
def test_yi_and_bu_in_word_readings(form: str, request: pytest.FixtureRequest) -> None:
    """一 and 不 with the tones a teacher marks (tone_sandhi.py), in every word reading: the
    pinyin line, the cards, English → Chinese candidates and the detail panel."""
    dictionary: Dictionary = request.getfixturevalue(form)
    assert dictionary.readings(SANDHI_WORDS) == SANDHI_WORDS
    assert dictionary.reading("一") == "yī" and dictionary.reading("不") == "bù", "said alone"


@pytest.mark.parametrize(("text", "line"), [
    # a hashtag's # stays with its words; the old line dropped the first and moved the last
    ("#旅行日记# 今天去了西湖 #杭州", "#lǚxíng rìjì# jīntiān qù le xīhú #hángzhōu"),
    ("西湖#杭州#", "xīhú #hángzhōu#"),
    ("#杭州 #西湖 好玩", "#hángzhōu #xīhú hǎowán"),
    # opening quotes and brackets go with the word after them, closing ones with the word before
    ("他说：“你好！”我看了《红楼梦》（很好）", "tā shuō: “nǐhǎo!” wǒ kàn le 《hónglóumèng》 (hěn hǎo)"),
    ('他说"好"', 'tā shuō "hǎo"'),
    ("今天天气很好。", "jīntiān tiānqì hěn hǎo."),
])
def test_punctuation_in_the_pinyin_line_sits_where_it_does_in_the_chinese(index: IndexedDictionary, text: str,
                                                                          line: str) -> None:
    assert Glosser(None, dictionary=lambda: index).pinyin(text) == line
