"""Content packs for tests: `write_pack` writes the mini pack (or a variant) used across
the suite; `search_pack` a richer one for search, phrase book, glossary and export tests;
`slang_pack` one whose glossary and phrase book carry RedNote slang (translator tests);
`generated_pack` a large pack built straight from the model (no YAML) for speed checks.

The search pack is chosen so each search rule has a case: 你好 and 你好吗 (exact before prefix), 绿色 (lǜ,
"lv") next to 路 (lù, "lu"), 收藏 and 关注 labels ("shoucang", "fol"), yyds (letters in
the 汉字), and steps that mention labels only in their bodies.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from guide.core.content.model import Pack

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="780" viewBox="0 0 360 780"><rect width="360" height="780" fill="#fff"/><rect x="20" y="700" width="320" height="60" fill="#FF2442"/><text x="180" y="740" font-size="24" text-anchor="middle" fill="#fff">发布</text></svg>'


def write_pack(root: Path, walkthroughs: dict[str, str] | None = None, listed: list[str] | None = None,
               glossary: str | None = None, phrasebook: str | None = None, pack_id: str = "mini",
               images: bool = True) -> Path:
    """Write a small valid pack (or a variant of it) and return its folder."""
    (root / "walkthroughs").mkdir(parents=True, exist_ok=True)
    if images:
        (root / "images").mkdir(exist_ok=True)
        (root / "images" / "screen.svg").write_text(SVG, encoding="utf-8")
    if walkthroughs is None:
        walkthroughs = {"first": FIRST_WALKTHROUGH, "second": SECOND_WALKTHROUGH}
    for name, text in walkthroughs.items():
        (root / "walkthroughs" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    listed = list(walkthroughs) if listed is None else listed
    lines = "\n".join(f"  - {w}" for w in listed)
    (root / "pack.yaml").write_text(
        f"id: {pack_id}\ntitle: Mini pack\napp:\n  name: RedNote\n  native_name: 小红书\n  language: zh-Hans\n"
        f'version: "1"\nwalkthroughs:\n{lines}\n',
        encoding="utf-8",
    )
    (root / "glossary.yaml").write_text(textwrap.dedent(glossary if glossary is not None else GLOSSARY), encoding="utf-8")
    (root / "phrasebook.yaml").write_text(textwrap.dedent(phrasebook if phrasebook is not None else PHRASEBOOK), encoding="utf-8")
    return root


GLOSSARY = """\
labels:
  - zh: 发布
    pinyin: fābù
    en: Post
    where: Red button at the bottom of the editor
  - zh: 收藏
    pinyin: shōucáng
    en: Save
    where: Star under a note
    note: Saves matter more than likes.
  - zh: 小红书
    pinyin: Xiǎohóngshū
    en: RedNote
    where: App name
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
      - en: Hi everyone!
        zh: 大家好！
        pinyin: Dàjiā hǎo!
        note: Opening line.
  - id: slang
    title: Slang
    phrases:
      - en: the GOAT
        zh: yyds
        pinyin: yǒngyuǎn de shén
        literal: forever god
        note: Praise.
        pinyin_exception: abbreviation of 永远的神
"""

FIRST_WALKTHROUGH = """\
id: first
title: First steps
summary: Open the app and look around.
minutes: 3
level: beginner
tags: [start]
app_version: "8.69"
steps:
  - id: open
    title: Open the app
    body: |
      Tap the icon of {{ui:小红书}}.

      - one
      - **two**
    screen: images/screen.svg
    highlight:
      - {x: 0.05, y: 0.89, w: 0.9, h: 0.08, label: 发布}
    labels: [小红书]
    tip: Take your time.
  - id: save
    title: Save a note
    body: Tap {{ui:收藏}} to keep it. See [the guide](https://example.com).
    screen: images/screen.svg
    labels: [收藏]
    warning: Saves are public.
  - id: post
    title: Post
    body: Press {{ui:发布}}.
    labels: [发布]
"""

SECOND_WALKTHROUGH = """\
id: second
title: Second steps
summary: Post something.
minutes: 2
level: intermediate
requires: [first]
app_version: "8.69"
steps:
  - id: one
    title: Step one
    body: One.
  - id: two
    title: Step two
    body: Two, then go to [first](walkthrough:first/save).
"""


SEARCH_GLOSSARY = """\
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

SEARCH_PHRASEBOOK = """\
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
    """The mini pack of `write_pack` with a richer glossary and phrase book."""
    return write_pack(root, walkthroughs={"first": FIRST_WALKTHROUGH, "second": SECOND_WALKTHROUGH,
                                          "follow": FOLLOW_WALKTHROUGH},
                      glossary=SEARCH_GLOSSARY, phrasebook=SEARCH_PHRASEBOOK)


def generated_pack(phrases: int = 5000) -> Pack:
    """The 5,000-phrase pack the benchmark measures (benchmarks/bench_search.py)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    from bench_search import generated_pack as make

    return make(phrases)


# -- a pack with slang ------------------------------------------------------------------------

SLANG_GLOSSARY = """\
labels:
  - zh: 小红书
    pinyin: Xiǎohóngshū
    en: RedNote
    where: The app's name
  - zh: 收藏
    pinyin: shōucáng
    en: Save / Collect
    where: Star under a note
  - zh: 发布
    pinyin: fābù
    en: Post
    where: Red button in the editor
"""

# The mini phrase book plus two more slang entries (its last category is the slang one).
SLANG_PHRASEBOOK = PHRASEBOOK + """\
      - en: Absolutely amazing
        zh: 绝绝子
        pinyin: juéjuézi
        literal: absolutely-absolutely
        note: Over-the-top praise.
        pinyin_exception: slang
      - en: to make someone want to buy something
        zh: 种草
        pinyin: zhòngcǎo
        literal: plant grass
        note: The opposite is 拔草.
"""



SLANG_WALKTHROUGH = """\
id: hello
title: Say hello
summary: Post your first note.
minutes: 1
level: beginner
app_version: "8.69"
steps:
  - id: post
    title: Post
    body: Press {{ui:发布}} on {{ui:小红书}}, then {{ui:收藏}} what you like.
"""


def slang_pack(root: Path) -> Path:
    """A small valid pack whose glossary and phrase book carry RedNote slang."""
    return write_pack(root, walkthroughs={"hello": SLANG_WALKTHROUGH}, glossary=SLANG_GLOSSARY,
                      phrasebook=SLANG_PHRASEBOOK, pack_id="slang", images=False)
