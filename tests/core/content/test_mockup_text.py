"""Issue 21 part 5, second bullet (the core half): the app knows every Chinese text written in a
walkthrough's mockup and where it sits, so the player can make any of it clickable, and says
what a text means — a UI label, a template (a hook for now) or the word breakdown."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from helpers.bundled import pack

from guide.core.content.images import load_screen
from guide.core.content.mockup_text import mockup_texts, text_width
from guide.core.translate.dictionary import parse
from guide.core.translate.explain import (
    BREAKDOWN,
    LABEL,
    TEMPLATE,
    TemplateMeaning,
    explain,
    label_for,
)
from guide.core.translate.gloss import Glosser
from guide.core.translate.normalise import has_han

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="360" height="780" viewBox="0 0 360 780">'
       '<text x="20" y="100" font-size="20">粉丝</text>'
       '<text x="180" y="200" font-size="10" text-anchor="middle">共<tspan>19</tspan>条评论</text>'
       '<text x="340" y="300" font-size="10" text-anchor="end">9:41</text>'
       '<g transform="translate(100,400) scale(2)"><text x="10" y="10" font-size="10">发现</text></g>'
       '<g transform="rotate(30)"><text x="10" y="10" font-size="10">旋转</text></g>'
       '<text x="20" y="900" font-size="20">画外</text></svg>').encode()


def test_texts_their_boxes_and_what_is_left_out() -> None:
    found = {t.text: t for t in mockup_texts(SVG)}
    assert set(found) == {"粉丝", "共19条评论", "发现"}, "no Latin-only text, nothing rotated, nothing past the viewBox"
    fans = found["粉丝"]
    assert fans.x < 20 / 360 < fans.x + fans.w and fans.y < 93 / 780 < fans.y + fans.h  # where its glyphs are
    assert fans.w == pytest.approx((text_width("粉丝", 20) + 4) / 360)
    comments = found["共19条评论"]
    assert comments.x + comments.w / 2 == pytest.approx(180 / 360), "text-anchor middle centres the box"
    discover = found["发现"]
    assert discover.x < 120 / 360 < discover.x + discover.w and discover.y < 420 / 780 < discover.y + discover.h, \
        "translate and scale of a group are followed"


def test_every_chinese_text_of_every_bundled_mockup_is_found() -> None:
    shown = 0
    for path in sorted((pack().root / "images").glob("*.svg")):
        root = ET.parse(path).getroot()
        width, height = float(root.get("width")), float(root.get("height"))
        expected = []
        for element in root.iter():
            text = " ".join("".join(element.itertext()).split()) if element.tag.endswith("text") else ""  # as SVG shows it
            y = float(element.get("y", "0")) if text else 0
            if text and has_han(text) and 0 <= y - 0.3 * float(element.get("font-size", "16")) <= height:
                expected.append(text)
        found = mockup_texts(load_screen(path).data)
        assert sorted(t.text for t in found) == sorted(expected), path.name
        for text in found:
            assert -0.05 <= text.x and text.x + text.w <= 1.05 + 0.2 and 0 <= text.y + text.h / 2 <= 1, (path.name, text)
        shown += len(found)
        assert width > 0
    assert shown > 2000


def test_a_label_written_with_punctuation_is_still_the_label() -> None:
    assert label_for(pack(), "认证：").zh == "认证"
    assert label_for(pack(), "粉丝").zh == "粉丝"
    assert label_for(pack(), "一杯好咖啡，陪你每一天") is None


@pytest.fixture
def small_glosser() -> Glosser:
    words = ["一 一 [yi1] /one/", "杯 杯 [bei1] /cup/", "好 好 [hao3] /good/", "咖啡 咖啡 [ka1 fei1] /coffee/",
             "陪 陪 [pei2] /to accompany/", "你 你 [ni3] /you/", "每 每 [mei3] /every/", "天 天 [tian1] /day/",
             "一天 一天 [yi1 tian1] /one day/"]
    return Glosser(pack(), dictionary=lambda: parse(words))


def test_explain_gives_the_label_else_the_template_else_the_breakdown(small_glosser: Glosser) -> None:
    fans = explain(pack(), "粉丝", small_glosser)
    assert fans.source == LABEL and fans.en == pack().label("粉丝").en and fans.pinyin == "fěnsī"
    line = explain(pack(), "一杯好咖啡，陪你每一天", small_glosser)
    assert line.source == BREAKDOWN and line.pinyin and not line.en
    words = {w.text: w for w in line.words}
    assert "coffee" in words["咖啡"].meanings and words["咖啡"].pinyin == "kāfēi"

    def comments(text: str) -> TemplateMeaning | None:
        return TemplateMeaning("19 comments", "gòng 19 tiáo pínglùn", "Under a note") if text == "共19条评论" else None

    templated = explain(pack(), "共19条评论", small_glosser, template=comments)
    assert templated.source == TEMPLATE and templated.en == "19 comments" and templated.where == "Under a note"
    assert explain(pack(), "粉丝", small_glosser, template=comments).source == LABEL, "a label is never a template"
