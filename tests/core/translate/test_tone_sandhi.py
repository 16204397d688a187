"""一 and 不 read with the tones a teacher marks (tone_sandhi.py), the same in the pinyin line
and on the word cards (the dictionary's word readings: test_pinyin_words.py): 一下 yíxià,
一个 yí gè, 不对 bú duì, but 一月 yīyuè, 第一, 十一 and 统一 keep yī; 是不是 shìbushì and 看一看
kànyikàn are light."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import GLOSSARY, PHRASEBOOK, write_pack

from guide.core.content.loader import load_pack
from guide.core.translate.gloss import Glosser
from guide.core.translate.tone_sandhi import first_tone


def compact(pinyin: str) -> str:
    """The line without the spaces between words: what is checked is each syllable's tone,
    not where the segmenter cut."""
    return pinyin.replace(" ", "")


# (sentence, how a stretch of it is read; spaces only for legibility)
LINE = [
    # the defects: pypinyin's data marks 一下 yīxià but 一起 yìqǐ; 一 / 不 cut off alone kept yī / bù
    ("我等了一下", "yíxià"),
    ("一个人去旅游", "yí gè rén"),
    ("排队排了一个小时", "yí gè xiǎoshí"),  # gold sentence
    ("这件事不对", "bú duì"),
    ("一月一日开始营业", "yīyuè yī rì"),  # January the 1st: dates keep yī (pypinyin has yíyuè)
    ("2023年一月来的", "yīyuè"),
    ("今天又是emo的一天", "yì tiān"),  # gold sentence
    ("衣柜里永远少一件衣服", "yí jiàn"),  # gold sentence
    ("人均不到一百", "búdào yì bǎi"),  # gold sentence; 一百 yìbǎi
    ("这双鞋走一天都不累", "yì tiān dōu bú lèi"),
    ("一会儿就到", "yíhuìr"),  # the erhua r does not change the tone 一 takes from 会
    # right already, and still right
    ("周末一起去逛街吧", "yìqǐ"),
    ("这家店不好吃", "bù hǎochī"),
    ("毛衣一点都不扎", "yìdiǎn dōu bù zhā"),
    # yī: a number said as a number, an ordinal, the end of a word
    ("第一次来北京旅游", "dìyīcì"),
    ("双十一囤了好多", "shuāngshíyī"),
    ("他三十一岁", "sānshí yī suì"),
    ("我们统一一下意见", "tǒngyī yíxià"),
    ("这是唯一的办法", "wéiyī de"),
    ("星期一早上开会", "xīngqīyī zǎo"),
    ("一二三，拍照！", "yī'èr sān,"),
    ("住在一楼", "yī lóu"),
    ("建议买大一号", "dà yíhào"),  # gold sentence: "one size larger" counts, so yí
    # light in A-not-A questions and between a verb said twice
    ("是不是真的", "shìbushì"),
    ("你要不要试试", "yào buyào"),
    ("你喜不喜欢这个颜色", "xǐ bu xǐ"),
    ("让我看一看", "kànyikàn"),
    ("他一动不动地站着", "yídòngbúdòng"),  # 一A不A, "not A at all": not a question, so bú
    ("一样不一样", "yíyàng bu yíyàng"),
    ("整个人都不一样了", "bù yíyàng"),  # the next syllable as said: 一样 yíyàng, so 不 stays bù
    ("不，对", "bù, duì"),  # punctuation ends the phrase
]


@pytest.fixture(scope="module")
def glosser() -> Glosser:
    return Glosser(None)


@pytest.mark.parametrize(("sentence", "said"), LINE)
def test_the_pinyin_line_says_yi_and_bu_as_a_teacher_marks_them(glosser: Glosser, sentence: str, said: str) -> None:
    assert compact(said) in compact(glosser.pinyin(sentence))


@pytest.mark.parametrize("sentence", [s for s, _ in LINE if "，" not in s])
def test_the_word_cards_read_as_the_line_does(glosser: Glosser, sentence: str) -> None:
    """A card for 一 or 不 on its own shows the tone it has in this sentence."""
    glosser.forget_last_text()
    cards = glosser.gloss(sentence)
    assert " ".join(card.pinyin for card in cards) == glosser.pinyin(sentence)


def test_a_lone_yi_or_bu_card_shows_its_tone_here(glosser: Glosser) -> None:
    def card(sentence: str, word: str) -> list[str]:
        return [w.pinyin for w in glosser.gloss(sentence) if w.text == word]

    assert card("一个人", "一") == ["yí"]
    assert card("这件事不对", "不") == ["bú"]
    assert card("一月一日", "一") == ["yī"]
    assert card("不一定", "不") == ["bù"]
    assert card("一天一天过去", "一") == ["yì", "yì"]


def test_the_packs_own_pinyin_is_kept(tmp_path: Path) -> None:
    """A pack word is read as its author wrote it, and is the next syllable as written."""
    phrasebook = PHRASEBOOK + """\
      - en: like, save and share in one go
        zh: 一键三连
        pinyin: yījiàn sānlián
        pinyin_exception: the author's choice, for this test
"""
    pack = load_pack(write_pack(tmp_path / "pack", glossary=GLOSSARY, phrasebook=phrasebook, images=False))
    glosser = Glosser(pack)
    assert "yījiàn sānlián" in glosser.pinyin("求一键三连")
    assert [w.pinyin for w in glosser.gloss("求一键三连") if w.text == "一键三连"] == ["yījiàn sānlián"]


@pytest.mark.parametrize(("reading", "tone"), [("xià", 4), ("yìqǐ", 4), ("Xiǎohóngshū", 3), ("le", 0),
                                               ("'èr", 4), ("nǚ'ér", 3), ("3", None), ("", None)])
def test_the_first_syllables_tone(reading: str, tone: int | None) -> None:
    assert first_tone(reading) == tone
