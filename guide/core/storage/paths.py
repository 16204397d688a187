"""Where things live: bundled content/resources and the user's data, config and cache dirs.

User dirs come from platformdirs, so XDG_CONFIG_HOME / XDG_DATA_HOME / XDG_CACHE_HOME
move them (tests rely on that to isolate themselves).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "rednote-guide"
_PACKAGE_DIR = Path(__file__).resolve().parents[2]  # guide/


def _bundled(name: str) -> Path:
    """Installed wheels carry `guide/<name>`; a source checkout has `<repo>/<name>`."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE_DIR / name


def content_root() -> Path:
    """Folder holding one sub-folder per bundled content pack."""
    return _bundled("content")


def resources_dir() -> Path:
    """Icons, stylesheets and the .desktop file."""
    return _bundled("resources")


def bundled_packs() -> list[Path]:
    """Every bundled pack folder (those with a pack.yaml), in a stable order."""
    root = content_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "pack.yaml").is_file())


def default_pack() -> Path:
    """The RedNote pack when present, else the first bundled pack."""
    packs = bundled_packs()
    for pack in packs:
        if pack.name == "rednote":
            return pack
    return packs[0] if packs else content_root() / "rednote"


def data_dir() -> Path:
    """Progress, favourites and history (things the user would miss)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def config_dir() -> Path:
    """settings.json."""
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def cache_dir() -> Path:
    """The translation cache (safe to delete)."""
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))
