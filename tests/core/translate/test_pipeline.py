"""The pipeline end to end: phrase book, cache, engine chain with fallback and back-off,
offline mode that opens no socket, and the result the UI and CLI show."""

from __future__ import annotations

import socket

import pytest
from helpers.fake_server import FakeServer, options_for, refused_url

from guide.core.translate.deadline import CancelToken
from guide.core.translate.pipeline import Backoff, TranslateOptions, Translator


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail loudly if anything tries to connect anywhere."""
    attempts: list[object] = []

    def refuse(self, address):  # noqa: ANN001, ANN202
        attempts.append(address)
        raise AssertionError(f"network access in offline mode: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    return attempts


@pytest.mark.parametrize("text,expected,origin_lang", [
    ("大家好！", "Hi everyone!", "zh"),
    ("  大家 好! ", "Hi everyone!", "zh"),  # half-width punctuation, stray spaces
    ("大家好", "Hi everyone!", "zh"),  # punctuation around the phrase does not count
    ("HELLO", "你好", "en"),
    ("yyds", "the GOAT", "zh"),  # Latin letters, yet Chinese slang
    ("收藏", "Save / Collect", "zh"),  # a UI label
    ("collect", "收藏", "en"),  # one of a label's English names
])
def test_phrase_book_and_labels_answer_first(translator: Translator, no_sockets: list[object], text: str,
                                             expected: str, origin_lang: str) -> None:
    result = translator.translate(text, TranslateOptions(engines=("google",), base_urls={"google": refused_url()}))
    assert result.origin == "phrasebook"
    assert result.translation == expected
    assert result.source_lang == origin_lang
    assert result.pinyin
    assert no_sockets == []


def test_engine_answer_then_cache_hit_after_the_server_is_gone(translator: Translator, server: FakeServer) -> None:
    options = options_for(server, "google")
    first = translator.translate("这个博主的穿搭绝绝子", options)
    assert (first.origin, first.translation) == ("google", "This blogger's outfits are amazing")
    server.stop()
    again = translator.translate("这个博主的穿搭绝绝子 ", options)  # normalised: same key
    assert again.origin == "cache"
    assert again.translation == first.translation
    assert again.first_engine == "google"
    assert "first translated by Google" in again.origin_label()


def test_cache_works_offline_without_any_socket(translator: Translator, server: FakeServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    translator.translate("你们好", options_for(server, "mymemory"))
    attempts: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, a: attempts.append(a))
    result = translator.translate("你们好", TranslateOptions(offline=True))
    assert (result.origin, result.translation) == ("cache", "Hello, all of you")
    assert attempts == []


def test_a_long_paste_reuses_the_sentences_it_has_seen(translator: Translator, server: FakeServer) -> None:
    options = options_for(server, "libretranslate")
    translator.translate("第一句。第二句。", options)
    server.seen.clear()
    result = translator.translate("第二句。第三句。", options)
    assert [s.text for s in server.seen] == ["第三句。"], "only the new sentence goes to the engine"
    assert result.translation == "EN[第二句。] EN[第三句。]"
    server.seen.clear()
    assert translator.translate("第二句。第三句。", options).origin == "cache"
    assert server.seen == []


def test_long_text_through_the_pipeline_is_chunked_and_cached_per_sentence(translator: Translator,
                                                                           server: FakeServer) -> None:
    sentences = [f"这是第{i}句话，内容是关于穿搭和美食的分享。" for i in range(80)]
    result = translator.translate("".join(sentences), options_for(server, "mymemory", timeout=5.0))
    assert result.origin == "mymemory"
    assert len(server.seen) >= 3
    assert result.translation == " ".join(f"EN[{s}]" for s in sentences)
    assert translator.translate(sentences[17], TranslateOptions(offline=True)).translation == f"EN[{sentences[17]}]"


def test_failing_engine_falls_back_to_the_next(translator: Translator, server: FakeServer,
                                               second_server: FakeServer) -> None:
    server.behaviour.mode = "500"
    options = TranslateOptions(engines=("google", "mymemory"), timeout=1.0,
                               base_urls={"google": server.base_urls()["google"],
                                          "mymemory": second_server.base_urls()["mymemory"]})
    result = translator.translate("你们好", options)
    assert (result.origin, result.translation) == ("mymemory", "Hello, all of you")
    assert result.reasons() == ["Google: server error (HTTP 500)"]
    assert result.origin_label() == "MyMemory — Google: server error (HTTP 500)"
    assert result.error is None


def test_when_every_engine_fails_the_gloss_stands_alone_with_every_reason(translator: Translator,
                                                                          server: FakeServer) -> None:
    server.behaviour.mode = "hang"
    options = TranslateOptions(engines=("libretranslate", "mymemory"), timeout=0.5,
                               base_urls={"libretranslate": server.root, "mymemory": refused_url()})
    result = translator.translate("这个博主的穿搭绝绝子", options)
    assert result.translation is None and result.origin == "none"
    assert result.reasons() == ["LibreTranslate: timed out after 0.5 s", "MyMemory: unreachable (connection refused)"]
    assert result.origin_label().startswith("Offline gloss only — LibreTranslate: timed out")
    assert "绝绝子" in [w.text for w in result.gloss]
    assert result.error and "timed out" in result.error


def test_rate_limited_engine_rests_and_the_result_says_so(translator: Translator, server: FakeServer,
                                                          second_server: FakeServer) -> None:
    server.behaviour.mode = "429"
    options = TranslateOptions(engines=("google", "mymemory"), timeout=1.0,
                               base_urls={"google": server.base_urls()["google"],
                                          "mymemory": second_server.base_urls()["mymemory"]})
    first = translator.translate("你们好", options)
    assert first.origin == "mymemory"
    assert "Google: rate limited" in first.origin_label()
    hits = len(server.seen)
    second = translator.translate("第二个句子", options)
    assert len(server.seen) == hits, "a resting engine is not asked again on the next keystroke"
    assert second.origin == "mymemory"
    assert "Google: rate limited, resting" in second.origin_label()


def test_backoff_grows_and_honours_retry_after() -> None:
    now = [100.0]
    backoff = Backoff(clock=lambda: now[0])
    assert backoff.rest("google") == 30
    assert backoff.rest("google") == 60
    assert backoff.rest("google", retry_after=300) == 300
    assert backoff.resting("google") == 300
    now[0] += 301
    assert backoff.resting("google") == 0
    backoff.succeeded("google")
    assert backoff.rest("google") == 30


def test_offline_only_opens_no_socket(translator: Translator, no_sockets: list[object]) -> None:
    options = TranslateOptions(offline=True, engines=("google", "mymemory", "libretranslate", "deepl"),
                               libretranslate_url="http://127.0.0.1:9")
    result = translator.translate("这个博主的穿搭绝绝子，小红书上已经种草了", options)
    assert no_sockets == []
    assert result.translation is None and result.origin == "none"
    assert "offline only" in (result.error or "")
    assert {"小红书", "绝绝子", "种草"} <= {w.text for w in result.gloss}


def test_english_to_chinese_gives_pinyin_of_the_translation(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("Where can I buy this?", options_for(server, "google"))
    assert (result.source_lang, result.target_lang, result.translation) == ("en", "zh", "这个在哪里买？")
    assert result.pinyin.startswith("zhège zài nǎlǐ mǎi")
    assert [w.text for w in result.target_gloss][:3] == ["这个", "在", "哪里"]
    assert [w.text for w in result.gloss] == ["Where", "I", "buy", "this"], "meaning words glossed, grammar skipped"


def test_direction_can_be_forced(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("OK 好的", options_for(server, "google", target="zh"))
    assert (result.source_lang, result.target_lang) == ("en", "zh")
    assert server.seen[-1].params["tl"] == "zh-CN"


def test_json_object_has_exactly_the_documented_keys(translator: Translator) -> None:
    data = translator.translate("绝绝子", TranslateOptions(offline=True)).to_json()
    assert set(data) == {"source_text", "source_lang", "target_lang", "translation", "origin", "pinyin", "gloss", "error",
                         "note", "back_translation", "share"}
    assert (data["note"], data["back_translation"], data["share"]) == (None, None, None)
    assert data["origin"] == "phrasebook"
    assert data["gloss"] == [{"text": "绝绝子", "pinyin": "juéjuézi", "meanings": ["Absolutely amazing", "literally “absolutely-absolutely”"]}]


def test_cancelled_request_returns_at_once_and_leaves_no_history(translator: Translator, server: FakeServer) -> None:
    server.behaviour.mode = "hang"
    token = CancelToken()
    early: list[object] = []

    def progress(result):  # noqa: ANN001, ANN202
        early.append(result)
        token.cancel()  # the user typed again while we wait

    result = translator.translate("一个新的句子", options_for(server, "libretranslate", timeout=10.0), token, progress)
    assert result.cancelled
    assert early and not early[0].complete and early[0].gloss
    assert translator.history.recent() == []


def test_history_records_translations(translator: Translator, server: FakeServer) -> None:
    translator.translate("你们好", options_for(server, "google"))
    translator.translate("大家好", TranslateOptions(offline=True))
    items = translator.history.recent()
    assert [(i.source, i.origin) for i in items] == [("大家好", "phrasebook"), ("你们好", "google")]


def test_history_never_keeps_a_text_that_was_not_translated(translator: Translator, server: FakeServer) -> None:
    """Issue 25 item 16: offline, or with every engine failing, only the dictionary breakdown
    was shown; the history listed it as "→ (dictionary only)"."""
    translator.translate("这个博主的穿搭", TranslateOptions(offline=True))
    server.behaviour.mode = "500"
    translator.translate("一个新的句子", options_for(server, "google"))
    assert translator.history.count() == 0


def test_unknown_engine_and_no_engines_are_reported(translator: Translator) -> None:
    result = translator.translate("你们好呀", TranslateOptions(engines=("nosuch",)))
    assert result.reasons() == ["nosuch: unknown engine (check Settings)"]
    assert translator.translate("你们好呀", TranslateOptions(engines=())).error == "no translation engines are set (Settings)"


def test_empty_text_is_not_translated(translator: Translator, no_sockets: list[object]) -> None:
    result = translator.translate("   ", TranslateOptions())
    assert result.translation is None and result.error == "nothing to translate"


def test_an_answer_that_merges_sentences_is_cached_whole_never_per_sentence(translator: Translator,
                                                                             server: FakeServer) -> None:
    server.behaviour.translate = lambda text, source, target: "MERGED " + text.replace("\n", " ")
    result = translator.translate("第一句。第二句。", options_for(server, "google"))
    assert result.translation == "MERGED 第一句。 第二句。"
    offline = TranslateOptions(offline=True)
    assert translator.translate("第一句。", offline).translation is None, "no wrong per-sentence entry"
    assert translator.translate("第一句。第二句。", offline).translation == result.translation


# -- issue 12 part 5 and issue 13: what a hostile or lazy engine cannot do --------------------


def test_escape_codes_in_an_answer_are_neither_shown_nor_cached(translator: Translator, server: FakeServer) -> None:
    server.behaviour.mode = "escape"
    result = translator.translate("你们好", options_for(server, "google"))
    assert result.translation == "Hello, all of you"
    cached = translator.translate("你们好", TranslateOptions(offline=True))
    assert cached.origin == "cache" and cached.translation == "Hello, all of you"


def test_an_echoed_sentence_is_a_failure_of_that_engine_and_never_cached(translator: Translator, server: FakeServer,
                                                                         second_server: FakeServer) -> None:
    """The engine translates the first sentence and hands the second back unchanged."""
    def lazy(text: str, source: str, target: str) -> str:
        return "\n".join(f"EN[{line}]" if line.startswith("第一") else line for line in text.split("\n"))

    server.behaviour.translate = lazy
    options = TranslateOptions(engines=("google", "mymemory"), timeout=1.0,
                               base_urls={"google": server.base_urls()["google"],
                                          "mymemory": second_server.base_urls()["mymemory"]})
    result = translator.translate("第一句话。第二句话。", options)
    assert result.translation == "EN[第一句话。] EN[第二句话。]"
    assert [f.engine for f in result.failures] == ["google"]
    assert "untranslated" in result.failures[0].reason and "第二句话" in result.failures[0].reason
    assert [s.text for s in second_server.seen] == ["第二句话。"], "only the echoed sentence goes on"
    offline = TranslateOptions(offline=True)
    assert translator.translate("第二句话。", offline).translation == "EN[第二句话。]"


def test_an_echoed_sentence_no_engine_translates_is_not_cached(translator: Translator, server: FakeServer) -> None:
    server.behaviour.translate = lambda text, s, t: "\n".join(
        f"EN[{line}]" if line.startswith("第一") else line for line in text.split("\n"))
    result = translator.translate("第一句话。第二句话。", options_for(server, "google"))
    assert result.failures and "untranslated" in result.failures[0].reason
    assert "第二句话" in (result.translation or ""), "the untranslated sentence is shown as it was"
    assert translator.translate("第二句话。", TranslateOptions(offline=True)).translation is None


@pytest.mark.parametrize("text", ["😂😂👍", "666!!!", "？？？", "12:30 💯", "…… ～"])
def test_text_without_letters_or_han_is_never_sent(translator: Translator, server: FakeServer, text: str) -> None:
    result = translator.translate(text, options_for(server, "google"))
    assert server.seen == []
    assert result.translation is None and "no words" in (result.error or "")


@pytest.mark.parametrize("text,target", [("这个博主的穿搭绝绝子", "zh"), ("Where can I buy this?", "en")])
def test_a_forced_direction_that_contradicts_the_text_warns_before_sending(translator: Translator, server: FakeServer,
                                                                         text: str, target: str) -> None:
    result = translator.translate(text, options_for(server, "google", target=target))
    assert server.seen == [], "nothing is sent until the user confirms"
    assert result.direction_warning and result.translation is None
    confirmed = translator.translate(text, options_for(server, "google", target=target, confirm_direction=True))
    assert confirmed.translated and len(server.seen) == 1


def test_mixed_text_in_a_forced_direction_does_not_warn(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("OK 好的", options_for(server, "google", target="zh"))
    assert not result.direction_warning and result.translated


def test_changing_an_engines_url_or_key_ends_its_rest_after_a_429(translator: Translator, server: FakeServer,
                                                                 second_server: FakeServer) -> None:
    server.behaviour.mode = "429"
    options = options_for(server, "libretranslate")
    assert not translator.translate("你们好", options).translated
    assert "resting" in translator.translate("第二个句子", options).origin_label()
    moved = TranslateOptions(engines=("libretranslate",), timeout=1.0, base_urls={"libretranslate": second_server.root})
    assert translator.translate("第二个句子", moved).origin == "libretranslate", "a new URL is tried at once"

    second_server.behaviour.mode = "429"
    deepl = TranslateOptions(engines=("deepl",), timeout=1.0, base_urls=second_server.base_urls())
    translator.secrets.set("deepl", "old-key-1234:fx")
    assert not translator.translate("第三个句子", deepl).translated
    second_server.behaviour.mode = "answer"
    assert "resting" in translator.translate("第三个句子", deepl).origin_label()
    translator.secrets.set("deepl", "new-key-5678:fx")
    assert translator.translate("第三个句子", deepl).origin == "deepl", "a new key is tried at once"


SHARE_OLD = ("这家火锅店绝绝子 小红薯1234发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 "
             "http://xhslink.com/a/AbCdEf，复制本条信息，打开【小红书】App查看精彩内容！")
SHARE_NEW = "【这家火锅店绝绝子 - 小红薯1234 | 小红书 - 你的生活指南】 😆 AbCd123 😆 https://www.xiaohongshu.com/discovery/item/64a1b2c3"


@pytest.mark.parametrize("text,url", [(SHARE_OLD, "http://xhslink.com/a/AbCdEf"),
                                      (SHARE_NEW, "https://www.xiaohongshu.com/discovery/item/64a1b2c3")])
def test_rednote_share_text_translates_the_title_and_offers_the_link(translator: Translator, server: FakeServer,
                                                                    text: str, url: str) -> None:
    server.behaviour.translate = lambda t, s, g: {"这家火锅店绝绝子": "This hotpot place is amazing"}.get(t, f"EN[{t}]")
    result = translator.translate(text, options_for(server, "google"))
    assert [s.text for s in server.seen] == ["这家火锅店绝绝子"], "only the title is sent"
    assert result.translation == "This hotpot place is amazing"
    assert result.share is not None and result.share.url == url and result.share.author == "小红薯1234"
    assert "share" in result.share.describe()
    assert result.to_json()["share"] == {"title": "这家火锅店绝绝子", "author": "小红薯1234", "url": url}


def test_ordinary_text_with_a_link_is_not_a_share_text(translator: Translator) -> None:
    from guide.core.translate.share_text import parse_share

    assert parse_share("看这个 https://example.com/a 好看") is None
    assert parse_share("这个笔记 http://xhslink.com/a/x 不错") is None


def test_check_translates_the_chinese_back_with_another_engine(translator: Translator, server: FakeServer,
                                                               second_server: FakeServer) -> None:
    options = TranslateOptions(engines=("google", "mymemory"), timeout=1.0, check=True,
                               base_urls={"google": server.base_urls()["google"],
                                          "mymemory": second_server.base_urls()["mymemory"]})
    result = translator.translate("Where can I buy this?", options)
    assert (result.origin, result.translation) == ("google", "这个在哪里买？")
    assert result.back_origin == "mymemory" and result.back_translation == "EN[这个在哪里买？]"
    assert result.to_json()["back_translation"] == "EN[这个在哪里买？]"
    assert [i.source for i in translator.history.recent()] == ["Where can I buy this?"], "the check is not history"


def test_check_uses_the_same_engine_when_it_is_the_only_one(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("Where can I buy this?", options_for(server, "google", check=True))
    assert result.back_origin == "google" and result.back_translation == "EN[这个在哪里买？]"
    zh_en = translator.translate("你们好", options_for(server, "google", check=True))
    assert zh_en.back_translation is None and not zh_en.checked, "only English -> Chinese is checked"


def test_escape_codes_already_in_an_old_cache_are_not_shown(translator: Translator) -> None:
    translator.cache.put("你们好", "zh-en", "你们好", "\x1b]0;pwned\x07Hello\x1b[0m", "google")
    assert translator.translate("你们好", TranslateOptions(offline=True)).translation == "Hello"


def test_the_direction_warning_keeps_the_breakdown_of_the_text(translator: Translator, server: FakeServer) -> None:
    result = translator.translate("这个博主的穿搭绝绝子", options_for(server, "google", target="zh"))
    assert result.direction_warning and "绝绝子" in [w.text for w in result.gloss] and result.pinyin
    assert result.origin_label().startswith("Nothing sent yet")
    checked = translator.translate("Hello", TranslateOptions(offline=True, check=True))
    assert checked.back_origin == "phrasebook" and checked.back_origin_title == "Phrase book"
