"""The package's floors: core < ui < commands < cli. An import never points upwards, and
guide/core stays importable without Qt (the CLI and the tests rely on it)."""

from __future__ import annotations

import ast
import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import guide
import guide.core

ROOT = Path(guide.__file__).resolve().parent

# For each floor, the packages it must never import (directly or with `from … import`).
FORBIDDEN = {
    "core": ("PySide6", "shiboken6", "guide.ui", "guide.commands", "guide.cli"),
    "ui": ("guide.commands", "guide.cli"),
    "commands": ("guide.cli",),
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, with its line (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def upward_imports(floor: str) -> list[str]:
    bad = []
    for path in sorted((ROOT / floor).rglob("*.py")):
        for line, name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[floor]):
                bad.append(f"{path.relative_to(ROOT.parent)}:{line}: imports {name}")
    return bad


def test_core_imports_no_qt_ui_commands_or_cli() -> None:
    assert upward_imports("core") == []


def test_ui_and_commands_never_import_upwards() -> None:
    assert upward_imports("ui") + upward_imports("commands") == []


@pytest.fixture
def copied_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The checks run on a copy of guide/ to plant modules in: planting them in the real tree
    tripped other tests walking guide/ in a parallel test process."""
    copy = tmp_path / "guide"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(sys.modules[__name__], "ROOT", copy)
    return copy


def test_the_check_sees_an_upward_import(copied_tree: Path) -> None:
    """The checker itself works: a planted `from guide.cli import main` is found."""
    planted = copied_tree / "core" / "_planted_for_test.py"
    planted.write_text("from guide.cli import main\nfrom ..ui import app\n", encoding="utf-8")
    try:
        found = upward_imports("core")
    finally:
        planted.unlink()
    assert any("imports guide.cli.main" in f for f in found) and any("imports guide.ui.app" in f for f in found)


def test_importing_every_core_module_does_not_load_qt() -> None:
    names = [m.name for m in pkgutil.walk_packages(guide.core.__path__, "guide.core.")]
    assert "guide.core.content.loader" in names
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({n!r})\n" for n in names) + \
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\nprint(bad)\nsys.exit(1 if bad else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_in_the_wheel() -> None:
    """pyproject lists packages by hand; one left out would be missing from `pip install .`."""
    listed = set(tomllib.loads((ROOT.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT.parent).parts) for p in ROOT.rglob("__init__.py")}
    assert found - listed == set()


# -- inside guide/ui: one folder per page, plus the shell and shared widgets ---------------

SHELL, WIDGETS = "shell", "widgets"
PAGES = ("start", "walkthroughs", "translator", "screenshot", "phrasebook", "glossary", "search")


def ui_folder_of(module: str) -> str | None:
    """'guide.ui.translator.page' -> 'translator' (None outside guide.ui's folders)."""
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["guide", "ui"] else None


def cross_page_imports() -> list[str]:
    """A page may import its own modules, the shell (navigator, keys), shared widgets and core;
    never another page's modules (pages ask each other for things through the navigator).
    Shared widgets import no page and no shell; the shell may import the pages it shows."""
    bad = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        own = path.relative_to(ROOT / "ui").parts[0] if len(path.relative_to(ROOT / "ui").parts) > 1 else None
        if own is None or own == SHELL:
            continue
        allowed = {own, WIDGETS} | ({SHELL} if own != WIDGETS else set())
        for line, name in imports_of(path):
            folder = ui_folder_of(name)
            if folder is not None and folder not in allowed:
                bad.append(f"{path.relative_to(ROOT.parent)}:{line}: imports {name}")
    return bad


def test_ui_is_one_folder_per_page_plus_shell_and_widgets() -> None:
    folders = {p.name for p in (ROOT / "ui").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == {SHELL, WIDGETS, *PAGES}
    assert [p.name for p in (ROOT / "ui").glob("*.py")] == ["__init__.py"], "every ui module lives in a folder"


def test_no_page_imports_another_pages_modules() -> None:
    assert cross_page_imports() == []


def test_the_page_check_sees_a_cross_page_import(copied_tree: Path) -> None:
    planted = copied_tree / "ui" / "glossary" / "_planted_for_test.py"
    planted.write_text("from guide.ui.phrasebook.phrase_list import with_pinyin\nfrom guide.ui.shell import keys\n",
                       encoding="utf-8")
    try:
        found = cross_page_imports()
    finally:
        planted.unlink()
    assert found == ["guide/ui/glossary/_planted_for_test.py:1: imports guide.ui.phrasebook.phrase_list",
                     "guide/ui/glossary/_planted_for_test.py:1: imports guide.ui.phrasebook.phrase_list.with_pinyin"]


# -- no import circles anywhere in guide/ ---------------------------------------------------


def module_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """guide's modules and the guide modules each imports, lazy imports inside functions included
    (a circle closed by a lazy import still fails when the modules are imported in the other order)."""
    modules = {".".join(p.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for _, imported in imports_of(path):
            # `from pkg import mod` names a module; `from mod import func` names the module itself
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = {t for t in targets if not (name.startswith(t + ".") or t.endswith("__init__"))}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_no_import_circle_in_guide() -> None:
    assert import_circles(module_graph()) == []


def test_the_circle_check_sees_a_circle_closed_by_a_lazy_import(copied_tree: Path) -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_circles(graph) == [["a", "b", "c"]]
    planted = copied_tree / "core" / "_planted_for_test.py"
    planted.write_text("def later():\n    from guide.core import _planted_for_test_2\n", encoding="utf-8")
    planted_2 = copied_tree / "core" / "_planted_for_test_2.py"
    planted_2.write_text("from guide.core._planted_for_test import later\n", encoding="utf-8")
    try:
        found = import_circles(module_graph(copied_tree))
    finally:
        planted.unlink()
        planted_2.unlink()
    assert ["guide.core._planted_for_test", "guide.core._planted_for_test_2"] in found


# Imports each module named on the command line in a fork of an interpreter that has imported
# nothing beyond its start-up: as `python -c "import NAME"` does, without starting ~80 of them.
FRESH_IMPORTS = """
import os, sys
failed = []
for name in sys.argv[1:]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            __import__(name)
        except BaseException:
            import traceback
            os.write(write, traceback.format_exc()[-500:].encode())
            os._exit(1)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode("utf-8", "replace")
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(f"import {name} alone: {said or 'the process died'}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_every_translate_module_imports_first_in_a_fresh_process() -> None:
    """`import guide.core.translate.llm` before `engines` used to fail (a circle); each module
    must import on its own."""
    names = [m.name for m in pkgutil.walk_packages(guide.core.__path__, "guide.core.")]
    if hasattr(os, "fork"):
        result = subprocess.run([sys.executable, "-c", FRESH_IMPORTS, *names], capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-500:]
        return
    for name in names:
        result = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"import {name} alone: {result.stderr[-500:]}"
