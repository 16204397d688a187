"""Generate a large, valid content pack for benchmarks (walkthroughs, labels, phrases)."""

from __future__ import annotations

import random
from pathlib import Path

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="780"><rect width="360" height="780" fill="#fff"/></svg>'
WORDS = [("收藏", "shōucáng", "Save"), ("关注", "guānzhù", "Follow"), ("发布", "fābù", "Post"), ("评论", "pínglùn", "Comment"),
         ("点赞", "diǎnzàn", "Like"), ("分享", "fēnxiǎng", "Share"), ("消息", "xiāoxi", "Messages"), ("设置", "shèzhì", "Settings")]
SYLLABLES = [("你", "nǐ"), ("好", "hǎo"), ("我", "wǒ"), ("们", "men"), ("大", "dà"), ("家", "jiā"), ("谢", "xiè"), ("学", "xué"),
             ("中", "zhōng"), ("文", "wén"), ("朋", "péng"), ("友", "you"), ("喜", "xǐ"), ("欢", "huan"), ("猫", "māo"), ("吃", "chī")]


def make_pack(root: Path, walkthroughs: int = 100, phrases: int = 300, seed: int = 7) -> Path:
    rng = random.Random(seed)
    (root / "walkthroughs").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "images" / "s.svg").write_text(SVG)
    ids = [f"w{n:03d}" for n in range(walkthroughs)]
    (root / "pack.yaml").write_text(
        "id: bench\ntitle: Bench\napp: {name: RedNote, native_name: 小红书, language: zh-Hans}\nversion: '1'\nwalkthroughs:\n"
        + "".join(f"  - {i}\n" for i in ids), encoding="utf-8")
    (root / "glossary.yaml").write_text("labels:\n" + "".join(
        f"  - zh: {zh}\n    pinyin: {py}\n    en: {en}\n    where: bottom bar\n" for zh, py, en in WORDS), encoding="utf-8")
    lines = ["categories:\n"]
    seen: set[str] = set()
    per_category = max(1, phrases // 10)
    for c in range(10):
        lines.append(f"  - id: c{c}\n    title: Category {c}\n    phrases:\n")
        made = 0
        while made < per_category:
            picks = [rng.choice(SYLLABLES) for _ in range(rng.randint(2, 6))]
            zh = "".join(z for z, _ in picks)
            if zh in seen:
                continue
            seen.add(zh)
            made += 1
            py = " ".join(p for _, p in picks)
            lines.append(f"      - en: phrase {len(seen)} about friends and cats\n        zh: {zh}\n        pinyin: {py}\n"
                         f"        note: generated\n        pinyin_exception: generated\n")
    (root / "phrasebook.yaml").write_text("".join(lines), encoding="utf-8")
    for n, wid in enumerate(ids):
        steps = []
        for s in range(rng.randint(4, 10)):
            zh, _, _ = rng.choice(WORDS)
            steps.append(
                f"  - id: s{s}\n    title: Step {s}\n    body: |\n      Tap {{{{ui:{zh}}}}} and then **look** around.\n\n"
                f"      - first\n      - second, see [help](https://example.com/{n})\n"
                f"    screen: images/s.svg\n    highlight:\n      - {{x: 0.1, y: 0.8, w: 0.3, h: 0.1, label: {zh}}}\n"
                f"    labels: [{zh}]\n    tip: A tip.\n")
        requires = f"requires: [{ids[n - 1]}]\n" if n else ""
        (root / "walkthroughs" / f"{wid}.yaml").write_text(
            f"id: {wid}\ntitle: Walkthrough {n}\nsummary: Generated.\nminutes: 5\nlevel: beginner\ntags: [bench]\n{requires}"
            f"app_version: '8.69'\nsteps:\n" + "".join(steps), encoding="utf-8")
    return root
