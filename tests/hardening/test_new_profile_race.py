"""Several processes starting at once on a new profile: none may take another's fresh
database for damage (the schema is created atomically) and no row is lost."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

OPENER = """
import sys, time
from pathlib import Path
from guide.core.storage.userdata import UserData
from guide.core.translate.history import History
go, base, count, me = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
while not go.exists():
    time.sleep(0.002)
for n in range(count):
    data = UserData("p", base / str(n))
    data.set_favourite(f"{me}-{n}", True)
    history = History(base / str(n))
    history.add(f"{me} 第{n}句", "x", "zh", "en", "test")
    for notice in data.notices + history.notices:
        print(notice, flush=True)
    data.close()
    history.close()
"""


def test_processes_racing_on_new_profiles_keep_every_row(tmp_path: Path) -> None:
    processes, profiles = 4, 25
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(go), str(tmp_path), str(profiles), f"p{i}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(processes)]
    time.sleep(0.5)  # all interpreters up and waiting (a late one only races less)
    go.touch()
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    assert [out for out, _ in outputs if out] == [], "no notice: nothing was damaged"
    from guide.core.storage.userdata import UserData
    from guide.core.translate.history import History

    for n in range(profiles):
        folder = tmp_path / str(n)
        assert not list(folder.glob("*.corrupt-*")), f"profile {n}: a healthy database was moved aside"
        data = UserData("p", folder)
        assert set(data.favourites()) == {f"p{i}-{n}" for i in range(processes)}
        data.close()
        history = History(folder)
        assert {item.source for item in history.recent()} == {f"p{i} 第{n}句" for i in range(processes)}
        history.close()
