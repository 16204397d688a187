"""The validator's pinyin check accepts how learners write pinyin and flags real mistakes."""

from __future__ import annotations

import pytest

from guide.core.content.pinyin_check import check


@pytest.mark.parametrize(
    ("zh", "pinyin"),
    [
        ("大家好！", "Dàjiā hǎo!"),
        ("谢谢你", "xièxie nǐ"),  # neutral tone written without a mark
        ("一下", "yíxià"),  # 一 sandhi
        ("我不是", "wǒ bú shì"),  # 不 sandhi
        ("IP属地", "IP shǔdì"),  # Latin letters copied verbatim
        ("西安", "Xī’ān"),  # apostrophe between syllables
        ("小红书号", "Xiǎohóngshū hào"),
        ("说点什么…", "shuō diǎn shénme…"),
        ("可爱", "kě'ài"),
        ("女儿", "nǚ'ér"),
        ("在哪儿", "zài nǎr"),  # erhua: 儿 written as the r of the syllable before
        ("一点儿", "yìdiǎnr"),
        ("一会儿", "yíhuìr"),
    ],
)
def test_accepted(zh: str, pinyin: str) -> None:
    assert check(zh, pinyin) is None


@pytest.mark.parametrize(
    ("zh", "pinyin", "expected"),
    [
        ("收藏", "shǒucáng", "收 shǒu (pypinyin: shōu)"),
        ("银行", "yínxíng", "行 xíng (pypinyin: háng)"),
        ("你好", "nihao", "no tone marks"),
        ("你好", "ni3 hao3", "not valid pinyin"),
        ("你好吗", "nǐ hǎo", "one syllable per character"),
        ("可爱", "kěài", "needs an apostrophe before 'ài'"),
        ("女儿", "nǚér", "needs an apostrophe before 'ér'"),
        ("天安门", "Tiānānmén", "needs an apostrophe before 'ān'"),
        ("你好", "nǐr", "好 r (pypinyin: hǎo)"),  # a bare r stands for 儿 only
    ],
)
def test_flagged(zh: str, pinyin: str, expected: str) -> None:
    message = check(zh, pinyin)
    assert message is not None and expected in message
