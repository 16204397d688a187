"""Command-line entry point: the GUI by default, plus the sub-commands in DESIGN.md.

Kept light: heavy modules (Qt, translation engines, dictionaries) are imported only by
the command that needs them, so `rednote-guide validate` does not load Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from guide import APP_NAME, __version__
from guide.commands.exit_codes import (
    EXIT_GLOSS_ONLY,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
)
from guide.core.storage.settings import timeout_range_text

__all__ = ["EXIT_GLOSS_ONLY", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]

VIEWS_HELP = "start | walkthroughs | walkthrough/ID[/STEP] | glossary | phrasebook | translator | screenshot[:FILE]"


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors, which is our contract too."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rednote-guide", description=f"{APP_NAME}: a desktop guide to 小红书 / RedNote.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--pack", metavar="DIR", help="use the content pack in DIR instead of the bundled RedNote pack")
    parser.add_argument("--screenshot", metavar="FILE", help="render one view offscreen to a PNG file and exit")
    parser.add_argument("--view", metavar="VIEW", default="start", help=f"view for --screenshot: {VIEWS_HELP}")
    parser.add_argument("--theme", choices=("light", "dark"), help="force a theme (mainly for --screenshot)")
    parser.add_argument("--size", metavar="WxH", default="1280x800", help="window size for --screenshot (default 1280x800)")
    parser.add_argument("--read-screen", action="store_true",
                        help="read a region of the screen: the running guide (or a new one) lets you drag over it; "
                             "bind this to a system shortcut")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser("validate", help="check content packs; one line per problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="pack folders (default: the bundled packs)")
    validate.add_argument("--strict", action="store_true", help="treat warnings (e.g. pinyin) as errors")

    translate = sub.add_parser("translate", help="translate text (exit 3 when only a dictionary gloss was possible)")
    translate.add_argument("text", metavar="TEXT", help="text to translate, or - to read standard input")
    translate.add_argument("--to", choices=("en", "zh"), help="target language (default: automatic)")
    network = translate.add_mutually_exclusive_group()
    network.add_argument("--offline", action="store_true", help="never use the network: phrase book, cache and gloss only")
    network.add_argument("--online", action="store_true",
                         help="use the engines even when Offline only is on in the app (this command only)")
    translate.add_argument("--engine", metavar="NAME", help="use only this engine (google, mymemory, libretranslate, deepl, microsoft, baidu, llm)")
    translate.add_argument("--endpoint", metavar="URL", help="server URL for --engine (alone: a LibreTranslate server, and no other engine is asked)")
    translate.add_argument("--model", metavar="NAME", help="model for --engine llm (default: from Settings)")
    translate.add_argument("--check", action="store_true", help="English -> Chinese: also translate the answer back into English")
    translate.add_argument("--timeout", metavar="SECONDS", type=float,
                           help=f"give up on an engine after this long, {timeout_range_text()} as in Settings "
                                "(default: the Settings value, 8 unless changed)")
    translate.add_argument("--json", action="store_true", help="print the full result as JSON")

    search = sub.add_parser("search", help="search phrases, UI labels and walkthrough steps")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print results as JSON")
    search.add_argument("--limit", type=int, default=20, help="at most this many results (default 20)")

    export = sub.add_parser("export", help="export favourites, labels met and kept cards for flashcards")
    export.add_argument("--anki", metavar="FILE", required=True, help="write an Anki-importable TSV (and FILE.csv beside it)")

    review = sub.add_parser("review", help="the cards you keep to learn: list what is due for review today")
    review.add_argument("--due", action="store_true", required=True, help="list the cards due today")
    review.add_argument("--json", action="store_true", help="print them as JSON")

    sub.add_parser("clear-history", help="delete translation history and the translation cache")

    read = sub.add_parser("read", help="read a screenshot: each Chinese line with its UI label or translation")
    read.add_argument("image", metavar="IMAGE", help="a PNG or JPEG screenshot")
    read.add_argument("--json", action="store_true", help="print the full result as JSON")
    read.add_argument("--offline", action="store_true", help="never use the network: labels, phrase book, cache and gloss only")
    return parser


class _DropWhenTheReaderLeaves:
    """Standard output for a command. When the reader of a pipe goes away (`search a | head -1`)
    the rest of the output is dropped: the command still finishes its work (an export is still
    written) and exits with its usual code, with no BrokenPipeError traceback."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._drop_the_rest()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        """From now on the output goes to the null device (what is still buffered too, so the
        flush at exit does not fail again)."""
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, buffer …: the real stream's
        return getattr(self._stream, name)


@contextlib.contextmanager
def _quiet_on_a_closed_pipe() -> Iterator[None]:
    """One mechanism for every command (and --help): see _DropWhenTheReaderLeaves."""
    original = sys.stdout
    if original is None:  # no console at all (pythonw)
        yield
        return
    guard = _DropWhenTheReaderLeaves(original)
    sys.stdout = guard  # type: ignore[assignment]
    try:
        yield
    finally:
        guard.flush()
        if sys.stdout is guard:
            sys.stdout = original


def main(argv: Sequence[str] | None = None) -> int:
    with _quiet_on_a_closed_pipe():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    from guide.commands.printable import printable_output

    with printable_output():  # names, pack text and answers printed can never drive the terminal
        args = build_parser().parse_args(argv)
        if args.command is not None or args.screenshot:
            gc.enable()  # paused for the window's start only (guide/program.py)
            return _run_command(args)
    return _run_gui(args)


def _run_gui(args: argparse.Namespace) -> int:
    """The window, with the cycle collector paused until its content has painted (see
    guide/program.py; paused here too when `main` is called some other way)."""
    gc.disable()
    try:
        from guide.ui.shell.app import run_app

        return run_app(args)
    finally:
        gc.enable()


def _run_command(args: argparse.Namespace) -> int:
    if args.command is None:
        from guide.commands.render_cmd import run_screenshot

        return run_screenshot(args)
    if args.command == "validate":
        from guide.commands.validate_cmd import run
    elif args.command == "translate":
        from guide.commands.translate_cmd import run
    elif args.command == "search":
        from guide.commands.search_cmd import run
    elif args.command == "export":
        from guide.commands.export_cmd import run
    elif args.command == "read":
        from guide.commands.read_cmd import run
    elif args.command == "review":
        from guide.commands.review_cmd import run
    else:
        from guide.commands.clear_history_cmd import run
    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
