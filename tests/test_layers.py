"""The package's floors: core < ui < commands < cli. An import never points upwards, and
guide/core stays importable without Qt (the CLI and the tests rely on it)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

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


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself works: a planted `from guide.cli import main` is found."""
    planted = ROOT / "core" / "_planted_for_test.py"
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
