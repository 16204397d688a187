"""Progress and favourites survive the app being killed in the middle of writing."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide.core.storage.userdata import UserData

WRITER = """
import sys
from pathlib import Path
from guide.core.storage.userdata import UserData
data = UserData("p", Path(sys.argv[1]))
n = 0
while True:
    data.set_favourite(f"phrase {n}", True)
    data.set_step("walk", f"step {n}")
    print(n, flush=True)  # printed only after both writes committed
    n += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("delay", [0.15, 0.3, 0.6])
def test_kill_mid_write_keeps_every_committed_write(tmp_path: Path, delay: float) -> None:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    committed = -1
    deadline = time.monotonic() + 20
    while committed < 20 and time.monotonic() < deadline:  # let it get going
        committed = int(proc.stdout.readline())
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=10)
    lines = out.split()
    committed = int(lines[-1]) if lines else committed

    data = UserData("p", tmp_path)
    assert data.notices == [], "a kill must not damage the database"
    favourites = set(data.favourites())
    assert {f"phrase {n}" for n in range(committed + 1)} <= favourites
    step = data.progress("walk").step
    assert int(step.split()[1]) >= committed
