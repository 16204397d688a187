"""A cheaper answer to the question PySide asks of every module imported after it.

PySide's `__feature__` support (PYSIDE-2029) decides for each module whether it uses PySide,
so `from __feature__ import snake_case` can switch that module alone. It answers by calling
`inspect.getsource(module)` and looking for "PySide6": for the ~115 modules the app imports
by the time its content is on screen that costs ~20 ms of start-up, most of it in linecache
splitting whole files into lines. The same answer comes cheaper: no for the standard
library's own files (none mentions PySide6), else a search of the file's bytes; modules
without a source file (built-in, extension, source-less) still get PySide's own answer.

The hook is a private function of `shibokensupport.feature`; if a PySide release renames it,
this does nothing and PySide keeps its own check.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType

ORIGINAL = "pyside_original"  # where the installed check keeps PySide's own
_STDLIB_DIR = os.path.dirname(os.__file__) + os.sep


def _in_standard_library(name: str, path: str) -> bool:
    """A module of Python's own library, from Python's own folder (not a same-named
    package installed next to it in site-packages)."""
    return (name.partition(".")[0] in sys.stdlib_module_names and path.startswith(_STDLIB_DIR)
            and "-packages" + os.sep not in path[len(_STDLIB_DIR):])


def uses_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether `module`'s source mentions PySide6, as PySide's own check answers it."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        if _in_standard_library(module.__name__, path):
            return False
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            pass
    return fallback(module)


def install() -> bool:
    """Put the quick check in place of PySide's (guide/ui/__init__.py does, before any widget
    module imports PySide6, so every module PySide asks about gets it). True when in place."""
    import shiboken6  # noqa: F401 - loads shibokensupport, which holds the check

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if hasattr(original, ORIGINAL):
        return True

    def check(module: ModuleType) -> bool:
        return uses_pyside(module, original)

    setattr(check, ORIGINAL, original)
    feature._mod_uses_pyside = check  # type: ignore[attr-defined]
    return True
