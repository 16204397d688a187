"""The one dictionary the app uses, loaded once per process: the SQLite index
(`dict_index`) when it can be used or built, else CC-CEDICT parsed into memory (`dictionary`).

It sits above both modules so that neither imports the other: `dict_index` builds on
`dictionary`'s parsing, and this module chooses between them. Loading is lazy and
thread-safe: the first caller loads, others wait for it. `give_up()` (the window is closing)
ends a load under way at once, so no thread is left waiting for it.
"""

from __future__ import annotations

import logging
import threading
import time

from guide.core.translate import dict_index
from guide.core.translate.dictionary import Dictionary, parse

log = logging.getLogger(__name__)

_lock = threading.Lock()
_instance: Dictionary | None = None
_failure: str | None = None


def _load() -> Dictionary:
    """The on-disk index when it can be used or built, else the file parsed into memory."""
    global _failure
    try:
        indexed, notice = dict_index.open_index()
        if notice:
            _failure = notice
        return indexed
    except (OSError, EOFError, UnicodeDecodeError, dict_index.IndexError_) as exc:
        log.warning("CC-CEDICT index not usable (%s); parsing the file into memory", exc)
    return parse()


def load_dictionary() -> Dictionary:
    """The shared dictionary, loading it on first call (blocks other callers until loaded).

    When the file is missing or unreadable an empty dictionary is returned and
    `load_problem()` says why; glossing then relies on the pack and pypinyin. After
    `give_up()`, callers that were waiting get an empty dictionary that is not kept.
    """
    global _instance, _failure
    if _instance is not None:
        return _instance
    asked = dict_index.stops()
    with _lock:
        if _instance is None:
            if dict_index.stops() != asked:  # given up while another caller was loading it
                return Dictionary({}, None)
            started = time.perf_counter()
            try:
                _instance = _load()
            except dict_index.BuildStopped:
                log.info("CC-CEDICT load given up: the app is quitting")
                return Dictionary({}, None)
            except (OSError, EOFError, UnicodeDecodeError) as exc:
                _failure = f"The CC-CEDICT dictionary could not be read ({exc}); word meanings come from the guide only."
                log.warning(_failure)
                _instance = Dictionary({}, None)
            log.debug("CC-CEDICT ready in %.3f s (%d headwords)", time.perf_counter() - started, len(_instance))
    return _instance


def give_up() -> None:
    """The app is quitting: a load under way (the index being built, seconds on a first run)
    ends now and its callers go on without it; the next start builds the index again."""
    dict_index.stop_builds()


def times_given_up() -> int:
    """Changes when give_up() is called: work begun before that should stop too."""
    return dict_index.stops()


def is_loaded() -> bool:
    return _instance is not None


def load_problem() -> str | None:
    """Why the dictionary is missing, or a one-time notice (a damaged index was rebuilt)."""
    return _failure or getattr(_instance, "notice", None)
