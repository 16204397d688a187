"""PySide asks of every module imported after it whether it uses PySide; our quicker check
must give PySide's own answer for every module, and stay out of the way when PySide changes."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from shibokensupport import feature  # loaded with PySide6

from guide.ui.shell import pyside_module_check


def _pyside_own_check() -> Callable[[ModuleType], bool]:
    pyside_module_check.install()
    return getattr(feature._mod_uses_pyside, pyside_module_check.ORIGINAL)


def test_the_app_uses_the_quick_check_once_any_widget_module_is_imported() -> None:
    assert hasattr(feature._mod_uses_pyside, pyside_module_check.ORIGINAL)


def test_same_answer_as_pyside_for_every_module_loaded_here() -> None:
    """Standard library, PySide itself, this app's widgets and core, test helpers, extension
    and built-in modules: hundreds of real cases, both answers among them."""
    original = _pyside_own_check()
    answers: dict[bool, int] = {True: 0, False: 0}
    with warnings.catch_warnings():  # inspect on built-in modules warns on Python 3.11
        warnings.simplefilter("ignore", DeprecationWarning)
        for name, module in list(sys.modules.items()):
            if module is None:
                continue
            try:
                expected = original(module)
            except Exception:  # noqa: BLE001, S112 - PySide's own check fails on it: not ours to answer
                continue
            assert pyside_module_check.uses_pyside(module, original) is expected, name
            answers[expected] += 1
    assert answers[True] >= 3 and answers[False] >= 200, answers


@pytest.mark.parametrize(("source", "uses"), [
    ("from PySide6.QtCore import QObject  # a widget module\nvalue = 1\n", True),
    ("'''Mentions Qt but not the binding.'''\nvalue = 2\n", False),
])
def test_a_newly_imported_module_gets_pysides_answer(tmp_path: Path, monkeypatch, source: str, uses: bool) -> None:
    name = f"rng_check_{'uses' if uses else 'plain'}"
    (tmp_path / f"{name}.py").write_text(source.replace("from PySide6", "# from PySide6") if uses else source)
    monkeypatch.syspath_prepend(str(tmp_path))
    module = __import__(name)  # an import statement's way, which PySide watches
    try:
        assert pyside_module_check.uses_pyside(module, _pyside_own_check()) is uses
        assert feature.pyside_feature_dict.get(name) == (0 if uses else -1)  # what PySide recorded
    finally:
        sys.modules.pop(name, None)


def test_a_module_whose_file_is_gone_gets_pysides_own_answer(tmp_path: Path) -> None:
    module = type(sys)("gone")
    module.__file__ = str(tmp_path / "gone.py")
    asked: list[str] = []
    assert pyside_module_check.uses_pyside(module, lambda m: asked.append(m.__name__) or True) is True
    assert asked == ["gone"]


def test_a_pyside_without_the_hook_is_left_alone(monkeypatch) -> None:
    monkeypatch.delattr(feature, "_mod_uses_pyside")
    assert pyside_module_check.install() is False
    assert not hasattr(feature, "_mod_uses_pyside")


def test_installing_twice_keeps_one_wrapper() -> None:
    pyside_module_check.install()
    first = feature._mod_uses_pyside
    assert pyside_module_check.install() is True
    assert feature._mod_uses_pyside is first
