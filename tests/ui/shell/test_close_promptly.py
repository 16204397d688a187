"""Closing the window while background work runs: the window goes at once, the work is told to
give up instead of being waited for, and the process exits promptly with everything the user
made saved.

The work here is the first run's CC-CEDICT index build (seconds of real input, in a child
process), which both the Translator and the Screenshot page start when they open (a
screenshot's read waits for it too). Closing used
to wait up to 2 s (Translator), 3 s (Screenshot) or 5 s (both) on the UI thread, and the
process then waited for the build to finish before it exited."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers.ocr_extra import needs_ocr_extra
from PySide6.QtCore import QThreadPool

from guide.core.context import build_context
from guide.core.translate import dict_index, dictionary_loader
from guide.ui.shell.main_window import MainWindow

HANG_DEADLINE_S = 120  # only catches a hang: a loaded machine takes seconds to start Qt or build the index


def index_folder(cache_home: Path) -> Path:
    return cache_home / "rednote-guide"


def build_under_way(folder: Path) -> bool:
    """The build's temporary file exists: it has read CC-CEDICT and is writing the index."""
    return folder.is_dir() and any(folder.glob(f"{dict_index.INDEX_NAME}.*.tmp"))


def builders_alive(folder: Path) -> list[int]:
    """Processes still writing an index into `folder` (their command line names it)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if str(folder / dict_index.INDEX_NAME) in command and state != "Z":
                alive.append(int(entry.name))
    return alive


def pools_idle(window: MainWindow) -> bool:
    return all(pool.activeThreadCount() == 0 for pool in window.findChildren(QThreadPool))


def open_on(qtbot, page: str) -> MainWindow:  # noqa: ANN001
    context = build_context(None)
    context.settings.offline_only = True
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    for name in page.split("+"):
        window.show_page(name)
    return window


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="looks for the build's process in /proc")
@pytest.mark.parametrize("page", ["translator", "screenshot+translator"])
def test_closing_while_the_index_is_built_gives_up_the_build_at_once(
        qtbot, page: str, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    if "screenshot" in page:
        needs_ocr_extra()  # the Screenshot page warms the dictionary only where it can read
    monkeypatch.setattr(dictionary_loader, "_instance", None)  # a first run: nothing loaded, no index
    folder = index_folder(isolated_dirs["cache"])

    window = open_on(qtbot, page)
    qtbot.waitUntil(lambda: build_under_way(folder), timeout=HANG_DEADLINE_S * 1000)
    started = time.perf_counter()
    window.close()
    busy_close = time.perf_counter() - started

    # The build is stopped, not waited for: it never writes the index, and nothing is left running.
    qtbot.waitUntil(lambda: pools_idle(window) and not builders_alive(folder), timeout=HANG_DEADLINE_S * 1000)
    assert not (folder / dict_index.INDEX_NAME).exists(), "the build ran on after the window closed"
    assert not build_under_way(folder), "the stopped build's temporary file is removed"

    # The next start builds the whole index and uses it; closing took a small part of that build.
    started = time.perf_counter()
    again = open_on(qtbot, page)
    qtbot.waitUntil(lambda: dictionary_loader.is_loaded() and pools_idle(again), timeout=HANG_DEADLINE_S * 1000)
    build = time.perf_counter() - started
    assert dictionary_loader.load_dictionary().lookup("银行")[0].senses[0] == "bank"
    again.close()
    assert busy_close < build / 4, f"closing took {busy_close:.2f} s of a {build:.2f} s build: it waited for it"


@pytest.mark.skipif(os.name != "posix" or not Path("/proc/self/cmdline").exists(), reason="SIGTERM; /proc")
def test_the_app_exits_promptly_when_closed_while_the_index_is_built(mini_pack: Path) -> None:
    """Logout, `kill` or the window's close button on a first run: the settings are saved and the
    process ends without waiting for the build (which had not finished when it exited)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REDNOTE_GUIDE_LOG="INFO")
    settings = Path(env["XDG_CONFIG_HOME"]) / "rednote-guide" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('{"first_run_done": true, "last_page": "translator", "offline_only": true}')
    folder = index_folder(Path(env["XDG_CACHE_HOME"]))
    app = subprocess.Popen([sys.executable, "-m", "guide", "--pack", str(mini_pack)], env=env,
                           stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(app.stderr.readline, "")), daemon=True).start()
    try:
        deadline = time.monotonic() + HANG_DEADLINE_S
        while not build_under_way(folder):
            assert app.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "no index build started:\n" + "".join(lines)
            time.sleep(0.02)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=HANG_DEADLINE_S) == 0, "".join(lines)
    finally:
        if app.poll() is None:
            app.kill()
    assert not (folder / dict_index.INDEX_NAME).exists(), "the app waited for the build before it exited"
    assert builders_alive(folder) == [], "the build was left running after the app exited"
    assert not build_under_way(folder), "the stopped build's temporary file is removed"
    saved = json.loads(settings.read_text())
    assert saved["window_geometry"] and saved["last_page"] == "translator", "the window's state is saved"
    assert not any("Traceback" in line for line in lines), "".join(lines)
    assert not any("leaving without it" in line for line in lines), "a job did not give up; the exit cut it off"
