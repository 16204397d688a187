"""Recognising the text RedNote puts on the clipboard when you share a note.

Pasted whole into a translator it reads like a sentence, but most of it is boilerplate:

    标题 作者发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 http://xhslink.com/a/xyz，复制本条信息，打开【小红书】App查看精彩内容！
    【标题 - 作者 | 小红书 - 你的生活指南】 😆 AbCd123 😆 https://www.xiaohongshu.com/discovery/item/…

Only the title is worth translating; the link is worth offering (it opens the note in a
browser). Pure text handling: no network, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Links RedNote writes are ASCII: the match stops at anything else (a U+202E in the path made the
# link shown in the Translator read backwards), and at punctuation that ends the sentence.
_LINK_RE = re.compile(r"https?://(?:[A-Za-z0-9-]+\.)*(?:xhslink\.com|xiaohongshu\.com)(?:/[A-Za-z0-9\-._~:/?#\[\]@$&()*+;=%]*)?",
                      re.IGNORECASE)
# Direction controls that reorder what is shown (kept out of the title and author shown)
_BIDI_CONTROLS = dict.fromkeys([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_OLD_FORMAT = "发布了一篇小红书笔记"
# `(?:(?<!\s)\s+)?`: a run of spaces is tried once, from its start, so each pattern is linear
_BOILERPLATE = (
    re.compile(r"发布了一篇小红书笔记[，,]?\s*快来看吧[！!]?"),
    re.compile(r"[，,]?(?:(?<!\s)\s+)?复制本条信息[，,]?\s*打开【小红书】\s*App\s*查看精彩内容[！!]?", re.IGNORECASE),
    re.compile(r"😆\s*\w+\s*😆"),  # the share code between two laughing faces
)
_BRACKETED = re.compile(r"【(?P<inner>[^】]*?)(?:(?<!\s)\s+)?\|\s*小红书\s*-\s*你的生活指南\s*】")
# The app's own wording in a share text, as it is written there and what it means; the message
# explains the pieces a text holds (a reader sees them and wonders), nothing is translated.
_WORDING = (
    ("发布了一篇小红书笔记", "发布了一篇小红书笔记，快来看吧！", "“posted a RedNote note, come and take a look!”"),
    ("😆", "😆 … 😆", "a share code the RedNote app reads from the clipboard"),
    ("复制本条信息", "复制本条信息，打开【小红书】App查看精彩内容！",
     "“copy this message and open the RedNote app to see the whole note”"),
    ("你的生活指南", "小红书 - 你的生活指南", "“RedNote, your guide to life” (the app's slogan)"),
)


@dataclass(frozen=True)
class SharedNote:
    """What a RedNote share text holds: the note's title, its author when known, the link,
    and the app's own wording found around them (as written, and in English)."""

    title: str
    author: str
    url: str
    wording: tuple[tuple[str, str], ...] = ()

    def summary(self) -> str:
        """What this text is, whose note it points to, and whether anything was translated."""
        by = f", a note posted by {self.author} (its author, not necessarily who sent it)" if self.author else ""
        if self.title:
            note = f"This one points to “{self.title}”{by}; only the title is translated."
        elif by:
            note = f"This one points to{by[1:]}. The note has no title, so there is nothing to translate."
        else:
            note = "The note has no title, so there is nothing to translate."
        return f"A RedNote share text: what the app copies when someone shares a note. {note}"

    def wording_text(self) -> str:
        """What the app's own phrases in the text mean (empty when it holds none)."""
        if not self.wording:
            return ""
        return "The rest is the app's own wording: " + "; ".join(f"{zh} {en}" for zh, en in self.wording) + "."

    def describe(self) -> str:
        """The whole message, for a terminal (the app shows the link between its two parts)."""
        return " ".join(part for part in (self.summary(), self.wording_text()) if part)

    def to_json(self) -> dict[str, str]:
        return {"title": self.title, "author": self.author, "url": self.url}


def parse_share(text: str) -> SharedNote | None:
    """The shared note in `text`, or None when `text` is not a RedNote share text."""
    text = text.translate(_BIDI_CONTROLS)
    link = _LINK_RE.search(text)
    bracketed = _BRACKETED.search(text)
    if link is None or (_OLD_FORMAT not in text and bracketed is None and "【小红书】" not in text):
        return None
    url = link.group(0).rstrip(".")
    if bracketed is not None:
        inner = bracketed.group("inner").strip()
        title, _, author = inner.rpartition(" - ")
        if not title:
            title, author = inner, ""
        return SharedNote(title.strip(), author.strip(), url, _wording_in(text))
    head = text[: text.find(_OLD_FORMAT)] if _OLD_FORMAT in text else text[: link.start()]
    for pattern in _BOILERPLATE:
        head = pattern.sub(" ", head)
    head = re.sub(r"^\s*\d+\s+", "", head.replace(url, " ")).strip()  # a leading share counter
    # "标题 作者" : the author's name is the last word before 发布了; the rest is the title
    title, _, author = head.rpartition(" ")
    if not title:
        title, author = "", head
    return SharedNote(title.strip(), author.strip(), url, _wording_in(text))


def _wording_in(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((shown, english) for marker, shown, english in _WORDING if marker in text)
