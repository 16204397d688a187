"""The first screenshot answer comes early: the worker can be started before the first
read (warm) without a read waiting twice for it, and a read reports its lines as they are
recognised, top of the picture first, before the whole answer."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from helpers import screens

from guide.core.screen.ocr_client import OcrCancelled, OcrClient, RawLine


def test_lines_arrive_as_they_are_read_and_are_the_answers_own(ocr_client: OcrClient, tmp_path: Path) -> None:
    path = screens.save(screens.clean(seed=4), tmp_path / "note.png")
    batches: list[tuple[float, list[RawLine]]] = []
    ocr_client.ping()  # timed from a running worker
    started = time.perf_counter()
    output = ocr_client.read(path, on_lines=lambda lines: batches.append((time.perf_counter(), lines)))
    finished = time.perf_counter()
    assert len(batches) >= 2, "every line came at the end, in one piece"
    assert batches[0][0] - started < 0.9 * (finished - started), "the first lines came only at the end"
    streamed = [(l.text, l.points) for _at, lines in batches for l in lines]
    final = [(l.text, l.points) for l in output.lines]
    assert len(set(streamed)) == len(streamed) and set(streamed) <= set(final)  # the same lines, each once
    # the lines not streamed are the last batch, which comes with the answer itself: the ones
    # read last, lowest on the picture (rapidocr orders boxes on one row within 10 px)
    unstreamed = [line for line in final if line not in set(streamed)]
    if unstreamed:
        assert max(min(y for _x, y in points) for _text, points in streamed) <= \
            min(min(y for _x, y in points) for _text, points in unstreamed) + 10
    tops = [min(y for _x, y in lines[0].points) for _at, lines in batches]
    assert tops == sorted(tops), "later batches should come from lower on the picture"


def test_a_warm_worker_makes_the_first_read_warm(tmp_path: Path) -> None:
    client = OcrClient()
    try:
        assert client.warm() is True and client.pid is not None
        output = client.read(screens.save(screens.small(seed=1), tmp_path / "s.png"))
        assert not output.cold and client.starts == 1
        assert client.warm() is True and client.starts == 1  # warming a warm worker starts nothing
    finally:
        client.close()


def test_a_read_cancelled_while_the_worker_warms_up_never_runs(tmp_path: Path) -> None:
    """Picture A is opened while the worker starts, then B: A is dropped, and B is read by the
    worker that was starting, not a third one."""
    client = OcrClient()
    path = screens.save(screens.small(seed=2), tmp_path / "s.png")
    try:
        warming = threading.Thread(target=client.warm)
        warming.start()
        deadline = time.monotonic() + 10
        while not client._lock.locked() and time.monotonic() < deadline:
            time.sleep(0.01)
        outcome: dict = {}

        def read_a() -> None:
            try:
                outcome["a"] = client.read(path)
            except Exception as exc:  # noqa: BLE001
                outcome["a"] = exc

        reader = threading.Thread(target=read_a)
        reader.start()
        time.sleep(0.1)
        client.cancel()
        warming.join(60)
        reader.join(60)
        assert isinstance(outcome["a"], OcrCancelled)
        assert client.read(path).lines and client.starts == 1
    finally:
        client.close()


def test_the_reader_passes_on_readings_of_the_lines_so_far(ocr_client: OcrClient, tmp_path: Path) -> None:
    from guide.core.content.loader import load_pack
    from guide.core.screen.reader import ScreenReader
    from guide.core.storage import paths

    reader = ScreenReader(load_pack(paths.default_pack()), client=ocr_client)
    path = screens.save(screens.clean(seed=5), tmp_path / "note.png")
    partial = []
    final = reader.read(path, on_partial=partial.append)
    assert partial and all(0 < len(r.lines) <= len(final.lines) and r.screen is None for r in partial)
    assert [len(r.lines) for r in partial] == sorted(len(r.lines) for r in partial)  # growing
    assert {l.text for l in partial[-1].lines} <= {l.text for l in final.lines}
    assert any(l.label is not None for r in partial for l in r.lines)  # labels matched as they come
