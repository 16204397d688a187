"""Issue 25 item 10: a RedNote share text gets one clear message: what a share text is, whose
note it points to, what the app's own wording means, and the link; with no title there is
nothing to translate, and no second message says so."""

from __future__ import annotations

import pytest

from guide.core.translate.pipeline import TranslateOptions, Translator
from guide.core.translate.share_text import parse_share

LINK = "http://xhslink.com/a/AbCdEf"
NO_TITLE = f"小红薯1234发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 {LINK}，复制本条信息，打开【小红书】App查看精彩内容！"
WITH_TITLE = f"这家火锅店绝绝子 {NO_TITLE}"
NEW_FORMAT = "【这家火锅店绝绝子 - 小红薯1234 | 小红书 - 你的生活指南】 😆 AbCd123 😆 https://www.xiaohongshu.com/discovery/item/64a1b2c3"


@pytest.mark.parametrize("text", [NO_TITLE, WITH_TITLE, NEW_FORMAT])
def test_the_message_says_what_a_share_text_is_and_whose_note_it_is(text: str) -> None:
    message = parse_share(text).describe()
    assert "share text" in message and "小红薯1234" in message
    assert "posted" in message, "the name is the note's author: the message says so"


def test_the_apps_own_wording_is_explained() -> None:
    message = parse_share(WITH_TITLE).describe()
    assert "发布了一篇小红书笔记" in message and "come and take a look" in message
    assert "复制本条信息" in message and "copy this message and open the RedNote app" in message
    assert "share code" in message, "the 😆 AbCd123 😆 part"
    slogan = parse_share(NEW_FORMAT).describe()
    assert "你的生活指南" in slogan and "your guide to life" in slogan
    assert "复制本条信息" not in slogan, "only the wording the text holds is explained"


def test_with_a_title_the_message_names_it() -> None:
    message = parse_share(WITH_TITLE).describe()
    assert "“这家火锅店绝绝子”" in message and "title" in message


def test_without_a_title_one_message_and_nothing_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    share = parse_share(NO_TITLE)
    assert (share.title, share.author, share.url) == ("", "小红薯1234", LINK)
    message = share.describe()
    assert "no title" in message and "Only its title is translated" not in message
    result = Translator(None).translate(NO_TITLE, TranslateOptions(offline=True))
    assert result.share == share and result.translation is None and result.gloss == []
    assert "title" not in result.origin_label(), "the share message alone says there is no title"
