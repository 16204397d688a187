"""How long the window was frozen: the longest gap between ticks of a 10 ms timer on the UI
thread (the red-team report's measure). Ticks only come while the event loop runs, so a
picture decoded, encoded or copied on the UI thread shows up as one long gap."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer


class Heartbeat:
    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.longest_ms = 0
        self._last = 0

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest_ms = max(self.longest_ms, now - self._last)
        self._last = now

    def __enter__(self) -> Heartbeat:
        self.clock.start()
        self._last = 0
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._tick()
        self.timer.stop()
