"""The bundled RedNote pack: validates strictly, and has what a newcomer's first week needs."""

from __future__ import annotations

from functools import lru_cache

import pytest

from guide.core.content.model import Pack
from guide.core.content.validator import validate_pack
from guide.core.storage import paths

REQUIRED_WALKTHROUGHS = {
    "sign-up", "home-tour", "your-profile", "language-and-translate", "search-and-follow", "like-save-comment",
    "first-note", "messages-and-groups", "privacy-and-safety", "community-rules", "live-and-shopping", "making-friends",
}


@lru_cache(maxsize=1)
def checked() -> tuple[Pack, list]:
    return validate_pack(paths.content_root() / "rednote", strict=True)


def test_bundled_pack_passes_strict_validation() -> None:
    _, problems = checked()
    assert [str(p) for p in problems] == []


def test_walkthroughs_cover_the_first_week() -> None:
    pack, _ = checked()
    assert REQUIRED_WALKTHROUGHS <= {w.id for w in pack.walkthroughs}
    for walkthrough in pack.walkthroughs:
        assert 4 <= len(walkthrough.steps) <= 10, walkthrough.id
        assert walkthrough.app_version, walkthrough.id


def test_every_step_has_a_mockup_with_a_highlight_and_labels() -> None:
    pack, _ = checked()
    for walkthrough in pack.walkthroughs:
        for step in walkthrough.steps:
            where = f"{walkthrough.id}/{step.id}"
            assert step.screen is not None and step.screen.suffix == ".svg", where
            assert step.highlight, where
            assert step.labels, where


def test_glossary_has_the_labels_a_newcomer_meets() -> None:
    pack, _ = checked()
    assert len(pack.glossary) >= 120
    for zh in ("首页", "消息", "我", "关注", "发现", "收藏", "点赞", "评论", "分享", "发布", "小红书号", "IP属地", "验证码",
               "拉黑", "举报", "违规", "封号", "实名认证", "直播", "群聊", "翻译"):
        entry = pack.label(zh)
        assert entry is not None, zh
        assert entry.pinyin and entry.en and entry.where, zh


@pytest.mark.parametrize("zh", ["收藏", "IP属地", "粉丝"])
def test_misleading_labels_carry_a_note(zh: str) -> None:
    pack, _ = checked()
    assert pack.label(zh).note


REQUIRED_SLANG = ["yyds", "绝绝子", "种草", "拔草", "避雷", "宝子", "家人们", "集美", "求链接", "蹲", "互关", "打卡", "安利",
                  "干货", "码住", "笑死", "平替", "搭子", "显眼包", "上头", "下头"]


def test_phrase_book_has_enough_phrases_and_categories() -> None:
    pack, _ = checked()
    assert len(pack.phrases) >= 250
    assert len(pack.categories) >= 10
    for phrase in pack.phrases:
        assert phrase.en and phrase.zh and phrase.pinyin and phrase.note, phrase.zh


def test_slang_category_explains_each_entry() -> None:
    pack, _ = checked()
    [slang] = [c for c in pack.categories if c.id == "slang"]
    assert len(slang.phrases) >= 40
    found = {p.zh for p in slang.phrases}
    missing = [s for s in REQUIRED_SLANG if not any(s in zh for zh in found)]
    assert missing == []
    for phrase in slang.phrases:
        assert phrase.literal and phrase.note, phrase.zh
