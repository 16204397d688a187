"""What a language model wrote, taken apart: its thinking, the translation, and its note on slang.

Small local models do not write exactly what the prompt asks. They think aloud (`<think>…`,
sometimes with no opening tag when the chat template opened it), label the translation,
wrap it in quotes, and write the slang note in many shapes (`Notes:`, `(Note: …)`,
`*Note:*`, `Explanation:`, bullets, a note first) — or a note that says there is nothing
to note. Everything here is pure string work, so it is tested with the replies such models
really give (../shared/reference/llm-servers.md, A5).
"""

from __future__ import annotations

import re

NOTE_MAX_CHARS = 300

# Everything up to the last closing tag is thinking: a template that opens <think> itself
# (DeepSeek-R1 distills, QwQ) leaves only the closing one in the content.
_THINK_CLOSE_RE = re.compile(r"</think(?:ing)?\s*>|\[/THINK\]", re.IGNORECASE)
_THINK_OPEN_RE = re.compile(r"<think(?:ing)?\s*>|\[THINK\]", re.IGNORECASE)
_ANY_THINK_RE = re.compile(r"</?think(?:ing)?\s*>|\[/?THINK\]", re.IGNORECASE)
_FENCE_RE = re.compile(r"^```[\w-]*\s*$", re.MULTILINE)
# Each run of spaces is taken by one \s* (three in a row took cubic time on a line of spaces).
_NOTE_RE = re.compile(
    r"^\s*(?:[(（]\s*)?(?:[*_]{1,2}\s*)?(?:notes?|slang notes?|slang|explanation|注|注释|备注|说明)\s*(?:[*_]{1,2}\s*)?[:：]"
    r"\s*(?:[*_]{1,2}\s*)?", re.IGNORECASE)
_LABEL_RE = re.compile(r"^\s*(?:\*\*)?(?:translation|english|chinese|译文|翻译)(?:\*\*)?\s*[:：]\s*", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
# A note that says there is nothing to note ("Note: None", "No slang here.").
_EMPTY_NOTE_RE = re.compile(
    r"^\W*(?:none|n/?a|nil|nothing(?: to note)?|no notes?|not applicable)\W*$"
    r"|^\W*(?:there (?:is|are) |this (?:text|post|sentence|message) (?:has|contains|uses) )?no (?:internet )?"
    r"(?:slang|abbreviations?|wordplay|notes?|special (?:terms|expressions))\b"
    r"|^\W*(?:the|this) (?:text|post|sentence|message|input) (?:does not|doesn't) (?:contain|use|have|include)\b",
    re.IGNORECASE)
_QUOTE_PAIRS = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』", "«": "»"}
_REFUSAL_RE = re.compile(
    r"\b(?:i(?:'|’)?m sorry|i am sorry|sorry)\b.{0,60}\b(?:can(?:'|’)?t|cannot|unable to|not able to)\b.{0,40}"
    r"\b(?:help with|assist|translate|comply|fulfil|provide)\b|\bas an ai\b|\bi (?:can(?:'|’)?t|cannot|won(?:'|’)?t) "
    r"(?:help with|assist with|translate) (?:that|this)\b|抱歉，?我(?:无法|不能)(?:翻译|帮助|协助)", re.IGNORECASE | re.DOTALL)


def strip_thinking(content: str) -> str:
    """The answer after the model's thinking: everything up to the last closing think tag
    goes; thinking that never closed leaves nothing."""
    closes = list(_THINK_CLOSE_RE.finditer(content))
    if closes:
        return content[closes[-1].end():]
    if _THINK_OPEN_RE.match(content.lstrip()):
        return ""
    return content


def has_think_tag(text: str) -> bool:
    """A think tag survived: the answer is thinking mixed with a translation, never to be shown."""
    return bool(_ANY_THINK_RE.search(text))


def parse_reply(content: str, source: str = "") -> tuple[str, str]:
    """(translation, note) from what the model wrote after its thinking: code fences, labels,
    one pair of wrapping quotes and the note taken out. `source` (the text sent) tells a
    translated "备注：…" line from the model's own note and how many lines to expect."""
    content = _FENCE_RE.sub("", strip_thinking(content)).strip()
    source_lines = [line for line in source.split("\n") if line.strip()]
    labelled = {i for i, line in enumerate(source_lines) if _NOTE_RE.match(line)}
    lines: list[str] = []
    note_lines: list[str] = []
    in_note = False
    for line in content.split("\n"):
        if in_note:
            note_lines.append(line)
            continue
        position = sum(1 for kept in lines if kept.strip())
        if _NOTE_RE.match(line) and position not in labelled:
            body = _NOTE_RE.sub("", line)
            note_lines.append(body)
            in_note = position > 0  # a note first is one line, and the translation follows it
            continue
        lines.append(_LABEL_RE.sub("", line))
    lines = _trimmed(lines)
    if source_lines:
        lines, bullets = _trailing_bullets(lines, len(source_lines))
        note_lines = bullets + note_lines
    translation = _unquoted("\n".join(lines), source)
    return translation, _note_text(note_lines)


def looks_like_refusal(text: str) -> bool:
    return bool(_REFUSAL_RE.search(text[:400]))


def is_empty_note(note: str) -> bool:
    """"None", "No slang here.", "The text does not contain slang": a note that is no note."""
    return not note.strip() or bool(_EMPTY_NOTE_RE.search(note.strip()))


def _trimmed(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _trailing_bullets(lines: list[str], expected: int) -> tuple[list[str], list[str]]:
    """Bullet lines past the number of lines sent are the model explaining, not translating."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) <= expected:
        return lines, []
    extra = filled[expected:]
    if not all(_BULLET_RE.match(lines[i]) for i in extra):
        return lines, []
    cut = extra[0]
    return _trimmed(lines[:cut]), [_BULLET_RE.sub("", lines[i]) for i in extra]


def _note_text(lines: list[str]) -> str:
    parts = [_BULLET_RE.sub("", line).strip() for line in lines if line.strip()]
    note = " ".join(p if p[-1:] in ".!?;。！？" else p + ("" if i == len(parts) - 1 else ";")
                    for i, p in enumerate(parts))
    note = note.strip().strip("*_").strip()
    if note.endswith((")", "）")) and note.count("(") + note.count("（") < note.count(")") + note.count("）"):
        note = note[:-1].rstrip()  # "(Note: …)": the bracket opened before the label
    if is_empty_note(note):
        return ""
    if len(note) > NOTE_MAX_CHARS:
        note = note[: NOTE_MAX_CHARS - 1].rstrip() + "…"
    return note


def _unquoted(text: str, source: str) -> str:
    """One pair of quotes around the whole answer goes, unless the text sent was quoted too."""
    stripped = text.strip()
    if len(stripped) < 2:
        return text
    close = _QUOTE_PAIRS.get(stripped[0])
    inner = stripped[1:-1]
    if close is None or stripped[-1] != close or stripped[0] in inner or close in inner:
        return text
    if source.strip()[:1] in _QUOTE_PAIRS:
        return text
    return inner.strip()
