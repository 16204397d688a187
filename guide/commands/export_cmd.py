"""`rednote-guide export --anki FILE`: favourites, kept cards and labels met, as Anki flashcards.

Writes FILE (tab-separated, Anki reads its header lines) and a CSV beside it. Exit 0
when written, 1 when there is nothing to export yet (nothing is written; stderr says how to
collect cards) or the files could not be written, 2 when there is no pack.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide.commands.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    from guide.commands.search_cmd import load_pack_for
    from guide.core.storage.userdata import UserData
    from guide.core.study.deck import Deck
    from guide.core.study.export import NothingToExport, collect_cards, files_replaced, write_anki

    pack = load_pack_for(args, "export")
    if pack is None:
        return EXIT_USAGE
    userdata = UserData(pack.id)
    try:
        for notice in userdata.notices:
            print(f"rednote-guide export: {notice}", file=sys.stderr)
        cards = collect_cards(pack, userdata.favourites(), userdata.completed(), Deck(userdata).cards())
    finally:
        userdata.close()
    target = Path(args.anki).expanduser()
    replaced = files_replaced(target)
    try:
        tsv, csv = write_anki(cards, target)
    except NothingToExport as exc:
        print(f"rednote-guide export: {exc}; {target} was not written.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"rednote-guide export: could not write {target} ({exc.strerror or exc}); choose another file",
              file=sys.stderr)
        return EXIT_PROBLEMS
    phrases = sum(1 for c in cards if c.source == "phrase")
    kept = sum(1 for c in cards if c.source == "kept")
    labels = len(cards) - phrases - kept
    print(f"Wrote {len(cards)} cards ({phrases} favourite phrases, {kept} kept cards, {labels} UI labels) to {tsv}, "
          f"and a CSV copy to {csv}.")
    if replaced:
        print(f"Replaced what was there before: {', '.join(str(p) for p in replaced)}.")
    print("In Anki: File > Import, choose the file; the columns are Chinese, Pinyin, English, Note.")
    return EXIT_OK
