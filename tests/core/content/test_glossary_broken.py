"""A broken glossary costs the glossary and its chips, not every walkthrough (issue 13, Medium 10)."""

from __future__ import annotations

from pathlib import Path

from helpers.packs import GLOSSARY, write_pack

from guide.core.content.loader import load_pack


def test_one_tab_in_the_glossary_does_not_fail_the_walkthroughs(tmp_path: Path) -> None:
    broken = GLOSSARY.replace("    pinyin: fābù", "\tpinyin: fābù")
    pack = load_pack(write_pack(tmp_path / "p", glossary=broken))
    assert [w.id for w in pack.walkthroughs] == ["first", "second"]
    assert pack.glossary == ()
    assert len(pack.errors) == 1 and pack.errors[0].location.path.name == "glossary.yaml"


def test_a_broken_entry_is_reported_once_not_in_every_walkthrough(tmp_path: Path) -> None:
    broken = GLOSSARY.replace("    pinyin: shōucáng\n", "")
    pack = load_pack(write_pack(tmp_path / "p", glossary=broken))
    assert [w.id for w in pack.walkthroughs] == ["first", "second"]
    assert [e.location.path.name for e in pack.errors] == ["glossary.yaml"]
    assert pack.label("收藏") is None and pack.label("发布") is not None


def test_labels_missing_from_a_good_glossary_are_still_errors(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "p", glossary=GLOSSARY.replace("zh: 收藏", "zh: 收藏夹")))
    assert any("'收藏' is not in glossary.yaml" in e.message for e in pack.errors)
