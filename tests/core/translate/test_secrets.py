"""API keys live only in the keyring: never in a file the app writes, a log line, an error
message or the history — checked by grepping everything after using a key."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from helpers.fake_server import FakeServer
from helpers.memory_keyring import MemoryKeyring

from guide.core.storage.settings import Settings, SettingsStore
from guide.core.translate.pipeline import TranslateOptions, Translator
from guide.core.translate.secrets import Secret, SecretStore

KEY = "sk-TEST-9f8e7d6c5b4a-DO-NOT-LEAK:fx"


def test_secret_never_prints_itself() -> None:
    secret = Secret(KEY)
    assert KEY not in str(secret) and KEY not in repr(secret) and KEY not in f"{secret}"
    assert secret.reveal() == KEY


def test_store_uses_the_keyring_only(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert store.set("deepl", f"  {KEY} ")
    assert memory_keyring.values == {("rednote-guide", "deepl"): KEY}
    assert store.get("deepl").reveal() == KEY
    assert store.set("deepl", "") and store.get("deepl") is None


def test_each_key_is_read_once_per_session(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked desktop keyring may prompt; typing must not prompt on every keystroke."""
    memory_keyring.set_password("rednote-guide", "deepl", KEY)
    reads: list[str] = []
    original = memory_keyring.get_password
    monkeypatch.setattr(memory_keyring, "get_password", lambda s, n: reads.append(n) or original(s, n))
    store = SecretStore()
    for _ in range(5):
        assert store.get("deepl").reveal() == KEY
        assert store.get("baidu") is None
    assert reads == ["deepl", "baidu"]
    store.set("deepl", "another-key-5678")
    assert store.get("deepl").reveal() == "another-key-5678"


def test_no_keyring_is_a_message_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    store = SecretStore()
    assert not store.available()
    assert store.get("deepl") is None
    assert not store.set("deepl", KEY)
    assert store.last_problem and KEY not in store.last_problem and "keyring" in store.last_problem


def test_a_used_key_appears_in_no_file_log_or_message(tmp_path: Path, server: FakeServer,
                                                      caplog: pytest.LogCaptureFixture,
                                                      isolated_dirs: dict[str, Path]) -> None:
    from guide.core.translate.cache import TranslationCache
    from guide.core.translate.history import History

    caplog.set_level(logging.DEBUG)  # urllib3 logs request URLs (with DeepL's key) at DEBUG
    SecretStore().set("deepl", KEY)
    store = SettingsStore(isolated_dirs["config"])
    store.save(Settings(engines=["deepl", "google"]))
    translator = Translator(None, TranslationCache(isolated_dirs["cache"]), History(isolated_dirs["data"]))
    options = TranslateOptions(engines=("deepl",), timeout=1.0, base_urls=server.base_urls())
    ok = translator.translate("你们好", options)
    assert ok.origin == "deepl" and server.seen[-1].params["auth_key"] == KEY, "the key did reach the server"
    server.behaviour.mode = "403"
    refused = translator.translate("一个新句子", options)
    assert refused.reasons() == ["DeepL: the API key was refused; check it in Settings"]
    server.behaviour.mode = "hang"
    timed_out = translator.translate("又一个句子", options)
    logging.getLogger("urllib3.connectionpool").debug("GET /v2/translate?auth_key=%s", KEY)
    translator.close()

    texts = [r.getMessage() for r in caplog.records] + [caplog.text]
    texts += [str(r.to_json()) + r.origin_label() for r in (ok, refused, timed_out)]
    assert any("auth_key=" in t and "connectionpool" in r.name for r in caplog.records for t in [r.getMessage()]), \
        "urllib3 logged the request URL (redacted)"
    forms = {KEY, quote(KEY, safe=""), quote_plus(KEY), KEY.split(":")[0]}
    assert not [t for t in texts if any(f in t for f in forms)]
    for folder in isolated_dirs.values():
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not any(f.encode() in data for f in forms), f"{path} holds the key"
