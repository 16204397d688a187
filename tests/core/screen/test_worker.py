"""The OCR worker process: a crash or kill mid-read is a clear message and the next read
starts a fresh worker; Cancel stops a read; an idle worker exits and comes back; and the
worker opens no network connection (traced at the system-call level, not just Python's)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from guide.core.screen.ocr_client import OcrCancelled, OcrClient, OcrFailed, worker_env


def picture(folder: Path) -> Path:
    path = folder / "white.png"
    Image.new("RGB", (300, 200), "white").save(path)
    return path


def wait_for(condition, seconds: float = 30.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


@pytest.fixture
def debug_client():  # noqa: ANN201
    client = OcrClient(extra_env={"GUIDE_OCR_DEBUG": "1"})
    yield client
    client.close()


def read_in_thread(client: OcrClient, path: Path, sleep: float) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = client.read(path, debug_sleep=sleep)
        except Exception as exc:  # noqa: BLE001
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_killed_mid_read_gives_a_message_and_the_next_read_starts_fresh(debug_client: OcrClient, tmp_path: Path) -> None:
    path = picture(tmp_path)
    debug_client.read(path)
    first_pid = debug_client.pid
    thread, outcome = read_in_thread(debug_client, path, sleep=30)
    wait_for(lambda: debug_client._lock.locked())
    time.sleep(0.2)
    os.kill(first_pid, signal.SIGKILL)
    thread.join(30)
    error = outcome.get("error")
    assert isinstance(error, OcrFailed), outcome
    assert "stopped" in str(error) and "signal 9" in str(error) and "fresh" in str(error)
    assert debug_client.read(path).width == 300
    assert debug_client.pid not in (None, first_pid) and debug_client.starts == 2


def test_cancel_stops_a_read_at_once(debug_client: OcrClient, tmp_path: Path) -> None:
    path = picture(tmp_path)
    debug_client.read(path)
    thread, outcome = read_in_thread(debug_client, path, sleep=30)
    wait_for(lambda: debug_client._lock.locked())
    time.sleep(0.2)
    debug_client.cancel()
    thread.join(10)
    assert not thread.is_alive() and isinstance(outcome.get("error"), OcrCancelled)
    assert debug_client.read(path).height == 200


def test_an_idle_worker_exits_and_the_next_read_starts_another(tmp_path: Path) -> None:
    client = OcrClient(idle_seconds=3)
    try:
        path = picture(tmp_path)
        client.read(path)
        process = client._worker.process
        process.wait(timeout=30)  # it leaves by itself
        assert process.returncode == 0
        assert client.read(path).width == 300 and client.starts == 2
    finally:
        client.close()


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (apt-get install strace)")
def test_the_worker_opens_no_network_connection(tmp_path: Path) -> None:
    """Every connect() and send to an address by the worker and its threads, from Python or
    native code, is traced: none may be to an internet address. Also: onnxruntime writes nothing under ~/.cache/Microsoft."""
    from helpers import screens

    image = screens.save(screens.clean(seed=2), tmp_path / "shot.png")
    trace = tmp_path / "connect.trace"
    home = tmp_path / "home"
    home.mkdir()
    env = worker_env({"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", str(trace),
               sys.executable, "-m", "guide.core.screen.ocr_worker", "--idle", "60"]
    request = json.dumps({"id": 1, "op": "read", "path": str(image)}) + "\n"
    done = subprocess.run(command, input=request, capture_output=True, text=True, env=env, timeout=120, check=False)
    if "ptrace" in done.stderr and "Operation not permitted" in done.stderr:
        pytest.skip("ptrace is not permitted here")
    answers = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert answers[0]["ready"] is True and answers[1]["ok"] is True and answers[1]["lines"], done.stderr[-2000:]
    calls = trace.read_text().splitlines()
    assert not [line for line in calls if "AF_INET" in line], calls  # AF_INET and AF_INET6
    # The same trace does see a connection when there is one (to a port on this machine):
    control = tmp_path / "control.trace"
    probe = "import socket\ns = socket.socket()\ntry:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\n"
    subprocess.run(command[:command.index("-o") + 1] + [str(control), sys.executable, "-c", probe],
                   capture_output=True, timeout=60, check=False)
    assert "AF_INET" in control.read_text()
    assert not (home / ".cache" / "Microsoft").exists() and not (home / ".cache" / "microsoft").exists()


def test_an_engine_that_cannot_start_is_a_clear_message(tmp_path: Path) -> None:
    """A broken install (here: a rapidocr without its models) must not hang or crash the app."""
    fake = tmp_path / "site" / "rapidocr"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('broken install')\n")
    pythonpath = os.pathsep.join([str(tmp_path / "site"), os.environ.get("PYTHONPATH", "")])
    client = OcrClient(extra_env={"PYTHONPATH": pythonpath})
    try:
        with pytest.raises(OcrFailed, match="could not start.*missing"):
            client.read(picture(tmp_path))
        assert client.pid is None
    finally:
        client.close()


def test_the_worker_leaves_by_itself_when_the_app_goes_away(tmp_path: Path) -> None:
    """The app's end closes the worker's stdin (also when the app is killed): it exits, unkilled."""
    client = OcrClient()
    client.read(picture(tmp_path))
    process = client._worker.process
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    client.close()


def test_a_worker_that_dies_while_starting_is_a_clear_message(tmp_path: Path) -> None:
    fake = tmp_path / "site" / "rapidocr"
    (fake / "models").mkdir(parents=True)
    for name in ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx"):
        (fake / "models" / name).write_bytes(b"")
    (fake / "__init__.py").write_text("import os\nos._exit(3)\n")
    pythonpath = os.pathsep.join([str(tmp_path / "site"), os.environ.get("PYTHONPATH", "")])
    client = OcrClient(extra_env={"PYTHONPATH": pythonpath}, log_path=tmp_path / "worker.log")
    try:
        with pytest.raises(OcrFailed, match="could not start.*exit code 3.*worker.log"):
            client.read(picture(tmp_path))
        with pytest.raises(OcrFailed):
            client.ping()
    finally:
        client.close()
