"""Step bodies render labels inline, and only safe links do anything."""

from __future__ import annotations

from pathlib import Path

from guide.core.content.loader import load_pack
from guide.core.content.step_text import expand_ui_labels, link_action


def test_ui_label_expands_to_label_pinyin_and_meaning(mini_pack: Path) -> None:
    pack = load_pack(mini_pack)
    text = expand_ui_labels(pack, "Tap {{ui:收藏}} now")
    assert text == 'Tap [**收藏**](label:收藏) (shōucáng, "Save") now'


def test_link_actions() -> None:
    assert link_action("https://www.xiaohongshu.com").kind == "open-url"
    assert link_action("walkthrough:sign-up/code") == link_action("walkthrough:sign-up/code")
    action = link_action("walkthrough:sign-up/code")
    assert (action.kind, action.target, action.step) == ("walkthrough", "sign-up", "code")
    assert link_action("label:收藏").target == "收藏"
    for url in ("http://example.com", "javascript:alert(1)", "file:///etc/passwd", "https://"):
        assert link_action(url).kind == "refuse"
