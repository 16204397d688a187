"""What the 2026 bilingual review of the RedNote pack found (issue 24): nine errors and the nits.

Each test names what was wrong and fails on the pack as it was before the fix: the AI declaration
described as a line in the text rather than an option at publishing, no word on AI托管 accounts,
rednote.com missing (and an official-looking name called phishing), one rulebook claimed for
everyone, blocking said to hide public notes, an unhedged group-chat threshold, the 翻译 button
claimed under notes, 党's political sense first, the national streaming age presented as the
platform's, and the smaller slips in mockups, pinyin and notes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from helpers.bundled import pack, step, walkthrough

from guide.core.content.model import Phrase, Step
from guide.core.translate.senses import overrides

DATED_2026 = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) 2026\b")
LINK_RE = re.compile(r"\]\(walkthrough:([a-z0-9_-]+)(?:/([a-z0-9_-]+))?\)")


def text_of(found: Step) -> str:
    return " ".join(filter(None, [found.title, found.body, found.tip, found.warning]))


def all_text(walkthrough_id: str) -> str:
    found = walkthrough(walkthrough_id)
    return " ".join([found.title, found.summary, *(text_of(s) for s in found.steps)])


def phrase(zh: str) -> Phrase:
    [found] = [p for p in pack().phrases if p.zh == zh]
    return found


def svg_texts(name: str) -> list[tuple[float, float, str]]:
    root = ET.parse(pack().root / "images" / name).getroot()
    return [(float(e.get("x", 0)), float(e.get("y", 0)), e.text or "")
            for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "text"]


# --- 1, 2: AI content is declared when publishing; AI托管 accounts are banned -------------------

def test_ai_content_is_declared_on_the_publish_page_and_also_in_the_text() -> None:
    text = text_of(step("first-note", "body"))
    assert "Say so in the note" not in text
    assert "when you publish" in text.lower() and "12 February 2026" in text
    assert "限制推荐" in text and "Also say it in the text" in text


@pytest.mark.parametrize("where", [
    ("community-rules", "what-is-not-allowed"),
    ("your-notes-after-posting", "long-text"),
])
def test_rules_give_the_penalty_for_undeclared_ai_and_the_ai_hosting_ban(where: tuple[str, str]) -> None:
    text = text_of(step(*where))
    assert "限制推荐" in text and "12 February 2026" in text
    assert "AI托管" in text and "10 March 2026" in text
    assert "warning" in text and "banned" in text


def test_ai_phrase_points_to_the_declaration_on_the_publish_page() -> None:
    note = phrase("本篇笔记的图片由人工智能生成。").note
    assert "publish page" in note and "AI托管" in note and "限制推荐" in note


# --- 3: rednote.com is RedNote's own --------------------------------------------------------------

def test_web_walkthrough_and_glossary_name_both_official_domains() -> None:
    text = all_text("web-on-desktop")
    assert "rednote.com" in text and "xiaohongshu.com" in text
    assert "'rednote web'" not in text, "an official name is listed as a phishing look-alike"
    assert "rednote.com" in pack().label("扫码登录").where
    assert "rednote.com" in text_of(step("web-on-desktop", "qr-login"))


# --- 4: which rulebook applies depends on the account ----------------------------------------------

def test_rules_step_says_the_rulebook_depends_on_the_account() -> None:
    tip = step("community-rules", "find-the-rules").tip
    assert "is the version moderators work from" not in tip
    assert "8 December 2025" in tip and "depends on your account" in tip


# --- 5: blocking is not privacy --------------------------------------------------------------------

def test_block_step_says_public_notes_stay_visible_and_how_to_really_hide_them() -> None:
    found = step("privacy-and-safety", "block")
    assert "and can't see your notes" not in found.body
    assert "logged out" in found.body and "another account" in found.body
    assert {"仅自己可见", "好友可见"} <= set(found.labels)


# --- 6, 7: hedges --------------------------------------------------------------------------------

def test_group_chat_threshold_is_hedged() -> None:
    body = step("messages-and-groups", "in-a-group").body
    assert "unlocks only after" not in body
    assert "Some guides say" in body and "couldn't confirm" in body


def test_translate_button_is_confirmed_under_comments_and_only_in_some_versions_under_notes() -> None:
    found = step("language-and-translate", "translate-button")
    assert "notes" not in found.title
    assert "in some versions it also appears under the text of notes" in " ".join(found.body.split())
    where = pack().label("翻译").where
    assert where.startswith("Small link under comments") and "in some versions" in where


# --- 8: 党 as in 学生党 ------------------------------------------------------------------------------

def test_dang_gives_the_suffix_sense_before_the_political_party() -> None:
    senses = overrides()["党"]
    assert "学生党" in senses[0] and "打工党" in senses[0] and "熬夜党" in senses[0]
    assert senses[1].startswith("party")


# --- 9: national age rules are a floor --------------------------------------------------------------

@pytest.mark.parametrize("where", [("going-live", "verify-first"), ("teen-mode-and-leaving", "age-rules")])
def test_streaming_age_is_the_national_floor_and_platforms_may_set_more(where: tuple[str, str]) -> None:
    text = text_of(step(*where))
    assert "16- and 17-year-olds" in text
    assert "higher minimum" in text and "couldn't confirm RedNote's own" in text


# --- Nits ---------------------------------------------------------------------------------------------

def test_no_step_claims_that_notices_usually_offer_an_appeal_button() -> None:
    for found in pack().walkthroughs:
        for s in found.steps:
            text = text_of(s)
            assert not re.search(r"(usually )?offers (\{\{ui:)?申诉", text), f"{found.id}/{s.id}"


def test_second_tab_callout_lists_every_other_name_the_step_gives() -> None:
    callout = " ".join(t for _, y, t in svg_texts("home-tour-2-second-tab.svg") if 620 <= y <= 660)
    for name in ("商城", "购物", "视频", "市集"):
        assert name in callout, name


def test_look_alike_search_tabs_match_the_search_walkthrough() -> None:
    def tabs(name: str, y: float) -> list[str]:
        return [t for x, ty, t in sorted(svg_texts(name)) if ty == y and x < 260]
    assert tabs("real-accounts-and-scams-2-lookalikes.svg", 100) == tabs("search-and-follow-4-users.svg", 122)
    [users] = [h for h in step("real-accounts-and-scams", "look-alikes").highlight if h.label == "用户"]
    [(x, _, _)] = [(x, y, t) for x, y, t in svg_texts("real-accounts-and-scams-2-lookalikes.svg") if t == "用户" and y == 100]
    assert users.x * 360 <= x <= (users.x + users.w) * 360


def test_fake_staff_mockup_does_not_show_the_newcomer_answering_the_scammer() -> None:
    """The step says don't reply; the mockup showed a red bubble from the user ("真的吗？我该怎么做？")."""
    root = ET.parse(pack().root / "images" / "real-accounts-and-scams-4-fake-staff.svg").getroot()
    sent = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "rect" and e.get("fill") == "#FF2442"
            and float(e.get("x", 0)) > 60 and float(e.get("width", 0)) > 100]
    assert sent == []


def test_delete_account_step_separates_likes_received_and_mentions_the_tick_box() -> None:
    body = step("teen-mode-and-leaving", "what-you-lose").body
    assert "the likes and saves your notes received" in body
    assert "tick the box" in body


def test_slang_pinyin_and_spelling_fixes() -> None:
    assert phrase("绝绝子").pinyin == "juéjuézǐ" and "juéjuézi" in phrase("绝绝子").note
    shipping = phrase("嗑到了")
    assert shipping.pinyin == "kè dào le" and "磕到了" in shipping.note
    assert not [p for p in pack().phrases if p.zh == "磕到了"]
    assert phrase("评论区已关闭。").pinyin.startswith("Pínglùnqū ")


def test_have_you_eaten_warns_it_sounds_jokey_from_a_stranger() -> None:
    note = phrase("你吃饭了吗？").note
    assert "stranger" in note and "joke" in note


def test_walkthroughs_that_describe_2026_rules_say_so_in_their_app_version() -> None:
    for found in pack().walkthroughs:
        if DATED_2026.search(all_text(found.id)):
            assert "2026" in found.app_version or "2025–26" in found.app_version, found.id


def test_interface_languages_are_dated_to_january_2025() -> None:
    body = step("language-and-translate", "pick-english").body
    assert "January 2025 version" in " ".join(body.split())


def test_gift_step_says_gift_names_vary() -> None:
    assert "names vary" in text_of(step("live-and-shopping", "gifts"))


def test_highlights_in_one_step_are_nested_or_apart_never_overlapping_by_a_sliver() -> None:
    """Boxes that overlap by 1% draw a double border (privacy-and-safety/who-sees-what)."""
    slivers = []
    for found in pack().walkthroughs:
        for s in found.steps:
            spots = s.highlight
            for i, a in enumerate(spots):
                for b in spots[i + 1:]:
                    dx = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
                    dy = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
                    nested = any(o.x <= i.x and o.y <= i.y and o.x + o.w >= i.x + i.w - 1e-9 and o.y + o.h >= i.y + i.h - 1e-9
                                 for o, i in ((a, b), (b, a)))
                    if dx > 1e-6 and dy > 1e-6 and not nested:
                        slivers.append(f"{found.id}/{s.id}: {a} and {b}")
    assert slivers == []


def test_internal_links_point_at_walkthroughs_and_steps_that_exist() -> None:
    known = {w.id: {s.id for s in w.steps} for w in pack().walkthroughs}
    broken = []
    for found in pack().walkthroughs:
        for s in found.steps:
            for target, step_id in LINK_RE.findall(text_of(s)):
                if target not in known or (step_id and step_id not in known[target]):
                    broken.append(f"{found.id}/{s.id} -> {target}/{step_id}")
    assert broken == []


# --- Phrase book: the ～, everyday lines and the slang a first month meets -------------------------

EVERYDAY = ["谢谢喜欢～", "求原图", "求攻略", "私我", "已私", "私我领福利", "路过", "前排", "沙发", "啊这", "呜呜呜", "绝美",
            "亲测有效", "马住"]
SLANG = ["尊嘟假嘟", "泰裤辣", "班味", "发疯文学", "谐音梗", "赛博对账", "活人感", "抽象", "搞抽象", "硬控", "水灵灵地",
         "偷感很重", "红温", "那咋了", "牛马", "吗喽", "哈基米", "citywalk", "攻略", "避坑", "保姆级教程", "智商税", "素人",
         "小巧思", "谷子"]
REGISTER = re.compile(r"\b(?:Casual|Neutral|Playful|Jokey|Ironic|Blunt|Teasing|Cheeky|Self-mocking|Polite)\b", re.IGNORECASE)
DATED = re.compile(r"\b(?:dated|current|still (?:around|used|seen|common))\b", re.IGNORECASE)


def test_the_softening_tilde_has_a_note_and_variants() -> None:
    [tilde] = [p for p in pack().phrases if p.zh == "好哒～"]
    assert "softens" in tilde.note and "谢谢～" in tilde.note
    variants = [p.zh for p in pack().phrases if p.zh.endswith("～")]
    assert len(variants) >= 5, variants


@pytest.mark.parametrize("zh", EVERYDAY)
def test_everyday_comment_lines_are_in_the_phrase_book(zh: str) -> None:
    found = phrase(zh)
    assert found.literal and found.note


def test_scam_opener_is_flagged_as_bait() -> None:
    note = phrase("私我领福利").note
    assert "bait" in note and "Don't answer" in note


@pytest.mark.parametrize("zh", SLANG)
def test_slang_gives_literal_meaning_register_and_whether_it_is_dated(zh: str) -> None:
    [slang] = [c for c in pack().categories if c.id == "slang"]
    [found] = [p for p in slang.phrases if p.zh == zh]
    assert found.literal, zh
    assert REGISTER.search(found.note), f"{zh}: no register in {found.note!r}"
    assert DATED.search(found.note), f"{zh}: doesn't say whether it is dated"


@pytest.mark.parametrize("zh", ["尊嘟假嘟", "泰裤辣"])
def test_2023_memes_are_marked_dated(zh: str) -> None:
    assert "Dated" in phrase(zh).note


def test_cyber_reconciling_sits_beside_reconciling() -> None:
    [slang] = [c for c in pack().categories if c.id == "slang"]
    keys = [p.zh for p in slang.phrases]
    assert keys.index("赛博对账") == keys.index("对账") + 1


def test_pack_size_after_the_first_month_additions() -> None:
    assert len(pack().walkthroughs) >= 21
    assert len(pack().glossary) >= 270
    assert len(pack().phrases) >= 460
