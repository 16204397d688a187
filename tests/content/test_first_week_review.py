"""Second review of the first-week content (issue 15): the errors it found stay fixed.

Each test names what was wrong: a mockup that reused a real account's ID from a news report, a
step whose text says to tap a tab that was not highlighted, claims the sources don't support,
a misleading literal gloss, pinyin split differently from the glossary, and two glosses
rendered back to back after a {{ui:…}} label.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guide.core.content.model import Pack, Phrase, Step
from guide.core.content.validator import validate_pack
from guide.core.storage import paths

NEW_WALKTHROUGHS = ("your-notes-after-posting", "real-accounts-and-scams", "going-live", "teen-mode-and-leaving")
UI_REF = re.compile(r"\{\{ui:[^}]+\}\}")


@lru_cache(maxsize=1)
def pack() -> Pack:
    checked, problems = validate_pack(paths.content_root() / "rednote", strict=True)
    assert [str(p) for p in problems] == []
    return checked


def step(walkthrough_id: str, step_id: str) -> Step:
    [found] = [s for w in pack().walkthroughs if w.id == walkthrough_id for s in w.steps if s.id == step_id]
    return found


def phrase(zh: str) -> Phrase:
    [found] = [p for p in pack().phrases if p.zh == zh]
    return found


def text_of(found: Step) -> str:
    return " ".join(filter(None, [found.body, found.tip, found.warning]))


def test_scam_profile_mockup_does_not_reuse_the_id_of_the_account_decrypt_reported() -> None:
    """Decrypt's January 2025 report names a real account, ID 26204885628; the mockup used its first 8 digits."""
    svg = step("real-accounts-and-scams", "check-the-profile").screen.read_text(encoding="utf-8")
    assert "26204885" not in svg
    assert "小红书号：00000000" in svg


def test_look_alikes_step_highlights_the_users_tab_it_says_to_tap() -> None:
    found = step("real-accounts-and-scams", "look-alikes")
    assert "tap the {{ui:用户}} tab" in found.body
    assert "用户" in {h.label for h in found.highlight}


def test_going_live_does_not_state_as_fact_that_unverified_users_can_comment() -> None:
    """Only going live is confirmed to need 实名认证; community-rules leaves commenting open, so this step hedges too."""
    text = text_of(step("going-live", "verify-first"))
    assert "you can still watch and comment" not in text
    assert "usually still watch" in text


def test_time_zone_tip_says_morning_in_china() -> None:
    tip = step("going-live", "set-up").tip
    assert "Chinese morning" not in tip
    assert "morning in China" in tip


def test_teen_mode_glossary_note_hedges_the_limits_like_the_walkthrough() -> None:
    """The walkthrough could not confirm RedNote's own limits; the glossary stated them flatly."""
    note = pack().label("青少年模式").note
    assert "usually" in note and "shown in the app" in note


def test_shutiao_literal_says_fries_not_chips() -> None:
    """"chips" reads as crisps or poker chips; 薯条 is "fries" everywhere else in the pack."""
    literal = phrase("要不要投薯条？").literal
    assert "chips" not in literal and "fries" in literal


def test_minor_is_one_pinyin_word_as_in_the_glossary() -> None:
    assert pack().label("未成年人").pinyin == "wèichéngniánrén"
    assert phrase("未成年人不能打赏主播。").pinyin.startswith("Wèichéngniánrén ")


def test_delete_comment_phrase_makes_no_unsourced_claim_about_notifications() -> None:
    assert "not told" not in phrase("恶意评论我会直接删除。").note


def test_new_walkthroughs_do_not_follow_a_label_with_a_second_parenthesis() -> None:
    """{{ui:写长文}} renders as 写长文 (xiě chángwén, "…"); a "(next step)" right after made two brackets in a row."""
    for walkthrough in pack().walkthroughs:
        if walkthrough.id not in NEW_WALKTHROUGHS:
            continue
        for found in walkthrough.steps:
            for match in UI_REF.finditer(text_of(found)):
                after = text_of(found)[match.end():match.end() + 3]
                assert not after.startswith((" (", "(")), f"{walkthrough.id}/{found.id}: {match.group(0)}{after}"
