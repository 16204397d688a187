"""`validate` warns when a step body glosses a {{ui:…}} label again (issue 14 item 4): the
player already shows 收藏 (shōucáng, "Save"), so "{{ui:收藏}} ("Save")" reads twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import SECOND_WALKTHROUGH, write_pack

from guide.core.content.model import Severity
from guide.core.content.validator import repeated_glosses, validate_pack

STEP = """\
id: first
title: First steps
summary: Open the app and look around.
minutes: 3
level: beginner
app_version: "8.69"
steps:
  - id: only
    title: One step
    body: |
      A line first.
      {body}
"""


def problems_for(tmp_path: Path, body: str) -> list:
    root = write_pack(tmp_path / "p", walkthroughs={"first": STEP.format(body=body), "second": SECOND_WALKTHROUGH})
    _pack, problems = validate_pack(root)
    return [p for p in problems if "repeats" in p.message]


@pytest.mark.parametrize("body", [
    'Tap {{ui:收藏}} ("Save") to keep it.',
    "Tap {{ui:收藏}} (save) to keep it.",
    "Tap {{ui:收藏}} (shoucang) to keep it.",
    "Tap {{ui:收藏}} (shōucáng) — Save.",
    "- {{ui:收藏}} — Save, the star under a note.",
    'The red {{ui:发布}} means **Post**.',
    "Tap {{ui:小红书}}: RedNote itself.",
])
def test_a_repeated_pinyin_or_meaning_is_a_warning(tmp_path: Path, body: str) -> None:
    [problem] = problems_for(tmp_path, body)
    assert problem.severity is Severity.WARNING
    assert problem.location.path.name == "first.yaml" and problem.location.line == 12, "points at the tag's line"
    assert "already shows" in problem.message and "drop it" in problem.message


@pytest.mark.parametrize("body", [
    "Tap {{ui:收藏}} to keep it.",
    "Tap {{ui:收藏}} (the star) to keep it; saves are public.",
    "Tap {{ui:发布}}, then wait: posting takes a moment.",
    "Tap {{ui:收藏}} or {{ui:发布}}.",
    "Open {{ui:小红书}} (the red icon). RedNote opens on the feed.",
])
def test_other_text_after_a_label_is_fine(tmp_path: Path, body: str) -> None:
    assert problems_for(tmp_path, body) == []


def test_strict_validation_fails_on_a_repeat(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", walkthroughs={"first": STEP.format(body='{{ui:收藏}} ("Save")'), "second": SECOND_WALKTHROUGH})
    _pack, problems = validate_pack(root, strict=True)
    assert any(p.is_error and "repeats its meaning" in p.message for p in problems)


def test_the_mini_pack_has_no_repeats(mini_pack: Path) -> None:
    pack, _problems = validate_pack(mini_pack)
    assert repeated_glosses(pack) == []
