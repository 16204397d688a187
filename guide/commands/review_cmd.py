"""`rednote-guide review --due [--json]`: the cards due for review today, as the app's Review
would show them (reviewed cards due by midnight, then today's new cards), for scripts and
tests. Reads the user's data and settings (new cards a day); changes nothing. Exit 0 (also
when nothing is due), 2 when there is no pack.
"""

from __future__ import annotations

import argparse
import json
import sys

from guide.commands.exit_codes import EXIT_OK, EXIT_USAGE
from guide.commands.printable import printable


def run(args: argparse.Namespace) -> int:
    from guide.commands.search_cmd import load_pack_for
    from guide.core.storage.settings import SettingsStore
    from guide.core.storage.userdata import UserData
    from guide.core.study.deck import Deck
    from guide.core.study.due import DueToday, state_name

    pack = load_pack_for(args, "review")
    if pack is None:
        return EXIT_USAGE
    store = SettingsStore()
    settings = store.load()
    userdata = UserData(pack.id)
    try:
        for notice in store.notices + userdata.notices:
            print(printable(f"rednote-guide review: {notice}"), file=sys.stderr)
        review = DueToday(Deck(userdata), settings.new_cards_per_day)
        due, count, later = review.due_today(), review.count(), review.next_due()
        today = review.now().date()
    finally:
        userdata.close()
    if args.json:
        print(json.dumps({
            "date": today.isoformat(), "new": count.new, "learning": count.learning, "review": count.review,
            "total": count.total, "next": later.isoformat() if later else None,
            "cards": [{"id": c.id, "zh": c.zh, "pinyin": c.pinyin, "en": c.en, "kind": c.kind, "state": state_name(c),
                       "due": c.due.isoformat(), "met_in": c.source, "example": c.example,
                       "example_en": c.example_en, "place": c.place} for c in due],
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not due:
        when = f" Next: {later.astimezone().date().isoformat()}." if later else ""
        print(f"Nothing due today.{when}")
        return EXIT_OK
    print(f"{count.total} card{'s' if count.total != 1 else ''} due today "
          f"({count.new} new, {count.learning} learning, {count.review} to review):")
    for card in due:
        print(printable(f"{card.zh}  {card.pinyin}  {card.en}") + f"  [{state_name(card)}; met in {card.where_met()}]")
    return EXIT_OK
