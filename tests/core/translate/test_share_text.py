"""A share text's link and title carry no character that changes how they are shown.

`…发布了一篇小红书笔记 http://xhslink.com/a<U+202E>gnp.exe，复制本条信息…` gave the link
`http://xhslink.com/a<U+202E>gnp.exe`: the Translator showed it reading backwards. The class:
the link is ASCII as RedNote writes it (the match stops at anything else), and direction
controls are kept out of the title and author shown."""

from __future__ import annotations

import unicodedata

import pytest

from guide.core.translate.share_text import parse_share

OLD = "这家火锅店{x}绝绝子 小红薯{x}1234发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 http://xhslink.com/a{x}gnp.exe，复制本条信息，打开【小红书】App查看精彩内容！"
NEW = "【这家火锅店{x}绝绝子 - 小红薯{x}1234 | 小红书 - 你的生活指南】 😆 AbCd123 😆 https://www.xiaohongshu.com/discovery/item/64a1{x}b2c3"
# Direction overrides, embeddings and isolates, marks, and other invisible format characters
HIDDEN = ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
          "\u200b", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("hidden", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
@pytest.mark.parametrize("template", [OLD, NEW], ids=["old", "new"])
def test_no_format_character_reaches_the_link_or_a_bidi_control_the_title(template: str, hidden: str) -> None:
    share = parse_share(template.format(x=hidden))
    assert share is not None
    assert share.url.startswith(("http://xhslink.com/a", "https://www.xiaohongshu.com/discovery/item/64a1"))
    assert all(unicodedata.category(c)[0] not in "CZ" for c in share.url), repr(share.url)
    shown = share.title + share.author
    assert not any(unicodedata.bidirectional(c) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
                   or c in "\u200e\u200f\u061c" for c in shown), repr(shown)
    assert "火锅店" in share.title and "小红薯" in share.author


def test_an_ordinary_share_link_is_whole() -> None:
    share = parse_share(OLD.format(x="").replace("/agnp.exe", "/a/AbCdEf?x=1&y=%E5"))
    assert share is not None and share.url == "http://xhslink.com/a/AbCdEf?x=1&y=%E5"
