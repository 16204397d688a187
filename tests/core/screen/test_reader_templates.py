"""Screenshot lines that are the app's own text with a value — 共 19条评论, 3天前 广东, 2.3万,
1/12 — get their English from the pack's UI templates like a label does, at once and offline
(issue 21 part 2). First with a known OCR result, then read from a drawn picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import screens
from helpers.ocr_extra import needs_ocr
from PIL import Image, ImageDraw, ImageFont

from guide.core.content.loader import load_pack
from guide.core.content.model import Pack
from guide.core.content.values import Rate
from guide.core.screen.ocr_client import OcrClient, OcrOutput, RawLine
from guide.core.screen.reader import ScreenReader
from guide.core.storage import paths
from guide.core.translate.cache import TranslationCache
from guide.core.translate.pipeline import TranslateOptions, Translator

LINES = ["点赞", "这个博主的穿搭绝绝子", "共 19条评论", "3天前 广东", "2.3万", "1/12", "¥75", "12:30"]


class KnownOcr:
    """An OCR client that 'reads' the given lines, one under another (no worker process)."""

    def __init__(self, texts: list[str], step: int = 80) -> None:
        self.texts = texts
        self.step = step  # from one line's top to the next: 50 puts them one line apart, like wrapped text

    def read(self, path: Path) -> OcrOutput:
        s = self.step
        lines = [RawLine(text, ((40.0, 100.0 + s * i), (40.0 + 40 * len(text), 100.0 + s * i),
                                (40.0 + 40 * len(text), 140.0 + s * i), (40.0, 140.0 + s * i)), 0.99)
                 for i, text in enumerate(self.texts)]
        return OcrOutput(1080, 1920, lines)

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(paths.default_pack())


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "shot.png"
    Image.new("RGB", (1080, 1920), "white").save(path)
    return path


def test_template_lines_get_their_english_when_read(pack: Pack, picture: Path, tmp_path: Path) -> None:
    translator = Translator(pack, TranslationCache(tmp_path / "cache"))
    reader = ScreenReader(pack, translator, KnownOcr(LINES))  # type: ignore[arg-type]
    reading = reader.read(picture)
    by_text = {line.text: line for line in reading.lines}
    assert by_text["点赞"].label is not None and by_text["点赞"].template is None  # labels still come first
    assert by_text["共 19条评论"].english == "19 comments"
    assert by_text["3天前 广东"].english == "3 days ago · Guangdong — where the poster was, from their IP address"
    assert by_text["2.3万"].english == "23,000"
    assert by_text["1/12"].english == "photo 1 of 12"
    assert by_text["¥75"].english.startswith("¥75 (~US$10.74; ¥6.98 = US$1 on 2026-01-26")
    assert by_text["12:30"].english is None  # nothing to add to a clock time
    assert by_text["这个博主的穿搭绝绝子"].english is None  # an ordinary line waits for the translator

    reader.translate(reading, TranslateOptions(offline=True, rate=Rate(7.5, "2025-01-20")))
    comments = by_text["共 19条评论"]
    assert comments.english == "19 comments" and comments.origin == "phrasebook"
    assert comments.translation.pinyin and comments.translation.gloss
    assert by_text["¥75"].english.startswith("¥75 (~US$10.00; ¥7.50 = US$1 on 2025-01-20")  # the user's rate
    json_line = comments.to_json()
    assert set(json_line) == {"text", "box", "confidence", "label", "translation", "origin", "gloss"}
    assert (json_line["translation"], json_line["origin"], json_line["label"]) == ("19 comments", "phrasebook", None)
    assert json_line["gloss"]
    translator.close()


def test_a_template_line_is_never_joined_to_the_caption_above(pack: Pack, picture: Path, tmp_path: Path) -> None:
    """A wrapped caption is translated as one sentence; the date line under it is not part of it."""
    translator = Translator(pack, TranslationCache(tmp_path / "cache"))
    texts = ["这个博主的穿搭绝绝子，已经种草了，真的太好看了", "我也想买同款的外套和包包，求链接求店名求攻略"]
    texts.append("2小时前 福建")  # right under a caption line that runs to the edge
    reader = ScreenReader(pack, translator, KnownOcr(texts, step=50))  # type: ignore[arg-type]
    reading = reader.read(picture)
    reader.translate(reading, TranslateOptions(offline=True))
    first, second, when = reading.lines
    assert first.paragraph == second.paragraph == [0, 1]  # the wrapped caption is one sentence
    assert when.paragraph == [] and when.english == "2 hours ago · Fujian — where the poster was, from their IP address"
    translator.close()


def draw(lines: list[str], path: Path) -> Path:
    image = Image.new("RGB", (1080, 1920), "white")
    canvas = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(screens.font_path()), 44)
    for index, text in enumerate(lines):
        canvas.text((60, 120 + 150 * index), text, fill=(30, 30, 30), font=font)
    image.save(path)
    return path


@needs_ocr
def test_drawn_screen_lines_with_values_are_explained(pack: Pack, ocr_client: OcrClient, tmp_path: Path) -> None:
    drawn = ["共 50 条评论", "展开 4 条回复", "2小时前 福建", "已售1000+", "IP属地：美国"]
    reader = ScreenReader(pack, None, ocr_client)
    reading = reader.read(draw(drawn, tmp_path / "values.png"))
    english = [line.english for line in reading.lines]
    assert english == ["50 comments", "Show 4 more replies",
                       "2 hours ago · Fujian — where the poster was, from their IP address", "1,000+ sold",
                       "IP location: the United States — where this account goes online from, going by its IP address"]
    assert all(line.origin == "phrasebook" for line in reading.lines)
