"""`rednote-guide clear-history`: delete the translation history, the translation cache and
the screenshots kept by the Screenshot page."""

from __future__ import annotations

import argparse
import sys

from guide.commands.exit_codes import EXIT_OK, EXIT_PROBLEMS


def run(args: argparse.Namespace) -> int:
    from guide.core.screen.history import ScreenshotHistory
    from guide.core.storage import paths
    from guide.core.translate.cache import TranslationCache
    from guide.core.translate.history import History, clear_history_and_cache

    history = History(paths.data_dir())
    cache = TranslationCache(paths.cache_dir())
    try:
        for notice in history.notices + cache.notices:
            print(f"rednote-guide: {notice}", file=sys.stderr)
        cleared = clear_history_and_cache(history, cache)
    finally:
        history.close()
        cache.close()
    extra = f" and {cleared.damaged_files} damaged copies" if cleared.damaged_files else ""
    shots = ScreenshotHistory()
    screenshots = shots.clear()
    problems = list(cleared.problems)
    left = shots.leftovers()
    if left:
        names = ", ".join(p.name for p in left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
        problems.append(f"Could not delete {len(left)} files of recent screenshots in {shots.folder} ({names}); "
                        f"they stay on disk.")
    print(f"Deleted {cleared.history} history entries and {cleared.cache} cached translations{extra}"
          f"{f', and {screenshots} screenshots' if screenshots else ''}.")
    for problem in problems:
        print(f"rednote-guide: {problem}", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK
