"""Glossary label matching: exact, normalised, and fuzzy for what OCR does to short words,
with the threshold measured on the bundled pack (benchmarks/bench_ocr.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import screens
from PIL import Image, ImageDraw, ImageFont

from guide.core.content.loader import load_pack
from guide.core.screen.labels import (
    FUZZY_THRESHOLD,
    LabelMatcher,
    label_key,
    osa_distance,
)
from guide.core.screen.ocr_client import OcrClient
from guide.core.screen.reader import ScreenReader
from guide.core.storage import paths

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def pack():  # noqa: ANN201
    return load_pack(paths.default_pack())


@pytest.fixture(scope="module")
def matcher(pack) -> LabelMatcher:  # noqa: ANN001
    return LabelMatcher(pack.glossary)


def test_exact_and_normalised(matcher: LabelMatcher) -> None:
    assert matcher.match("收藏").kind == "exact"
    for seen in ("点赞 1.2万", "收藏 999+", " 评 论 ", "说点什么…", "「发现」", "12 点赞"):
        match = matcher.match(seen)
        assert match is not None and match.kind == "normalised", seen
    assert matcher.match("点赞 1.2万").entry.zh == "点赞"


@pytest.mark.parametrize(("seen", "label"), [
    ("历史记", "历史记录"),  # dropped
    ("获取验证", "获取验证码"),  # dropped
    ("获取验证吗", "获取验证码"),  # misread
    ("历记史录", "历史记录"),  # two neighbours swapped
    ("谁可看", "谁可以看"),  # dropped from the middle
    ("仅自已可见", "仅自己可见"),  # look-alike 已/己
])
def test_fuzzy_finds_the_label_despite_one_ocr_error(matcher: LabelMatcher, seen: str, label: str) -> None:
    match = matcher.match(seen)
    assert match is not None and match.entry.zh == label and match.kind == "fuzzy"
    assert match.score >= FUZZY_THRESHOLD


@pytest.mark.parametrize("seen", ["发货", "今天去了一家超好吃的火锅店", "哈哈哈", "12:30", "Hello", "收"])
def test_ordinary_text_is_not_a_label(matcher: LabelMatcher, seen: str) -> None:
    assert matcher.match(seen) is None


def test_two_character_labels_need_an_exact_match(matcher: LabelMatcher) -> None:
    assert matcher.match("发布") is not None and matcher.match("发帀") is None


def test_distance_counts_a_swap_as_one_edit() -> None:
    assert osa_distance("ab", "ba") == 1 and osa_distance("abc", "abc") == 0 and osa_distance("abcd", "abd") == 1
    assert label_key("  点赞 1.2万 ") == "点赞"


def test_measured_threshold_still_holds_on_the_bundled_pack(pack) -> None:  # noqa: ANN001
    """The figures behind FUZZY_THRESHOLD (see labels.py): recall ≥ 95 %, false matches ≤ 2 %."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_ocr import label_threshold_table

    row = {threshold: (recall, false) for threshold, recall, false in label_threshold_table(pack)}[FUZZY_THRESHOLD]
    assert row[0] >= 0.95 and row[1] <= 0.02, row


def test_a_label_read_with_a_character_missing_on_a_real_picture(ocr_client: OcrClient, pack, tmp_path: Path) -> None:  # noqa: ANN001
    """End to end: the picture itself shows 获取验证 (the last character cut off)."""
    image = Image.new("RGB", (720, 300), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(screens.font_path()), 48)
    draw.text((40, 40), "获取验证", font=font, fill="black")
    draw.text((40, 160), "历记史录", font=font, fill="black")
    path = tmp_path / "cut.png"
    image.save(path)
    reading = ScreenReader(pack, client=ocr_client).read(path)
    assert [line.label.entry.zh for line in reading.lines if line.label] == ["获取验证码", "历史记录"]


class RowClient(OcrClient):
    """The engine's answer for two rows: a tab bar with 热门 misread as 热内, and a share row
    where 微博 (Weibo, a real word) sits beside the labels 微信 and 复制链接."""

    def read(self, path, debug_sleep: float = 0.0):  # noqa: ANN001, ANN201
        from guide.core.screen.ocr_client import OcrOutput, RawLine

        def raw(text: str, x: float, y: float) -> RawLine:
            return RawLine(text, ((x, y), (x + 90, y), (x + 90, y + 40), (x, y + 40)), 0.9)

        row1 = [raw(t, 40 + 250 * i, 1800) for i, t in enumerate(["首页", "热内", "消息", "我"])]
        row2 = [raw(t, 40 + 250 * i, 1500) for i, t in enumerate(["微信", "微博", "复制链接"])]
        return OcrOutput(1080, 1920, row2 + row1 + [raw("热内", 40, 600)], 0.3)


def test_a_two_character_label_misread_in_a_tab_bar_is_still_found(pack, tmp_path: Path) -> None:  # noqa: ANN001
    from guide.core.translate.pipeline import Translator

    path = tmp_path / "x.png"
    Image.new("RGB", (1080, 1920), "white").save(path)
    reading = ScreenReader(pack, Translator(pack), RowClient()).read(path)
    found = {(line.text, line.box.y): (line.label.entry.zh if line.label else None) for line in reading.lines}
    assert found[("热内", 1800)] == "热门"  # in a row of labels
    assert found[("热内", 600)] is None  # alone: not a label
    assert found[("微博", 1500)] is None  # a real word beside labels stays itself
    no_translator = ScreenReader(pack, client=RowClient()).read(path)
    assert not any(line.label and line.text == "热内" for line in no_translator.lines)
