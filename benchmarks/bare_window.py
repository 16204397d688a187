"""The floor for start-up: a bare PySide6 window, shown, measured the same way as the app."""

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1180, 780)
window.show()


def done() -> None:
    from guide.ui.shell.bench_hook import rss_mb

    stamp = f"{time.time():.6f} rss_mb {rss_mb():.1f}"
    print(f"shown {stamp}\nattached {stamp}", flush=True)
    app.quit()


QTimer.singleShot(0, done)
app.exec()
