"""The walkthroughs for what a first month on RedNote hits (issue 24): posting a video note, keeping
your account, returns and after-sales, brand deals and 专业号, and the DM, filtering and copying
steps added to older walkthroughs.

Each topic must be covered by steps that use its labels; every new step has its own mockup whose
labelled hotspots sit on the text they name, and every fact the sources don't confirm is hedged.
"""

from __future__ import annotations

import pytest
from helpers.bundled import pack, step, walkthrough
from helpers.mockups import labels_used, texts_under

from guide.core.content.model import Step, Walkthrough

NEW_WALKTHROUGHS = ("video-note", "keep-your-account", "after-sales", "brand-deals")
# Steps added to older walkthroughs: DMs, feed and comment filtering, copying text out.
NEW_STEPS = (("messages-and-groups", "dm-limits"), ("search-and-follow", "filter-feed"),
             ("your-notes-after-posting", "comment-filters"), ("language-and-translate", "copy-text-out"))

# Topic of issue 24 -> (walkthrough, labels its steps must use).
TOPICS = {
    "video: trim, subtitles, in-app music, cover, AI declaration": (
        "video-note", {"剪辑", "识别字幕", "配乐", "选封面", "AI合成", "内容类型声明"}),
    "account: password, second login, devices, phone number, recovery, terms, official accounts": (
        "keep-your-account", {"设置密码", "第三方账号绑定", "登录设备管理", "更换手机号", "找回账号", "账号被盗",
                              "用户协议", "薯管家", "薯队长"}),
    "after-sales: 7-day returns, confirming receipt, refund types, platform help, forwarding": (
        "after-sales", {"七天无理由退货", "确认收货", "申请售后", "仅退款", "退货退款", "平台介入", "集运"}),
    "brand deals: 专业号, 蒲公英, 私单, gifted products, fake offers": (
        "brand-deals", {"开通专业号", "专业号", "蒲公英", "品牌合作", "私单", "诈骗"}),
    "DMs: one message, contact details as 导流, strangers' messages": (
        "messages-and-groups", {"导流", "禁言", "陌生人消息"}),
    "filtering the feed": ("search-and-follow", {"屏蔽关键词", "不感兴趣", "取消关注"}),
    "filtering comments on your notes": ("your-notes-after-posting", {"评论管理", "评论关键词屏蔽"}),
    "copying text out: emoji codes, links, pictures": ("language-and-translate", {"复制链接", "保存图片"}),
}

# Highlights that mark a picture or a region rather than a piece of text: (step id, label).
ICON_OR_REGION = {
    ("cover", "封面"),  # the chosen frame in the strip
    ("deal-scams", "举报"),  # the ⋯ button that opens the report menu
}

# Facts no reachable source confirmed: the step that mentions each must hedge it.
HEDGED = {
    ("video-note", "pick-video"): ("60 seconds", "couldn't confirm"),
    ("video-note", "subtitles"): ("English", "couldn't confirm"),
    ("video-note", "ai-declaration"): ("高级选项", "couldn't confirm"),
    ("keep-your-account", "phone-number"): ("proof", "couldn't confirm"),
    ("keep-your-account", "official-accounts"): ("薯队长", "commonly described"),
    ("keep-your-account", "which-rules"): ("8 December 2025", "WIRED, April 2026"),
    ("after-sales", "order-page"): ("automatically", "couldn't confirm"),
    ("after-sales", "platform-help"): ("申请平台介入", "couldn't confirm"),
    ("brand-deals", "pugongying"): ("5,000 followers", "couldn't confirm"),
    ("brand-deals", "declared"): ("wording", "couldn't confirm"),
    ("brand-deals", "private-deals"): ("7 days, then 14", "doesn't publish"),
    ("messages-and-groups", "dm-limits"): ("One message until they answer", "likely rather than certain"),
    ("search-and-follow", "filter-feed"): ("内容偏好设置", "couldn't confirm"),
    ("your-notes-after-posting", "comment-filters"): ("隐私设置", "couldn't confirm"),
}


def new_steps() -> list[tuple[Walkthrough, Step]]:
    whole = [(walkthrough(w), s) for w in NEW_WALKTHROUGHS for s in walkthrough(w).steps]
    return whole + [(walkthrough(w), step(w, s)) for w, s in NEW_STEPS]


def text_of(shown: Step) -> str:
    return " ".join(filter(None, [shown.body, shown.tip, shown.warning]))


def test_the_pack_has_the_first_month_walkthroughs_in_its_order() -> None:
    ids = [w.id for w in pack().walkthroughs]
    assert set(NEW_WALKTHROUGHS) <= set(ids)
    for new in NEW_WALKTHROUGHS:
        for required in walkthrough(new).requires:
            assert ids.index(required) < ids.index(new), f"{new} comes before {required}, which it requires"


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_each_topic_is_covered_by_steps_that_use_its_labels(topic: str) -> None:
    walkthrough_id, needed = TOPICS[topic]
    used = set().union(*(labels_used(s) for s in walkthrough(walkthrough_id).steps))
    assert needed <= used, f"{topic}: {sorted(needed - used)} not used by {walkthrough_id}"
    for zh in needed:
        entry = pack().label(zh)
        assert entry is not None and entry.pinyin and entry.en and entry.where, zh


def test_new_walkthroughs_are_honest_about_their_screens() -> None:
    for walkthrough_id in NEW_WALKTHROUGHS:
        found = walkthrough(walkthrough_id)
        assert "as described by guides" in found.app_version, walkthrough_id
        assert found.requires and 4 <= len(found.steps) <= 10, walkthrough_id


def test_every_new_step_has_its_own_mockup() -> None:
    old = {s.screen for w in pack().walkthroughs for s in w.steps
           if w.id not in NEW_WALKTHROUGHS and (w.id, s.id) not in NEW_STEPS}
    seen = set()
    for found, shown in new_steps():
        where = f"{found.id}/{shown.id}"
        assert shown.screen is not None and shown.screen.suffix == ".svg", where
        assert shown.screen.name.startswith(found.id + "-"), where
        assert shown.screen not in old and shown.screen not in seen, where
        seen.add(shown.screen)


def test_new_hotspots_lie_inside_their_mockup_and_labelled_ones_sit_on_their_text() -> None:
    checked = 0
    for found, shown in new_steps():
        assert shown.highlight, f"{found.id}/{shown.id}"
        for spot in shown.highlight:
            where = f"{found.id}/{shown.id} {spot}"
            assert 0 <= spot.x and 0 <= spot.y and spot.w > 0 and spot.h > 0, where
            assert spot.x + spot.w <= 1.0 + 1e-9 and spot.y + spot.h <= 1.0 + 1e-9, where
            if spot.label and (shown.id, spot.label) not in ICON_OR_REGION:
                under = texts_under(shown, spot)
                assert any(spot.label in text for text in under), f"{where}: {spot.label} not under its box; found {under}"
                checked += 1
    assert checked >= len(NEW_WALKTHROUGHS) * 4


def test_icon_and_region_exceptions_are_still_in_use() -> None:
    spots = {(shown.id, h.label) for _, shown in new_steps() for h in shown.highlight if h.label}
    assert ICON_OR_REGION <= spots


@pytest.mark.parametrize("where", sorted(HEDGED))
def test_unconfirmed_facts_are_hedged(where: tuple[str, str]) -> None:
    fact, hedge = HEDGED[where]
    text = " ".join(text_of(step(*where)).split())
    assert fact in text and hedge in text, where


def test_account_walkthrough_names_both_domains_and_the_official_accounts() -> None:
    text = " ".join(text_of(s) for s in walkthrough("keep-your-account").steps)
    assert "rednote.com" in text and "xiaohongshu.com" in text
    assert {"薯管家", "薯队长"} <= {h.label for h in step("keep-your-account", "official-accounts").highlight}


def test_copying_step_explains_emoji_codes_and_the_shared_link_text() -> None:
    text = text_of(step("language-and-translate", "copy-text-out"))
    assert "[笑哭R]" in text and "[doge]" in text and "emoji names" in text
    assert "xhslink.com" in text and "复制本条信息" in text


def test_dm_step_names_what_counts_as_diverting_users_and_the_mute() -> None:
    text = text_of(step("messages-and-groups", "dm-limits"))
    for thing in ("WeChat IDs", "phone numbers", "QR codes", "links", "私信禁言"):
        assert thing in text, thing
