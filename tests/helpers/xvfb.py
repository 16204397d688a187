"""A private X server for tests that need a real desktop (Read from screen): Xvfb with two
monitors set by `xrandr --setmonitor`, a secondary LEFT of the primary, as in the measured run
of reference/screen-capture.md.

Xvfb runs with -noreset: without it the server resets when its last client leaves, and the
monitors set by xrandr vanish before the app connects.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# LEFT 1000×900 at 0,0 (not primary); RIGHT 1600×900 at 1000,0 (primary: it takes the output).
WIDTH, HEIGHT = 2600, 900
MONITORS = (("LEFT", "1000/260x900/230+0+0", "none"), ("RIGHT", "1600/420x900/230+1000+0", "screen"))
FIRST_DISPLAY = 170  # above the numbers people pick by hand; lock files tell which are taken


def missing_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "xrandr") if shutil.which(tool) is None]


def _free_display() -> int:
    for number in range(FIRST_DISPLAY, FIRST_DISPLAY + 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


@contextmanager
def two_monitor_display() -> Iterator[str]:
    """Yields a DISPLAY value (":N") with the LEFT and RIGHT monitors set."""
    for _attempt in range(5):
        number = int(os.environ.get("GUIDE_TEST_X_DISPLAY", "") or _free_display())
        server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp",
                                   "-noreset"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 20
        while server.poll() is None and not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        if server.poll() is None and socket.exists():
            break
        server.kill()
        server.wait()
    else:
        raise RuntimeError(f"Xvfb did not start: {server.stderr.read().decode(errors='replace')[-500:]}")  # type: ignore[union-attr]
    display = f":{number}"
    env = dict(os.environ, DISPLAY=display)
    try:
        for name, geometry, output in MONITORS:
            subprocess.run(["xrandr", "--setmonitor", name, geometry, output], env=env, check=True,
                           capture_output=True, timeout=30)
        yield display
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr is not None:
            server.stderr.close()
