"""Search figures for benchmarks/run.py: index build time and per-query time over a generated
5,000-phrase pack, for every kind of query a user types (English, 汉字, pinyin with tone
marks, tone numbers or none, with and without spaces, single letters that match nearly
everything, and nothing at all).

    python benchmarks/bench_search.py      # prints the figures on their own
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from guide.core.content.model import (  # noqa: E402
    AppInfo,
    GlossaryEntry,
    Pack,
    Phrase,
    PhraseCategory,
    Step,
    Walkthrough,
)

PHRASES = 5000
RUNS = 7
QUERIES = (
    "fol", "follow", "friends cats", "save a note", "a", "e", "n",  # English, incl. near-everything
    "收藏", "你", "红书",  # 汉字
    "nǐ hǎo", "ni3 hao3", "ni hao", "nihao", "NiHao", "shoucang", "lv", "lu", "zhongwenpengyou",  # pinyin
    "xyzzyq",  # no match
)

_SYLLABLES = [("你", "nǐ"), ("好", "hǎo"), ("我", "wǒ"), ("们", "men"), ("大", "dà"), ("家", "jiā"), ("谢", "xiè"),
              ("学", "xué"), ("中", "zhōng"), ("文", "wén"), ("朋", "péng"), ("友", "you"), ("喜", "xǐ"), ("欢", "huan"),
              ("猫", "māo"), ("吃", "chī"), ("绿", "lǜ"), ("女", "nǚ"), ("收", "shōu"), ("藏", "cáng"), ("关", "guān"),
              ("注", "zhù"), ("发", "fā"), ("布", "bù"), ("看", "kàn"), ("笔", "bǐ"), ("记", "jì"), ("红", "hóng")]
_WORDS = ["save", "follow", "friends", "cats", "note", "comment", "like", "share", "post", "message", "profile",
          "green", "road", "shop", "price", "photo", "travel", "food", "hello", "thanks", "please", "sorry", "help"]


def generated_pack(phrases: int = PHRASES, walkthroughs: int = 60, seed: int = 7) -> Pack:
    """A large, varied pack built directly as model objects (no YAML), so the figures are
    about search alone. Phrases are 2-9 characters with pinyin; notes and step bodies are
    long enough that common words hit thousands of entries."""
    rng = random.Random(seed)
    seen: set[str] = set()
    categories = []
    per_category = max(1, phrases // 20)
    for c in range(20):
        items: list[Phrase] = []
        while len(items) < per_category:
            picks = [rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 9))]
            zh = "".join(z for z, _ in picks)
            if zh in seen:
                continue
            seen.add(zh)
            en = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 7))).capitalize()
            note = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 20)))
            items.append(Phrase(en=en, zh=zh, pinyin=" ".join(p for _, p in picks), category=f"c{c}",
                                note=note, tags=("generated",)))
        categories.append(PhraseCategory(f"c{c}", f"Category {c}", tuple(items)))
    glossary = tuple(GlossaryEntry(zh, py, en, "bottom bar", "")
                     for zh, py, en in (("收藏", "shōucáng", "Save"), ("关注", "guānzhù", "Follow"), ("发布", "fābù", "Post"),
                                        ("评论", "pínglùn", "Comment"), ("点赞", "diǎnzàn", "Like"), ("分享", "fēnxiǎng", "Share")))
    tours = []
    for n in range(walkthroughs):
        steps = tuple(
            Step(id=f"s{s}", title=" ".join(rng.choice(_WORDS) for _ in range(3)).capitalize(),
                 body=" ".join(rng.choice(_WORDS + ["{{ui:收藏}}", "{{ui:关注}}"]) for _ in range(rng.randint(20, 80))),
                 labels=("收藏",), tip="A tip about " + rng.choice(_WORDS))
            for s in range(rng.randint(4, 10)))
        tours.append(Walkthrough(id=f"w{n}", title=f"Walkthrough {n} " + rng.choice(_WORDS), summary="Generated.",
                                 minutes=5, level="beginner", steps=steps))
    return Pack(id="generated", title="Generated", app=AppInfo("RedNote", "小红书", "zh-Hans"), version="1",
                root=Path("."), walkthroughs=tuple(tours), glossary=glossary, categories=tuple(categories))


def measure(runs: int = RUNS) -> dict[str, float]:
    """Milliseconds: build (best of 3), each query's median, and the slowest single run."""
    from guide.core.study.search import SearchIndex

    pack = generated_pack()
    builds = []
    for _ in range(3):
        started = time.perf_counter()
        index = SearchIndex.build(pack)
        builds.append(time.perf_counter() - started)
    figures = {"build": min(builds) * 1000}
    slowest = 0.0
    for query in QUERIES:
        times = []
        for _ in range(runs):  # the first run is cold for this query: no per-query caches exist
            started = time.perf_counter()
            index.search(query, limit=50)
            times.append(time.perf_counter() - started)
        figures[query] = statistics.median(times) * 1000
        slowest = max(slowest, max(times) * 1000)
    figures["slowest run"] = slowest
    return figures


def figures() -> list[tuple[str, float, float, str]]:
    measured = measure()
    per_query = {q: measured[q] for q in QUERIES}
    worst = max(per_query, key=per_query.get)
    return [
        ("search: build index, 5,000 phrases", measured["build"], 1000.0, "ms"),
        (f"search: worst query ({worst!r}), median", per_query[worst], 10.0, "ms"),
        ("search: slowest single query run", measured["slowest run"], 10.0, "ms"),
    ]


if __name__ == "__main__":
    detail = measure()
    for query in QUERIES:
        print(f"  {query!r:<22} {detail[query]:6.2f} ms")
    for name, value, target, unit in figures():
        print(f"{name:<46} {value:>9.2f} {unit}  (target ≤ {target:g} {unit})")
