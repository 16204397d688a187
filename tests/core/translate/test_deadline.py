"""The hard deadline machinery: only sockets inside a scope are touched, threads and
sockets stay bounded under fast typing, and cancelling wins at once."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest
from helpers.fake_server import FakeServer, options_for

from guide.core.translate import deadline
from guide.core.translate.deadline import CancelToken, run_with_deadline
from guide.core.translate.pipeline import Translator


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


def test_plain_function_returns_its_value_and_error() -> None:
    assert run_with_deadline(lambda: 41 + 1, 1.0).value == 42
    outcome = run_with_deadline(lambda: 1 / 0, 1.0)
    assert isinstance(outcome.error, ZeroDivisionError) and not outcome.timed_out


def test_a_stuck_call_we_cannot_interrupt_is_abandoned_after_the_grace_period() -> None:
    release = threading.Event()
    started = time.monotonic()
    outcome = run_with_deadline(lambda: release.wait(10), 0.3)
    assert outcome.timed_out and time.monotonic() - started < 0.3 + deadline.GRACE_SECONDS + 0.3
    release.set()


def test_sockets_outside_a_scope_are_left_alone(server: FakeServer) -> None:
    deadline.install()
    import requests

    server.behaviour.mode, server.behaviour.delay = "slow", 0.3
    started = time.monotonic()
    response = requests.get(server.root + "/translate?q=x", timeout=5)
    assert response.status_code == 200 and time.monotonic() - started >= 0.3


def test_typing_fast_keeps_threads_and_sockets_bounded(translator: Translator, server: FakeServer) -> None:
    """Many requests in a row, each cancelled by the next: no pile-up, the newest wins."""
    server.behaviour.mode, server.behaviour.delay = "slow", 0.5
    options = options_for(server, "libretranslate", timeout=5.0, record_history=False)
    translator.translate("热身", options)  # dictionary, segmenter and imports loaded first
    time.sleep(0.6)
    threads_before, fds_before = threading.active_count(), open_fds()
    results = []
    previous: CancelToken | None = None
    for n in range(15):
        if previous is not None:
            previous.cancel()
        token = CancelToken()
        box: list[object] = []
        worker = threading.Thread(target=lambda t=token, b=box, n=n: b.append(translator.translate(f"第{n}个字", options, t)))
        worker.start()
        results.append((worker, box))
        previous = token
        time.sleep(0.03)
    for worker, _ in results:
        worker.join(30)
    outcomes = [box[0] for _, box in results]
    assert all(r.cancelled for r in outcomes[:-1])
    assert outcomes[-1].translation == "EN[第14个字]"
    settle = time.monotonic() + 15
    while time.monotonic() < settle and (any(t.name == "translate-call" for t in threading.enumerate())
                                         or server.open_handlers):
        time.sleep(0.05)
    assert not [t for t in threading.enumerate() if t.name == "translate-call"]
    assert threading.active_count() <= threads_before + 1
    assert open_fds() <= fds_before + 2, "no leaked sockets"


def test_abort_all_releases_every_waiting_call(server: FakeServer) -> None:
    from guide.core.translate.engines import EngineConfig, get_engine, translate_text
    from guide.core.translate.errors import Cancelled

    server.behaviour.mode = "hang"
    errors: list[BaseException] = []

    def call() -> None:
        try:
            translate_text(get_engine("libretranslate"), "你好呀", "zh", "en", EngineConfig(base_url=server.root), 30)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(3)]
    for thread in threads:
        thread.start()
    while len(server.seen) < 3:
        time.sleep(0.02)
    started = time.monotonic()
    deadline.abort_all()
    for thread in threads:
        thread.join(30)
    assert time.monotonic() - started < 10, "abort_all frees waiting calls long before their 30 s deadline"
    assert len(errors) == 3 and all(isinstance(e, Cancelled) for e in errors)


def test_deadline_scope_does_not_leak_into_other_threads(server: FakeServer) -> None:
    deadline.install()
    seen: list[object] = []
    outcome = run_with_deadline(lambda: seen.append(deadline.current_scope()), 1.0)
    assert outcome.error is None and seen[0] is not None
    assert deadline.current_scope() is None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.2)  # plain sockets unaffected
