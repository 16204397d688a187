"""Close the window properly on SIGTERM (logout, shutdown, `kill`) and Ctrl+C in a terminal,
and leave promptly once it has closed.

Without the first the process dies on the spot: the window size, last page and theme are
not saved and the single-instance socket is left behind. Python runs signal handlers only
when it gets control, and Qt's event loop keeps it in C++, so the signal is also written
to a socket that Qt watches; that wakes the loop and the handler runs at once.

Closing the window tells its background jobs to give up (sockets shut, the OCR worker and
an index build killed) and waits for none of them. `leave_when_jobs_end` then gives them a
moment, out of sight: Python must not shut down under a thread still running Python (it
can crash), and Qt's thread pools would otherwise wait for them however long they take.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time

from PySide6.QtCore import QSocketNotifier, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def close_window_on_signals(window: QWidget) -> None:
    """POSIX only; elsewhere the platform's own session handling closes the window."""
    if os.name != "posix":
        return
    # A pipe, not socket.socketpair(): importing socket costs ~2.5 ms, and this runs before
    # the first frame (a logout at any moment after the window exists must close it properly).
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    signal.set_wakeup_fd(writer)

    def on_signal(signum: int, _frame: object) -> None:
        log.info("closing on %s", signal.Signals(signum).name)
        # Not window.close() here: a signal that lands before app.exec() would close the
        # last window while no event loop runs, Qt ignores the quit, and exec() then waits
        # forever. A zero timer closes it on the loop's first turn, or at once if it runs.
        QTimer.singleShot(0, window.close)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, on_signal)
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, window)
    notifier.activated.connect(lambda *_: _drain(reader))
    window._signal_wakeup = (reader, writer, notifier)  # type: ignore[attr-defined]


def _drain(reader: int) -> None:
    try:
        while os.read(reader, 64):
            pass
    except BlockingIOError:
        pass


JOBS_GRACE_SECONDS = 1.0  # a job told to give up ends in milliseconds; a picture decode in a fraction of a second


def leave_when_jobs_end(window: QWidget, code: int) -> int:
    """After the window has closed: `code` once every thread pool is idle; if a job is still
    running after JOBS_GRACE_SECONDS, the process ends at once without it (what the user made
    was saved when the window closed)."""
    deadline = time.monotonic() + JOBS_GRACE_SECONDS
    pools = [QThreadPool.globalInstance(), *window.findChildren(QThreadPool)]  # first: a kept card's picture
    for pool in pools:
        if not pool.waitForDone(max(0, round((deadline - time.monotonic()) * 1000))):
            log.warning("a background job did not end within %.1f s of closing; leaving without it", JOBS_GRACE_SECONDS)
            logging.shutdown()
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
            os._exit(code)
    return code
