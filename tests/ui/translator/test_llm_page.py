"""The Translator page with a local LLM first in the list, against a fake Ollama whose model
loads for longer than the page's time limit: the model is warmed when the page opens
("Loading qwen2.5:7b in Ollama…"), typing never aborts the load, and the next engine's
answer shows until the LLM's arrives — the window never waiting."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.fake_server import FakeServer
from helpers.llm_flavours import T1
from helpers.packs import slang_pack
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from guide.core.context import AppContext, build_context
from guide.ui.shell.navigator import Navigator
from guide.ui.translator.page import TranslatorPage

LOAD = 1.5
T1_EN = "This blogger's outfits are absolutely amazing, I've already added them to my wishlist!"
GOOGLE_T1 = "This blogger's outfits are amazing, I already want them!"  # the LibreTranslate fake's answer


@pytest.fixture
def context(tmp_path: Path, server: FakeServer) -> AppContext:
    server.llm.load_seconds = LOAD
    context = build_context(slang_pack(tmp_path / "pack"))
    context.settings.engines = ["llm", "libretranslate"]
    context.settings.libretranslate_url = server.root
    context.settings.llm_url = server.llm_url("ollama", "cold")
    context.settings.timeout_seconds = 0.5  # shorter than the load
    context.settings.offline_only = False
    return context


@pytest.fixture
def opened(qtbot, context: AppContext) -> Iterator[tuple[TranslatorPage, list[str]]]:  # noqa: ANN001
    navigator = Navigator()
    notices: list[str] = []
    navigator.notice.connect(notices.append)
    statuses: list[str] = []
    page = TranslatorPage(context, navigator)
    page.warmer.statusChanged.connect(lambda _t: statuses.append(page.status.text()))
    qtbot.addWidget(page)
    page.show()
    yield page, statuses
    page.shutdown()


def output(page: TranslatorPage) -> str:
    return page.findChild(QPlainTextEdit, "translatorOutput").toPlainText()


def test_opening_the_page_loads_the_model_and_says_so(qtbot, opened: tuple[TranslatorPage, list[str]],  # noqa: ANN001
                                                      server: FakeServer) -> None:
    page, statuses = opened
    qtbot.waitUntil(lambda: any("Loading qwen2.5:7b in Ollama…" in text for text in statuses), timeout=10000)
    qtbot.waitUntil(lambda: "loaded qwen2.5:7b" in server.llm.events, timeout=10000)
    qtbot.waitUntil(lambda: "qwen2.5:7b" not in page.status.text(), timeout=10000)  # loaded: said no more
    load = next(r for r in server.llm.requests if r.path == "/api/generate")
    assert load.body == {"model": "qwen2.5:7b", "keep_alive": "30m"}


def test_typing_while_the_model_loads_never_aborts_the_load(qtbot, context: AppContext,  # noqa: ANN001
                                                            server: FakeServer) -> None:
    server.llm.load_seconds = 600.0  # loads until the test lets it finish
    page = TranslatorPage(context, Navigator())
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60000)  # the dictionary, built fresh for this test
    qtbot.waitUntil(lambda: any(r.path == "/api/generate" for r in server.llm.requests), timeout=10000)
    assert "Loading qwen2.5:7b" in page.status.text()
    page.set_text("你们")
    qtbot.waitUntil(lambda: len(server.llm.chats()) == 1, timeout=10000)
    page.set_text("你们好")  # the first request is cancelled, its connection closed: the load goes on
    qtbot.waitUntil(lambda: len(server.llm.chats()) == 2, timeout=10000)
    server.llm.load_seconds = 0.0
    origin = page.findChild(QLabel, "translatorOrigin")
    qtbot.waitUntil(lambda: origin.text().startswith("LLM"), timeout=15000)
    page.shutdown()
    assert output(page) == "Hello, all of you"
    assert server.llm.events[0] == "loaded qwen2.5:7b"
    assert not any(e.startswith("aborting load") for e in server.llm.events)


def test_the_next_engine_answers_while_the_model_loads_then_the_llm(qtbot, context: AppContext,  # noqa: ANN001
                                                                   server: FakeServer) -> None:
    context.settings.engines = ["google", "libretranslate"]  # the LLM is not first: no warm-up on opening
    page = TranslatorPage(context, Navigator())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=20000)
    context.settings.engines = ["llm", "libretranslate"]
    shown: list[str] = []
    page.findChild(QPlainTextEdit, "translatorOutput").textChanged.connect(lambda: shown.append(output(page)))
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start()
    page.set_text(T1)
    qtbot.waitUntil(lambda: output(page) == T1_EN, timeout=15000)
    heartbeat.stop()
    page.shutdown()
    assert GOOGLE_T1 in shown and shown.index(GOOGLE_T1) < shown.index(T1_EN), "the next engine answered first"
    gaps = [b - a for a, b in zip(beats, beats[1:])]
    assert max(gaps) < 0.5, "the window froze while the model loaded"


def test_switching_the_llm_on_in_settings_loads_its_model(qtbot, context: AppContext, server: FakeServer,  # noqa: ANN001
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

    context.settings.engines = ["libretranslate"]
    page = TranslatorPage(context, Navigator())
    qtbot.addWidget(page)

    def tick_llm_and_save(dialog: TranslatorSettingsDialog) -> int:
        context.settings.engines = ["libretranslate", "llm"]
        return 1

    monkeypatch.setattr(TranslatorSettingsDialog, "exec", tick_llm_and_save)
    assert not any(r.path == "/api/generate" for r in server.llm.requests), "off: nothing loaded"
    page.open_settings()
    qtbot.waitUntil(lambda: "loaded qwen2.5:7b" in server.llm.events, timeout=10000)
    qtbot.waitUntil(lambda: "qwen2.5:7b" not in page.status.text(), timeout=10000)
    page.shutdown()
