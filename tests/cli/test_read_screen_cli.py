"""`rednote-guide --read-screen` (what users bind to a system shortcut): with no guide running it
starts one that reads from the screen once its content is in; with one running it asks that one
through the single-instance channel and exits at once."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

STARTED = "single-instance server listening"
ASKED = "asked by a second launch to read from the screen"
READING = "read from screen: none"  # offscreen Qt has no screen: the flow runs and says so


class LoggedApp:
    """The app in its own process, its log lines collected as they come."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "guide", *args], env=env, stderr=subprocess.PIPE,
                                        stdout=subprocess.DEVNULL, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:  # type: ignore[union-attr]
            self.lines.put(line)

    def wait_for(self, text: str, count: int = 1, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s  # only catches hangs
        while sum(text in line for line in self.seen) < count:
            try:
                self.seen.append(self.lines.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no {text!r} in the app's log:\n{''.join(self.seen)[-3000:]}") from None

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(30)


def test_read_screen_starts_the_guide_then_asks_the_running_one(mini_pack: Path, dictionary_index: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REDNOTE_GUIDE_LOG="INFO")
    settings = Path(env["XDG_CONFIG_HOME"]) / "rednote-guide" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('{"first_run_done": true}')
    first = LoggedApp(["--pack", str(mini_pack), "--read-screen"], env)
    try:
        first.wait_for(STARTED)
        first.wait_for(READING)  # no guide was running: this one started and read from the screen
        second = subprocess.run([sys.executable, "-m", "guide", "--read-screen"], env=env, capture_output=True,
                                text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "already running; asked it to read from the screen" in second.stderr
        first.wait_for(ASKED)
        first.wait_for(READING, count=2)
    finally:
        assert first.stop() == 0
