"""A small pack for the search, phrase book, glossary and export tests, plus a generator
of large packs built straight from the model (no YAML) for speed checks.

Chosen so each search rule has a case: 你好 and 你好吗 (exact before prefix), 绿色 (lǜ,
"lv") next to 路 (lù, "lu"), 收藏 and 关注 labels ("shoucang", "fol"), yyds (letters in
the 汉字), and steps that mention labels only in their bodies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import write_pack
from guide.core.model import Pack

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

GLOSSARY = """\
labels:
  - zh: 发布
    pinyin: fābù
    en: Post
    where: Red button at the bottom of the editor
  - zh: 收藏
    pinyin: shōucáng
    en: Save / Collect
    where: Star under a note
    note: Saves matter more than likes.
  - zh: 小红书
    pinyin: Xiǎohóngshū
    en: RedNote
    where: App name
  - zh: 关注
    pinyin: guānzhù
    en: Follow
    where: Red button next to a creator's name
  - zh: 已关注
    pinyin: yǐ guānzhù
    en: Following
    where: Grey button after you follow
"""

PHRASEBOOK = """\
categories:
  - id: greetings
    title: Greetings
    phrases:
      - en: Hello
        zh: 你好
        pinyin: nǐ hǎo
        note: Everyday hello.
      - en: How are you?
        zh: 你好吗？
        pinyin: Nǐ hǎo ma?
        note: Textbook; people rarely ask it.
      - en: Hi everyone!
        zh: 大家好！
        pinyin: Dàjiā hǎo!
        literal: everyone good
        note: Opening line for a first note.
  - id: shopping
    title: Shopping
    phrases:
      - en: The green one, please
        zh: 要绿色的
        pinyin: yào lǜsè de
        note: Colours come up in every product note.
      - en: How do I get there?
        zh: 怎么走路过去？
        pinyin: Zěnme zǒulù guòqu?
        note: Asking for directions to a shop.
      - en: Is it worth buying?
        zh: 值得买吗？
        pinyin: Zhíde mǎi ma?
        note: "Ask it under a product note;\\ttabs and\\nnew lines survive export."
  - id: slang
    title: Slang
    phrases:
      - en: the GOAT
        zh: yyds
        pinyin: yǒngyuǎn de shén
        literal: forever god
        note: Praise.
        pinyin_exception: abbreviation of 永远的神
      - en: Road trip
        zh: 自驾游
        pinyin: zìjiàyóu
        note: Travel notes use it a lot.
"""

FOLLOW_WALKTHROUGH = """\
id: follow
title: Follow creators
summary: Keep up with people whose notes you like.
minutes: 2
level: beginner
app_version: "8.69"
steps:
  - id: find
    title: Find the button
    body: On a creator's page, tap {{ui:关注}}. It turns into {{ui:已关注}}.
  - id: feed
    title: Read your feed
    body: Their notes now appear first. Tap the star to keep one.
    screen: images/screen.svg
    highlight:
      - {x: 0.1, y: 0.1, w: 0.2, h: 0.1, label: 收藏}
"""


def search_pack(root: Path) -> Path:
    """The mini pack of tests/conftest.py with a richer glossary and phrase book."""
    from conftest import FIRST_WALKTHROUGH, SECOND_WALKTHROUGH

    return write_pack(root, walkthroughs={"first": FIRST_WALKTHROUGH, "second": SECOND_WALKTHROUGH,
                                          "follow": FOLLOW_WALKTHROUGH},
                      glossary=GLOSSARY, phrasebook=PHRASEBOOK)


def generated_pack(phrases: int = 5000) -> Pack:
    """The 5,000-phrase pack the benchmark measures (benchmarks/bench_search.py)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    from bench_search import generated_pack as make

    return make(phrases)
