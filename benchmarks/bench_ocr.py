"""Screenshot reading figures for benchmarks/run.py: characters right on drawn screenshots
(clean, noisy, small), cold and warm read time, the worker's peak memory, the app's own
memory before and after a read, the measurements behind the label and screen thresholds, and
on the real-looking screens of tests/helpers/app_screens.py: the labels found and invented,
and the walkthrough steps named wrongly (wrong / named).

    python benchmarks/bench_ocr.py      # prints the figures on their own
"""

from __future__ import annotations

import contextlib
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

THRESHOLDS = (0.5, 0.6, 0.66, 0.7, 0.75, 0.8)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")


def label_threshold_table(pack) -> list[tuple[float, float, float]]:  # noqa: ANN001 - Pack
    """(threshold, recall on one-edit variants of labels, false-match rate on non-label text).

    Variants: each label of 3+ characters with one character dropped, two neighbours
    swapped, or one replaced by another character from the pack. Non-label text: every
    3–10 character run of Han text in the pack's phrases, walkthroughs and notes that
    neither is, contains nor is part of a label (at most 6000 of them, sampled)."""
    from guide.core.screen.labels import LabelMatcher, label_key

    rng = random.Random(7)
    labels = sorted({label_key(e.zh) for e in pack.glossary if len(label_key(e.zh)) >= 3})
    corpus = " ".join([p.zh for p in pack.phrases] + [e.note for e in pack.glossary]
                      + [s.body for w in pack.walkthroughs for s in w.steps])
    alphabet = sorted({ch for ch in corpus if "\u4e00" <= ch <= "\u9fff"})
    positives: list[tuple[str, str]] = []
    for label in labels:
        for i in range(len(label)):
            positives.append((label[:i] + label[i + 1:], label))
            positives.append((label[:i] + rng.choice(alphabet) + label[i + 1:], label))
        for i in range(len(label) - 1):
            positives.append((label[:i] + label[i + 1] + label[i] + label[i + 2:], label))
    all_keys = {label_key(e.zh) for e in pack.glossary}
    # A variant that is another label is that label; one cut to two characters is refused on
    # purpose (see labels.py), so neither counts.
    positives = [(seen, label) for seen, label in positives if seen not in all_keys and len(seen) >= 3]
    negatives: set[str] = set()
    for run in _HAN_RUN.findall(corpus):
        for size in range(3, 11):
            for start in range(max(1, len(run) - size + 1)):
                window = run[start:start + size]
                if len(window) == size and window not in all_keys and not any(l in window for l in labels) \
                        and not any(window in l for l in labels):  # a cut-off label is a positive
                    negatives.add(window)
    negatives_list = sorted(negatives)
    if len(negatives_list) > 6000:
        negatives_list = sorted(rng.sample(negatives_list, 6000))
    table = []
    for threshold in THRESHOLDS:
        matcher = LabelMatcher(pack.glossary, threshold=threshold)
        hits = 0
        for seen, label in positives:
            match = matcher.match(seen)
            hits += match is not None and label_key(match.entry.zh) == label
        false = sum(matcher.match(text) is not None for text in negatives_list)
        table.append((threshold, hits / len(positives), false / len(negatives_list)))
    return table


def _reader(pack, client):  # noqa: ANN001, ANN202 - Pack, OcrClient -> ScreenReader
    """A reader as the app has it: with a translator, so with the dictionary."""
    from guide.core.screen.reader import ScreenReader
    from guide.core.translate.pipeline import Translator

    return ScreenReader(pack, Translator(pack), client=client)


def _cues(reader, reading):  # noqa: ANN001, ANN202 - what the step matcher is given for a reading
    from guide.core.screen.reader import cue_lines  # the reader's own, so the figure is the app's

    return reader.screens.cues(cue_lines(reading.lines), reading.width, reading.height)


def mockup_cues(every: int = 3, client=None) -> dict[str, frozenset[str]]:  # noqa: ANN001
    """What real OCR reads on every `every`-th mockup of the pack rendered phone-sized, as the
    cues the step matcher weighs."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from helpers.screens import render_svg
    from PySide6.QtWidgets import QApplication

    from guide.core.content.loader import load_pack
    from guide.core.screen.ocr_client import OcrClient
    from guide.core.storage import paths

    # QPainter needs an application; a widget one, so that ui_stall_ms can run after this
    app = QApplication.instance() or QApplication([])  # noqa: F841
    pack = load_pack(paths.default_pack())
    own_client = client is None
    reader = _reader(pack, client or OcrClient(idle_seconds=60))
    found: dict[str, frozenset[str]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for svg in sorted((paths.default_pack() / "images").glob("*.svg"))[::every]:
                png = render_svg(svg, Path(tmp) / f"{svg.stem}.png")
                found[svg.stem] = _cues(reader, reader.read(png))
    finally:
        if own_client:
            reader.close()
    return found


def screen_threshold_table(pack, found: dict[str, frozenset[str]],  # noqa: ANN001 - Pack
                           thresholds: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6, 0.7)) -> list[tuple[float, int, int, int, int]]:
    """(threshold, mockups named by their own step's screen, by another step of the same
    walkthrough, by another walkthrough, by none)."""
    from guide.core.screen.screen_match import ScreenMatcher

    rows = []
    for threshold in thresholds:
        matcher = ScreenMatcher(pack, min_score=threshold)
        own = same = other = none = 0
        for stem, cues in found.items():
            match = matcher.best(cues)
            if match is None:
                none += 1
            elif match.step.screen is not None and match.step.screen.stem == stem:
                own += 1
            elif stem.startswith(match.walkthrough.id + "-"):
                same += 1
            else:
                other += 1
        rows.append((threshold, own, same, other, none))
    return rows


def app_screen_readings(client=None) -> list[tuple[object, frozenset[str], set[str]]]:  # noqa: ANN001
    """Every real-looking screen of tests/helpers/app_screens.py read as the app reads it:
    (screen, the cues the step matcher gets, the labels found)."""
    from helpers import app_screens

    from guide.core.content.loader import load_pack
    from guide.core.screen.ocr_client import OcrClient
    from guide.core.storage import paths

    pack = load_pack(paths.default_pack())
    own_client = client is None
    reader = _reader(pack, client or OcrClient(idle_seconds=60))
    out = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, make in app_screens.SCREENS.items():
                shot = make()
                path = Path(tmp) / f"{name}.png"
                shot.image.save(path)
                reading = reader.read(path)
                out.append((shot, _cues(reader, reading), set(reading.labels_found())))
    finally:
        if own_client:
            reader.close()
    return out


def step_answers(matcher, screens) -> tuple[int, int, int]:  # noqa: ANN001 - ScreenMatcher, app_screen_readings()
    """(screens, named, named wrongly): a screen is named wrongly when the best step or the
    close second offered with it is not one of the steps that show that screen."""
    named = wrong = 0
    for shot, cues, _labels in screens:
        match = matcher.best(cues)
        if match is None:
            continue
        named += 1
        picks = [match] + ([match.also] if getattr(match, "also", None) is not None else [])
        wrong += any(f"{m.walkthrough.id}/{m.step.id}" not in shot.steps for m in picks)
    return len(screens), named, wrong


def step_threshold_table(pack, screens, mockups: dict[str, frozenset[str]],  # noqa: ANN001
                         scores: tuple[float, ...] = (0.3, 0.35, 0.4, 0.45, 0.5),
                         evidence: tuple[float, ...] = (3.0, 4.0, 5.0)) -> list[tuple[float, float, int, int, int, int]]:
    """(min score, min evidence, real-looking screens named, of them wrongly, mockups named by
    another walkthrough, mockups not named): the measurement behind MIN_SCORE and MIN_EVIDENCE."""
    from guide.core.screen.screen_match import ScreenMatcher

    rows = []
    for score in scores:
        for needed in evidence:
            matcher = ScreenMatcher(pack, min_score=score, min_evidence=needed)
            _total, named, wrong = step_answers(matcher, screens)
            other = none = 0
            for stem, cues in mockups.items():
                match = matcher.best(cues)
                if match is None:
                    none += 1
                elif not (match.step.screen is not None and match.step.screen.stem == stem) \
                        and not stem.startswith(match.walkthrough.id + "-"):
                    other += 1
            rows.append((score, needed, named, wrong, other, none))
    return rows


def _rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def largest_picture_peak_mib(folder: Path) -> float:
    """The worker's peak memory reading the worst picture the limits allow: 6000×6600 (40 MP)
    of noise as a WebP, which took it to 1 GB before large pictures were read at OCR size."""
    import cv2
    import numpy as np

    from guide.core.screen.ocr_client import OcrClient

    path = folder / "largest.webp"
    noise = np.random.default_rng(1).integers(0, 256, (6600, 6000, 3), dtype=np.uint8)
    cv2.imwrite(str(path), noise, [cv2.IMWRITE_WEBP_QUALITY, 50])
    del noise
    client = OcrClient(idle_seconds=30)  # a fresh worker: its peak is this picture's
    try:
        return client.read(path).peak_rss_kb / 1024
    finally:
        client.close()


def ocr_measurements() -> dict[str, float]:
    """Everything needs one worker: returns the raw numbers run.py turns into figures."""
    from helpers import screens

    from guide.core.content.loader import load_pack
    from guide.core.screen.lines import group_lines
    from guide.core.screen.ocr_client import OcrClient, ocr_available
    from guide.core.screen.reader import ScreenReader
    from guide.core.storage import paths

    if not ocr_available():
        raise ImportError('the [ocr] extra is not installed: pip install ".[ocr]"')
    out: dict[str, float] = {}
    pack = load_pack(paths.default_pack())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shots = {}
        for kind, suffix in (("clean", ".png"), ("noisy", ".jpg"), ("small", ".png"), ("dark", ".png")):
            shots[kind] = [(screens.save(shot, folder / f"{kind}{seed}{suffix}"), shot.lines)
                           for seed, shot in ((s, getattr(screens, kind)(seed=s)) for s in (1, 2, 3))]
        client = OcrClient(idle_seconds=120)
        reader = ScreenReader(pack, client=client)
        rss_before = _rss_mib()
        started = time.perf_counter()
        client.read(shots["clean"][0][0])
        out["cold"] = time.perf_counter() - started
        for kind, items in shots.items():
            right = []
            for path, lines in items:
                output = client.read(path)
                found = [line.text for line in group_lines(output.lines, output.width, output.height)]
                right.append(screens.characters_right(lines, found))
            out[f"right_{kind}"] = 100 * sum(right) / len(right)
        warm, inside = [], []
        for _ in range(3):
            started = time.perf_counter()
            reading = reader.read(shots["clean"][1][0])
            warm.append(time.perf_counter() - started)
            inside.append(reading.ocr_seconds)
        out["warm"] = min(warm)
        out["warm_inside"] = min(inside)  # floor: decode + OCR alone, timed inside the worker
        out["worker_peak_mib"] = client.ping().get("peak_rss_kb", 0) / 1024
        out["app_rss_delta_mib"] = _rss_mib() - rss_before
        client.close()
        out["worker_peak_largest_mib"] = largest_picture_peak_mib(folder)
    # the screen matcher on the pack's own mockups needs Qt to render SVG: measured by the tests
    table = label_threshold_table(pack)
    from guide.core.screen.labels import FUZZY_THRESHOLD

    for threshold, recall, false in table:
        if threshold == FUZZY_THRESHOLD:
            out["label_recall"], out["label_false"] = 100 * recall, 100 * false
    out["ui_stall_cold"], out["ui_stall_warm"] = ui_stall_ms()
    out["first_lines_cold"], out["first_lines_warm"], out["first_lines_floor"] = first_lines_seconds()
    from guide.core.screen.screen_match import MIN_SCORE, ScreenMatcher

    screens = app_screen_readings()
    drawn = sum(len(shot.label_set) for shot, _cues, _labels in screens)
    out["app_label_recall"] = 100 * sum(len(shot.label_set & labels) for shot, _cues, labels in screens) / drawn
    out["app_label_false"] = float(sum(len(labels - shot.label_set) for shot, _cues, labels in screens))
    total, named, wrong = step_answers(ScreenMatcher(pack), screens)
    out["app_step_wrong"] = 100 * wrong / named if named else 0.0
    out["app_step_named"] = 100 * named / total
    rows = {row[0]: row for row in screen_threshold_table(pack, mockup_cues(), (MIN_SCORE,))}
    _t, own, same, other, none = rows[MIN_SCORE]
    named = own + same + other
    out["screen_other_walkthrough"] = 100 * other / named if named else 0.0
    out["screen_named"] = 100 * named / (named + none) if named + none else 0.0
    out["screen_own"] = 100 * own / (named + none) if named + none else 0.0
    return out


def figures(m: dict[str, float] | None = None) -> list[tuple]:
    """(name, value, target, unit[, "at least"]) rows for benchmarks/run.py."""
    m = m if m is not None else ocr_measurements()
    return [
        ("OCR characters wrong, clean 1080×1920", 100 - m["right_clean"], 5.0, "%"),
        ("OCR characters wrong, noisy JPEG", 100 - m["right_noisy"], 5.0, "%"),
        ("OCR characters wrong, small 540×960", 100 - m["right_small"], 5.0, "%"),
        ("OCR characters wrong, dark mode", 100 - m["right_dark"], 5.0, "%"),
        ("OCR cold read (worker start + read)", m["cold"], 10.0, "s"),
        ("OCR warm read (check + OCR + labels)", m["warm"], 4.0, "s"),
        ("OCR worker peak memory (RSS)", m["worker_peak_mib"], 450.0, "MiB"),
        ("OCR worker peak memory, 40 MP WebP", m["worker_peak_largest_mib"], 450.0, "MiB"),
        ("app RSS change across reads", m["app_rss_delta_mib"], 10.0, "MiB"),
        ("UI thread longest stall, first read", m["ui_stall_cold"], 100.0, "ms"),
        ("UI thread longest stall, warm read", m["ui_stall_warm"], 100.0, "ms"),
        ("first lines shown, worker pre-warmed (page)", m["first_lines_warm"], 1.5, "s"),
        ("first lines shown, worker cold (page)", m["first_lines_cold"], None, "s"),
        ("label fuzzy: one-edit variants missed", 100 - m["label_recall"], 5.0, "%"),
        ("label fuzzy: non-labels matched", m["label_false"], 2.0, "%"),
        ("which step: mockups not named at all", 100 - m["screen_named"], 25.0, "%"),
        ("which step: named another walkthrough", m["screen_other_walkthrough"], 30.0, "%"),
        ("which step: not named by its own screen", 100 - m["screen_own"], 60.0, "%"),
        ("real-looking screens: labels missed", 100 - m["app_label_recall"], 5.0, "%"),
        ("real-looking screens: labels invented", m["app_label_false"], 0.0, "labels"),
        ("real-looking screens: steps wrong / named", m["app_step_wrong"], 0.0, "%"),
        ("real-looking screens: named a step", m["app_step_named"], 70.0, "%", "at least"),
    ]


@contextlib.contextmanager
def _screenshot_page() -> Iterator[tuple[Any, Any, Path]]:
    """(app, Screenshot page, temp folder) in a fresh profile, offline, once the dictionary
    the page loads as it opens is ready (a user takes longer than that to paste)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CONFIG", "DATA", "CACHE"):
            os.environ[f"XDG_{name}_HOME"] = os.path.join(tmp, name.lower())
        from guide.core.context import build_context
        from guide.ui.screenshot.page import ScreenshotPage
        from guide.ui.shell.navigator import Navigator

        app = QApplication.instance() or QApplication([])
        context = build_context()
        context.settings.offline_only = True
        page = ScreenshotPage(context, Navigator())
        page.resize(1100, 760)
        deadline = time.monotonic() + 60
        while page.runner.pool.activeThreadCount() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        try:
            yield app, page, Path(tmp)
        finally:
            page.shutdown()


def ui_stall_ms() -> tuple[float, float]:
    """Longest gap between 10 ms timer ticks on the UI thread while the Screenshot page opens
    and reads a phone screenshot: (cold worker, warm worker). The page reads in a worker
    thread and process, so this stays small; a blocked UI thread would show the whole read.
    Measured once the dictionary the page starts loading when it opens is ready."""
    from helpers import screens
    from PySide6.QtCore import QElapsedTimer, QTimer

    with _screenshot_page() as (app, page, tmp):
        page.show()
        shots = [screens.save(screens.clean(seed=s), tmp / f"s{s}.png") for s in (1, 2)]
        results = []
        for shot in shots:
            clock = QElapsedTimer()
            clock.start()
            worst = [0.0, clock.elapsed()]

            def tick(clock: QElapsedTimer = clock, worst: list[float] = worst) -> None:
                now = clock.elapsed()
                worst[0] = max(worst[0], now - worst[1])
                worst[1] = now

            timer = QTimer()
            timer.timeout.connect(tick)
            timer.start(10)
            worst[1] = clock.elapsed()
            page.open_file(shot)
            deadline = time.monotonic() + 60
            while (page.is_busy() or page.reading is None) and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.002)
            timer.stop()
            results.append(worst[0])
    return results[0], results[1]


def first_lines_seconds(runs: int = 3) -> tuple[float, float, float]:
    """Seconds from opening a phone screenshot on the Screenshot page to its first lines in the
    list (issue 27: at most 1.5 s), medians: (cold: the page shown and the picture opened at
    once, so the worker starts meanwhile; pre-warmed: opened once the worker the page starts
    when it is shown is ready, as when a user takes a moment to paste; floor: the same warm
    worker's own first lines, asked directly, without the page). Measured once the dictionary
    the page loads as it opens is ready, as ui_stall_ms is."""
    import statistics

    from helpers import screens

    with _screenshot_page() as (app, page, tmp):

        def pump(until, seconds: float = 60.0) -> None:  # noqa: ANN001
            deadline = time.monotonic() + seconds
            while not until() and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.002)

        client = page.reader.client
        shots = [screens.save(screens.clean(seed=s), tmp / f"first{s}.png") for s in range(1, 2 * runs + 1)]
        cold, warm, floor = [], [], []
        for number in range(runs):
            for times, prewarm in ((cold, False), (warm, True)):
                client.close()  # no worker running
                page.hide()
                page.show()  # starts the worker (warmup.py)
                if prewarm:
                    app.processEvents()
                    pump(lambda: client.pid is not None and not client._lock.locked())
                started = time.perf_counter()
                page.open_file(shots[2 * number + prewarm], remember=False)
                pump(lambda: page.lines.count() > 0)
                times.append(time.perf_counter() - started)
                pump(lambda: not page.is_busy())
            first: list[float] = []
            started = time.perf_counter()
            client.read(shots[2 * number + 1], on_lines=lambda _lines: first.append(time.perf_counter() - started))
            floor.append(first[0] if first else time.perf_counter() - started)
    return statistics.median(cold), statistics.median(warm), statistics.median(floor)


if __name__ == "__main__":
    from guide.core.content.loader import load_pack
    from guide.core.storage import paths

    pack = load_pack(paths.default_pack())
    print("label threshold  recall  false matches")
    for threshold, recall, false in label_threshold_table(pack):
        print(f"{threshold:15.2f}  {100 * recall:5.1f}%  {100 * false:5.2f}%")
    mockups = mockup_cues(every=1)
    print("screen threshold  own screen  same walkthrough  other walkthrough  none")
    for row in screen_threshold_table(pack, mockups):
        print(f"{row[0]:16.2f}  {row[1]:10d}  {row[2]:16d}  {row[3]:17d}  {row[4]:4d}")
    app = app_screen_readings()
    print(f"min score  min evidence  real-looking named (of {len(app)})  wrongly  mockups: other walkthrough  none")
    for score, needed, named, wrong, other, none in step_threshold_table(pack, app, mockups):
        print(f"{score:9.2f}  {needed:12.1f}  {named:25d}  {wrong:7d}  {other:26d}  {none:4d}")
    for name, value, target, unit, *at_least in figures():
        print(f"{name:<44} {value:8.2f} {unit}  (target {'≥' if at_least else '≤'} {target})")
