"""Issue 25 item 14 (ranking): for an English query, plain, common phrases rank above slang
that happens to use the same words, ironic slang last ("thank you" put the exasperated 栓Q
third and the plain 谢谢！ sixth). Typed as 汉字 or pinyin, slang is found first as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.core.content.loader import load_pack
from guide.core.content.model import AppInfo, Pack, Phrase, PhraseCategory
from guide.core.storage import paths
from guide.core.study.search import SearchIndex


def _pack() -> Pack:
    def phrase(en: str, zh: str, pinyin: str, category: str, tags: tuple[str, ...], note: str = "") -> Phrase:
        return Phrase(en=en, zh=zh, pinyin=pinyin, category=category, note=note, tags=tags)

    basics = (phrase("Thanks!", "谢谢！", "Xièxie!", "basics", ("thanks", "basics"), "The plain thank-you."),
              phrase("Thank you, teacher!", "谢谢老师！", "Xièxie lǎoshī!", "basics", ("thanks",)),
              phrase("That's awesome!", "太牛了！", "Tài niú le!", "basics", ("praise",)),
              phrase("This pic is amazing!", "这张图绝了！", "Zhè zhāng tú jué le!", "basics", ("praise",)))
    slang = (phrase("Thank you (ironic, speechless)", "栓Q", "shuān Q", "slang", ("slang", "sarcasm"),
                    "Exasperation, not gratitude."),
             phrase("Wow, thanks a lot (sarcastic)", "真的会谢", "zhēn de huì xiè", "slang", ("slang", "sarcasm")),
             phrase("Amazing (sometimes sarcastic)", "绝绝子", "juéjuézǐ", "slang", ("slang", "praise")),
             phrase("Awesome / skilful", "666", "liù liù liù", "slang", ("slang", "praise")))
    return Pack(id="register", title="Register", app=AppInfo("RedNote", "小红书", "zh-Hans"), version="1",
                root=Path("."), categories=(PhraseCategory("basics", "Basics", basics),
                                            PhraseCategory("slang", "Slang you will meet", slang)))


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(_pack())


def _order(index: SearchIndex, query: str) -> list[str]:
    return [r.zh for r in index.search(query)]


def test_plain_thanks_rank_above_ironic_slang(index: SearchIndex) -> None:
    order = _order(index, "thank you")
    assert order.index("谢谢！") < order.index("栓Q"), order
    assert order.index("谢谢老师！") < order.index("栓Q"), order
    thanks = _order(index, "thanks")
    assert thanks.index("谢谢！") < thanks.index("真的会谢"), thanks


def test_plain_praise_ranks_above_sometimes_sarcastic_slang(index: SearchIndex) -> None:
    assert _order(index, "amazing") == ["这张图绝了！", "绝绝子"]
    assert _order(index, "awesome") == ["666", "太牛了！"], "slang that is not ironic, matched whole, stays first"


@pytest.mark.parametrize("query,first", [("栓Q", "栓Q"), ("shuan q", "栓Q"), ("juejuezi", "绝绝子"), ("真的会谢", "真的会谢")])
def test_slang_typed_as_itself_is_still_first(index: SearchIndex, query: str, first: str) -> None:
    assert _order(index, query)[0] == first


def test_asking_for_slang_or_sarcasm_finds_it_first(index: SearchIndex) -> None:
    assert _order(index, "sarcastic")[0] in ("真的会谢", "绝绝子")
    assert set(_order(index, "slang")) >= {"栓Q", "真的会谢", "绝绝子", "666"}


def test_the_bundled_phrase_book_answers_thank_you_plainly_first() -> None:
    index = SearchIndex.build(load_pack(paths.default_pack()))
    order = _order(index, "thank you")
    assert order.index("谢谢！") < order.index("栓Q"), order
    plain = [zh for zh in order[:order.index("栓Q")]]
    assert {"谢谢你！", "谢谢！"} <= set(plain)
