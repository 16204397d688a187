"""No command can print something a terminal would act on.

`read` printed a file name and pack text with their escape codes raw (a title change, colours,
a clipboard write), after `search` and `validate` had been fixed one by one. The class: every
command runs inside guide.commands.printable.printable_output, so whatever any of them prints,
now or later, comes out escaped. Checked here for every sub-command the parser knows."""

from __future__ import annotations

import argparse
import importlib
import json
import sys

import pytest

from guide.cli import build_parser, main

CONTROLS = "\x1b]0;TITLE\x07\x1b[2J\r\x9b\u202e"


def _commands() -> dict[str, list[str]]:
    """Each sub-command with a value for each argument it requires."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    commands = {}
    for name, command in sub.choices.items():
        argv = [name]
        for action in command._actions:  # noqa: SLF001
            if not action.option_strings:
                argv += [] if action.nargs in ("*", "?") else ["x"]
            elif action.required:
                argv += [action.option_strings[0]] + ([] if action.nargs == 0 else ["x"])
        commands[name] = argv
    return commands


def _module(name: str) -> str:
    return f"guide.commands.{name.replace('-', '_')}_cmd"


def test_every_command_prints_terminal_controls_escaped(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def noisy(_args: argparse.Namespace) -> int:
        print(f"out {CONTROLS}")
        print(json.dumps({"text": CONTROLS}, ensure_ascii=False))
        print(f"err {CONTROLS}", file=sys.stderr)
        return 0

    commands = _commands()
    assert {"read", "translate", "search", "export", "validate"} <= set(commands)
    for name, argv in commands.items():
        monkeypatch.setattr(importlib.import_module(_module(name)), "run", noisy)
        assert main(argv) == 0, name
        out, err = capsys.readouterr()
        for text in (out, err):
            assert "TITLE" in text and not any(c in text for c in "\x1b\x07\r\x9b\u202e"), (name, text)
        assert json.loads(out.splitlines()[1]) == {"text": CONTROLS}, "JSON output keeps its data"
    monkeypatch.setattr(importlib.import_module("guide.commands.render_cmd"), "run_screenshot", noisy)
    assert main(["--screenshot", "x.png"]) == 0
    assert "\x1b" not in capsys.readouterr().err
