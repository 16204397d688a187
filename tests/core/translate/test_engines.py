"""Each engine adapter runs deep-translator's real code against a local server, and every
way a server can fail becomes one typed error with a reason — within the deadline."""

from __future__ import annotations

import threading
import time

import pytest
from helpers.fake_server import FakeServer, refused_url

from guide.core.translate import errors
from guide.core.translate.deadline import CancelToken
from guide.core.translate.engines import (
    EngineConfig,
    engine_names,
    get_engine,
    translate_chunks,
    translate_text,
)
from guide.core.translate.secrets import Secret

DEADLINE = 1.0


def config(server: FakeServer, engine: str, **secrets: str) -> EngineConfig:
    return EngineConfig(base_url=server.base_urls()[engine], secrets={k: Secret(v) for k, v in secrets.items()})


def call(server: FakeServer, engine: str = "google", text: str = "你们好", timeout: float = DEADLINE,
         source: str = "zh", target: str = "en", token: CancelToken | None = None, **secrets: str) -> str:
    return translate_text(get_engine(engine), text, source, target, config(server, engine, **secrets), timeout, token)


BAIDU_KEYS = {"baidu_appid": "20150630000000001", "baidu": "baidu-key-8765"}


@pytest.mark.parametrize("engine,secrets", [("google", {}), ("mymemory", {}), ("libretranslate", {}),
                                            ("deepl", {"deepl": "test-key-123:fx"}),
                                            ("microsoft", {"microsoft": "k-123456"}), ("baidu", BAIDU_KEYS)])
def test_normal_answer_through_real_parsing(server: FakeServer, engine: str, secrets: dict[str, str]) -> None:
    assert call(server, engine, **secrets) == "Hello, all of you"
    seen = server.seen[-1]
    assert seen.text == "你们好"


def test_english_to_chinese_uses_the_engines_language_codes(server: FakeServer) -> None:
    assert call(server, "mymemory", "Where can I buy this?", source="en", target="zh") == "这个在哪里买？"
    assert server.seen[-1].params["langpair"] == "en-US|zh-CN"
    call(server, "google", "Where can I buy this?", source="en", target="zh")
    assert (server.seen[-1].params["sl"], server.seen[-1].params["tl"]) == ("en", "zh-CN")


def test_slow_answer_within_the_deadline_is_used(server: FakeServer) -> None:
    server.behaviour.mode, server.behaviour.delay = "slow", 0.4
    assert call(server, timeout=3.0) == "Hello, all of you"


@pytest.mark.parametrize("mode", ["hang", "trickle"])
def test_hanging_or_byte_by_byte_server_times_out_within_deadline_plus_one_second(server: FakeServer, mode: str) -> None:
    server.behaviour.mode, server.behaviour.delay = mode, 0.3
    started = time.monotonic()
    with pytest.raises(errors.TimedOut) as caught:
        call(server, "libretranslate")
    elapsed = time.monotonic() - started
    assert DEADLINE - 0.05 <= elapsed < DEADLINE + 5.0
    assert "timed out after 1 s" in caught.value.reason


def test_no_thread_stays_blocked_after_a_timeout(server: FakeServer) -> None:
    server.behaviour.mode = "hang"
    for _ in range(3):
        with pytest.raises(errors.TimedOut):
            call(server, "mymemory", timeout=0.3)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(t.name == "translate-call" for t in threading.enumerate()):
        time.sleep(0.02)
    assert not [t for t in threading.enumerate() if t.name == "translate-call"]


def test_429_is_rate_limited_with_retry_after(server: FakeServer) -> None:
    server.behaviour.mode, server.behaviour.retry_after = "429", "42"
    with pytest.raises(errors.RateLimited) as caught:
        call(server, "google")
    assert caught.value.retry_after == 42.0
    with pytest.raises(errors.RateLimited):
        call(server, "libretranslate")


@pytest.mark.parametrize("engine", ["google", "mymemory", "libretranslate"])
def test_500_is_a_server_error(server: FakeServer, engine: str) -> None:
    server.behaviour.mode = "500"
    with pytest.raises(errors.ServerError) as caught:
        call(server, engine)
    assert "HTTP 500" in caught.value.reason


def test_refused_key_is_a_bad_key_and_the_key_is_not_in_the_message(server: FakeServer) -> None:
    server.behaviour.mode = "403"
    with pytest.raises(errors.BadKey) as caught:
        call(server, "deepl", deepl="very-secret-key-987")
    assert "very-secret-key-987" not in str(caught.value)
    assert caught.value.__cause__ is None and "very-secret" not in repr(caught.value.__context__)


def test_keyed_engine_without_key_is_not_configured(server: FakeServer) -> None:
    with pytest.raises(errors.NotConfigured):
        call(server, "deepl")
    assert server.seen == []


@pytest.mark.parametrize("engine", ["google", "mymemory", "libretranslate"])
def test_html_garbage_is_an_unusable_answer(server: FakeServer, engine: str) -> None:
    server.behaviour.mode = "html"
    with pytest.raises(errors.BadAnswer):
        call(server, engine)


@pytest.mark.parametrize("engine", ["google", "mymemory", "libretranslate"])
def test_empty_200_is_an_unusable_answer(server: FakeServer, engine: str) -> None:
    server.behaviour.mode = "empty"
    with pytest.raises(errors.BadAnswer) as caught:
        call(server, engine)
    assert "empty" in caught.value.reason


@pytest.mark.parametrize("engine", ["google", "mymemory"])
def test_input_handed_back_unchanged_is_an_unusable_answer(server: FakeServer, engine: str) -> None:
    server.behaviour.mode = "echo"
    with pytest.raises(errors.BadAnswer) as caught:
        call(server, engine)
    assert "untranslated" in caught.value.reason


def test_mymemory_quota_message_disguised_as_a_translation_is_rate_limited(server: FakeServer) -> None:
    server.behaviour.translate = lambda text, source, target: (
        "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN 10 HOURS")
    with pytest.raises(errors.RateLimited):
        call(server, "mymemory")


@pytest.mark.parametrize("engine", ["google", "libretranslate"])
def test_connection_reset_mid_answer_is_reported_quickly(server: FakeServer, engine: str) -> None:
    server.behaviour.mode = "reset"
    started = time.monotonic()
    with pytest.raises(errors.EngineError) as caught:
        call(server, engine, timeout=5.0)
    assert time.monotonic() - started < 2.0
    assert not isinstance(caught.value, errors.TimedOut)
    assert "cut off" in caught.value.reason or "connection" in caught.value.reason


def test_huge_body_is_refused(server: FakeServer) -> None:
    server.behaviour.mode = "huge"
    with pytest.raises(errors.BadAnswer) as caught:
        call(server, "google", timeout=5.0)
    assert "large" in caught.value.reason


def test_connection_refused_is_unreachable() -> None:
    engine = get_engine("libretranslate")
    started = time.monotonic()
    with pytest.raises(errors.Unreachable) as caught:
        translate_text(engine, "你们好", "zh", "en", EngineConfig(base_url=refused_url()), DEADLINE)
    assert time.monotonic() - started < 1.0
    assert "refused" in caught.value.reason


def test_cancel_stops_a_hanging_call_at_once(server: FakeServer) -> None:
    server.behaviour.mode = "hang"
    token = CancelToken()
    threading.Timer(0.2, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(errors.Cancelled):
        call(server, "libretranslate", timeout=10.0, token=token)
    assert time.monotonic() - started < 1.0


def test_long_text_is_split_at_sentence_ends_and_joined(server: FakeServer) -> None:
    sentences = [f"这是第{i}句话，内容是关于穿搭和美食的分享。" for i in range(80)]
    text = "".join(sentences)
    assert len(text) > 3 * 499
    result = call(server, "mymemory", text, timeout=5.0)
    assert len(server.seen) >= 3, "MyMemory's 500-character limit means several requests"
    assert all(len(s.text) <= 499 for s in server.seen)
    assert "".join(s.text for s in server.seen) == text, "cut only between sentences, nothing lost"
    assert result == " ".join(f"EN[{s.text}]" for s in server.seen)


def test_translate_chunks_refuses_a_chunk_over_the_limit(server: FakeServer) -> None:
    with pytest.raises(ValueError):
        translate_chunks(get_engine("mymemory"), ["字" * 600], "zh", "en", config(server, "mymemory"), 1.0)


def test_microsoft_never_fetches_its_language_list_online(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """deep-translator's MicrosoftTranslator asks microsoft.com for languages in its constructor."""
    import socket

    real_connect = socket.socket.connect
    targets: list[object] = []

    def connect(self, address):  # noqa: ANN001, ANN202
        targets.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    assert call(server, "microsoft", microsoft="k-123456") == "Hello, all of you"
    assert targets and all(t[0] == "127.0.0.1" for t in targets)
    seen = server.seen[-1]
    assert seen.headers.get("Ocp-Apim-Subscription-Key") == "k-123456"
    assert (seen.params["from"], seen.params["to"]) == ("zh-Hans", "en")


def test_microsoft_refused_key_and_server_error(server: FakeServer) -> None:
    server.behaviour.mode = "403"
    with pytest.raises(errors.BadKey):
        call(server, "microsoft", microsoft="k-wrong")
    server.behaviour.mode = "500"
    with pytest.raises(errors.ServerError) as caught:
        call(server, "microsoft", microsoft="k-123456")
    assert "HTTP 500" in caught.value.reason


def test_baidu_request_is_signed_with_the_app_id_and_key(server: FakeServer) -> None:
    import hashlib

    assert call(server, "baidu", "Where can I buy this?", source="en", target="zh", **BAIDU_KEYS) == "这个在哪里买？"
    params = server.seen[-1].params
    assert (params["appid"], params["from"], params["to"]) == (BAIDU_KEYS["baidu_appid"], "en", "zh")
    expected = hashlib.md5((params["appid"] + params["q"] + params["salt"] + BAIDU_KEYS["baidu"]).encode()).hexdigest()
    assert params["sign"] == expected
    assert BAIDU_KEYS["baidu"] not in server.seen[-1].path + str(params.get("q")), "the key itself is never sent"


@pytest.mark.parametrize("code,message,error", [
    ("54003", "Invalid Access Limit", errors.RateLimited),
    ("52003", "UNAUTHORIZED USER", errors.BadKey),
    ("54001", "Invalid Sign", errors.BadKey),
    ("58001", "INVALID_TO_PARAM", errors.ServerError),
])
def test_baidu_errors_sent_as_a_normal_answer_are_named(server: FakeServer, code: str, message: str,
                                                        error: type[errors.EngineError]) -> None:
    server.behaviour.api_error = {"error_code": code, "error_msg": message}
    with pytest.raises(error) as caught:
        call(server, "baidu", **BAIDU_KEYS)
    assert BAIDU_KEYS["baidu"] not in str(caught.value)


# -- hostile servers (issue 13) -------------------------------------------------------------


@pytest.mark.parametrize("mode", ["chunked-huge", "close-huge", "gzip-bomb"])
@pytest.mark.parametrize("engine", ["google", "libretranslate"])
def test_body_without_length_or_that_inflates_is_cut_at_the_cap(server: FakeServer, mode: str, engine: str) -> None:
    """No Content-Length (chunked, read-until-close) or a 64 KiB gzip that inflates to 64 MiB:
    the decoded bytes read stop at the cap instead of filling memory."""
    import tracemalloc

    server.behaviour.mode = mode
    tracemalloc.start()
    try:
        with pytest.raises(errors.BadAnswer) as caught:
            call(server, engine, timeout=20.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "too large" in caught.value.reason
    assert peak < 40 * 1024 * 1024  # the 64 MiB body was never held


def test_answer_far_longer_than_the_source_is_refused(server: FakeServer) -> None:
    server.behaviour.translate = lambda text, source, target: "spam " * 20000
    with pytest.raises(errors.BadAnswer) as caught:
        call(server, "libretranslate")
    assert "longer" in caught.value.reason


def test_redirect_loop_is_named_as_such(server: FakeServer) -> None:
    server.behaviour.mode = "redirect-loop"
    with pytest.raises(errors.EngineError) as caught:
        call(server, "google")
    assert "redirect" in caught.value.reason and "empty" not in caught.value.reason


KEYS_FOR = {"deepl": {"deepl": "DEEPL-SECRET-KEY:fx"}, "microsoft": {"microsoft": "MS-SECRET-KEY-456"},
            "baidu": BAIDU_KEYS, "libretranslate": {"libretranslate": "LIBRE-SECRET-KEY"}, "llm": {"llm": "LLM-SECRET"}}


@pytest.mark.parametrize("engine", engine_names())
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_no_engine_follows_a_redirect_to_another_server(server: FakeServer, second_server: FakeServer,
                                                        engine: str, host: str) -> None:
    """Microsoft's engine re-sent its key header and the text to wherever a 307 pointed."""
    server.behaviour.redirect_to = f"http://{host}:{second_server.port}"
    cfg = EngineConfig(base_url=server.base_urls()[engine], extra={"model": "qwen2.5:7b"},
                       secrets={k: Secret(v) for k, v in KEYS_FOR.get(engine, {}).items()})
    with pytest.raises(errors.ServerError) as caught:
        translate_text(get_engine(engine), "hello my friend", "en", "zh", cfg, 5.0)
    assert server.seen, "the chosen server was asked"
    assert second_server.seen == [], "nothing reached the server the redirect pointed to"
    assert "redirected elsewhere" in caught.value.reason
