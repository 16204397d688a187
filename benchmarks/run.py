"""Print one table of performance figures: figure, value, floor or target, ratio, pass/fail.

Machines are noisy, so figures that have a natural floor are reported as a ratio against that
floor measured in the same run (start-up vs a bare PySide6 window; content load vs bare YAML
parsing); others are compared with the targets in the issues. Nothing here is asserted in tests.

    python benchmarks/run.py [--quick] [--only startup,content,search,translate,ocr,memory]
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    floor: float | None = None  # measured in this run
    target: float | None = 0.0  # a ratio when floor is set, else an absolute limit; None: reported only
    at_least: bool = False  # the target is a floor to reach (a share), not a ceiling

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def passed(self) -> bool:
        if self.at_least and self.target is not None:
            return self.value >= self.target
        return self.target is None or (self.ratio if self.floor else self.value) <= self.target


def _env(tmp: Path) -> dict[str, str]:
    """A throwaway profile. Bytecode is compiled once into a private folder (the warm-up
    launches fill it), as an installed app has it: with PYTHONDONTWRITEBYTECODE set every
    launch would compile each module from source again, a cost no user pays and one that
    grows with the number of modules rather than with what start-up does."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(tmp / name.lower())
    (tmp / "config" / "rednote-guide").mkdir(parents=True, exist_ok=True)
    (tmp / "config" / "rednote-guide" / "settings.json").write_text('{"first_run_done": true}')
    return env


@dataclass
class Launch:
    shown: float  # seconds from process start to the main window on screen
    attached: float  # ... to content and user data loaded into it
    rss_mb: float
    dict_rss_mb: float | None


def _launch(cmd: list[str], env: dict[str, str]) -> Launch:
    started = time.time()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    marks = {l.split()[0]: l.split() for l in result.stdout.splitlines() if l.strip()}
    if "shown" not in marks or "attached" not in marks:
        raise RuntimeError(f"{cmd} did not report: {result.stdout[-300:]} {result.stderr[-500:]}")
    dict_rss = float(marks["dict"][2]) if "dict" in marks else None
    return Launch(float(marks["shown"][1]) - started, float(marks["attached"][1]) - started,
                  float(marks["attached"][3]), dict_rss)


def startup_figures(runs: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp))
        app_env = dict(env, REDNOTE_GUIDE_BENCH_SHOWN="1")
        bare_cmd = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
        app_cmd = [sys.executable, "-m", "guide"]
        _launch(bare_cmd, env)  # warm the OS file cache for both
        _launch(app_cmd, app_env)
        bare: list[Launch] = []
        app: list[Launch] = []
        for _ in range(runs):  # interleaved pairs so drift hits both equally
            bare.append(_launch(bare_cmd, env))
            app.append(_launch(app_cmd, app_env))
        floor = statistics.median(b.shown for b in bare)
        figures = [
            Figure("start-up to main window shown", statistics.median(a.shown for a in app), "s", floor, 1.5),
            Figure("start-up to content loaded in it", statistics.median(a.attached for a in app), "s", floor, 2.0),  # issue 27
            Figure("memory after start (RSS)", statistics.median(a.rss_mb for a in app), "MiB", None, 100.0),  # issue 27
        ]
        try:
            loaded = _launch(app_cmd, dict(app_env, REDNOTE_GUIDE_BENCH_DICT="1"))
            if loaded.dict_rss_mb:
                figures.append(Figure("memory after first word breakdown (RSS)", loaded.dict_rss_mb, "MiB", None, 110.0))  # issue 12: ≤ 110 MiB after the first breakdown
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"(dictionary memory not measured: {exc})", file=sys.stderr)
        return figures


def content_load_figures(runs: int) -> list[Figure]:
    import yaml
    from make_pack import make_pack

    from guide.core.content.loader import load_pack

    with tempfile.TemporaryDirectory() as tmp:
        root = make_pack(Path(tmp) / "pack", walkthroughs=100, phrases=300)
        files = sorted(root.rglob("*.yaml"))
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def parse_only() -> None:
            for path in files:
                for _ in yaml.parse(path.read_text(encoding="utf-8"), Loader=loader):
                    pass

        def best(fn) -> float:  # noqa: ANN001
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            return min(times)

        pack = load_pack(root)
        assert len(pack.walkthroughs) == 100 and not pack.errors, pack.errors[:3]
        loaded = best(lambda: load_pack(root))
        floor = best(parse_only)
        return [
            Figure("load + validate 100-walkthrough pack", loaded * 1000, "ms", None, 150.0),
            Figure("  same, vs bare YAML event parsing", loaded * 1000, "ms", floor * 1000, 6.0),
        ]


def helper_figures(module_name: str) -> list[Figure]:
    """benchmarks/bench_*.py modules expose figures() -> [(name, value, target, unit[, "at least"])]."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        print(f"({module_name} not available: {exc})", file=sys.stderr)
        return []
    return [Figure(name, value, unit, None, target, bool(at_least))
            for name, value, target, unit, *at_least in module.figures()]


def ocr_figures() -> list[Figure]:
    """Screenshot reading (benchmarks/bench_ocr.py); the warm read is also given as a ratio to
    a floor measured in the same run: the worker's own decode + OCR time for that read (the
    rest is the header check, the process round trip, line grouping and label matching)."""
    try:
        from bench_ocr import figures as ocr_rows, ocr_measurements
    except ImportError as exc:
        print(f"(bench_ocr not available: {exc})", file=sys.stderr)
        return []
    try:
        raw = ocr_measurements()
        rows = ocr_rows(raw)
    except ImportError as exc:
        print(f"(OCR figures skipped: {exc})", file=sys.stderr)
        return []
    out = [Figure(name, value, unit, None, target, bool(at_least)) for name, value, target, unit, *at_least in rows]
    out.append(Figure("  warm read vs decode + OCR in the worker", raw["warm"] * 1000, "ms",
                      raw["warm_inside"] * 1000, 1.3))
    out.append(Figure("  first lines shown vs the worker's own", raw["first_lines_warm"] * 1000, "ms",
                      raw["first_lines_floor"] * 1000, 1.3))
    return out


def ocr_worker_memory_figures() -> list[Figure]:
    """The OCR worker's peak memory for the normal case: one phone screenshot (1080×2400, the
    common 20:9 size) read by a fresh worker, nothing else read before it."""
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))  # helpers.screens draws the screenshot
    try:
        from helpers import screens
        from PIL import Image

        from guide.core.screen.ocr_client import OcrClient, ocr_available
    except ImportError as exc:
        print(f"(OCR worker memory not measured: {exc})", file=sys.stderr)
        return []
    if not ocr_available():
        print("(OCR worker memory not measured: the [ocr] extra is not installed)", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        phone = Image.new("RGB", (1080, 2400), "white")
        phone.paste(screens.note_page(seed=5).image, (0, 240))
        path = Path(tmp) / "phone.png"
        phone.save(path)
        client = OcrClient(idle_seconds=60)
        try:
            peak = client.read(path).peak_rss_kb / 1024
        finally:
            client.close()
    return [Figure("OCR worker peak memory, one phone screenshot", peak, "MiB", None, 450.0)]  # issue 27


def print_table(figures: list[Figure]) -> None:
    header = f"{'figure':<44} {'value':>12} {'floor/target':>14} {'ratio':>7}  result"
    print(header)
    print("-" * len(header))
    for f in figures:
        value = f"{f.value:.2f} {f.unit}"
        ref = f"{f.floor:.2f} {f.unit}" if f.floor else "-" if f.target is None else \
            f"{'≥' if f.at_least else '≤'} {f.target:g} {f.unit}"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "-"
        goal = f" (≤ {f.target:g}×)" if f.floor and f.target is not None else ""
        result = "info" if f.target is None else "pass" if f.passed else "FAIL"
        print(f"{f.name:<44} {value:>12} {ref:>14} {ratio:>7}  {result}{goal}")


def _load_average() -> str:
    try:
        return " ".join(f"{n:.2f}" for n in os.getloadavg()) + f" on {os.cpu_count()} cores"
    except OSError:
        return "unknown"


GROUPS: dict[str, Callable[[int], list[Figure]]] = {
    "startup": startup_figures,
    "content": content_load_figures,
    "search": lambda runs: helper_figures("bench_search"),
    "translate": lambda runs: helper_figures("bench_translate"),
    "ocr": lambda runs: ocr_figures(),
    "memory": lambda runs: ocr_worker_memory_figures(),
}


def _spin_one_core() -> subprocess.Popen:
    """Issue 27 asks for the figures on a loaded machine too: another process that never sleeps."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (noisier)")
    parser.add_argument("--only", metavar="GROUP[,GROUP]", help=f"only these groups: {', '.join(GROUPS)}")
    parser.add_argument("--busy", action="store_true",
                        help="keep one core busy with another process for the whole run (a loaded machine)")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    chosen = args.only.split(",") if args.only else list(GROUPS)
    unknown = [name for name in chosen if name not in GROUPS]
    if unknown:
        parser.error(f"unknown group {unknown[0]!r}; choose from {', '.join(GROUPS)}")
    busy = _spin_one_core() if args.busy else None
    print(f"load average at start: {_load_average()}{' (one core kept busy)' if busy else ''}", file=sys.stderr)
    figures: list[Figure] = []
    try:
        for name in chosen:
            figures += GROUPS[name](runs)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    print_table(figures)
    print(f"load average at end: {_load_average()}", file=sys.stderr)
    return 0 if all(f.passed for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
