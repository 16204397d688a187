"""The Translator page loads, while the user has not typed yet, what the first translation
would otherwise load in its worker: the dictionary, and (unless offline) the online engines'
libraries. Imported during the first translation, deep-translator's ~170 modules held the
interpreter lock in turns with the window, which froze for 20-50 ms at a time while the
answer was awaited (benchmarks/run.py: "UI stall while engine takes 3 s")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
import threading
from PySide6.QtWidgets import QApplication
from guide.core.context import build_context
from guide.ui.shell.navigator import Navigator
from guide.ui.translator.page import TranslatorPage

importers = set()  # which threads import deep-translator (a finder that only watches, never finds)


class Watch:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "deep_translator":
            importers.add("ui" if threading.current_thread() is threading.main_thread() else "worker")
        return None


sys.meta_path.insert(0, Watch)
app = QApplication([])
context = build_context()
context.settings.engines = ["libretranslate"]
context.settings.libretranslate_url = "http://127.0.0.1:9"  # never asked: nothing is translated here
context.settings.offline_only = sys.argv[1] == "offline"
page = TranslatorPage(context, Navigator())
page.show()
while page.is_busy():
    app.processEvents()
print("importers", *sorted(importers))
print("after", *sorted(name for name in ("deep_translator", "requests", "bs4") if name in sys.modules))
page.shutdown()
"""


def _probe(mode: str) -> dict[str, list[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}


@pytest.mark.usefixtures("dictionary_index")
def test_the_engines_libraries_load_before_the_first_translation() -> None:
    seen = _probe("online")
    assert seen["after"] == ["bs4", "deep_translator", "requests"], "the first translation would import them"
    assert seen["importers"] == ["worker"], "imported on the UI thread, which would freeze while they load"


@pytest.mark.usefixtures("dictionary_index")
def test_offline_the_engines_libraries_are_not_loaded_at_all() -> None:
    assert _probe("offline")["after"] == [], "offline, nothing online is ever called: no memory for it"
