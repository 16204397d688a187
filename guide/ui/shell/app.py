"""Start the GUI: one QApplication, theme, fonts, the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from guide import APP_NAME, __version__

log = logging.getLogger(__name__)


_QUIET = ("propagateSizeHints",)
ALREADY_RUNNING = "rednote-guide is already running; brought its window to the front."
ASKED_TO_READ = "rednote-guide is already running; asked it to read from the screen."


def finish_application(app: QApplication) -> None:
    """What the first frame does not need, so a normal start does it after that frame:
    Qt's own messages into logging (minus known offscreen noise), the app icon, and
    following the desktop's light/dark changes."""
    route_qt_messages()
    _icon_and_system_theme(app)


def route_qt_messages() -> None:
    """Qt's own messages into logging, minus known offscreen noise."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, context: object, message: str) -> None:
        if any(noise in message for noise in _QUIET):
            return
        level = logging.DEBUG if mode == QtMsgType.QtDebugMsg else logging.WARNING
        logging.getLogger("qt").log(level, message)

    qInstallMessageHandler(handler)


def _icon_and_system_theme(app: QApplication) -> None:
    """The app icon and following the desktop's light/dark changes. The latter builds PySide's
    `Qt` enum namespace (~10 ms), which the Start page does not need."""
    from PySide6.QtGui import QIcon

    from guide.core.storage import paths
    from guide.ui.shell.theme import follow_system

    app.setWindowIcon(QIcon(str(paths.resources_dir() / "rednote-guide.svg")))
    follow_system(app)


def make_application(argv: list[str] | None = None, *, finish_now: bool = True) -> QApplication:
    """The QApplication, always in the Fusion style our stylesheets are written for.

    A new one gets Fusion from its command line: `setStyle()` would hand Python a QStyle
    object, and PySide spends ~4 ms building that class's enums before the first paint."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([*(argv or sys.argv[:1]), "-style", "Fusion"])
    elif app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("rednote-guide")
    app.setDesktopFileName("rednote-guide")
    if finish_now:
        finish_application(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def build_window(args: argparse.Namespace, app: QApplication):  # noqa: ANN201 - avoids importing MainWindow early
    """Window with content attached (for --screenshot and tests: everything ready at once)."""
    from guide.core.context import build_context
    from guide.ui.shell.main_window import MainWindow
    from guide.ui.shell.theme import apply_theme

    context = build_context(Path(args.pack) if args.pack else None)
    apply_theme(app, getattr(args, "theme", None) or context.settings.theme)
    return MainWindow(context)


def run_app(args: argparse.Namespace) -> int:
    level = os.environ.get("REDNOTE_GUIDE_LOG", "WARNING").upper()
    logging.basicConfig(level=getattr(logging, level, logging.WARNING), format="%(levelname)s %(name)s: %(message)s")
    if args.pack and not (Path(args.pack) / "pack.yaml").is_file():
        print(f"rednote-guide: {args.pack} is not a content pack (no pack.yaml)", file=sys.stderr)
        return 2
    app = make_application(finish_now=False)
    from guide.ui.shell import single_instance

    read_screen = bool(getattr(args, "read_screen", False))
    message = single_instance.READ_SCREEN if read_screen else single_instance.MESSAGE
    if single_instance.maybe_running() and single_instance.ask_running_instance(message=message):
        print(ASKED_TO_READ if read_screen else ALREADY_RUNNING, file=sys.stderr)
        return 0

    # The shell needs only settings; content, user data and fonts load right after it is up.
    from guide.core.storage.settings import SettingsStore
    from guide.ui.shell.main_window import MainWindow
    from guide.ui.shell.theme import apply_theme

    settings_store = SettingsStore()
    settings = settings_store.load()
    apply_theme(app, getattr(args, "theme", None) or settings.theme)
    window = MainWindow(settings=settings, settings_store=settings_store)
    # Before the window exists on screen, so a logout at any moment after this closes it
    # properly (and before "listening" is announced: tests and other launches rely on that).
    from guide.ui.shell.clean_exit import close_window_on_signals, leave_when_jobs_end

    close_window_on_signals(window)
    window.show()
    log.info("window shown")
    if os.environ.get("REDNOTE_GUIDE_BENCH_SHOWN"):  # benchmarks/run.py
        from guide.ui.shell.bench_hook import report_shown

        report_shown(window)
    QTimer.singleShot(0, lambda: _finish_start(args, window, settings_store))
    return leave_when_jobs_end(window, app.exec())


def _finish_start(args: argparse.Namespace, window, settings_store) -> None:  # noqa: ANN001
    """After the first paint: load content and user data into the window, and only then
    (next turn of the loop, once the content has painted) the rest: listening for later
    launches, menu items, shortcuts, picture paste and drop, the clipboard watch that warms
    the OCR worker, the due-card count, icon, following the theme.

    That order matters: the rest costs as much as reading the content from its cache (PySide
    builds Python enums for every Qt class it meets, and the application-wide paste/drop
    filter meets many; the listening socket imports QtNetwork), and the content is what the
    user is waiting for. A second launch in those few milliseconds finds nobody listening,
    starts, and then quits when it finds this one (`InstanceServer.duplicate`)."""
    from guide.core.context import build_context

    app = QApplication.instance()
    if not window.isVisible():  # closed (e.g. SIGTERM) before this first turn of the loop
        return
    route_qt_messages()
    try:
        context = build_context(Path(args.pack) if args.pack else None, settings_store=settings_store,
                                settings=window.settings)
        window.attach(context, shell_later=True)
    except BaseException:
        collect_from_now_on()  # no content will paint to turn it on: the app must not run without it
        raise
    bench = bool(os.environ.get("REDNOTE_GUIDE_BENCH_SHOWN"))
    if bench:  # benchmarks/run.py: its time is taken before the rest below, its memory after
        from guide.ui.shell.bench_hook import report_attached_and_quit

        report_attached_and_quit(window)
    QTimer.singleShot(0, lambda: _after_content(args, window, app, welcome=not bench))


def _listen_for_later_launches(args: argparse.Namespace, window, app: QApplication) -> bool:  # noqa: ANN001
    """False when another launch in the same instant was listening first: it has been raised
    (or asked to read the screen), and this one quits."""
    from guide.ui.shell import single_instance
    from guide.ui.shell.single_instance import InstanceServer

    read_screen = bool(getattr(args, "read_screen", False))
    server = InstanceServer(app, single_instance.READ_SCREEN if read_screen else single_instance.MESSAGE)
    if server.duplicate:
        print(ASKED_TO_READ if read_screen else ALREADY_RUNNING, file=sys.stderr)
        window.hide()
        app.quit()
        return False
    server.activated.connect(window.bring_to_front)
    server.readScreen.connect(window.read_from_screen)
    window.instance_server = server  # lives as long as the window
    return True


def collect_from_now_on() -> None:
    """Turn the cycle collector back on once the content has painted (it is paused for the
    start: guide/program.py). What start-up made lives as long as the app, so it is set aside
    for good (`gc.freeze`) rather than checked in one long first collection."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _after_content(args: argparse.Namespace, window, app: QApplication, welcome: bool) -> None:  # noqa: ANN001
    collect_from_now_on()
    if not window.isVisible() or not _listen_for_later_launches(args, window, app):
        return
    _icon_and_system_theme(app)
    window.finish_after_content()
    if not welcome:
        return
    context = window.context
    if not context.settings.first_run_done:
        from guide.ui.shell.dialogs import WelcomeDialog

        dialog = WelcomeDialog(context.settings.offline_only, window)
        dialog.exec()
        context.settings.offline_only = dialog.offline.isChecked()
        context.settings.first_run_done = True
        context.save_settings()
    if getattr(args, "read_screen", False):  # `rednote-guide --read-screen` with no guide running yet
        window.read_from_screen()
