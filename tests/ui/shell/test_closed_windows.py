"""What a closed window leaves behind never disturbs the windows still open: the progress file's
notices go to the open window only, and View → Theme beside the leftovers of a closed window on
since-closed data finishes at once, in bounded memory.

The second came from the whole tests/ui/walkthroughs run: a window of an earlier test, not yet
deleted, re-read the progress file of its closed data on the theme switch; the notice went to a
deleted window and raised inside Qt's restyle, and PySide repeated that error into every later
event until 24 GB were gone. It runs in a child process with an address-space limit, so a
regression fails here instead of taking the machine down."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap

from helpers.qt_windows import delete_closed_windows

from guide.core.context import build_context
from guide.ui.shell.main_window import MainWindow

MEMORY_LIMIT = 2_500_000_000  # bytes of address space: PySide and Qt take ~1 GB, the fault took 24 GB

LEFTOVERS = textwrap.dedent("""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication
    from guide.core.context import build_context
    from guide.ui.shell.main_window import MainWindow
    from guide.ui.shell.theme import apply_theme

    app = QApplication([])
    apply_theme(app, "light")
    context = build_context(None)
    deleted, left = MainWindow(context), MainWindow(context)  # as two tests on one module's data leave them
    left.show()
    left.show_page("walkthroughs")
    app.processEvents()
    deleted.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    context.userdata.close()
    for theme in ("dark", "light"):
        apply_theme(app, theme)
        app.processEvents()
    print("switched")
""")


def test_the_progress_files_notices_reach_the_open_window_not_a_closed_one(qtbot) -> None:  # noqa: ANN001
    context = build_context(None)
    closed, still_open = MainWindow(context), MainWindow(context)
    qtbot.addWidget(still_open)
    closed.close()
    closed.deleteLater()
    delete_closed_windows()
    path = context.userdata.directory / context.userdata.FILE_NAME
    path.unlink()  # deleted while the app runs: the next save writes it again and says so
    walkthrough = context.pack.walkthroughs[0]
    context.userdata.set_step(walkthrough.id, walkthrough.steps[0].id)
    assert "was deleted" in " ".join(still_open.notices.messages)
    assert path.exists()
    context.userdata.close()


def test_a_theme_switch_beside_a_closed_windows_leftovers_finishes_in_bounded_memory() -> None:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # XDG_* are this test's own folders
    result = subprocess.run([sys.executable, "-c", LEFTOVERS], env=env, capture_output=True, text=True,
                            timeout=120, preexec_fn=limit_memory)
    assert "Error calling Python override" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0 and "switched" in result.stdout, (result.returncode, result.stderr[-2000:])
