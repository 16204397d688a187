"""Real OCR on screenshots drawn by the tests: most characters right, in the worker process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers import screens

from guide.core.screen.lines import group_lines
from guide.core.screen.ocr_client import OcrClient


@pytest.mark.parametrize("kind", ["clean", "noisy", "small", "dark"])
def test_at_least_95_percent_of_characters_right(ocr_client: OcrClient, drawn: dict, kind: str) -> None:
    path, expected = drawn[kind]
    output = ocr_client.read(path)
    found = [line.text for line in group_lines(output.lines, output.width, output.height)]
    assert screens.characters_right(expected, found) >= 0.95, found


def test_ocr_runs_in_another_process_and_the_app_never_imports_onnxruntime(ocr_client: OcrClient, drawn: dict) -> None:
    ocr_client.read(drawn["small"][0])
    assert ocr_client.pid is not None and ocr_client.pid != os.getpid()
    assert "onnxruntime" not in sys.modules and "rapidocr" not in sys.modules


def test_lines_come_in_reading_order_with_boxes_inside_the_picture(ocr_client: OcrClient, drawn: dict) -> None:
    path, _expected = drawn["clean"]
    output = ocr_client.read(path)
    lines = group_lines(output.lines, output.width, output.height)
    tops = [line.box.y for line in lines]
    assert tops == sorted(tops) or all(b - a > -40 for a, b in zip(tops, tops[1:]))
    assert all(0 <= l.box.x and l.box.right <= output.width and l.box.bottom <= output.height for l in lines)
    texts = [line.text for line in lines]
    assert texts.index("点赞") < texts.index("收藏")  # same row: left to right


def test_split_pieces_of_one_line_are_joined_but_tab_labels_stay_apart() -> None:
    from guide.core.screen.ocr_client import RawLine

    def raw(text: str, x: float, w: float, y: float = 100, h: float = 40) -> RawLine:
        return RawLine(text, ((x, y), (x + w, y), (x + w, y + h), (x, y + h)), 0.9)

    lines = group_lines([raw("今天天气", 10, 160), raw("真好", 180, 80), raw("关注", 600, 80), raw("发现", 900, 80)],
                        1080, 1920)
    assert [l.text for l in lines] == ["今天天气真好", "关注", "发现"]


def test_drawn_screenshots_are_what_the_helper_says(tmp_path: Path) -> None:
    shot = screens.small(seed=1)
    assert shot.image.size == (540, 960) and "点赞" in shot.lines


def test_wrapped_lines_make_a_paragraph_but_a_list_of_comments_does_not() -> None:
    from guide.core.screen.lines import Box, TextLine, paragraphs

    def line(text: str, x: int, y: int, w: int) -> TextLine:
        return TextLine(text, Box(x, y, w, 44), 0.99)

    lines = [line("今天和朋友一起去吃了火锅，味道真的很好，环境也", 40, 100, 1000),
             line("很干净。", 40, 156, 180),
             line("好想去啊", 40, 300, 180), line("求店名", 40, 356, 140),
             line("这家店在哪里呀，我也想去吃一次看看到底有多好吃", 40, 500, 990),
             line("看起来太好吃了", 300, 556, 300)]  # not under it: another column
    assert paragraphs(lines, 1080) == [[0, 1], [2], [3], [4], [5]]


def test_icons_read_as_marks_are_dropped_but_short_chinese_and_times_stay() -> None:
    from guide.core.screen.ocr_client import RawLine

    def raw(text: str, y: float) -> RawLine:
        return RawLine(text, ((10, y), (60, y), (60, y + 30), (10, y + 30)), 0.8)

    lines = group_lines([raw(t, 50 * i) for i, t in enumerate(["<", "く", "+", "ı", "女", "9:41", "OK"])], 1080, 1920)
    assert [l.text for l in lines] == ["女", "9:41", "OK"]
