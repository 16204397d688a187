"""The second phase of a read: lines that are not UI labels go through the translator
pipeline (engines, cache, gloss); label lines keep the glossary's English; nothing is added
to the translation history; and when no engine is reachable the rest of the screenshot is
not made to wait out every engine's deadline again."""

from __future__ import annotations

from pathlib import Path

from helpers.fake_server import FakeServer, options_for, refused_url

from guide.core.content.loader import load_pack
from guide.core.screen.lines import Box
from guide.core.screen.ocr_client import OcrClient
from guide.core.screen.reader import Reading, ReadLine, ScreenReader
from guide.core.storage import paths
from guide.core.translate.cache import TranslationCache
from guide.core.translate.history import History
from guide.core.translate.pipeline import TranslateOptions, Translator


def reading_of(reader: ScreenReader, texts: list[str]) -> Reading:
    lines = [ReadLine(text, Box(0, 40 * i, 100, 30), 0.99, reader.labels.match(text)) for i, text in enumerate(texts)]
    return Reading(Path("x.png"), 1080, 1920, 0.1, lines)


def make_reader(tmp_path: Path) -> tuple[ScreenReader, Translator]:
    pack = load_pack(paths.default_pack())
    translator = Translator(pack, TranslationCache(tmp_path / "cache"), History(tmp_path / "data"))
    return ScreenReader(pack, translator, OcrClient()), translator


def test_other_lines_are_translated_by_the_engine_and_labels_keep_the_glossary(tmp_path: Path, server: FakeServer) -> None:
    reader, translator = make_reader(tmp_path)
    reading = reading_of(reader, ["点赞", "你们好", "12:30", "你们好"])
    seen: list[int] = []
    reader.translate(reading, options_for(server, "libretranslate", timeout=3.0), on_line=lambda i, _l: seen.append(i))
    like, hello, clock, again = reading.lines
    assert like.label.entry.zh == "点赞" and like.english == like.label.entry.en
    assert like.origin == "phrasebook" and like.gloss
    assert (hello.english, hello.origin) == ("Hello, all of you", "libretranslate")
    assert clock.translation is None and clock.origin == "none"  # no Chinese: nothing to translate
    assert again.translation is hello.translation  # the same text is asked once
    assert seen == [0, 1, 3]
    assert translator.history.recent() == []  # screenshot lines are not the user's history
    assert [s.path for s in server.seen].count("/translate") == 1
    json_line = hello.to_json()
    assert json_line["translation"] == "Hello, all of you" and json_line["label"] is None
    translator.close()


def test_offline_gives_the_word_breakdown(tmp_path: Path) -> None:
    reader, translator = make_reader(tmp_path)
    reading = reading_of(reader, ["今天去了一家超好吃的火锅店"])
    reader.translate(reading, TranslateOptions(offline=True))
    line = reading.lines[0]
    assert line.translation is not None and line.translation.translation is None and line.translation.gloss
    assert line.to_json()["origin"] == "none" and line.to_json()["gloss"]
    translator.close()


def test_unreachable_engines_are_tried_once_per_screenshot(tmp_path: Path) -> None:
    reader, translator = make_reader(tmp_path)
    reading = reading_of(reader, ["今天天气真好", "我们明天见", "火锅店在哪里"])
    options = TranslateOptions(engines=("libretranslate",), timeout=1.0, base_urls={"libretranslate": refused_url()})
    reader.translate(reading, options)
    first, second, third = (line.translation for line in reading.lines)
    assert first.failures and first.failures[0].kind == "unreachable"
    assert not second.failures and not third.failures and second.gloss and third.gloss
    translator.close()


def test_a_sentence_wrapped_over_two_lines_is_translated_as_one(tmp_path: Path, server: FakeServer) -> None:
    reader, translator = make_reader(tmp_path)
    lines = [ReadLine("这个博主的穿搭绝绝子，已经", Box(40, 400, 960, 50), 0.99),  # runs to the right edge
             ReadLine("种草了！", Box(40, 460, 200, 50), 0.99),
             ReadLine("好想去啊", Box(40, 600, 200, 50), 0.99),  # short comments, one under another
             ReadLine("求店名", Box(40, 660, 150, 50), 0.99)]
    reading = Reading(Path("x.png"), 1080, 1920, 0.1, lines)
    reader.translate(reading, options_for(server, "libretranslate", timeout=3.0))
    first, second, wish, ask = reading.lines
    assert first.english == second.english == "This blogger's outfits are amazing, I already want them!"
    assert first.paragraph == second.paragraph == [0, 1] and first.paragraph_text == "这个博主的穿搭绝绝子，已经种草了！"
    assert [w.text for w in second.gloss] and all(w.text in "种草了！" for w in second.gloss)  # its own words
    assert not wish.paragraph and not ask.paragraph and wish.english != ask.english
    translator.close()
