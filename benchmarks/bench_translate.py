"""Translator figures for benchmarks/run.py: cache hit, offline gloss (cold and warm), the
longest UI-thread stall while an engine takes 3 s to answer, and the word breakdown's
dictionary (memory and first breakdown in a fresh process, lookup per word, gold-set share).

    python benchmarks/bench_translate.py      # prints the figures on their own
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# 300 characters of the kind of text people paste from RedNote.
TEXT_300 = ("姐妹们！这家店真的绝绝子，小红书上被种草了好久，今天终于来打卡了。环境很好，服务员也很热情，"
            "菜品的味道超出预期，尤其是招牌菜，一定要点。价格不算便宜，但是性价比很高。周末人比较多，"
            "建议提前预约，不然要排队很久。停车也方便，地铁站出来走五分钟就到了。拍照很出片，"
            "适合和朋友一起来。下次还会再来的，强烈推荐给大家！有问题可以在评论区问我，看到都会回复。"
            "记得点赞收藏关注哦，爱你们！这个博主的穿搭也绝绝子，yyds！我们明天见，晚安。"
            "另外再补充几句：这家店的甜品也很好吃，芒果班戟和杨枝甘露都是必点的，分量很足，两个人吃刚刚好。"
            "老板说下个月会推出新菜单，到时候我再来更新笔记，大家可以先收藏起来。最后提醒一下，"
            "节假日人特别多，最好避开饭点，或者提前在小程序上排号，这样就不用在门口等太久了。")[:300]
assert len(TEXT_300) == 300
ENGINE_SECONDS = 3.0


def _isolated_dirs() -> tempfile.TemporaryDirectory[str]:
    tmp = tempfile.TemporaryDirectory()
    for name in ("config", "data", "cache"):
        os.environ[f"XDG_{name.upper()}_HOME"] = str(Path(tmp.name) / name)
    return tmp


def _no_keyring() -> None:
    """Benchmarks never touch the real keyring."""
    import keyring
    from keyring.backends.fail import Keyring

    keyring.set_keyring(Keyring())


def cached_lookup_ms(runs: int = 200) -> float:
    from guide.core.content.loader import load_pack
    from guide.core.storage import paths
    from guide.core.translate.cache import TranslationCache
    from guide.core.translate.pipeline import TranslateOptions, Translator

    with tempfile.TemporaryDirectory() as tmp:
        cache = TranslationCache(Path(tmp))
        sentence = "这个博主的穿搭真的很好看，我已经收藏了。"
        from guide.core.translate.normalise import normalise

        cache.put(normalise(sentence), "zh-en", sentence, "This blogger's outfits look great; I've saved it.", "google")
        translator = Translator(load_pack(paths.default_pack()), cache, None)
        options = TranslateOptions(offline=True, record_history=False)
        translator.translate(sentence, options)  # warm: dictionary, segmenter, pypinyin
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            result = translator.translate(sentence, options)
            times.append(time.perf_counter() - started)
        assert result.origin == "cache", result.origin
        translator.close()
        return statistics.median(times) * 1000


def _fresh_process_gloss(text: str) -> tuple[float, float]:
    """(ms, RSS MiB) of one gloss + pinyin of `text` in a new process, timed once the pack is
    loaded (dictionary, segmenter and tables load on this first call)."""
    code = (
        "import time, sys; sys.path.insert(0, %r)\n"
        "from guide.core.storage import paths\n"
        "from guide.core.content.loader import load_pack\n"
        "from guide.core.translate.gloss import Glosser\n"
        "g = Glosser(load_pack(paths.default_pack()))\n"
        "t = time.perf_counter(); g.gloss(%r, 'zh'); g.pinyin(%r)\n"
        "ms = (time.perf_counter() - t) * 1000\n"
        "rss = int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20\n"
        "print(ms, rss)\n"
    ) % (str(ROOT), text, text)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-500:])
    ms, rss = result.stdout.split()[-2:]
    return float(ms), float(rss)


def gloss_cold_ms() -> float:
    """A fresh process: dictionary, segmenter and pypinyin tables all load on this call."""
    return _fresh_process_gloss(TEXT_300)[0]


def gloss_warm_ms(runs: int = 30) -> float:
    from guide.core.content.loader import load_pack
    from guide.core.storage import paths
    from guide.core.translate.dictionary import _parse_lines
    from guide.core.translate.gloss import Glosser

    from guide.core.translate.cedict_text import numbered_to_marks
    from guide.core.translate.senses import _without_repeats

    glosser = Glosser(load_pack(paths.default_pack()))
    glosser.gloss(TEXT_300, "zh")
    glosser.pinyin(TEXT_300)
    times = []
    for _ in range(runs):
        # "warm" = dictionary and segmenter loaded, not this text seen: the caches of its
        # entries, readings and cards are emptied (within one run the breakdown and the
        # pinyin line share one cut, as in the app)
        for cache in (_parse_lines, numbered_to_marks, _without_repeats):
            cache.cache_clear()
        glosser.forget_last_text()
        started = time.perf_counter()
        glosser.gloss(TEXT_300, "zh")
        glosser.pinyin(TEXT_300)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


FIRST_TEXT = "这个博主的穿搭真的很好看，我已经收藏了。今天天气很好，强烈推荐这家火锅店！"


def first_breakdown() -> tuple[float, float]:
    """(ms, RSS MiB) for the first breakdown in a fresh process, the index already built:
    the timer starts once the pack is loaded, as the Translator page's first request would."""
    from guide.core.translate.dictionary_loader import load_dictionary

    load_dictionary()  # builds the index in this run's cache dir when needed
    runs = [_fresh_process_gloss(FIRST_TEXT) for _ in range(5)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def page_breakdown_rss() -> float:
    """RSS (MiB) of a fresh process showing the Translator page (offline) after its first
    breakdown: Qt, the pack, the page and the dictionary, as in the app."""
    code = (
        "import os, sys, time; sys.path.insert(0, %r)\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from guide.core.context import build_context\n"
        "from guide.ui.shell.navigator import Navigator\n"
        "from guide.ui.translator.page import TranslatorPage\n"
        "app = QApplication([])\n"
        "context = build_context(); context.settings.offline_only = True\n"
        "page = TranslatorPage(context, Navigator()); page.show()\n"
        "page.set_text(%r)\n"
        "deadline = time.monotonic() + 60\n"
        "while (page.is_busy() or not page.words.chips) and time.monotonic() < deadline:\n"
        "    app.processEvents(); time.sleep(0.01)\n"
        "assert page.words.chips, 'no breakdown shown'\n"
        "print(int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20)\n"
        "page.shutdown()\n"
    ) % (str(ROOT), FIRST_TEXT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-500:])
    return float(result.stdout.split()[-1])


def lookup_us(count: int = 3000) -> float:
    """One word: its entries, its reading and its card senses, nothing cached (median, µs)."""
    import random

    from guide.core.translate.dictionary import _parse_lines
    from guide.core.translate.dictionary_loader import load_dictionary
    from guide.core.translate.senses import best_senses

    dictionary = load_dictionary()
    words = [w for w in TEXT_300 if "\u4e00" <= w <= "\u9fff"]
    words += random.Random(3).sample(sorted(dictionary.known(TEXT_300[i:i + 2] for i in range(299))), 50)
    times = []
    for word in (words * (count // len(words) + 1))[:count]:
        _parse_lines.cache_clear()
        started = time.perf_counter()
        reading = dictionary.reading(word)
        best_senses(word, dictionary.lookup(word), reading, 4)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def gold_share_percent() -> float:
    """Share of words in tests/core/translate/gold_sentences.yaml cut and glossed right."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.gold import score

    from guide.core.content.loader import load_pack
    from guide.core.storage import paths
    from guide.core.translate.gloss import Glosser

    return score(Glosser(load_pack(paths.default_pack()))).share * 100


class _SlowLibreTranslate(BaseHTTPRequestHandler):
    """Answers like LibreTranslate after ENGINE_SECONDS."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        query = parse_qs(urlsplit(self.path).query)
        time.sleep(ENGINE_SECONDS)
        body = json.dumps({"translatedText": "EN: " + query.get("q", [""])[0]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def ui_stall_ms() -> float:
    """Longest gap between 5 ms heartbeats from typing until the 3 s answer is shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from guide.core.context import build_context
    from guide.ui.shell.navigator import Navigator
    from guide.ui.translator.page import TranslatorPage

    app = QApplication.instance() or QApplication([])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _SlowLibreTranslate)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        context = build_context()
        context.settings.engines = ["libretranslate"]
        context.settings.libretranslate_url = f"http://127.0.0.1:{httpd.server_address[1]}"
        context.settings.offline_only = False
        context.settings.timeout_seconds = ENGINE_SECONDS + 5
        page = TranslatorPage(context, Navigator())
        page.show()
        deadline = time.monotonic() + 30
        while page.is_busy() and time.monotonic() < deadline:  # dictionary loading is not the figure
            app.processEvents()
            time.sleep(0.005)
        beats: list[float] = []
        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
        heartbeat.start()
        page.set_text("这个博主的穿搭真的绝绝子，周末一起去打卡吧")
        deadline = time.monotonic() + ENGINE_SECONDS + 10
        while not page.output.toPlainText() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.001)
        heartbeat.stop()
        if not page.output.toPlainText():
            raise RuntimeError(f"no translation shown: {page.origin.text()}")
        page.shutdown()
        page.deleteLater()
        app.processEvents()
        return max(b - a for a, b in zip(beats, beats[1:])) * 1000
    finally:
        httpd.shutdown()
        httpd.server_close()


def figures() -> list[tuple]:
    """(name, value, target, unit[, "at least"]): the target is a ceiling unless marked."""
    tmp = _isolated_dirs()
    try:
        _no_keyring()
        first_ms, first_rss = first_breakdown()
        return [
            ("breakdown: gold-set words right", gold_share_percent(), 98.0, "%", "at least"),
            ("breakdown: first, fresh process (index built)", first_ms, 200.0, "ms"),
            ("breakdown: RSS after the first, fresh process", first_rss, 110.0, "MiB"),
            ("breakdown: Translator page RSS after first", page_breakdown_rss(), 110.0, "MiB"),
            ("breakdown: dictionary lookup per word", lookup_us() / 1000, 1.0, "ms"),
            ("translator: cached translation lookup", cached_lookup_ms(), 5.0, "ms"),
            ("translator: gloss 300 chars, cold process", gloss_cold_ms(), 1500.0, "ms"),
            ("translator: gloss 300 chars, warm", gloss_warm_ms(), 20.0, "ms"),
            ("translator: UI stall while engine takes 3 s", ui_stall_ms(), 50.0, "ms"),
        ]
    finally:
        tmp.cleanup()


if __name__ == "__main__":
    for name, value, target, unit, *at_least in figures():
        print(f"{name:<46} {value:>9.3f} {unit}  (target {'≥' if at_least else '≤'} {target:g} {unit})")
