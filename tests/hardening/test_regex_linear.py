"""Every regular expression in guide/ runs in time proportional to its input.

A quadratic pattern on pack text (a 30,000-character note without spaces) froze the window
for 15 s, because Python's `re` holds the GIL. Rather than test the one pattern that was
found, this walks every module's compiled patterns (module globals, class attributes and
the tuples/dicts that hold them) and every literal pattern handed to an `re.*` call, and
feeds each, on its own, 20,000-character strings built to make a backtracking pattern
stumble: runs without spaces, brackets, pipes or digits, and runs after an opening
bracket that is never closed.
"""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import time
from pathlib import Path

import guide

ROOT = Path(guide.__file__).resolve().parent
LENGTH = 20_000
LIMIT_SECONDS = 0.050  # a linear pattern takes ~1 ms on this much text; a quadratic one, seconds
SKIP_MODULES = {"guide.__main__"}  # importing it runs the app

RUNS = ["a", "1", "a1", "Xin1 ", " ", "\n", "汉", "。", ".", "-", "/", "|", "[", "(", ")", "<", "{", "*", "`", "&#",
        "a ", "1 ", "a|b", "a[", "\u200b"]
OPENERS = ["[", "(", "<a ", "{{ui:", "[x](", "http://", "【", "zh:", "CL:", "a|", "😆"]


def adversarial_strings() -> dict[str, str]:
    """Name -> 20,000 characters: each run alone, and openers followed by a run that never
    closes them."""
    out = {f"{run!r}*": (run * (LENGTH // len(run) + 1))[:LENGTH] for run in RUNS}
    for opener in OPENERS:
        for run in ("a", " ", "a1"):
            out[f"{opener!r}+{run!r}*"] = opener + (run * LENGTH)[:LENGTH - len(opener)]
    return out


def guide_modules() -> list:  # noqa: ANN201
    names = ["guide"] + [m.name for m in pkgutil.walk_packages(guide.__path__, "guide.")]
    return [importlib.import_module(n) for n in names if n not in SKIP_MODULES]


def _patterns_in(value: object, depth: int = 0) -> list[re.Pattern]:
    if isinstance(value, re.Pattern):
        return [value]
    if depth >= 2:
        return []
    if isinstance(value, dict):
        value = list(value.keys()) + list(value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [p for item in value for p in _patterns_in(item, depth + 1)]
    return []


def compiled_patterns(modules: list) -> dict[tuple[str, int], str]:  # noqa: ANN001
    """(pattern, flags) -> where it was found, from module and class namespaces."""
    found: dict[tuple[str, int], str] = {}
    for module in modules:
        for name, value in vars(module).items():
            spaces = [(name, value)]
            if isinstance(value, type) and value.__module__ == module.__name__:
                spaces += [(f"{name}.{attr}", v) for attr, v in vars(value).items()]
            for where, item in spaces:
                for pattern in _patterns_in(item):
                    if isinstance(pattern.pattern, str):
                        found.setdefault((pattern.pattern, pattern.flags), f"{module.__name__}.{where}")
    return found


RE_CALLS = {"compile", "sub", "subn", "match", "search", "fullmatch", "findall", "finditer", "split"}


def literal_patterns() -> dict[tuple[str, int], str]:
    """Patterns written inline, as `re.sub(r"…", …)`: the literal first argument of any `re.*` call."""
    found: dict[tuple[str, int], str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_CALLS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            flags = 0
            for keyword in node.keywords:
                if keyword.arg == "flags":
                    for flag in ast.walk(keyword.value):
                        if isinstance(flag, ast.Attribute) and isinstance(getattr(re, flag.attr, None), re.RegexFlag):
                            flags |= getattr(re, flag.attr)
            compiled = re.compile(node.args[0].value, flags)
            found.setdefault((compiled.pattern, compiled.flags), f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return found


@functools.cache
def every_pattern() -> dict[tuple[str, int], str]:
    return {**literal_patterns(), **compiled_patterns(guide_modules())}


def _seconds(pattern: re.Pattern, text: str) -> float:
    """Seconds for a full scan (finditer is what sub, findall and split do) of `text`, best of
    two against a noisy machine. Shorter prefixes are tried first: a quadratic (or cubic)
    pattern is caught there in a fraction of a second instead of running for minutes."""
    for length in (len(text) // 32, len(text) // 4, len(text)):
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            for _match in pattern.finditer(text[:length]):
                pass
            best = min(best, time.perf_counter() - started)
            if best <= LIMIT_SECONDS:
                break
        if best > LIMIT_SECONDS:
            return best
    return best


def test_the_walk_finds_the_patterns_it_must_cover() -> None:
    found = every_pattern()
    wheres = set(found.values())
    assert len(found) > 40
    assert "guide.core.translate.cedict_text._XREF_RE" in wheres  # a module global
    assert any(w.startswith("guide/core/translate/pipeline.py:") for w in wheres)  # an inline re.sub literal


def test_the_timing_catches_a_quadratic_pattern() -> None:
    """The measure itself works: a pattern known to be quadratic on a run without its end is caught."""
    quadratic = re.compile(r"([^\s\[\]]+)\[")
    assert _seconds(quadratic, "a" * LENGTH) > LIMIT_SECONDS


def test_every_regex_in_guide_is_linear_on_adversarial_text() -> None:
    strings = adversarial_strings()
    slow = []
    for (source, flags), where in sorted(every_pattern().items(), key=lambda item: item[1]):
        pattern = re.compile(source, flags)
        for name, text in strings.items():
            seconds = _seconds(pattern, text)
            if seconds > LIMIT_SECONDS:
                slow.append(f"{where} {source!r} on {name}: {seconds * 1000:.0f} ms")
                break  # one slow input is enough to name the pattern
    assert slow == []
