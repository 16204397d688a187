"""Used only by benchmarks/run.py: print when the window is on screen, with memory, then quit."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def rss_mb() -> float:
    """Resident memory of this process in MiB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def first_frame_costs(suffix: str = "") -> str:
    """Which known-expensive things were paid for so far (1) or left for later (0): PySide's
    `Qt` enum namespace (~10-20 ms), QtNetwork (~8 ms: the single-instance server), the text
    browser and message box types (~7 ms) and the study deck (~10 ms: the due-card count).
    Start-up tests read this at the first frame and when the content has painted."""
    import sys

    import PySide6.QtCore
    import PySide6.QtWidgets

    costs = {
        "qt_enums": "Qt" in vars(PySide6.QtCore),
        "qtnetwork": "PySide6.QtNetwork" in sys.modules,
        "text_browser": any(name in vars(PySide6.QtWidgets) for name in ("QTextBrowser", "QMessageBox")),  # made on first use
        "deck": "guide.core.study.deck" in sys.modules,
    }
    return " ".join(f"{name}{suffix} {int(paid)}" for name, paid in costs.items())


def _source_read_as_lines() -> str:
    """How many module files were split into lines so far: PySide's own check of each module
    imported after it does that (see guide/ui/shell/pyside_module_check.py); ours does not."""
    import linecache

    return f"source_files_as_lines {len(linecache.cache)}"


def _cycle_collections(when: str) -> str:
    """Collections of the cycle collector so far, and whether it runs now."""
    import gc

    done = sum(generation["collections"] for generation in gc.get_stats())
    return f"gc_collections_{when} {done} gc_on_{when} {int(gc.isenabled())}"


def _clipboard_watch(when: str) -> str:
    """Whether the OCR pre-warm's clipboard watch (and so its imports) exists yet."""
    import sys

    return f"clipboard_watch_{when} {int('guide.ui.screenshot.warmup' in sys.modules)}"


def report_shown(window: QWidget) -> None:
    """Print when the shell window has been shown and painted."""
    QTimer.singleShot(0, lambda: print(f"shown {time.time():.6f} rss_mb {rss_mb():.1f} {first_frame_costs()}", flush=True))


def report_attached_and_quit(window: QWidget) -> None:
    """Print when content is attached and painted, with the memory once the start is over
    (optionally after loading the dictionary), then quit.

    The time is taken at the next turn of the loop after a forced layout and paint of the
    whole window, so the content is on screen by then whatever order Qt takes its events in;
    the memory a turn later, after the shell work the app schedules after its content."""
    app = QApplication.instance()

    def painted() -> None:
        from PySide6.QtCore import QEvent

        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)  # layouts the content asked for, only
        window.repaint()
        attached = time.time()
        at_paint = (f"shell_at_paint {int(window.shell_finished)} {_clipboard_watch('at_paint')} "  # type: ignore[attr-defined]
                    f"{_cycle_collections('at_paint')} "
                    f"{first_frame_costs('_at_paint')}")
        QTimer.singleShot(0, lambda: done(attached, at_paint))

    def done(attached: float, at_paint: str) -> None:
        shell_now = int(window.shell_finished)  # type: ignore[attr-defined]
        print(f"attached {attached:.6f} rss_mb {rss_mb():.1f} {at_paint} shell_after {shell_now} "
              f"{_clipboard_watch('after')} {first_frame_costs('_after')} {_source_read_as_lines()} "
              f"{_cycle_collections('after')}", flush=True)
        try:
            if os.environ.get("REDNOTE_GUIDE_BENCH_DICT"):
                from guide.core.translate.dictionary_loader import (
                    load_dictionary,  # as the translator would
                )
                from guide.core.translate.gloss import Glosser

                load_dictionary()
                Glosser(None).gloss("今天天气很好，强烈推荐这家火锅店")  # a real first breakdown
                print(f"dict rss_mb {rss_mb():.1f}", flush=True)
        finally:
            app.quit()

    QTimer.singleShot(0, painted)
