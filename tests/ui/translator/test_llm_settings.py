"""Settings' LLM tab against the fake servers: the model is chosen from the server's own list
(asked again when the URL changes, off the UI thread), a model the server lacks is marked
with the fix, and Test translates one line — waiting for a model to load — and shows the
server's own words."""

from __future__ import annotations

import time

import pytest
from helpers.fake_server import FakeServer
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from guide.core.storage.settings import Settings
from guide.core.translate.secrets import SecretStore
from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

MODEL = "qwen2.5:7b"


@pytest.fixture
def settings() -> Settings:
    settings = Settings()
    settings.engines = ["llm", "google"]
    return settings


def dialog_for(qtbot, settings: Settings) -> TranslatorSettingsDialog:  # noqa: ANN001
    dialog = TranslatorSettingsDialog(settings, SecretStore())
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.llm)
    dialog.show()
    return dialog


def status(dialog: TranslatorSettingsDialog) -> str:
    return dialog.findChild(QLabel, "llmModelStatus").text()


def test_the_model_list_comes_from_the_server_and_follows_the_url(qtbot, server: FakeServer,  # noqa: ANN001
                                                                  settings: Settings) -> None:
    settings.llm_url = server.llm_url("ollama")
    dialog = dialog_for(qtbot, settings)
    qtbot.waitUntil(lambda: dialog.llm_model.count() == 3, timeout=10000)
    assert [dialog.llm_model.itemText(i) for i in range(3)] == ["qwen2.5:7b", "qwen3:8b", "llama3.2:3b"]
    assert dialog.llm_model.currentText() == MODEL and "Ollama lists 3 models" in status(dialog)
    dialog.llm_url.clear()
    qtbot.keyClicks(dialog.llm_url, server.llm_url("lmstudio"))  # typed: asked again once typing stops
    qtbot.waitUntil(lambda: dialog.llm_model.itemText(0) == "qwen2.5-7b-instruct", timeout=10000)
    assert sum(r.path == "/v1/models" and r.flavour == "lmstudio" for r in server.llm.requests) == 1, "once, not per key"
    dialog.llm_model.setCurrentIndex(0)
    dialog.accept()
    assert (settings.llm_url, settings.llm_model) == (server.llm_url("lmstudio"), "qwen2.5-7b-instruct")


def test_a_model_the_server_lacks_is_marked_with_the_fix(qtbot, server: FakeServer,  # noqa: ANN001
                                                         settings: Settings) -> None:
    settings.llm_url = server.llm_url("ollama", "missing")
    dialog = dialog_for(qtbot, settings)
    qtbot.waitUntil(lambda: "is missing" in status(dialog), timeout=10000)
    assert f"ollama pull {MODEL}" in status(dialog)
    dialog.llm_model.setCurrentIndex(dialog.llm_model.findText("qwen3:8b"))
    assert "is missing" not in status(dialog) and "qwen3:8b among them" in status(dialog)


def test_a_server_that_cannot_list_says_why(qtbot, server: FakeServer, settings: Settings) -> None:  # noqa: ANN001
    settings.llm_url = server.llm_url("llamacpp", "loading")
    dialog = dialog_for(qtbot, settings)
    qtbot.waitUntil(lambda: "Could not list" in status(dialog), timeout=10000)
    assert "llama.cpp is still loading its model" in status(dialog)


def test_test_waits_for_a_cold_model_while_the_window_keeps_running(qtbot, server: FakeServer,  # noqa: ANN001
                                                                    settings: Settings) -> None:
    server.llm.load_seconds = 1.5
    settings.llm_url = server.llm_url("ollama", "cold")
    settings.timeout_seconds = 1.0  # the ordinary limit: shorter than the load
    dialog = dialog_for(qtbot, settings)
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start()
    dialog.llm.test.click()
    result = dialog.findChild(QLabel, "llmTestResult")
    assert "Testing" in result.text() and not dialog.llm.test.isEnabled()
    qtbot.waitUntil(lambda: result.text().startswith(("✓", "✗")), timeout=15000)
    heartbeat.stop()
    assert result.text().startswith("✓") and "This shop is the GOAT!" in result.text()
    assert not any(e.startswith("aborting load") for e in server.llm.events)
    gaps = [b - a for a, b in zip(beats, beats[1:])]
    assert len(beats) > 20 and max(gaps) < 0.5, "the window froze during the test"


@pytest.mark.parametrize("flavour,scenario,words", [
    ("lmstudio", "unloaded", "No models loaded. Please load a model in the developer page"),
    ("ollama", "missing", f"model '{MODEL}' not found"),
])
def test_test_shows_the_servers_own_message(qtbot, server: FakeServer, settings: Settings, flavour: str,  # noqa: ANN001
                                            scenario: str, words: str) -> None:
    settings.llm_url = server.llm_url(flavour, scenario)
    dialog = dialog_for(qtbot, settings)
    dialog.llm.test.click()
    result = dialog.findChild(QLabel, "llmTestResult")
    qtbot.waitUntil(lambda: result.text().startswith("✗"), timeout=10000)
    assert words in result.text()
