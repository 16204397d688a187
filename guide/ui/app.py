"""Start the GUI: one QApplication, theme, fonts, the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from guide import APP_NAME, __version__

log = logging.getLogger(__name__)


_QUIET = ("propagateSizeHints",)


def _qt_messages(mode: QtMsgType, context: object, message: str) -> None:
    """Route Qt's own messages into logging, minus known harmless offscreen noise."""
    if any(noise in message for noise in _QUIET):
        return
    level = logging.DEBUG if mode == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("qt").log(level, message)


def make_application(argv: list[str] | None = None) -> QApplication:
    qInstallMessageHandler(_qt_messages)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("rednote-guide")
    app.setDesktopFileName("rednote-guide")
    from PySide6.QtGui import QIcon

    from guide.core import paths

    app.setWindowIcon(QIcon(str(paths.resources_dir() / "rednote-guide.svg")))
    return app  # type: ignore[return-value]


def build_window(args: argparse.Namespace, app: QApplication):  # noqa: ANN201 - avoids importing MainWindow early
    """Window with content attached (for --screenshot and tests: everything ready at once)."""
    from guide.core.context import build_context
    from guide.ui.main_window import MainWindow
    from guide.ui.theme import apply_theme

    context = build_context(Path(args.pack) if args.pack else None)
    apply_theme(app, getattr(args, "theme", None) or context.settings.theme)
    return MainWindow(context)


def run_app(args: argparse.Namespace) -> int:
    level = os.environ.get("REDNOTE_GUIDE_LOG", "WARNING").upper()
    logging.basicConfig(level=getattr(logging, level, logging.WARNING), format="%(levelname)s %(name)s: %(message)s")
    if args.pack and not (Path(args.pack) / "pack.yaml").is_file():
        print(f"rednote-guide: {args.pack} is not a content pack (no pack.yaml)", file=sys.stderr)
        return 2
    app = make_application()
    from guide.ui.single_instance import InstanceServer, ask_running_instance

    if ask_running_instance():
        print("rednote-guide is already running; brought its window to the front.", file=sys.stderr)
        return 0
    server = InstanceServer(app)

    # The shell needs only settings; content, user data and fonts load right after it is up.
    from guide.core.settings import SettingsStore
    from guide.ui.main_window import MainWindow
    from guide.ui.theme import apply_theme

    settings_store = SettingsStore()
    settings = settings_store.load()
    apply_theme(app, getattr(args, "theme", None) or settings.theme)
    window = MainWindow(settings=settings)
    server.activated.connect(window.bring_to_front)
    window.show()
    if os.environ.get("REDNOTE_GUIDE_BENCH_SHOWN"):  # benchmarks/run.py
        from guide.ui.bench_hook import report_shown

        report_shown(window)
    QTimer.singleShot(0, lambda: _finish_start(args, window, settings_store))
    return app.exec()


def _finish_start(args: argparse.Namespace, window, settings_store) -> None:  # noqa: ANN001
    from guide.core.context import build_context

    context = build_context(Path(args.pack) if args.pack else None, settings_store=settings_store, settings=window.settings)
    window.attach(context)
    if os.environ.get("REDNOTE_GUIDE_BENCH_SHOWN"):  # benchmarks/run.py: first screen complete
        from guide.ui.bench_hook import report_attached_and_quit

        report_attached_and_quit(window)
        return
    if not context.settings.first_run_done:
        from guide.ui.dialogs import WelcomeDialog

        welcome = WelcomeDialog(context.settings.offline_only, window)
        welcome.exec()
        context.settings.offline_only = welcome.offline.isChecked()
        context.settings.first_run_done = True
        context.save_settings()
