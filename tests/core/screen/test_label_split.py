"""Cutting an OCR line into labels (issue 21, part 1): the lines real RedNote screenshots gave,
as the engine read them, each with the labels a reader must find and nothing invented. Read
through ScreenReader as the app reads (with a translator, so with the dictionary), from an
OCR engine that answers these lines."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from helpers.fake_ocr import LinesClient
from PIL import Image

from guide.core.content.loader import load_pack
from guide.core.content.model import GlossaryEntry, Pack
from guide.core.screen.lines import Box
from guide.core.screen.reader import ReadLine, ScreenReader
from guide.core.storage import paths
from guide.core.translate.pipeline import Translator


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(paths.default_pack())


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shot") / "shot.png"
    Image.new("RGB", (1080, 2340), "white").save(path)
    return path


@pytest.fixture(scope="module")
def reader(pack: Pack) -> ScreenReader:
    return ScreenReader(pack, Translator(pack), LinesClient())


def read_lines(reader: ScreenReader, picture: Path, *lines: tuple[str, Box] | tuple[str, Box, float]) -> list[ReadLine]:
    reader.client.lines = list(lines)  # type: ignore[attr-defined]
    return reader.read(picture).lines


def shown(lines: list[ReadLine]) -> list[tuple[str, str | None]]:
    """What the user sees: each line's text and the label it was matched to."""
    return [(line.text, line.entry.zh if line.entry is not None else None) for line in lines]


def read(reader: ScreenReader, picture: Path, text: str, box: Box = Box(100, 500, 600, 50),
         confidence: float = 0.98) -> list[tuple[str, str | None]]:
    return shown(read_lines(reader, picture, (text, box, confidence)))


@pytest.mark.parametrize(("line", "expected"), [
    ("笔记收藏赞过", [("笔记", "笔记"), ("收藏", "收藏"), ("赞过", "赞过")]),  # profile tabs
    ("笔记 收藏赞过", [("笔记", "笔记"), ("收藏", "收藏"), ("赞过", "赞过")]),
    ("视频用户", [("视频", "视频"), ("用户", "用户")]),  # web search tabs
    ("赞回复", [("赞", "赞"), ("回复", "回复")]),  # under a web comment
    ("03-16上海赞回复", [("03-16上海", None), ("赞", "赞"), ("回复", "回复")]),
    ("关注发现", [("关注", "关注"), ("发现", "发现")]),
    ("我已阅读并同意《用户协议》《隐私政策》", [("我已阅读并同意", "我已阅读并同意"), ("用户协议", "用户协议"),
                                         ("隐私政策", "隐私政策")]),
])
def test_a_row_of_labels_read_as_one_line_is_cut_into_its_labels(reader, picture, line: str, expected: list) -> None:  # noqa: ANN001
    assert read(reader, picture, line) == expected


def test_each_label_cut_from_a_row_gets_its_own_box_in_proportion(reader, picture) -> None:  # noqa: ANN001
    lines = read_lines(reader, picture, ("笔记收藏赞过", Box(300, 870, 360, 60)))
    assert [line.box.as_list() for line in lines] == [[300, 870, 120, 60], [420, 870, 120, 60], [540, 870, 120, 60]]


def test_the_engines_own_boxes_are_kept_when_line_grouping_joined_them(reader, picture) -> None:  # noqa: ANN001
    """The detector boxed 笔记收藏 and 赞过 apart; line grouping joined them (15 px apart)."""
    lines = read_lines(reader, picture, ("笔记收藏", Box(300, 870, 230, 60)), ("赞过", Box(545, 870, 130, 60)))
    boxes = {line.text: line.box for line in lines}
    assert set(boxes) == {"笔记", "收藏", "赞过"}
    assert boxes["赞过"] == Box(545, 870, 130, 60)
    assert boxes["笔记"].right <= boxes["收藏"].x and boxes["收藏"].right <= 530


@pytest.mark.parametrize(("line", "expected"), [
    ("弄堂小生作者", [("弄堂小生", None), ("作者", "作者")]),  # a name and its 作者 tag
    ("橘子汽水 作者", [("橘子汽水", None), ("作者", "作者")]),
    ("小红书号：118302851", [("小红书号", "小红书号"), ("118302851", None)]),  # a label with its value
    ("共 19条评论", [("共 19条", None), ("评论", "评论")]),
    ("1天前上海 回复", [("1天前上海", None), ("回复", "回复")]),
    ("展开4条回复", [("展开", "展开"), ("4条回复", None)]),
])
def test_a_label_at_the_start_or_end_of_a_line_is_found_and_the_rest_stays_text(
        reader, picture, line: str, expected: list) -> None:  # noqa: ANN001
    assert read(reader, picture, line) == expected


def test_the_comment_box_placeholder_that_varies_is_the_comment_box(reader, picture) -> None:  # noqa: ANN001
    assert read(reader, picture, "说点什么吧，万一火了呢~") == [("说点什么吧，万一火了呢~", "说点什么...")]


@pytest.mark.parametrize(("line", "expected"), [
    ("十发布", [("发布", "发布")]),  # the ＋ tab
    ("+ 发布", [("发布", "发布")]),
    ("十心理", [("心理", None)]),  # ＋ before a channel name that is no label: still no 十
    ("不置顶", [("置顶", "置顶")]),  # a pin
    ("平置顶", [("置顶", "置顶")]),
    ("小红书号：118302851品", [("小红书号", "小红书号"), ("118302851", None)]),  # the QR code
    ("小红书号：118302851吕", [("小红书号", "小红书号"), ("118302851", None)]),
    ("编辑资料中", [("编辑资料", "编辑资料")]),  # a gear
    ("回设置", [("设置", "设置")]),
    ("阳微信登录", [("微信登录", "微信登录")]),  # the WeChat logo
    ("综合√", [("综合", "综合")]),  # a chevron
    ("国家/地区>", [("国家/地区", "国家/地区")]),
])
def test_an_icon_read_as_a_character_beside_a_label_is_dropped(reader, picture, line: str, expected: list) -> None:  # noqa: ANN001
    lines = read_lines(reader, picture, (line, Box(100, 500, 600, 50)))
    assert shown(lines) == expected
    assert all(line.label is None or line.label.kind != "fuzzy" for line in lines)


def test_three_bars_before_more_are_dropped_when_more_is_a_label(pack: Pack, picture: Path) -> None:
    """≡ 更多 on the website: 三更多 (three watches of the night, more) is 更多 once 更多 is known."""
    more = GlossaryEntry("更多", "gèngduō", "More", "Bottom of the website's left column, beside ≡")
    with_more = dataclasses.replace(pack, glossary=(*pack.glossary, more))
    reader = ScreenReader(with_more, Translator(with_more), LinesClient())
    assert read(reader, picture, "三更多", Box(50, 980, 160, 60)) == [("更多", "更多")]


def test_an_icon_on_its_own_read_with_doubt_is_no_word(reader, picture) -> None:  # noqa: ANN001
    assert read(reader, picture, "三", Box(43, 116, 78, 76), confidence=0.75) == []  # ≡ at the top of the profile
    assert read(reader, picture, "我", Box(940, 2193, 65, 64), confidence=1.0) == [("我", "我")]


@pytest.mark.parametrize("line", [
    "关注我，每天分享穿搭",  # a caption that starts with a label
    "谢谢分享",  # a comment that ends with one
    "感谢原作者",  # 原作者 is one word: no 作者 tag here
    "不同意",  # "disagree": 不 is no pin here
    "十分好吃",
    "三个人一起去",
    "点击这里，填写简介",
    "今天发了3条评论",  # a number, but a sentence
    "可用小红书或微信扫码",
])
def test_ordinary_text_gets_no_invented_label(reader, picture, line: str) -> None:  # noqa: ANN001
    assert read(reader, picture, line) == [(line, None)]


def test_a_placeholder_with_a_country_code_before_it_is_no_label(reader, picture) -> None:  # noqa: ANN001
    """+86 and 输入手机号 were two boxes: 手机号 is part of "enter your phone number"."""
    lines = read_lines(reader, picture, ("+86", Box(122, 347, 68, 42)), ("输入手机号", Box(204, 347, 170, 42)))
    assert shown(lines) == [("+86输入手机号", None)]


def test_without_a_dictionary_no_cut_that_needs_one_is_made(pack: Pack, picture: Path) -> None:
    bare = ScreenReader(pack, None, LinesClient())
    assert read(bare, picture, "弄堂小生作者") == [("弄堂小生作者", None)]
    assert read(bare, picture, "笔记收藏赞过")[0] == ("笔记", "笔记")
