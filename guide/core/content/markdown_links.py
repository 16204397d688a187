"""Checks on Markdown bodies: which links are allowed and where `{{ui:…}}` labels are.

Bodies are written by pack authors, so only https: links and internal links
(`walkthrough:ID[/STEP]`, `label:汉字`) are allowed; raw HTML and images are refused
because the player must never run scripts or fetch remote content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every pattern is linear in the body's length: no unbounded run can cross the character
# that starts another match (a body of 100,000 `[` or `{{ui:` must not take minutes), and a run
# of spaces is taken whole (`\s*(?!\s)`), never given back one space at a time.
_TEXT = r"(?:[^\[\]]|\[[^\[\]]*\])*"  # link text: brackets nest one level, as authors write them
LINK_RE = re.compile(r"(!?)\[(" + _TEXT + r")\]\(\s*(?!\s)<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+\"[^\"]*\")?\s*\)")
IMAGE_RE = re.compile(r"!\[" + _TEXT + r"\]")  # inline, reference (`![x][p]`) or shortcut (`![p]`)
REFERENCE_RE = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:[ \t]*\n?[ \t]*<?([^\s<>]+)>?", re.MULTILINE)  # `[p]: /path`
AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
HTML_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
UI_LABEL_RE = re.compile(r"\{\{\s*ui:\s*([^{}\s](?:[^{}]*[^{}\s])?)\s*\}\}")
MAX_BODY_CHARS = 4000  # a step body longer than this is refused: split the step
INTERNAL_SCHEMES = ("walkthrough:", "label:")


@dataclass(frozen=True)
class Finding:
    offset: int  # character offset in the body
    message: str


@dataclass(frozen=True)
class InternalLink:
    kind: str  # "walkthrough" or "label"
    target: str
    step: str | None = None


def parse_internal(url: str) -> InternalLink | None:
    if url.startswith("walkthrough:"):
        walkthrough, _, step = url[len("walkthrough:"):].partition("/")
        return InternalLink("walkthrough", walkthrough, step or None) if walkthrough else None
    if url.startswith("label:"):
        target = url[len("label:"):]
        return InternalLink("label", target) if target else None
    return None


def is_allowed_link(url: str) -> bool:
    """True for https: links with a host and for well-formed internal links."""
    if url.lower().startswith("https://") and len(url) > len("https://"):
        return True
    return parse_internal(url) is not None


def links(body: str) -> list[tuple[int, str]]:
    """Every link target in a body with its offset."""
    found = [(m.start(3), m.group(3)) for m in LINK_RE.finditer(body) if not m.group(1)]
    found += [(m.start(1), m.group(1)) for m in AUTOLINK_RE.finditer(body)]
    found += [(m.start(1), m.group(1)) for m in REFERENCE_RE.finditer(body)]
    return sorted(found)


def check_body(body: str) -> list[Finding]:
    """Problems in a body that make it unsafe or broken to show."""
    findings: list[Finding] = []
    if len(body) > MAX_BODY_CHARS:
        return [Finding(0, f"step body is {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}, split the step in two")]
    if "[" not in body and "<" not in body:  # every pattern below needs one of them (the app's start checks each cached body)
        return findings
    for match in IMAGE_RE.finditer(body):
        findings.append(Finding(match.start(), "images in a step body are not allowed; use the step's `screen`"))
    for offset, url in links(body):
        if not is_allowed_link(url):
            findings.append(Finding(offset, f"link {url!r} is not allowed; use an https:// address or walkthrough:ID / label:汉字"))
    without_autolinks = AUTOLINK_RE.sub(lambda m: " " * len(m.group(0)), body)
    for match in HTML_TAG_RE.finditer(without_autolinks):
        findings.append(Finding(match.start(), f"raw HTML {match.group(0)[:30]!r} is not allowed in a body; use Markdown"))
    return findings


def ui_labels(body: str) -> list[tuple[int, str]]:
    """`{{ui:收藏}}` references with their offsets."""
    return [(m.start(), m.group(1)) for m in UI_LABEL_RE.finditer(body)]
