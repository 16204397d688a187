"""The session's CC-CEDICT index put where the app looks for it, so an app or CLI started by a
test opens it instead of building its own (a few seconds, far more on a loaded machine)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def place_index(built: Path, cache_home: Path) -> Path:
    """A hard link to (or a copy of) `built` in the index's place under `cache_home`, an
    XDG_CACHE_HOME."""
    from guide.core.translate.dict_index import INDEX_NAME

    target = cache_home / "rednote-guide" / INDEX_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(built, target)
    except OSError:
        shutil.copyfile(built, target)
    return target
