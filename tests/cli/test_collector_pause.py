"""The program starts with Python's cycle collector paused (~8 ms of the way to the first
screen): a sub-command turns it back on before its work, the window once its content has
painted, and nothing leaves it off when the program returns."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from guide import program
from guide.commands import validate_cmd


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_a_sub_command_runs_with_the_collector_on(monkeypatch, mini_pack, collector_restored) -> None:
    seen: list[bool] = []
    real_run = validate_cmd.run
    monkeypatch.setattr(validate_cmd, "run", lambda args: seen.append(gc.isenabled()) or real_run(args))
    monkeypatch.setattr(sys, "argv", ["rednote-guide", "validate", str(mini_pack)])
    assert program.run() == 0
    assert seen == [True]
    assert gc.isenabled()


def test_the_collector_is_on_after_the_program_fails(monkeypatch, collector_restored) -> None:
    monkeypatch.setattr(sys, "argv", ["rednote-guide", "--no-such-option"])
    with pytest.raises(SystemExit):
        program.run()
    assert gc.isenabled()
