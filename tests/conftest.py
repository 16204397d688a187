"""Shared test set-up: offscreen Qt, isolated user dirs, and a tiny fixture pack.

Every test gets its own XDG_* dirs so nothing touches the real user's data, and Qt
renders offscreen so no screen is needed.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("xdg")
    dirs = {name: base / name for name in ("config", "data", "cache")}
    for name, path in dirs.items():
        path.mkdir()
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(path))
    return dirs


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="780" viewBox="0 0 360 780"><rect width="360" height="780" fill="#fff"/><rect x="20" y="700" width="320" height="60" fill="#FF2442"/><text x="180" y="740" font-size="24" text-anchor="middle" fill="#fff">发布</text></svg>'


def write_pack(root: Path, walkthroughs: dict[str, str] | None = None, listed: list[str] | None = None,
               glossary: str | None = None, phrasebook: str | None = None) -> Path:
    """Write a small valid pack (or a variant of it) and return its folder."""
    (root / "walkthroughs").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "screen.svg").write_text(SVG, encoding="utf-8")
    if walkthroughs is None:
        walkthroughs = {"first": FIRST_WALKTHROUGH, "second": SECOND_WALKTHROUGH}
    for name, text in walkthroughs.items():
        (root / "walkthroughs" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    listed = list(walkthroughs) if listed is None else listed
    lines = "\n".join(f"  - {w}" for w in listed)
    (root / "pack.yaml").write_text(
        "id: mini\ntitle: Mini pack\napp:\n  name: RedNote\n  native_name: 小红书\n  language: zh-Hans\n"
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


@pytest.fixture(autouse=True)
def memory_keyring():  # noqa: ANN201 - MemoryKeyring, imported lazily with the translator fakes
    """No test reads or writes the real system keyring."""
    from core.translate.fakes import use_memory_keyring

    return use_memory_keyring()


@pytest.fixture
def server():  # noqa: ANN201 - Iterator[FakeServer]
    """A local fake translation server (Google, MyMemory, LibreTranslate, DeepL answers)."""
    from core.translate.fakes import FakeServer

    srv = FakeServer()
    yield srv
    srv.stop()


@pytest.fixture
def mini_pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "mini")
