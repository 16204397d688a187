"""Issue 25 item 9: every command ends quietly when the reader of its output goes away
(`search a | head -1`, `search a --json | head -c 100`, `read IMG --offline | head -2`):
no BrokenPipeError traceback, the command's work done and its usual exit code.

The pipe is closed before the command starts, so the first write fails every time (a real
`| head -1` closes it at a moment that depends on the machine)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.ocr_extra import needs_ocr_extra
from helpers.packs import search_pack, slang_pack

from guide.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]

# command line -> the exit code it has with a reader that stays
COMMANDS: dict[str, tuple[list[str], int]] = {
    "validate": (["--pack", "{slang}", "validate", "{slang}"], 0),
    "translate": (["--pack", "{slang}", "translate", "--offline", "这个博主的穿搭绝绝子，已经种草了"], 3),
    "translate --json": (["--pack", "{slang}", "translate", "--offline", "--json", "这个博主的穿搭绝绝子"], 3),
    "search": (["--pack", "{search}", "search", "a"], 0),
    "search --json": (["--pack", "{search}", "search", "a", "--json"], 0),
    "export": (["--pack", "{search}", "export", "--anki", "{tmp}/cards.txt"], 0),
    "clear-history": (["clear-history"], 0),
    "read": (["--pack", "{slang}", "read", "{shot}", "--offline"], 0),
    "read --json": (["--pack", "{slang}", "read", "{shot}", "--offline", "--json"], 0),
    "review": (["review", "--due"], 0),  # the learn branch's command: checked once it is merged
    "review --json": (["review", "--due", "--json"], 0),
    "--help": (["--help"], 0),
    "search --help": (["search", "--help"], 0),
    "--version": (["--version"], 0),
}


def _sub_commands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    return set(action.choices)


def test_every_command_has_a_closed_pipe_case() -> None:
    """A new command must be added above (and so be checked) before this passes."""
    covered = {words[0] for words in (name.split() for name in COMMANDS) if not words[0].startswith("-")}
    assert _sub_commands() <= covered, f"no closed-pipe case for: {sorted(_sub_commands() - covered)}"


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("pipes")
    found = {"slang": str(slang_pack(root / "slang")), "search": str(search_pack(root / "search")), "tmp": str(root)}
    if "read" in " ".join(COMMANDS):
        pytest.importorskip("PIL", reason='needs the [ocr] extra: pip install ".[ocr]"')
        from helpers import screens

        found["shot"] = str(screens.save(screens.action_bar(seed=2), root / "bar.png"))  # lines to write, read fast
    return found


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_closed_pipe_ends_the_command_quietly(name: str, places: dict[str, str], isolated_dirs: dict[str, Path],
                                                request: pytest.FixtureRequest) -> None:
    argv, code = COMMANDS[name]
    if not name.startswith("-") and name.split()[0] not in _sub_commands():
        pytest.skip(f"this version has no {name.split()[0]!r} command")
    if name.startswith("read"):
        needs_ocr_extra()  # not importorskip: the test process itself must never import rapidocr
    if name == "export":  # something to export (with nothing, export writes no file and exits 1)
        from guide.core.storage.userdata import UserData

        userdata = UserData("mini")
        userdata.set_favourite("你好", True)
        userdata.close()
    if name.startswith(("read", "translate")):
        request.getfixturevalue("dictionary_index")  # ready, as after the first run: not rebuilt here
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before the first line is written
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    try:
        done = subprocess.run([sys.executable, "-m", "guide", *(a.format(**places) for a in argv)], stdout=writing,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=180, cwd=ROOT, env=env)
    finally:
        os.close(writing)
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert done.returncode == code, err
    if name == "export":
        assert (Path(places["tmp"]) / "cards.txt").is_file(), "the export was written all the same"
