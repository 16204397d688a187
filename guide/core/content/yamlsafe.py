"""Safe, bounded YAML reading that keeps the line and column of every node.

Content packs come from anyone, so this never constructs Python objects from tags,
refuses anchors/aliases (no alias bombs), caps file size and nesting depth, and builds
its tree from the event stream with an explicit stack (no recursion to blow up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster; fall back to the pure-Python parser when it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_KEYS = 2000  # per mapping: far above any real content, far below what freezes a reader

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_RESOLVER = yaml.resolver.Resolver()
_BOOL = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


class YamlError(Exception):
    """A file that cannot be read as content, with where (1-based) and what to do."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Node:
    """A YAML node: `kind` is "map", "seq" or "scalar"; line/column are 1-based."""

    kind: str
    line: int
    column: int
    value: Any = None
    pairs: list[tuple["Node", "Node"]] = field(default_factory=list)
    items: list["Node"] = field(default_factory=list)
    style: str | None = None  # "|", ">", quotes or None (plain), for scalars
    indent: int = 0  # for block scalars: the content's indentation (0-based columns)

    def get(self, key: str) -> "Node | None":
        for k, v in self.pairs:
            if k.value == key:
                return v
        return None

    @property
    def type_name(self) -> str:
        if self.kind != "scalar":
            return {"map": "a mapping", "seq": "a list"}[self.kind]
        if self.value is None:
            return "empty"
        return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
            type(self.value), type(self.value).__name__
        )


# The first characters YAML's implicit types (null, bool, numbers, ...) can start with: a plain
# scalar starting with anything else (most text, all Chinese) is text without asking the
# resolver, whose regular expressions were a third of loading a pack.
_IMPLICIT_FIRST = frozenset(_RESOLVER.yaml_implicit_resolvers) if None not in _RESOLVER.yaml_implicit_resolvers else None


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag in (None, "!") and event.implicit[0]:
        value = event.value
        if _IMPLICIT_FIRST is not None and value and value[0] not in _IMPLICIT_FIRST:
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
    elif tag in (None, "!"):
        return event.value
    text = event.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL.get(text.lower(), text)
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is fine); anything else is refused with the position of the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            f"not valid UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line,
            column,
        ) from None


def parse_text(text: str) -> Node | None:
    """Parse one YAML document into a Node tree; None for an empty document."""
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise YamlError("binary data (a NUL byte) in a text file", line, index - text.rfind("\n", 0, index))
    lines = text.splitlines()
    stack: list[Node] = []
    pending_key: list[Node | None] = []
    keys: list[dict[Any, Node]] = []  # per open mapping: the keys seen so far (linear duplicate check)
    root: Node | None = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            cls = event.__class__
            if cls is _SCALAR:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.anchor or event.tag not in _ALLOWED_TAGS:
                    _check_event(event, line, column)
                node = Node("scalar", line, column, _scalar_value(event), style=event.style)
                if node.style in ("|", ">"):
                    node.indent = _block_indent(lines, line)
                if not stack:
                    root = node
                else:
                    _attach(node, stack, pending_key, keys)
            elif cls is _MAP_START or cls is _SEQ_START:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.anchor or event.tag not in _ALLOWED_TAGS:
                    _check_event(event, line, column)
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(f"nested more than {MAX_DEPTH} levels deep; flatten the structure", line, column)
                stack.append(Node("map" if cls is _MAP_START else "seq", line, column))
                pending_key.append(None)
                keys.append({})
            elif cls is _MAP_END or cls is _SEQ_END:
                finished = stack.pop()
                pending_key.pop()
                keys.pop()
                _attach(finished, stack, pending_key, keys)
                if not stack:
                    root = finished
            elif cls is yaml.AliasEvent:
                line, column = _mark(event)
                raise YamlError("anchors and aliases (&name / *name) are not allowed in content files; write the value out", line, column)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError("more than one YAML document (---) in the file; keep one", *_mark(event))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        if "nesting depth" in problem:  # newer libyaml stops deep nesting before we see it
            raise YamlError(f"nested more than {MAX_DEPTH} levels deep; flatten the structure", line, column) from None
        context = exc.context_mark
        if exc.context and context and mark and context.line != mark.line:
            problem += f" ({exc.context} that starts at line {context.line + 1}, column {context.column + 1})"
        if 0 < line <= len(lines) and _UNQUOTED_BRACES_RE.search(lines[line - 1]):
            problem += "; a value that starts with { reads as a YAML mapping: put it in quotes, e.g. en: \"{n} comments\""
        raise YamlError(f"YAML syntax: {problem}", line, column) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {exc}") from None
    return root


_UNQUOTED_BRACES_RE = re.compile(r":\s+\{[^{}\n]*\}[^,}\]\n]*\S")  # en: {n} comments (a UI template left unquoted)
_SCALAR = yaml.ScalarEvent
_ALLOWED_TAGS = frozenset({None, "!", *_STANDARD_TAGS})  # what _check_event lets through (asked inline first)
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _check_event(event: yaml.NodeEvent, line: int, column: int) -> None:
    """Anchors and non-standard tags are refused where they appear."""
    if event.anchor:
        raise YamlError("anchors and aliases (&name / *name) are not allowed in content files; write the value out", line, column)
    tag = event.tag
    if tag not in _ALLOWED_TAGS:
        raise YamlError(f"YAML tag {tag!r} is not allowed; remove it (content is plain data)", line, column)


def _block_indent(lines: list[str], indicator_line: int) -> int:
    """Indentation of the first non-blank line after a `|` or `>` indicator."""
    for line in lines[indicator_line:]:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0


def _attach(node: Node, stack: list[Node], pending_key: list[Node | None], keys: list[dict[Any, Node]]) -> None:
    if not stack:
        return
    parent = stack[-1]
    if parent.kind == "seq":
        parent.items.append(node)
        return
    key = pending_key[-1]
    if key is None:
        if node.kind != "scalar":
            raise YamlError("a mapping key must be plain text", node.line, node.column)
        pending_key[-1] = node
        return
    seen = keys[-1]
    if key.value in seen:
        raise YamlError(f"key {key.value!r} appears twice in the same mapping; keep one", key.line, key.column)
    if len(seen) >= MAX_KEYS:
        raise YamlError(f"more than {MAX_KEYS} keys in one mapping (starting at line {parent.line}); "
                        "use a list of entries instead", key.line, key.column)
    seen[key.value] = key
    parent.pairs.append((key, node))
    pending_key[-1] = None


def read_file(path: Path) -> Node | None:
    """Read and parse a content file, refusing huge, non-regular or undecodable files up front."""
    from guide.core.content.images import UnsafeFile, read_limited

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(f"cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise YamlError(f"file is {size / 1048576:.1f} MiB; content files are limited to 1 MiB, split it up")
    try:
        data = read_limited(path, MAX_FILE_BYTES, "file")
    except UnsafeFile as exc:
        raise YamlError(exc.message) from None
    return parse_text(decode(data))
