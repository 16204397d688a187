"""Desktop polish a user notices: window state restored, help and about reachable, a second
launch raises the first, missing Chinese fonts explained."""

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
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QTextBrowser

from guide.core.context import build_context
from guide.core.fonts import cjk_font_advice
from guide.ui.shell.main_window import MainWindow


def test_window_geometry_and_last_page_restored(qtbot, mini_pack: Path) -> None:
    first = MainWindow(build_context(mini_pack))
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(40, 50, 701, 502)
    first.findChild(QListWidget, "nav").setCurrentRow(1)
    first.close()
    second = MainWindow(build_context(mini_pack))
    qtbot.addWidget(second)
    second.show()
    assert second.current_page_name() == "walkthroughs"
    assert (second.width(), second.height()) == (701, 502)


def _close_modal_soon(found: list[QDialog]) -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
            return
        found.append(dialog)
        dialog.reject()

    QTimer.singleShot(20, close)


def test_help_and_about_dialogs(qtbot, mini_pack: Path) -> None:
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.show()
    found: list[QDialog] = []
    _close_modal_soon(found)
    window.show_shortcuts()
    assert found[-1].objectName() == "shortcutsDialog"
    assert "Ctrl+K" in found[-1].findChild(QTextBrowser).toPlainText()
    _close_modal_soon(found)
    window.show_about()
    about = found[-1].findChild(QTextBrowser).toPlainText()
    assert "CC BY-SA 4.0" in about and "CC-CEDICT" in about
    assert str(window.context.data_dir) in about, "About says where the data lives"


def test_f1_key_opens_shortcuts(qtbot, mini_pack: Path) -> None:
    from PySide6.QtCore import Qt

    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    found: list[QDialog] = []
    _close_modal_soon(found)
    qtbot.keyClick(window.findChild(QListWidget, "nav"), Qt.Key.Key_F1)
    assert found and found[-1].objectName() == "shortcutsDialog"


def test_theme_choice_is_saved(qtbot, mini_pack: Path) -> None:
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.set_theme("dark")
    assert "#1e1e22" in QApplication.instance().styleSheet()
    assert build_context(mini_pack).settings.theme == "dark"
    window.set_theme("light")


def test_missing_cjk_font_advice() -> None:
    assert cjk_font_advice(["Noto Sans CJK SC"]) is None
    advice = cjk_font_advice([], platform="linux")
    assert advice is not None and "fonts-noto-cjk" in advice and "boxes" in advice


def wait_for_line(proc: subprocess.Popen, lines: list[str], text: str, deadline_s: float = 60) -> None:
    """Wait on a condition, not a clock: the line appears, the process dies, or a generous
    deadline passes (a loaded CI machine can take many seconds to start Qt)."""
    deadline = time.monotonic() + deadline_s
    while not any(text in line for line in lines):
        assert proc.poll() is None, f"exited before {text!r}:\n" + "".join(lines)
        assert time.monotonic() < deadline, f"no {text!r} after {deadline_s} s:\n" + "".join(lines)
        time.sleep(0.02)


def test_second_launch_raises_the_first(tmp_path: Path, mini_pack: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REDNOTE_GUIDE_LOG="INFO")
    (Path(env["XDG_CONFIG_HOME"]) / "rednote-guide").mkdir(parents=True, exist_ok=True)
    (Path(env["XDG_CONFIG_HOME"]) / "rednote-guide" / "settings.json").write_text('{"first_run_done": true}')
    cmd = [sys.executable, "-m", "guide", "--pack", str(mini_pack)]
    first = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(first.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        wait_for_line(first, lines, "listening")
        second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0 and "already running" in second.stderr
        wait_for_line(first, lines, "raised by a second launch")
        assert first.poll() is None, "the first instance keeps running"
    finally:
        first.terminate()
        first.wait(timeout=60)
    assert any("raised by a second launch" in line for line in lines)


def _launch_and_terminate(mini_pack: Path, after_line: str) -> tuple[dict, list[str]]:
    """Start the app on a profile that was last on the UI labels page, send SIGTERM as soon
    as `after_line` is logged, and return the saved settings and the log."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REDNOTE_GUIDE_LOG="INFO")
    settings = Path(env["XDG_CONFIG_HOME"]) / "rednote-guide" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('{"first_run_done": true, "last_page": "glossary"}')
    app = subprocess.Popen([sys.executable, "-m", "guide", "--pack", str(mini_pack)], env=env,
                           stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(app.stderr.readline, "")), daemon=True).start()
    try:
        wait_for_line(app, lines, after_line)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=60) == 0, "".join(lines)
    finally:
        if app.poll() is None:
            app.kill()
    return json.loads(settings.read_text()), lines


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
def test_sigterm_closes_the_window_properly(mini_pack: Path) -> None:
    """Logout or `kill`: the window state is saved and no socket file is left behind."""
    saved, lines = _launch_and_terminate(mini_pack, "listening")
    assert saved["window_geometry"] and saved["last_page"] == "glossary"
    socket_path = next(line for line in lines if "listening" in line).split(" as ")[-1].strip()
    assert not Path(socket_path).exists()


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
def test_sigterm_while_the_window_is_starting_still_saves(mini_pack: Path) -> None:
    """A logout that lands between the first frame and the content load (a busy machine
    makes that window wide): the window still closes properly instead of dying."""
    saved, _lines = _launch_and_terminate(mini_pack, "window shown")
    assert saved["window_geometry"] and saved["last_page"] == "glossary"


def test_ctrl_k_opens_search_and_enter_opens_the_result(qtbot, mini_pack: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window.findChild(QListWidget, "nav"), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.findChild(QDialog, "searchPalette")
    assert palette is not None and palette.isVisible()
    box = palette.findChild(QLineEdit)
    qtbot.keyClicks(box, "shoucang")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.current_page_name() == "glossary"


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
def test_a_signal_before_the_event_loop_runs_still_ends_the_app(qtbot, mini_pack: Path) -> None:
    """SIGTERM between window.show() and app.exec(): closing the last window then would be a
    quit that Qt ignores (no loop yet), leaving exec() to wait forever. The close must happen
    on the loop's first turn instead."""
    from guide.ui.shell.clean_exit import close_window_on_signals

    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.show()
    try:
        close_window_on_signals(window)
        os.kill(os.getpid(), signal.SIGTERM)  # the handler runs right here, outside any event loop
        assert window.isVisible(), "closed outside the event loop: app.exec() would never return"
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(-1)
        reader, writer, notifier = window._signal_wakeup
        notifier.setEnabled(False)
        os.close(reader)
        os.close(writer)
