"""`rednote-guide search QUERY [--json] [--limit N]`: the Ctrl+K search from a terminal.

Prints one readable line per result (a second, indented line for the matching part of a
step body), or with --json a list of {kind, id, zh, pinyin, en, title, score}. Exit 0
when the search ran (also with no results: `[]` in JSON), 2 for usage errors or a
missing pack.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from guide.commands.exit_codes import EXIT_OK, EXIT_USAGE
from guide.commands.printable import printable
from guide.core.content.model import Pack
from guide.core.study.search import SearchResult

MAX_LIMIT = 1000


def _error(message: str) -> int:
    print(f"rednote-guide search: {message}", file=sys.stderr)
    return EXIT_USAGE


def load_pack_for(args: argparse.Namespace, command: str) -> Pack | None:
    """The pack named by --pack (or the bundled one); None, with a message, if absent.
    Broken files are reported on stderr and the rest of the pack is used."""
    from guide.core.content.loader import load_pack
    from guide.core.storage import paths

    pack_dir = Path(args.pack) if getattr(args, "pack", None) else paths.default_pack()
    if not (pack_dir / "pack.yaml").is_file():
        print(f"rednote-guide {command}: no content pack at {pack_dir} (a pack folder has a pack.yaml)", file=sys.stderr)
        return None
    pack = load_pack(pack_dir)
    for path in pack.broken_files():
        print(printable(f"rednote-guide {command}: skipped parts of {path} (run `rednote-guide validate` for details)"),
              file=sys.stderr)
    return pack


def format_result(result: SearchResult) -> str:
    """One result for a terminal: kind, then what a reader recognises it by (pack text
    stripped of control characters, so a pack cannot drive the terminal)."""
    result = replace(result, **{name: printable(getattr(result, name)) for name in
                                ("id", "zh", "pinyin", "en", "title", "snippet") if isinstance(getattr(result, name, None), str)})
    if result.kind in ("phrase", "label"):
        line = f"{result.kind:<11} {result.zh}  {result.pinyin}  {result.en}"
        context = f"  ({result.title})" if result.title else ""
        line += context
    elif result.kind == "walkthrough":
        line = f"{'walkthrough':<11} {result.title}  [{result.id}]"
    else:
        line = f"{'step':<11} {result.title}  [{result.id}]"
    if result.snippet:
        line += f"\n{'':<11} {result.snippet}"
    return line


def run(args: argparse.Namespace) -> int:
    from guide.core.study.search import SearchIndex

    query = args.query.strip()
    if not query:
        return _error("the query is empty; give a word, 汉字 or pinyin, e.g. rednote-guide search shoucang")
    limit = getattr(args, "limit", 20)
    if limit < 1 or limit > MAX_LIMIT:
        return _error(f"--limit must be between 1 and {MAX_LIMIT}")
    pack = load_pack_for(args, "search")
    if pack is None:
        return EXIT_USAGE
    results = SearchIndex.build(pack).search(query, limit=limit)
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not results:
        print(f"No results for {query!r}. Try English, 汉字, or pinyin with or without tones (shoucang, ni hao).",
              file=sys.stderr)
        return EXIT_OK
    for result in results:
        print(format_result(result))
    return EXIT_OK
