"""The walkthroughs for the gaps a newcomer's first week hits (issue 15): teen mode and age rules,
deleting an account, 薯条, verified accounts and scams, managing comments, going live, 合集 and
long-text notes. The generic checks (strict validation, every step has a mockup) live in
test_rednote_pack.py; these check that each gap is really covered and that the new mockups'
hotspots sit on what the text says to tap.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from helpers.mockups import labels_used, texts_under

from guide.core.content.model import Pack, Step, Walkthrough
from guide.core.content.validator import validate_pack
from guide.core.storage import paths

NEW_WALKTHROUGHS = ("your-notes-after-posting", "real-accounts-and-scams", "going-live", "teen-mode-and-leaving")

# Each gap of issue 15 -> the walkthrough that covers it and the labels its steps must use.
GAPS = {
    "teen mode and age rules": ("teen-mode-and-leaving", {"青少年模式", "未成年人", "充值"}),
    "deleting your account and a copy of your data": ("teen-mode-and-leaving", {"注销账号", "冷静期", "个人信息副本"}),
    "薯条 paid promotion": ("your-notes-after-posting", {"薯条", "支付"}),
    "official and verified accounts, impersonation": ("real-accounts-and-scams", {"认证", "官方账号", "冒充他人", "诈骗"}),
    "managing comments on your own notes": ("your-notes-after-posting", {"置顶", "删除", "谁可以评论", "关闭评论"}),
    "going live yourself": ("going-live", {"开直播", "实名认证", "开始直播"}),
    "合集 and text-only / long-text notes": ("your-notes-after-posting", {"合集", "写文字", "写长文"}),
}

# Highlights that mark an icon or a region rather than a piece of text, so the label's 汉字 is
# not written under the box: (step id, label).
ICON_OR_REGION = {
    ("what-teen-mode-limits", "青少年模式"),  # the list of limits on the teen-mode page
    ("age-rules", "薯币"),  # the coin-balance card
    ("what-you-lose", "注销须知"),  # the list of what is deleted
    ("cooling-off", "冷静期"),  # the card that shows the remaining days
    ("verified-badge", "认证"),  # the badge icon after the name
    ("fake-staff", "举报"),  # the ⋯ button that opens the report menu
    ("on-air", "评论"),  # the live chat
    ("on-air", "结束直播"),  # the × that ends the stream
    ("long-text", "标题"),  # the title field, filled in with an English title
}

UI_REF = re.compile(r"\{\{ui:([^}]+)\}\}")


@lru_cache(maxsize=1)
def checked() -> tuple[Pack, list]:
    return validate_pack(paths.content_root() / "rednote", strict=True)


def walkthrough(pack: Pack, walkthrough_id: str) -> Walkthrough:
    [found] = [w for w in pack.walkthroughs if w.id == walkthrough_id]
    return found


def new_steps() -> list[tuple[Walkthrough, Step]]:
    pack, _ = checked()
    return [(walkthrough(pack, w), step) for w in NEW_WALKTHROUGHS for step in walkthrough(pack, w).steps]


def test_the_pack_now_has_the_first_week_covered() -> None:
    pack, problems = checked()
    assert [str(p) for p in problems] == []
    assert len(pack.walkthroughs) >= 16
    assert len(pack.glossary) >= 230
    assert set(NEW_WALKTHROUGHS) <= {w.id for w in pack.walkthroughs}


@pytest.mark.parametrize("gap", sorted(GAPS))
def test_each_gap_is_covered_by_steps_that_use_its_labels(gap: str) -> None:
    pack, _ = checked()
    walkthrough_id, needed = GAPS[gap]
    used = set().union(*(labels_used(step) for step in walkthrough(pack, walkthrough_id).steps))
    assert needed <= used, f"{gap}: {sorted(needed - used)} not used by {walkthrough_id}"
    for zh in needed:
        entry = pack.label(zh)
        assert entry is not None and entry.pinyin and entry.en and entry.where, zh


def test_gap_labels_named_by_the_issue_exist_and_are_used() -> None:
    pack, _ = checked()
    used = set().union(*(labels_used(step) for _, step in new_steps()))
    for zh in ("青少年模式", "注销账号", "薯条", "置顶", "开直播", "合集"):
        assert pack.label(zh) is not None, zh
        assert zh in used, zh


def test_new_labels_have_tone_marked_pinyin_and_a_place_on_screen() -> None:
    pack, _ = checked()
    used = set().union(*(labels_used(step) for _, step in new_steps()))
    for zh in sorted(used):
        entry = pack.label(zh)
        assert entry is not None, zh
        assert entry.where and entry.en, zh
        if zh.isascii():
            continue
        assert any(not c.isascii() for c in entry.pinyin), f"{zh}: pinyin {entry.pinyin!r} has no tone marks"


def test_new_walkthroughs_say_which_screens_they_were_drawn_from() -> None:
    pack, _ = checked()
    for walkthrough_id in NEW_WALKTHROUGHS:
        found = walkthrough(pack, walkthrough_id)
        assert found.app_version and found.requires, walkthrough_id
        assert 4 <= len(found.steps) <= 10, walkthrough_id


def test_every_new_step_has_its_own_new_mockup() -> None:
    pack, _ = checked()
    old_screens = {s.screen for w in pack.walkthroughs if w.id not in NEW_WALKTHROUGHS for s in w.steps}
    seen = set()
    for found, step in new_steps():
        where = f"{found.id}/{step.id}"
        assert step.screen is not None and step.screen.is_file() and step.screen.suffix == ".svg", where
        assert step.screen.name.startswith(found.id + "-"), where
        assert step.screen not in old_screens and step.screen not in seen, where
        seen.add(step.screen)


def test_new_hotspots_lie_inside_their_mockup() -> None:
    for found, step in new_steps():
        assert step.highlight, f"{found.id}/{step.id}"
        for spot in step.highlight:
            where = f"{found.id}/{step.id} {spot}"
            assert spot.w > 0 and spot.h > 0, where
            assert 0 <= spot.x and 0 <= spot.y, where
            assert spot.x + spot.w <= 1.0 + 1e-9 and spot.y + spot.h <= 1.0 + 1e-9, where


def test_labelled_hotspots_sit_on_the_text_they_name() -> None:
    """Text under the box: a hotspot labelled 置顶 covers the 置顶 written on the mockup."""
    checked_spots = 0
    for found, step in new_steps():
        for spot in step.highlight:
            if not spot.label or (step.id, spot.label) in ICON_OR_REGION:
                continue
            under = texts_under(step, spot)
            assert any(spot.label in text for text in under), f"{found.id}/{step.id}: {spot.label} not under its box; found {under}"
            checked_spots += 1
    assert checked_spots >= 30


def test_icon_and_region_exceptions_are_still_in_use() -> None:
    """Keeps the exception list honest: each entry names a real labelled hotspot."""
    spots = {(step.id, h.label) for _, step in new_steps() for h in step.highlight if h.label}
    assert ICON_OR_REGION <= spots


def test_text_does_not_repeat_what_the_renderer_adds_after_a_label() -> None:
    """{{ui:收藏}} already renders as 收藏 (shōucáng, "Save"); writing the pinyin or meaning again doubles it."""
    pack, _ = checked()
    for found, step in new_steps():
        text = " ".join(filter(None, [step.body, step.tip, step.warning]))
        for match in UI_REF.finditer(text):
            entry = pack.label(match.group(1))
            after = re.sub(r"^[\s,;:—–-]*(?:(?:a|an|the|literally)\s+)?[(\"“']*", "", text[match.end():match.end() + 80]).lower()
            where = f"{found.id}/{step.id}: {match.group(0)} followed by {after[:30]!r}"
            assert not after.startswith((entry.pinyin.lower(), entry.en.lower())), where
