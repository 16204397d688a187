"""The Translator and the word breakdown with the pack's UI templates and emoji codes (issue 21
part 2, issue 24): a text that is the app's own text is answered from the pack, offline; a
count in a sentence is said as a number; an emoji code is named in place and never sent to an
engine as words."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest
from helpers.fake_server import FakeServer, options_for

from guide.core.content.loader import load_pack
from guide.core.content.model import Pack
from guide.core.content.values import Rate
from guide.core.storage import paths
from guide.core.storage.settings import Settings
from guide.core.translate.pipeline import TranslateOptions, Translator


@pytest.fixture(scope="module")
def rednote() -> Pack:
    return load_pack(paths.default_pack())


@pytest.fixture
def translator(make_translator: Callable[..., Translator], rednote: Pack) -> Translator:
    return make_translator(rednote)


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self, address):  # noqa: ANN001, ANN202
        raise AssertionError(f"network access: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.mark.parametrize(("text", "english"), [
    ("共 50 条评论", "50 comments"),
    ("展开4条回复", "Show 4 more replies"),
    ("2小时前", "2 hours ago"),
    ("2023-03-01 16:39 福建", "Mar 1, 2023 16:39 · Fujian — where the poster was, from their IP address"),
    ("2.3万", "23,000"),
    ("1/12", "photo 1 of 12"),
    ("已售1000+", "1,000+ sold"),
])
def test_a_text_that_is_a_template_is_answered_from_the_pack(translator: Translator, no_sockets: None,
                                                            text: str, english: str) -> None:
    result = translator.translate(text, TranslateOptions(engines=("google",)))
    assert (result.translation, result.origin, result.source_lang) == (english, "phrasebook", "zh")
    assert result.gloss


def test_a_price_uses_the_rate_of_the_options(translator: Translator, no_sockets: None) -> None:
    result = translator.translate("到手价¥75", TranslateOptions(rate=Rate(7.5, "2025-01-20")))
    assert result.translation == "Price after discounts: ¥75 (~US$10.00; ¥7.50 = US$1 on 2025-01-20)"
    [price] = [w for w in result.gloss if w.text == "¥75"]
    assert price.meanings[0].startswith("¥75 (~US$10.00; ¥7.50 = US$1 on 2025-01-20")  # the breakdown agrees


def test_the_rate_comes_from_the_settings() -> None:
    settings, problems = Settings.from_dict({"yuan_per_dollar": 7.25, "yuan_rate_date": "2025-03-03"})
    assert problems == [] and TranslateOptions.from_settings(settings).rate == Rate(7.25, "2025-03-03")
    settings, problems = Settings.from_dict({"yuan_per_dollar": 0.001})
    assert settings.yuan_per_dollar == Settings().yuan_per_dollar and "yuan_per_dollar" in problems[0]
    assert TranslateOptions.from_settings(Settings()).rate == TranslateOptions().rate  # one default


def test_a_template_sentence_in_a_longer_text_is_answered_and_the_rest_translated(
        translator: Translator, server: FakeServer) -> None:
    result = translator.translate("你们好\n共 50 条评论", options_for(server, "google"))
    assert result.translation == "Hello, all of you\n50 comments"
    assert [s.text for s in server.seen if s.text] == ["你们好"]


def test_emoji_codes_are_named_in_place_and_never_sent(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("笑死我了[笑哭R][笑哭R]你们好[doge]", options_for(server, "google"))
    sent = " ".join(s.text for s in server.seen)
    assert "[" not in sent and "笑哭" not in sent and "doge" not in sent
    assert result.translation == ("EN[笑死我了] [laughing-crying face] [laughing-crying face] Hello, all of you [doge]")
    doge = next(w for w in result.gloss if w.text == "[doge]")
    assert doge.meanings[0] == "doge emoji" and "teasing" in doge.meanings[1]
    assert "[笑哭R]" in result.pinyin and "kū" not in result.pinyin


def test_a_text_of_emoji_codes_alone_needs_no_engine(translator: Translator, no_sockets: None) -> None:
    result = translator.translate("[笑哭R][笑哭R]", TranslateOptions(engines=("google",)))
    assert (result.source_lang, result.origin) == ("zh", "phrasebook")
    assert result.translation == "[laughing-crying face] [laughing-crying face]"
    result = translator.translate("[doge]", TranslateOptions(engines=("google",)))
    assert (result.source_lang, result.translation) == ("zh", "[doge]")


def test_english_with_a_code_keeps_the_code_for_chinese_readers(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("Where can I buy this? [doge]", options_for(server, "google"))
    assert result.source_lang == "en"
    assert result.translation == "这个在哪里买？[doge]"
    assert all("doge" not in s.text for s in server.seen)


def test_a_code_the_pack_does_not_list_is_kept_and_not_sent(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("你们好[星星眼R]", options_for(server, "google"))
    assert result.translation == "Hello, all of you [星星眼R]"
    assert all("星星眼" not in s.text for s in server.seen)
    code = next(w for w in result.gloss if w.text == "[星星眼R]")
    assert "not in this guide's list" in code.meanings[0] and "星星" in code.meanings[1]


def test_rednotes_hashtag_marker_is_explained_not_read_as_topic_nor_sent(translator: Translator,
                                                                           server: FakeServer) -> None:
    """A note's text copied from RedNote writes the hashtag #美食 as "#美食[话题]#". The marker was
    glossed as the word 话题 "subject (of a talk)", read "[ huàtí]" in the pinyin line and sent to
    the engine with the hashtag."""
    result = translator.translate("你们好 #美食[话题]#", options_for(server, "google"))
    sent = " ".join(s.text for s in server.seen)
    assert "话题" not in sent and "[" not in sent
    assert "话题" not in result.translation and "hashtag" not in result.translation
    marker = next(w for w in result.gloss if w.text == "[话题]")
    assert marker.meanings[0] == "hashtag marker" and "#美食[话题]# is the hashtag #美食" in marker.meanings[1]
    assert not any(w.text == "话题" for w in result.gloss) and "huàtí" not in result.pinyin


def test_the_breakdown_says_counts_and_ago_in_english(translator: Translator) -> None:
    words = {w.text: w for w in translator.glosser.gloss("这条笔记有2.1万赞，3天前发的", "zh")}
    assert words["2.1万"].meanings == ["21,000"]
    assert words["3天前"].meanings == ["3 days ago"]
    assert words["赞"].meanings  # the words around the values are glossed as before
    assert "笔记" in words


@pytest.mark.parametrize("text", ["2.3万", "3天前", "共 50 条评论", "¥75"])
def test_a_template_answer_says_the_guide_read_it_not_the_phrase_book(translator: Translator, no_sockets: None,
                                                                      text: str) -> None:
    """The guide's own reading of a count, a time or a price is not a phrase-book entry; the
    JSON keeps origin "phrasebook" (DESIGN.md), only the words shown to the user change."""
    result = translator.translate(text, TranslateOptions(offline=True))
    assert result.origin == "phrasebook" and result.to_json()["origin"] == "phrasebook"
    assert result.origin_label().startswith("Read by the guide") and result.origin_title.startswith("Read by")
    assert "phrase book" not in result.origin_label().lower()


def test_a_phrase_book_answer_still_says_phrase_book(translator: Translator, no_sockets: None) -> None:
    result = translator.translate("谢谢", TranslateOptions(offline=True))
    assert (result.origin, result.origin_label()) == ("phrasebook", "From the phrase book")
