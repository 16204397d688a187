"""Talks to the OCR worker process (guide/core/screen/ocr_worker.py) over stdin/stdout.

The app's own process never imports onnxruntime: it starts the worker on the first read
(or earlier: `warm()`, when a screenshot is likely to come), keeps it warm between reads (the
worker exits by itself after a while idle), and turns a killed or crashed worker into a clear
`OcrFailed`; the next read starts a fresh worker. One read at a time; `cancel()` from any
thread stops the one in flight (by ending the worker: native OCR cannot be interrupted
otherwise) and any read still waiting its turn. `read(..., on_lines=...)` hears the lines as
they are recognised, before the whole answer.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from guide.core.screen.image_check import BadImage

log = logging.getLogger(__name__)

INSTALL_HINT = 'pip install "rednote-guide[ocr]"'
IDLE_SECONDS = 180.0
START_TIMEOUT = 60.0
READ_TIMEOUT = 120.0
# What the app takes from the worker (or from a kept .ocr.json), far above any real screen: a
# broken or stand-in worker sent a 600 MiB line (1.8 GB in the app) and 100,000 boxes (a minute
# of grouping). A 2000-px picture holds a few hundred lines of at most ~250 characters.
MAX_ANSWER_BYTES = 8 * 1024 * 1024
MAX_LINES = 2000
MAX_LINE_CHARS = 500
WORKER_COMMAND = [sys.executable, "-m", "guide.core.screen.ocr_worker"]  # tests put a stand-in here


class OcrUnavailable(RuntimeError):
    """The [ocr] extra is not installed; the message says how to install it."""


class OcrFailed(RuntimeError):
    """The worker died, hung or could not start; the message is for the user."""


class OcrCancelled(RuntimeError):
    """`cancel()` was called while this read was running."""


def ocr_available() -> bool:
    """True when rapidocr and onnxruntime are installed (checked without importing them)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "PIL"))
    except (ImportError, ValueError):
        return False


def unavailable_message() -> str:
    return f"Reading screenshots needs the optional OCR engine (about 350 MB): {INSTALL_HINT}"


@dataclass(frozen=True)
class RawLine:
    """One text box as the OCR engine found it: four corner points, pixels."""

    text: str
    points: tuple[tuple[float, float], ...]
    score: float


@dataclass
class OcrOutput:
    width: int
    height: int
    lines: list[RawLine] = field(default_factory=list)
    seconds: float = 0.0  # inside the worker: decode + OCR
    peak_rss_kb: int = 0  # the worker's peak resident memory so far
    cold: bool = False  # this read started the worker


def output_to_json(output: OcrOutput) -> dict[str, Any]:
    return {"width": output.width, "height": output.height, "seconds": output.seconds,
            "lines": [{"text": line.text, "points": [list(p) for p in line.points], "score": line.score}
                      for line in output.lines]}


def lines_from_json(items: list[dict[str, Any]]) -> list[RawLine]:
    """Raises KeyError, TypeError or ValueError for anything malformed, or more than any
    screen holds (over MAX_LINES lines, a line over MAX_LINE_CHARS, a box not of 4 corners)."""
    if len(items) > MAX_LINES:
        raise ValueError(f"{len(items)} lines, more than any screen holds ({MAX_LINES})")
    lines = []
    for item in items:
        text, points = str(item["text"]), item["points"]
        if len(text) > MAX_LINE_CHARS or len(points) != 4:
            raise ValueError(f"a line of {len(text)} characters with {len(points)} corners")
        lines.append(RawLine(text, tuple((float(x), float(y)) for x, y in points), float(item["score"])))
    return lines


def output_from_json(data: dict[str, Any]) -> OcrOutput:
    """Raises KeyError, TypeError or ValueError for anything malformed."""
    return OcrOutput(int(data["width"]), int(data["height"]), lines_from_json(data["lines"]),
                     float(data.get("seconds", 0.0)))


def worker_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["ORT_DISABLE_TELEMETRY"] = "1"  # before onnxruntime is imported, in the worker
    env["OMP_NUM_THREADS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


class _Worker:
    """One running worker process and the thread that reads its answers."""

    def __init__(self, idle_seconds: float, env: dict[str, str], log_path: Path | None) -> None:
        stderr: IO[bytes] | int = subprocess.DEVNULL
        self._log = None
        if log_path is not None:
            try:
                log_path.parent.mkdir(parents=True, exist_ok=True)
                self._log = log_path.open("wb")
                stderr = self._log
            except OSError:
                self._log = None
        self.process = subprocess.Popen(
            [*WORKER_COMMAND, "--idle", str(idle_seconds)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env)
        self.answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.broken = ""  # why the app stopped it, when it did
        self.ready = False
        self.last_used = time.monotonic()
        threading.Thread(target=self._pump, name="ocr-worker-reader", daemon=True).start()

    def _pump(self) -> None:
        """Answers, one JSON object a line, each at most MAX_ANSWER_BYTES: a longer one stops
        the worker (it is broken), instead of growing the app until it ends."""
        assert self.process.stdout is not None
        try:
            while raw := self.process.stdout.readline(MAX_ANSWER_BYTES + 1):
                if len(raw) > MAX_ANSWER_BYTES:
                    self.broken = f"it sent an answer over {MAX_ANSWER_BYTES // 2**20} MiB, far more than any picture holds"
                    log.warning("OCR worker stopped: %s", self.broken)
                    self.process.kill()
                    break
                try:
                    self.answers.put(json.loads(raw.decode("utf-8")))
                except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                    log.warning("OCR worker wrote a line that is not JSON: %r", raw[:200])
        except (OSError, ValueError):  # the pipe was closed under us by kill()
            pass
        self.answers.put(None)  # end of output: the process is ending

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
        self.process.stdin.flush()

    def kill(self) -> None:
        if self.alive():
            try:
                self.process.kill()
            except OSError:
                pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            log.warning("OCR worker %s did not end after kill", self.pid)
        self._close_files()

    def stop(self) -> None:
        """Ask nicely (close stdin), then kill."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def _close_files(self) -> None:
        for handle in (self.process.stdin, self.process.stdout, self._log):
            try:
                if handle is not None:
                    handle.close()
            except OSError:
                pass

    def describe_exit(self) -> str:
        if self.broken:
            return self.broken
        code = self.process.poll()
        if code is None:
            return "it stopped answering"
        if code < 0:
            return f"it was stopped by signal {-code}"
        return f"it ended with exit code {code}"


class OcrClient:
    """Reads screenshots in the worker process. Thread-safe: one read at a time."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS, read_timeout: float = READ_TIMEOUT,
                 extra_env: Mapping[str, str] | None = None, log_path: Path | None = None) -> None:
        self.idle_seconds = idle_seconds
        self.read_timeout = read_timeout
        self.extra_env = dict(extra_env or {})
        self.log_path = log_path
        self._worker: _Worker | None = None
        self._lock = threading.Lock()  # one read (or warm-up) at a time
        self._state = threading.Lock()  # guards _worker, _cancels and _reading against cancel()
        self._cancels = 0  # cancel() counts up: a read asked for before the latest cancel() ends
        self._reading = False  # a read holds the worker (a warm-up alone is never killed)
        self._next_id = 0
        self.starts = 0  # how many workers this client started (tests, benchmarks)

    @property
    def pid(self) -> int | None:
        worker = self._worker
        return worker.pid if worker is not None and worker.alive() else None

    def read(self, path: Path | str, debug_sleep: float = 0.0,
             on_lines: Callable[[list[RawLine]], None] | None = None) -> OcrOutput:
        """OCR one image file. Raises BadImage, OcrUnavailable, OcrFailed or OcrCancelled.

        `on_lines` (called on this thread) gets the lines recognised so far, in batches, top
        of the picture first; the answer then holds them all again."""
        if not ocr_available():
            raise OcrUnavailable(unavailable_message())
        ticket = self._cancels
        with self._lock:
            with self._state:
                if self._cancels != ticket:
                    raise OcrCancelled("cancelled")  # cancelled while waiting for its turn
                self._reading = True
            try:
                for attempt in (1, 2):
                    try:
                        worker, cold = self._ensure_worker(ticket)
                        return self._request(worker, cold, Path(path), debug_sleep, ticket, on_lines)
                    except _WorkerGone as gone:
                        # It exited cleanly for idleness just as we asked: start a fresh one, once.
                        if attempt == 1 and gone.idle_exit:
                            continue
                        raise OcrFailed(gone.message) from None
                raise OcrFailed("the OCR worker could not be started")  # pragma: no cover
            finally:
                with self._state:
                    self._reading = False

    def ping(self) -> dict[str, Any]:
        """Start the worker if needed and ask for its pid and peak memory."""
        with self._lock:
            try:
                worker, _cold = self._ensure_worker(None)
                return self._exchange(worker, {"op": "ping"}, START_TIMEOUT)
            except _WorkerGone as gone:
                raise OcrFailed(gone.message) from None

    def warm(self) -> bool:
        """Start the worker now (a screenshot is likely to come), so the first read does not
        wait for it; a running one is pinged, which restarts its idle time. Quiet: False when
        the [ocr] extra is missing, a read is running or the worker cannot start."""
        if not ocr_available() or not self._lock.acquire(blocking=False):
            return False
        try:
            worker, cold = self._ensure_worker(None)
            if not cold:
                self._exchange(worker, {"op": "ping"}, START_TIMEOUT)
            return True
        except (OcrFailed, OcrCancelled, _WorkerGone) as exc:
            log.info("the OCR worker was not warmed: %s", exc)
            return False
        finally:
            self._lock.release()

    def cancel(self) -> None:
        """Stop the read in flight, if any, and any read waiting for its turn (from any
        thread); the next read starts afresh. A worker only warming up is left to start."""
        with self._state:
            self._cancels += 1
            worker = self._worker if self._reading else None
        if worker is not None:
            worker.kill()

    def close(self) -> None:
        with self._state:
            worker, self._worker = self._worker, None
        if worker is not None:
            if worker.ready:
                worker.stop()
            else:
                worker.kill()  # still loading its models: it would not see stdin close for a while

    # -- internals ----------------------------------------------------------------------

    def _cancelled(self, ticket: int | None) -> bool:
        return ticket is not None and self._cancels != ticket

    def _ensure_worker(self, ticket: int | None) -> tuple[_Worker, bool]:
        with self._state:
            worker = self._worker
            fresh_enough = worker is not None and worker.alive() and worker.ready and \
                time.monotonic() - worker.last_used < self.idle_seconds - 2
            if fresh_enough:
                return worker, False  # type: ignore[return-value]
            if worker is not None:
                worker.kill()
            if self._cancelled(ticket):
                raise OcrCancelled("cancelled")
            try:
                worker = _Worker(self.idle_seconds, worker_env(self.extra_env), self.log_path)
            except OSError as exc:
                raise OcrFailed(f"the OCR worker could not be started ({exc})") from None
            self._worker = worker
            self.starts += 1
        hello = self._wait(worker, START_TIMEOUT, ticket, starting=True)
        if not hello.get("ready"):
            worker.kill()
            raise OcrFailed(f"the OCR engine could not start: {hello.get('message', 'no reason given')}")
        worker.ready = True
        return worker, True

    def _request(self, worker: _Worker, cold: bool, path: Path, debug_sleep: float, ticket: int,
                 on_lines: Callable[[list[RawLine]], None] | None) -> OcrOutput:
        message: dict[str, Any] = {"op": "read", "path": str(path.resolve())}
        if debug_sleep:
            message["debug_sleep"] = debug_sleep
        if on_lines is not None:
            message["stream"] = True  # the worker sends {"partial": true, "lines": [...]} as it reads
        answer = self._exchange(worker, message, self.read_timeout, ticket, on_lines)
        if not answer.get("ok"):
            if answer.get("kind") == "bad_image":
                raise BadImage(str(answer.get("message")))
            raise OcrFailed(f"the OCR engine could not read this picture: {answer.get('message')}")
        try:
            output = output_from_json(answer)
        except (KeyError, TypeError, ValueError) as exc:
            worker.kill()  # it answers nonsense: the next read starts a fresh one
            raise OcrFailed(f"the OCR engine sent an answer this app cannot use ({exc}); try again") from None
        output.peak_rss_kb, output.cold = int(answer.get("peak_rss_kb", 0)), cold
        return output

    def _exchange(self, worker: _Worker, message: dict[str, Any], timeout: float, ticket: int | None = None,
                  on_lines: Callable[[list[RawLine]], None] | None = None) -> dict[str, Any]:
        self._next_id += 1
        message["id"] = self._next_id
        try:
            worker.send(message)
        except (OSError, ValueError):
            raise _WorkerGone(self._gone_message(worker), idle_exit=worker.process.poll() == 0) from None
        deadline = time.monotonic() + timeout
        while True:
            answer = self._wait(worker, timeout, ticket, deadline=deadline)  # partial answers do not extend it
            if answer.get("id") == message["id"] and answer.get("partial"):
                if on_lines is not None:
                    try:
                        on_lines(lines_from_json(answer.get("lines", [])))
                    except (KeyError, TypeError, ValueError) as exc:
                        log.warning("OCR worker sent malformed partial lines: %s", exc)
                continue
            if answer.get("id") == message["id"]:
                worker.last_used = time.monotonic()
                return answer
            if "ready" in answer:
                continue
            log.debug("dropping a stale OCR answer %s", answer.get("id"))

    def _wait(self, worker: _Worker, timeout: float, ticket: int | None = None, starting: bool = False,
              deadline: float | None = None) -> dict[str, Any]:
        deadline = deadline if deadline is not None else time.monotonic() + timeout
        while True:
            if self._cancelled(ticket):
                worker.kill()
                raise OcrCancelled("cancelled")
            try:
                answer = worker.answers.get(timeout=0.05)
            except queue.Empty:
                if time.monotonic() > deadline:
                    worker.kill()
                    what = "start" if starting else "finish reading"
                    raise OcrFailed(f"the OCR engine did not {what} within {timeout:.0f} seconds; "
                                    "try again (a fresh one will start)") from None
                continue
            if answer is None:  # its output ended
                worker.process.wait()
                if self._cancelled(ticket):
                    raise OcrCancelled("cancelled")
                message = self._gone_message(worker) if not starting else (
                    f"The OCR engine could not start ({worker.describe_exit()}); the details are in "
                    f"{self.log_path or 'the worker log'}.")
                raise _WorkerGone(message, idle_exit=worker.process.returncode == 0 and not starting)
            return answer

    @staticmethod
    def _gone_message(worker: _Worker) -> str:
        return (f"The OCR engine stopped while reading ({worker.describe_exit()}). "
                "Try again: the next read starts a fresh one.")


class _WorkerGone(Exception):
    def __init__(self, message: str, idle_exit: bool) -> None:
        super().__init__(message)
        self.message = message
        self.idle_exit = idle_exit
