"""The LLM engine end to end against the local fake OpenAI-compatible chat endpoint:
answers with a slang note, slow, hanging, garbage, refusals and refused keys, each within
the deadline and as one typed error."""

from __future__ import annotations

import json
import time

import pytest
from helpers.fake_server import FakeServer

from guide.core.translate import errors
from guide.core.translate.engines import EngineConfig, get_engine, translate_text
from guide.core.translate.llm import (
    DEFAULT_URL,
    PRESETS,
    chat_url,
    looks_like_refusal,
    parse_reply,
)
from guide.core.translate.pipeline import TranslateOptions, Translator
from guide.core.translate.secrets import Secret

DEADLINE = 1.0


def call(server: FakeServer, text: str = "你们好", source: str = "zh", target: str = "en",
         timeout: float = DEADLINE, model: str = "qwen2.5:7b", **secrets: str) -> str:
    config = EngineConfig(base_url=server.base_urls()["llm"], secrets={k: Secret(v) for k, v in secrets.items()},
                          extra={"model": model})
    return translate_text(get_engine("llm"), text, source, target, config, timeout)


def test_answer_and_slang_note_from_a_chat_endpoint(server: FakeServer) -> None:
    server.behaviour.note = "绝绝子 is slang for 'absolutely amazing'."
    answer = call(server, "这个博主的穿搭绝绝子", model="llama3.1")
    assert answer == "This blogger's outfits are amazing"
    seen = server.seen[-1]
    assert seen.path == "/v1/chat/completions" and seen.text == "这个博主的穿搭绝绝子"
    assert "Authorization" not in seen.headers, "no key for a local server"


def test_the_request_asks_for_a_natural_translation_and_a_note(server: FakeServer, monkeypatch) -> None:  # noqa: ANN001
    bodies: list[dict] = []
    import requests

    real_post = requests.post

    def spy(url, json=None, **kwargs):  # noqa: ANN001, ANN202, A002
        bodies.append(json)
        return real_post(url, json=json, **kwargs)  # noqa: S113

    monkeypatch.setattr(requests.Session, "post", lambda self, url, json=None, **kw: spy(url, json=json, **kw))
    call(server, model="llama3.1")
    body = bodies[0]
    assert body["model"] == "llama3.1" and body["stream"] is False
    system = body["messages"][0]["content"]
    assert "natural" in system and "RedNote" in system and "Note:" in system and "slang" in system
    assert body["messages"][-1]["role"] == "user" and "<text>\n你们好\n</text>" in body["messages"][-1]["content"]


def test_remote_server_gets_the_key_from_the_keyring_as_a_bearer_token(server: FakeServer) -> None:
    call(server, llm="sk-remote-key-1234")
    assert server.seen[-1].headers["Authorization"] == "Bearer sk-remote-key-1234"


def test_english_to_chinese(server: FakeServer) -> None:
    assert call(server, "Where can I buy this?", "en", "zh") == "这个在哪里买？"


def test_slow_answer_within_the_deadline(server: FakeServer) -> None:
    server.behaviour.mode, server.behaviour.delay = "slow", 0.3
    assert call(server, timeout=3.0) == "Hello, all of you"


@pytest.mark.parametrize("mode", ["hang", "trickle"])
def test_hanging_server_times_out_within_the_deadline(server: FakeServer, mode: str) -> None:
    server.behaviour.mode, server.behaviour.delay = mode, 0.3
    started = time.monotonic()
    with pytest.raises(errors.TimedOut):
        call(server)
    assert time.monotonic() - started < DEADLINE + 5.0


@pytest.mark.parametrize("mode,kind", [("html", errors.BadAnswer), ("empty", errors.BadAnswer),
                                       ("500", errors.ServerError), ("429", errors.RateLimited),
                                       ("403", errors.BadKey), ("refusal", errors.BadAnswer),
                                       ("echo", errors.BadAnswer), ("gzip-bomb", errors.BadAnswer),
                                       ("redirect-loop", errors.ServerError)])
def test_every_failure_is_typed(server: FakeServer, mode: str, kind: type) -> None:
    server.behaviour.mode = mode
    with pytest.raises(kind) as caught:
        call(server, llm="sk-secret-9876")
    assert "sk-secret-9876" not in str(caught.value)
    if mode == "refusal":
        assert "declined" in caught.value.reason


def test_json_that_is_not_a_chat_answer_is_unusable(server: FakeServer) -> None:
    server.behaviour.api_error = {"error": {"message": "model 'nope' not found"}}
    with pytest.raises(errors.BadAnswer):
        call(server)


def test_not_set_up_without_a_url() -> None:
    with pytest.raises(errors.NotConfigured):
        translate_text(get_engine("llm"), "你们好", "zh", "en", EngineConfig(), DEADLINE)


def test_reply_parsing_keeps_lines_and_takes_the_note_out() -> None:
    assert parse_reply("<think>hmm</think>\nTranslation: Line one\nLine two\n\nNote: 种草 means wanting to buy.") == (
        "Line one\nLine two", "种草 means wanting to buy.")
    assert parse_reply("```\nHello\n```") == ("Hello", "")
    assert parse_reply("**Note:** x" ) == ("", "x")


def test_refusals_are_recognised_but_translated_apologies_are_not() -> None:
    assert looks_like_refusal("I'm sorry, but I can't help with that request.")
    assert looks_like_refusal("As an AI language model, I cannot")
    assert not looks_like_refusal("Sorry, I can't make it tonight")
    assert not looks_like_refusal("So sorry!")


def test_endpoint_forms_and_presets() -> None:
    assert chat_url("http://localhost:11434") == "http://localhost:11434/v1/chat/completions"
    assert chat_url("http://localhost:11434/v1/") == "http://localhost:11434/v1/chat/completions"
    assert chat_url("https://api.example.com/v1/chat/completions") == "https://api.example.com/v1/chat/completions"
    assert DEFAULT_URL == PRESETS["Ollama"] and "llama.cpp server" in PRESETS and "LM Studio" in PRESETS


def test_pipeline_shows_the_note_and_the_llm_is_off_by_default(translator: Translator, server: FakeServer) -> None:
    from guide.core.storage.settings import Settings

    assert "llm" not in Settings().engines
    server.behaviour.note = "绝绝子 = 'absolutely amazing'."
    options = TranslateOptions(engines=("llm",), timeout=DEADLINE, llm_url=server.base_urls()["llm"],
                               llm_model="qwen2.5:7b")
    result = translator.translate("这个博主的穿搭绝绝子，已经种草了！", options)
    assert result.origin == "llm" and result.origin_title == "LLM"
    assert result.translation == "This blogger's outfits are amazing, I already want them!"
    assert result.note == "绝绝子 = 'absolutely amazing'."
    assert json.loads(json.dumps(result.to_json()))["note"] == result.note


def test_a_local_server_is_never_reached_through_a_proxy(server: FakeServer, monkeypatch) -> None:  # noqa: ANN001
    from helpers.fake_server import refused_url

    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, refused_url())
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert call(server) == "Hello, all of you"


def test_a_model_the_server_does_not_have_is_named(server: FakeServer) -> None:
    server.behaviour.mode = "no-model"
    with pytest.raises(errors.ServerError) as caught:
        call(server, model="qwen9:404b")
    assert "qwen9:404b" in caught.value.reason and "ollama pull qwen9:404b" in caught.value.reason
