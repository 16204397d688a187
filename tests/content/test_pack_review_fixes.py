"""What the bilingual review of the RedNote pack (issue 15) and the first-hour test (issue 14, item 4) found.

Each test fails on the pack as it was before the fixes: wrong pinyin, a misleading gloss, a label
listed twice, basic phrases that only existed inside longer ones, and step bodies that repeat the
pinyin or meaning the player already prints after every `{{ui:…}}` label.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from functools import lru_cache

import pytest

from guide.core.content.loader import load_pack
from guide.core.content.model import GlossaryEntry, Pack
from guide.core.storage import paths
from guide.core.study.search import han_key

UI_RE = re.compile(r"\{\{\s*ui:\s*([^}]+?)\s*\}\}")
HAN_RE = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")


@lru_cache(maxsize=1)
def pack() -> Pack:
    loaded = load_pack(paths.content_root() / "rednote")
    assert not loaded.errors, [str(p) for p in loaded.errors]
    return loaded


def phrases_with_key(text: str) -> list:
    return [p for p in pack().phrases if han_key(p.zh) == han_key(text)]


def walkthrough_texts() -> list[tuple[str, str]]:
    """(where, text) for every body, tip and warning of every step."""
    found = []
    for walkthrough in pack().walkthroughs:
        for step in walkthrough.steps:
            for field in ("body", "tip", "warning"):
                text = getattr(step, field) or ""
                if text:
                    found.append((f"{walkthrough.id}/{step.id}/{field}", text))
    return found


# --- Errors the review found -------------------------------------------------------------------

def test_bye_bye_is_written_baibai_and_notes_the_spoken_baibai() -> None:
    [bye] = phrases_with_key("拜拜")
    assert bye.pinyin == "Bàibài!"
    assert bye.pinyin_exception is None
    assert "báibái" in bye.note


def test_fensi_is_a_sound_loan_of_fans_not_a_pun() -> None:
    note = pack().label("粉丝").note
    assert "fans" in note and "vermicelli" in note and "sound-loan" in note
    assert "pun" not in note
    step = pack().walkthrough("your-profile").steps[pack().walkthrough("your-profile").step_index("your-numbers")]
    assert "sound-loan" in step.body and "vermicelli" in step.body and "pun" not in step.body


def test_real_name_tip_does_not_state_the_unconfirmed_as_fact() -> None:
    walkthrough = pack().walkthrough("community-rules")
    step = walkthrough.steps[walkthrough.step_index("real-name")]
    assert "You don't need to do it" not in step.tip
    assert "not confirmed" in step.tip


# --- Made consistent -----------------------------------------------------------------------------

def test_faxian_is_explore_everywhere() -> None:
    assert pack().label("发现").en == "Explore"
    assert [where for where, text in walkthrough_texts() if "Discover" in text] == []


def test_guess_what_you_search_is_personal_not_trending_everywhere() -> None:
    assert "not a trending list" in pack().label("猜你想搜").note
    walkthrough = pack().walkthrough("search-and-follow")
    body = walkthrough.steps[walkthrough.step_index("open-search")].body
    assert "not a trending list" in body
    assert "based on what is popular" not in body


def test_the_comment_typed_in_the_write_a_comment_mockup_sticks_to_one_language() -> None:
    svg = pack().root / "images" / "like-save-comment-5-write-comment.svg"
    texts = [el.text or "" for el in ET.parse(svg).iter() if el.tag.endswith("text") and 432 <= float(el.get("y", 0)) <= 476]
    assert texts, "no text in the comment box"
    for text in texts:
        assert not (HAN_RE.search(text) and LATIN_WORD_RE.search(text)), text


def test_first_note_toolbar_uses_the_glossary_word_for_tags() -> None:
    svg = (pack().root / "images" / "first-note-3-edit.svg").read_text(encoding="utf-8")
    assert "标签" in svg and "标记" not in svg
    assert pack().label("标签") is not None


def test_say_something_placeholder_is_listed_once() -> None:
    keys = [entry.zh for entry in pack().glossary if han_key(entry.zh).startswith("说点什么")]
    assert keys == ["说点什么..."]


def test_ip_location_is_not_claimed_for_every_chinese_platform() -> None:
    texts = [pack().label("IP属地").note] + [text for _, text in walkthrough_texts()]
    assert not any("every Chinese platform" in text for text in texts)


def test_shop_tab_step_does_not_claim_there_is_no_shop_tab() -> None:
    walkthrough = pack().walkthrough("live-and-shopping")
    body = walkthrough.steps[walkthrough.step_index("shop-tab")].body
    assert "there is no shop tab" not in body
    assert "don't say" in body


def test_rules_walkthrough_covers_the_january_2026_pact() -> None:
    walkthrough = pack().walkthrough("community-rules")
    text = " ".join(s.body for s in walkthrough.steps)
    assert "19 January 2026" in text and "社区公约" in text and "AI" in text


# --- Phrase book --------------------------------------------------------------------------------

@pytest.mark.parametrize(("zh", "en"), [
    ("你好", "Hello"), ("谢谢", "Thank"), ("再见", "Goodbye"), ("对不起", "Sorry"), ("没关系", "No problem"),
])
def test_basic_phrases_are_stand_alone_entries(zh: str, en: str) -> None:
    [phrase] = phrases_with_key(zh)
    assert phrase.en.startswith(en), phrase.en


def test_phrase_book_covers_the_first_week() -> None:
    assert len(pack().phrases) >= 410
    everything = " ".join(p.zh for p in pack().phrases)
    for topic in ("青少年模式", "注销", "薯条", "官方", "置顶", "合集", "直播间"):
        assert topic in everything, topic


def test_no_two_phrases_share_the_same_chinese_once_punctuation_is_dropped() -> None:
    keys = [han_key(p.zh) for p in pack().phrases]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


# --- Issue 14 item 4: the player already glosses {{ui:…}} --------------------------------------

def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold()


_LEAD_IN_RE = re.compile(r"^(?:\s|[(（,，:：—–\-\"“”'‘’]|means\b|or\b)+")


def repeated_gloss(after: str, entry: GlossaryEntry) -> str | None:
    """The pinyin or English meaning that `after` opens with, if it repeats the label's card."""
    rest = _fold(_LEAD_IN_RE.sub("", after[:80]))
    candidates = [entry.pinyin, entry.en, *entry.en.split("/")]
    for candidate in candidates:
        folded = _fold(candidate.strip().rstrip(".…"))
        if len(folded) >= 2 and rest.startswith(folded) and not rest[len(folded):len(folded) + 1].isalpha():
            return candidate.strip()
    return None


def test_repeated_gloss_catches_the_forms_the_review_found() -> None:
    agreement = GlossaryEntry("用户协议", "yònghù xiéyì", "User Agreement")
    usa = GlossaryEntry("美国", "Měiguó", "United States")
    ip = GlossaryEntry("IP属地", "IP shǔdì", "IP location")
    assert repeated_gloss(" (User Agreement) and the", agreement)
    assert repeated_gloss(" (Měiguó) — United States, **+1**", usa)
    assert repeated_gloss(' means "IP location". Since', ip)
    assert repeated_gloss(" — how many people follow you", GlossaryEntry("粉丝", "fěnsī", "Followers")) is None
    assert repeated_gloss(" button follows them", GlossaryEntry("关注", "guānzhù", "Follow / Following")) is None


def test_no_step_repeats_a_labels_pinyin_or_meaning_right_after_it() -> None:
    repeats = []
    for where, text in walkthrough_texts():
        for match in UI_RE.finditer(text):
            entry = pack().label(match.group(1))
            if entry is not None and (found := repeated_gloss(text[match.end():], entry)):
                repeats.append(f"{where}: {{{{ui:{entry.zh}}}}} then {found!r}")
    assert repeats == []
