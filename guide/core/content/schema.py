"""Typed field checks for YAML nodes: unknown keys (with a "did you mean"), missing keys,
wrong types, all reported with the node's file:line:col."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide.core.content.model import Location, Problem, Severity
from guide.core.content.yamlsafe import Node


@dataclass(frozen=True)
class Field:
    kind: str  # "text" | "int" | "number" | "text-list" | "map" | "list"
    required: bool = False


class FileProblems:
    """Collects problems for one file so each is tied to a location in it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[Problem] = []

    def at(self, node: Node | None, message: str, severity: Severity = Severity.ERROR) -> None:
        line, column = (node.line, node.column) if node is not None else (1, 1)
        self.items.append(Problem(Location(self.path, line, column), severity, message))

    def at_line(self, line: int, column: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.items.append(Problem(Location(self.path, line, column), severity, message))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)


def _type_ok(node: Node, kind: str) -> bool:
    value = node.value
    if kind == "text":
        return node.kind == "scalar" and isinstance(value, str) and value.strip() != ""
    if kind == "int":
        return node.kind == "scalar" and isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return node.kind == "scalar" and isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "text-list":
        return node.kind == "seq" and all(i.kind == "scalar" and isinstance(i.value, str) for i in node.items)
    if kind == "map":
        return node.kind == "map"
    if kind == "list":
        return node.kind == "seq"
    raise ValueError(kind)


_KIND_WORDS = {
    "text": "text",
    "int": "a whole number",
    "number": "a number",
    "text-list": "a list of text",
    "map": "a mapping (key: value lines)",
    "list": "a list (- item lines)",
}


def read_fields(node: Node | None, spec: dict[str, Field], what: str, out: FileProblems) -> dict[str, Node] | None:
    """Check `node` against `spec`; return the known, well-typed fields or None if unusable."""
    if node is None or node.kind != "map":
        out.at(node, f"{what} must be a mapping (key: value lines), found {node.type_name if node else 'nothing'}")
        return None
    fields: dict[str, Node] = {}
    ok = True
    for key, value in node.pairs:
        name = key.value
        if not isinstance(name, str) or name not in spec:
            hint = difflib.get_close_matches(str(name), list(spec), n=1, cutoff=0.6)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; known keys: {', '.join(spec)}"
            out.at(key, f"unknown key {name!r} in {what}{suggestion}")
            ok = False
            continue
        kind = spec[name].kind
        if value.kind == "scalar" and value.value is None and not spec[name].required:
            continue  # an empty optional key is the same as leaving it out
        if not _type_ok(value, kind):
            found = value.type_name
            extra = " (put it in quotes)" if kind == "text" and value.kind == "scalar" and found != "empty" else ""
            out.at(value, f"{what}: {name!r} must be {_KIND_WORDS[kind]}, found {found}{extra}")
            ok = False
            continue
        fields[name] = value
    for name, field in spec.items():
        if field.required and name not in fields and node.get(name) is None:
            out.at(node, f"{what} is missing the required key {name!r}")
            ok = False
    return fields if ok else None


def text(fields: dict[str, Node], name: str, default: str = "") -> str:
    node = fields.get(name)
    return node.value.strip() if node is not None and isinstance(node.value, str) else default


def texts(fields: dict[str, Node], name: str) -> tuple[str, ...]:
    node = fields.get(name)
    return tuple(i.value.strip() for i in node.items) if node is not None else ()


def value(fields: dict[str, Node], name: str, default: Any = None) -> Any:
    node = fields.get(name)
    return node.value if node is not None else default
