"""Fast start without losing anything: the first frame skips the known-expensive parts
(PySide's `Qt` enum namespace, QtNetwork), and everything they serve still arrives right
after it: menus, shortcuts, the single-instance server, the theme the desktop asks for."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from guide.ui.shell import single_instance
from guide.ui.shell.theme import DARK, LIGHT, apply_theme, build_palette


def _launch_and_report(mini_pack: Path, **extra_env: str) -> dict[str, list[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REDNOTE_GUIDE_BENCH_SHOWN="1", **extra_env)
    settings = Path(env["XDG_CONFIG_HOME"]) / "rednote-guide" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('{"first_run_done": true}')
    result = subprocess.run([sys.executable, "-m", "guide", "--pack", str(mini_pack)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.strip()}


def test_first_frame_skips_qt_enums_and_qtnetwork_then_the_app_completes(mini_pack: Path) -> None:
    marks = _launch_and_report(mini_pack)
    shown = dict(zip(marks["shown"][2::2], marks["shown"][3::2]))
    assert shown["qt_enums"] == "0", "something on the first frame touched PySide6.QtCore.Qt (~10 ms)"
    assert shown["qtnetwork"] == "0", "the single-instance check loaded QtNetwork with nobody listening"
    assert shown["text_browser"] == "0", "the first frame made the text browser and message box types (~7 ms)"
    assert "attached" in marks, "content never loaded after the first frame"


def test_content_paints_without_the_qt_namespace_the_server_or_the_deck_which_follow(mini_pack: Path) -> None:
    """The content's first paint pays only for the content: labels get their text format
    without PySide's `Qt` namespace, and the single-instance server (QtNetwork) and Start's
    due-card count (the study deck) come on the next turn."""
    marks = _launch_and_report(mini_pack)
    attached = dict(zip(marks["attached"][2::2], marks["attached"][3::2]))
    assert attached["qt_enums_at_paint"] == "0", "the content's paint built PySide6.QtCore.Qt"
    assert attached["qtnetwork_at_paint"] == "0", "the single-instance server was made before the content"
    assert attached["deck_at_paint"] == "0", "Start counted due cards before the content painted"
    assert (attached["qtnetwork_after"], attached["deck_after"]) == ("1", "1"), "the server or the due count never came"


def test_content_paints_before_the_rest_of_the_shell_which_follows_at_once(mini_pack: Path) -> None:
    """Menu items, shortcuts, picture paste, the clipboard watch and the theme watcher cost
    as much as the content; the user waits for the content, so it comes first and the rest
    on the next turn."""
    marks = _launch_and_report(mini_pack)
    attached = dict(zip(marks["attached"][2::2], marks["attached"][3::2]))
    assert attached["shell_at_paint"] == "0", "the rest of the shell was built before the content"
    assert attached["shell_after"] == "1", "menus and shortcuts never arrived"
    # The watch that warms the OCR worker imports its client and PySide's `Qt` namespace.
    assert attached["clipboard_watch_at_paint"] == "0", "the clipboard watch was built before the content"
    assert attached["clipboard_watch_after"] == "1", "the clipboard watch never started"


def test_pyside_does_not_read_the_apps_modules_as_source_lines_on_the_way(mini_pack: Path) -> None:
    """PySide's own check of each imported module splits its source into lines (~20 ms for the
    ~115 modules before the content is on screen); the app's quicker check reads no lines."""
    marks = _launch_and_report(mini_pack)
    attached = dict(zip(marks["attached"][2::2], marks["attached"][3::2]))
    assert int(attached["source_files_as_lines"]) <= 5, attached["source_files_as_lines"]


def test_no_cycle_collection_before_the_content_paints_and_collection_after(mini_pack: Path) -> None:
    """What start-up makes lives on; checking it for cycles cost ~8 ms before the content."""
    marks = _launch_and_report(mini_pack)
    attached = dict(zip(marks["attached"][2::2], marks["attached"][3::2]))
    assert attached["gc_on_at_paint"] == "0", "the cycle collector ran on the way to the content"
    assert attached["gc_on_after"] == "1", "the cycle collector was never turned back on"


def test_window_after_start_has_menus_shortcuts_and_content(qtbot, mini_pack: Path) -> None:
    from guide.core.context import build_context
    from guide.ui.shell.main_window import MainWindow

    window = MainWindow(settings=build_context(mini_pack).settings)  # the shell, as on the first frame
    qtbot.addWidget(window)
    window.show()
    assert [m.actions() for m in window._top_menus] == [[], [], []]
    window.attach(build_context(mini_pack))
    titles = [[a.text() for a in m.actions()] for m in window._top_menus]
    assert "&Quit" in titles[0] and "&Search…" in titles[1] and "&Keyboard shortcuts" in titles[2]
    window.open_walkthrough("first")
    assert window.current_page_name() == "walkthroughs"


def test_a_launch_in_the_same_instant_hands_over_to_the_first(qapp) -> None:
    first = single_instance.InstanceServer(qapp)
    raised: list[bool] = []
    first.activated.connect(lambda: raised.append(True))
    assert first.server.isListening() and single_instance.maybe_running()
    try:
        second = single_instance.InstanceServer(qapp)
        assert second.duplicate and not second.server.isListening()
        deadline = 50
        while not raised and deadline:
            QApplication.processEvents()
            QApplication.instance().thread().msleep(20)
            deadline -= 1
        assert raised, "the first instance was not asked to come forward"
    finally:
        first.server.close()
    assert not single_instance.maybe_running(), "closing the server leaves no socket file behind"
    QApplication.processEvents()


def test_a_stale_socket_from_a_crash_is_replaced(qapp) -> None:
    path = Path(single_instance.server_name())
    path.write_bytes(b"")  # what a killed process leaves behind on POSIX
    try:
        assert single_instance.maybe_running() and not single_instance.ask_running_instance(200)
        server = single_instance.InstanceServer(qapp)
        assert server.server.isListening() and not server.duplicate
        server.server.close()
    finally:
        path.unlink(missing_ok=True)


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_both_palettes_are_complete_and_readable(qapp) -> None:
    roles = {r.name for r in QPalette.ColorRole if r.name not in ("NColorRoles", "NoRole")}
    for colours in (LIGHT, DARK):
        assert roles <= set(colours) | {"Accent"}, roles - set(colours)
        palette = build_palette(colours)
        role = QPalette.ColorRole
        for fg, bg in ((role.Text, role.Base), (role.WindowText, role.Window), (role.ButtonText, role.Button),
                       (role.HighlightedText, role.Highlight), (role.ToolTipText, role.ToolTipBase)):
            assert _contrast(palette.color(fg), palette.color(bg)) >= 4.5, (fg, bg)  # WCAG AA
        disabled = palette.color(QPalette.ColorGroup.Disabled, role.Text)
        assert disabled != palette.color(role.Text), "disabled text must look disabled"


def test_stylesheet_text_on_coloured_backgrounds_is_readable() -> None:
    import re

    from guide.core.storage import paths

    named = {"white": "#ffffff"}
    checked = 0
    for sheet in paths.resources_dir().glob("style-*.qss"):
        for line in sheet.read_text(encoding="utf-8").splitlines():
            background = re.search(r"background: (#[0-9a-fA-F]{6}|white)", line)
            colour = re.search(r"[{;] color: (#[0-9a-fA-F]{6}|white)", line)
            if background and colour:
                fg, bg = (named.get(m.group(1), m.group(1)) for m in (colour, background))
                assert _contrast(QColor(fg), QColor(bg)) >= 4.5, f"{sheet.name}: {line}"
                checked += 1
    assert checked >= 6


def test_system_theme_follows_a_dark_platform_palette(qapp) -> None:
    app = QApplication.instance()
    saved = {name: app.property(name) for name in ("platformDark", "themeDark", "themeChoice")}
    try:
        for name in saved:
            app.setProperty(name, None)  # as on a fresh start, before our palette replaces the platform's
        platform = QPalette()
        platform.setColor(QPalette.ColorRole.Window, QColor("#202020"))
        app.setPalette(platform)
        apply_theme(app, "system")
        assert app.palette().color(QPalette.ColorRole.Window).name() == DARK["Window"][0]
        assert "Dark theme" in app.styleSheet()
        apply_theme(app, "light")
        assert app.palette().color(QPalette.ColorRole.Window).name() == LIGHT["Window"][0]
    finally:
        for name, value in saved.items():
            app.setProperty(name, value)
        apply_theme(app, saved["themeChoice"] or "light")


def test_closing_before_content_loads_keeps_the_users_settings(qtbot) -> None:
    from guide.core.storage.settings import SettingsStore
    from guide.ui.shell.main_window import MainWindow

    store = SettingsStore()
    settings = store.load()
    settings.last_page = "translator"
    window = MainWindow(settings=settings, settings_store=store)  # shell only: no content yet
    qtbot.addWidget(window)
    window.show()
    window.close()
    saved = store.load()
    assert saved.last_page == "translator", "Start, shown while loading, must not replace the last page"
    assert saved.window_geometry, "window size and position are saved"


def test_the_cycle_collector_comes_back_when_the_content_fails_to_attach(qtbot, mini_pack: Path, monkeypatch) -> None:
    """The start pauses the collector until the content paints; content that never paints
    (an unexpected error while attaching it) must not leave the app running without it."""
    from guide.core.storage.settings import SettingsStore
    from guide.ui.shell import app as shell_app
    from guide.ui.shell.main_window import MainWindow

    store = SettingsStore()
    window = MainWindow(settings=store.load(), settings_store=store)
    qtbot.addWidget(window)
    window.show()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("attach failed")

    monkeypatch.setattr(window, "attach", broken)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the test process's objects stay collectable
    was = gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(RuntimeError):
            shell_app._finish_start(argparse.Namespace(pack=str(mini_pack), read_screen=False), window, store)
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
