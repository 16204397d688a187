"""guide/core must stay importable without Qt (the CLI and tests rely on it)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import guide.core


def test_importing_every_core_module_does_not_load_qt() -> None:
    names = [m.name for m in pkgutil.walk_packages(guide.core.__path__, "guide.core.")]
    assert "guide.core.loader" in names
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({n!r})\n" for n in names) + \
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\nprint(bad)\nsys.exit(1 if bad else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
