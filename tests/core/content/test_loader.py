"""The loader reads valid packs into the model and reports each broken case with its
message and file:line:col, without ever taking the whole pack down."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers.packs import FIRST_WALKTHROUGH, SECOND_WALKTHROUGH, write_pack

from guide.core.content.loader import load_pack
from guide.core.content.model import Pack


def problems_for(pack: Pack, name: str) -> list[str]:
    return [f"{p.location.line}:{p.location.column}: {p.message}" for p in pack.problems if p.location.path.name == name]


def test_valid_pack_loads_into_the_model(mini_pack: Path) -> None:
    pack = load_pack(mini_pack)
    assert pack.problems == ()
    assert [w.id for w in pack.walkthroughs] == ["first", "second"]
    first = pack.walkthrough("first")
    assert first is not None and first.app_version == "8.69" and first.minutes == 3
    assert [s.id for s in first.steps] == ["open", "save", "post"]
    assert first.steps[0].highlight[0].label == "发布"
    assert first.steps[0].screen is not None and first.steps[0].screen.name == "screen.svg"
    assert pack.label("收藏").en == "Save"
    assert [p.zh for p in pack.phrases] == ["你好", "大家好！", "yyds"]
    assert pack.walkthrough("second").requires == ("first",)


def test_python_tag_is_an_error_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    evil = FIRST_WALKTHROUGH.replace("minutes: 3", f"minutes: !!python/object/apply:os.system ['touch {marker}']")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": evil}))
    assert not marker.exists()
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("4:10: ") and "tag" in message and "not allowed" in message
    assert pack.walkthrough("first") is None


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    big = FIRST_WALKTHROUGH + "# " + "x" * (1024 * 1024) + "\n"
    started = time.perf_counter()
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": big}))
    assert time.perf_counter() - started < 1.0
    [message] = problems_for(pack, "first.yaml")
    assert "1 MiB" in message


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    started = time.perf_counter()
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": bomb}))
    assert time.perf_counter() - started < 1.0
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("1:4: ") and "anchors and aliases" in message


def test_deep_nesting_is_refused_with_a_location(tmp_path: Path) -> None:
    deep = "steps: " + "[" * 5000 + "]" * 5000 + "\n"
    started = time.perf_counter()
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": deep}))
    assert time.perf_counter() - started < 1.0
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("1:") and "nested more than" in message


def test_unknown_key_gets_a_did_you_mean_hint(tmp_path: Path) -> None:
    typo = FIRST_WALKTHROUGH.replace("    tip: Take your time.", "    tipp: Take your time.")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": typo, "second": SECOND_WALKTHROUGH}))
    [message] = problems_for(pack, "first.yaml")
    assert message == "20:5: unknown key 'tipp' in step; did you mean 'tip'?"
    assert pack.walkthrough("first") is None
    assert pack.walkthrough("second") is not None, "one broken walkthrough must not hide the others"


def test_missing_required_key_and_wrong_type(tmp_path: Path) -> None:
    broken = FIRST_WALKTHROUGH.replace("summary: Open the app and look around.\n", "").replace("minutes: 3", "minutes: soon")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": broken}))
    messages = problems_for(pack, "first.yaml")
    assert "3:10: walkthrough: 'minutes' must be a whole number, found text" in messages
    assert "1:1: walkthrough is missing the required key 'summary'" in messages


def test_duplicate_step_ids(tmp_path: Path) -> None:
    dup = FIRST_WALKTHROUGH.replace("  - id: post", "  - id: save")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": dup}))
    [message] = problems_for(pack, "first.yaml")
    assert message == "27:9: step id 'save' is already used at line 21; step ids must be unique"


def test_walkthrough_listed_twice(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "p", listed=["first", "second", "first"]))
    assert problems_for(pack, "pack.yaml") == ["11:5: walkthrough 'first' is listed twice in pack.yaml"]


def test_requires_unknown_walkthrough(tmp_path: Path) -> None:
    second = SECOND_WALKTHROUGH.replace("requires: [first]", "requires: [frist]")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": FIRST_WALKTHROUGH, "second": second}))
    assert problems_for(pack, "second.yaml") == ["6:12: requires unknown walkthrough 'frist'"]


def test_requires_cycle(tmp_path: Path) -> None:
    first = FIRST_WALKTHROUGH.replace("tags: [start]", "tags: [start]\nrequires: [second]")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": first, "second": SECOND_WALKTHROUGH}))
    messages = problems_for(pack, "first.yaml") + problems_for(pack, "second.yaml")
    assert len(messages) == 2 and all("cycle" in m for m in messages)
    assert pack.walkthroughs == ()


def test_unlisted_and_missing_walkthrough_files(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "p", listed=["first", "ghost"]))
    messages = problems_for(pack, "pack.yaml")
    assert "10:5: walkthrough 'ghost' is listed but walkthroughs/ghost.yaml does not exist" in messages
    assert any("walkthroughs/second.yaml is not listed in pack.yaml" in m for m in messages)
    assert [w.id for w in pack.walkthroughs] == ["first"]


@pytest.mark.parametrize(
    ("screen", "expected"),
    [
        ("../outside.svg", "leaves the pack folder"),
        ("/etc/passwd", "is absolute"),
        ("images/missing.svg", "does not exist"),
    ],
)
def test_image_paths_must_stay_inside_the_pack(tmp_path: Path, screen: str, expected: str) -> None:
    (tmp_path / "outside.svg").write_text("<svg/>")
    bad = FIRST_WALKTHROUGH.replace("screen: images/screen.svg\n    highlight", f"screen: {screen}\n    highlight", 1)
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": bad}))
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("16:13: ") and expected in message


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_pointing_out_of_the_pack_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>")
    root = write_pack(tmp_path / "p")
    (root / "images" / "sneaky.svg").symlink_to(secret)
    (root / "walkthroughs" / "first.yaml").write_text(
        (root / "walkthroughs" / "first.yaml").read_text().replace("screen: images/screen.svg\n    highlight", "screen: images/sneaky.svg\n    highlight", 1)
    )
    pack = load_pack(root)
    [message] = problems_for(pack, "first.yaml")
    assert "pointing outside the pack" in message


@pytest.mark.parametrize("url", ["http://example.com", "javascript:alert(1)", "file:///etc/passwd"])
def test_links_must_be_https_or_internal(tmp_path: Path, url: str) -> None:
    bad = FIRST_WALKTHROUGH.replace("(https://example.com)", f"({url})")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": bad}))
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("23:53: link") and url in message


def test_raw_html_in_a_body_is_refused(tmp_path: Path) -> None:
    bad = FIRST_WALKTHROUGH.replace("      - one\n", "      - <script>alert(1)</script>\n")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": bad}))
    messages = problems_for(pack, "first.yaml")
    assert any(m.startswith("14:9: raw HTML") for m in messages), messages


def test_unknown_glossary_label_in_step(tmp_path: Path) -> None:
    bad = FIRST_WALKTHROUGH.replace("labels: [收藏]", "labels: [收减]")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": bad}))
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("25:14: label '收减' is not in glossary.yaml")


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    bad = FIRST_WALKTHROUGH.replace("level: beginner", "level: [beginner")
    pack = load_pack(write_pack(tmp_path / "p", walkthroughs={"first": bad}))
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("6:5: YAML syntax: ") and "starts at line 5, column 8" in message


def test_non_utf8_bytes_are_reported_with_position(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    (root / "walkthroughs" / "first.yaml").write_bytes(b"id: first\ntitle: caf\xe9\n")
    pack = load_pack(root)
    [message] = problems_for(pack, "first.yaml")
    assert message.startswith("2:11: not valid UTF-8")


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    path = root / "walkthroughs" / "first.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    pack = load_pack(root)
    assert pack.problems == () and pack.walkthrough("first") is not None


def test_broken_glossary_entry_skips_only_that_entry(tmp_path: Path) -> None:
    glossary = "labels:\n  - zh: 发布\n    pinyin: fābù\n    en: Post\n  - zh: 收藏\n    pinyn: shōucáng\n    en: Save\n  - zh: 小红书\n    pinyin: Xiǎohóngshū\n    en: RedNote\n"
    pack = load_pack(write_pack(tmp_path / "p", glossary=glossary))
    assert "6:5: unknown key 'pinyn' in label; did you mean 'pinyin'?" in problems_for(pack, "glossary.yaml")
    assert [e.zh for e in pack.glossary] == ["发布", "小红书"]


def test_missing_pack_yaml(tmp_path: Path) -> None:
    pack = load_pack(tmp_path)
    [problem] = pack.problems
    assert "no pack.yaml" in problem.message
