"""Turns a step body into the Markdown the player shows, and decides what a link does.

Kept out of the widgets so the rules are testable without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide.core.content import markdown_links
from guide.core.content.model import Pack


def label_inline(pack: Pack, zh: str) -> str:
    """`收藏` -> `**收藏** (shōucáng, "Save")`, the form DESIGN.md promises."""
    entry = pack.label(zh)
    if entry is None:
        return zh
    return f'[**{zh}**](label:{zh}) ({entry.pinyin}, "{entry.en}")'


def expand_ui_labels(pack: Pack, body: str) -> str:
    """Replace every `{{ui:…}}` with the label, its pinyin and meaning (links to its card)."""
    return markdown_links.UI_LABEL_RE.sub(lambda m: label_inline(pack, m.group(1)), body)


@dataclass(frozen=True)
class LinkAction:
    kind: str  # "open-url" | "walkthrough" | "label" | "refuse"
    target: str = ""
    step: str = ""


def link_action(url: str) -> LinkAction:
    """What clicking a link should do; anything not https or internal is refused."""
    internal = markdown_links.parse_internal(url)
    if internal is not None:
        return LinkAction(internal.kind, internal.target, internal.step or "")
    if markdown_links.is_allowed_link(url):
        return LinkAction("open-url", url)
    return LinkAction("refuse", url)


def progress_text(index: int, total: int) -> str:
    return f"Step {index + 1} of {total}"
