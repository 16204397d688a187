"""The app's own text with numbers, times and places, found and said in English with the
bundled pack's templates (issue 21 part 2), and the values a sentence holds (2.3万 → 23,000)."""

from __future__ import annotations

import pytest

from guide.core.content import values
from guide.core.content.loader import load_pack
from guide.core.content.model import Pack
from guide.core.content.templates import TemplateMatcher, matcher_for
from guide.core.content.values import Rate
from guide.core.storage import paths


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(paths.default_pack())


@pytest.fixture(scope="module")
def matcher(pack: Pack) -> TemplateMatcher:
    return matcher_for(pack)


@pytest.mark.parametrize(("count", "english"), [
    ("2.3万", "23,000"), ("1.2w", "12,000"), ("1.2W", "12,000"), ("3k", "3,000"), ("99+", "99+"),
    ("1000+", "1,000+"), ("10万+", "100,000+"), ("12345", "12,345"), ("1,234", "1,234"), ("50", "50"),
    ("2.35万", "23,500"), ("1.5亿", "150,000,000"), ("0.5千", "500"), ("１２万", "120,000"),
])
def test_counts_are_said_as_numbers(count: str, english: str) -> None:
    assert values.read_count(count) == english


@pytest.mark.parametrize(("text", "english"), [
    ("刚刚", "just now"), ("2小时前", "2 hours ago"), ("1小时前", "1 hour ago"), ("3天前", "3 days ago"),
    ("5分钟前", "5 minutes ago"), ("2周前", "2 weeks ago"), ("半小时前", "half an hour ago"), ("昨天", "yesterday"),
    ("前天", "the day before yesterday"), ("星期三", "Wednesday"), ("周日", "Sunday"), ("2 小时前", "2 hours ago"),
])
def test_ago(text: str, english: str) -> None:
    assert values.read_ago(text) == english


@pytest.mark.parametrize(("text", "english"), [
    ("03-15", "Mar 15"), ("2023-03-01", "Mar 1, 2023"), ("2023年3月1日", "Mar 1, 2023"), ("3月15日", "Mar 15"),
    ("12-31", "Dec 31"), ("13-01", None), ("02-30", None), ("2023.03.01", "Mar 1, 2023"),
    # a year, and a month of a year, as posts write them (2023年的夏天, 2024年5月)
    ("2023年", "the year 2023"), ("2024年5月", "May 2024"), ("2024年13月", None), ("1850年", None),
])
def test_dates(text: str, english: str | None) -> None:
    assert values.read_date(text) == english


def test_prices_show_the_rate_and_its_date() -> None:
    rate = Rate(7.5, "2025-01-20")
    assert values.read_price("¥75", rate) == "¥75 (~US$10.00; ¥7.50 = US$1 on 2025-01-20)"
    assert values.read_price("75元", rate) == values.read_price("￥75", rate) == values.read_price("75块", rate)
    assert values.read_price("¥1,500", rate).startswith("¥1,500 (~US$200;")
    assert values.read_price("1.2万元", rate).startswith("¥12,000 (~US$1,600;")
    assert "on 2026-01-26" in values.read_price("¥75")  # the default says how old it is


@pytest.mark.parametrize(("line", "english"), [
    ("共 50 条评论", "50 comments"),
    ("共19条评论", "19 comments"),
    ("展开 4 条回复", "Show 4 more replies"),
    ("2小时前", "2 hours ago"),
    ("昨天 20:15", "yesterday 20:15"),
    ("03-15", "Mar 15"),
    ("2023-03-01 16:39 福建", "Mar 1, 2023 16:39 · Fujian — where the poster was, from their IP address"),
    ("3天前 美国", "3 days ago · the United States — where the poster was, from their IP address"),
    ("编辑于 昨天 21:05 上海", "Edited yesterday 21:05 · Shanghai — where the poster was, from their IP address"),
    ("IP属地：广东", "IP location: Guangdong — where this account goes online from, going by its IP address"),
    ("IP属地: 内蒙古", "IP location: Inner Mongolia — where this account goes online from, going by its IP address"),
    ("2.3万", "23,000"),
    ("1/12", "photo 1 of 12"),
    ("已售1000+", "1,000+ sold"),
    ("128人想要", "128 people want this"),
    ("1.2万人看过", "12,000 people have watched"),
    ("满200减30", "¥30 off orders of ¥200 or more"),
    ("小红书号：118302851", "RedNote ID: 118302851"),
    ("25岁", "25 years old"),
    ("48小时内发货", "Ships within 48 hours"),
    ("7天无理由退货", "7-day returns, no reason needed"),
])
def test_bundled_templates_match_a_first_week_of_screens(matcher: TemplateMatcher, line: str, english: str) -> None:
    found = matcher.match(line)
    assert found is not None, line
    assert found.english == english


def test_prices_in_templates_use_the_rate_given(matcher: TemplateMatcher) -> None:
    rate = Rate(7.0, "2025-06-01")
    assert matcher.match("到手价¥75", rate).english == "Price after discounts: ¥75 (~US$10.71; ¥7.00 = US$1 on 2025-06-01)"
    assert matcher.match("75元", rate).english.startswith("¥75 (~US$10.71;")


def test_text_that_only_looks_like_a_template_is_not_one(matcher: TemplateMatcher) -> None:
    for line in ("共条评论", "13-45 福建", "3天前 火星", "今天天气很好", "展开更多回复", "25:99"):
        assert matcher.match(line) is None, line


def test_templates_are_found_inside_a_longer_line(matcher: TemplateMatcher) -> None:
    line = "好可爱 展开 4 条回复 >"
    [found] = matcher.find(line)
    assert (found.english, line[found.start:found.end]) == ("Show 4 more replies", "展开 4 条回复")
    assert matcher.find("今天天气很好") == []


def test_values_in_running_text(matcher: TemplateMatcher) -> None:
    text = "这条笔记有2.3万赞，3天前买的¥75，1.2w人想要，3km，2023年3月1日，99+"
    spans = {s.text: s for s in matcher.values(text)}
    assert spans["2.3万"].english == "23,000"
    assert spans["3天前"].english == "3 days ago"
    assert spans["¥75"].english.startswith("¥75 (~US$")
    assert spans["1.2w"].english == "12,000"
    assert spans["2023年3月1日"].english == "Mar 1, 2023"
    assert spans["99+"].note == "more than 99"
    years = {s.text: s.english for s in matcher.values("2023年的夏天，2024年5月去了上海，2025年3月8日回来")}
    assert years == {"2023年": "the year 2023", "2024年5月": "May 2024", "2025年3月8日": "Mar 8, 2025"}
    assert "3k" not in spans and "3" not in spans  # 3km is a distance, not 3,000
    assert all(text[s.start:s.end] == s.text for s in spans.values())
    assert matcher.values("我有50个") == []  # a plain number says nothing new


def test_emoji_codes_are_named(matcher: TemplateMatcher) -> None:
    text = "笑死我了[笑哭R][笑哭R]太真实了[doge] [星星眼R] [备注]"
    codes = matcher.emoji_codes(text)
    assert [c.text for c in codes] == ["[笑哭R]", "[笑哭R]", "[doge]", "[星星眼R]"]  # [备注] is not a code
    assert codes[0].english == "laughing-crying face" and "doge" in codes[2].english
    assert codes[3].english == "" and "not in this guide's list" in codes[3].note
    assert matcher.without_codes(text).count("[") == 1
