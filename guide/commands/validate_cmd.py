"""`rednote-guide validate [PATH ...] [--strict]`: one line per problem, then a summary."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from guide.commands.printable import printable
from guide.core.content.model import Problem
from guide.core.storage import paths


def _display(problem: Problem) -> str:
    path = problem.location.path
    try:
        shown = os.path.relpath(path)
        if shown.startswith(".." + os.sep + ".."):
            shown = str(path)
    except ValueError:  # different drive on Windows
        shown = str(path)
    line = f"{shown}:{problem.location.line}:{problem.location.column}: {problem.severity.value}: {problem.message}"
    return printable(line)  # messages quote pack text: never let it drive the terminal


def run(args: argparse.Namespace) -> int:
    from guide.core.content.validator import validate_pack

    roots = [Path(p) for p in args.paths] if args.paths else paths.bundled_packs()
    if not roots:
        print("error: no content packs found to validate", file=sys.stderr)
        return 2
    errors = warnings = 0
    for root in roots:
        if not root.is_dir():
            print(f"{root}:1:1: error: not a folder; give the path of a content pack folder")
            errors += 1
            continue
        _, problems = validate_pack(root, strict=args.strict)
        for problem in problems:
            print(_display(problem))
            if problem.is_error:
                errors += 1
            else:
                warnings += 1
    packs = "pack" if len(roots) == 1 else "packs"
    print(f"{len(roots)} {packs} checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return 1 if errors else 0
