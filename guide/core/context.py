"""Everything a page needs from the core, built once at start and passed to widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guide.core.content.pack_cache import load_pack_cached
from guide.core.content.model import Pack
from guide.core.storage import paths
from guide.core.storage.settings import Settings, SettingsStore
from guide.core.storage.userdata import UserData


@dataclass
class AppContext:
    pack: Pack
    userdata: UserData
    settings_store: SettingsStore
    settings: Settings
    data_dir: Path
    cache_dir: Path
    notices: list[str] = field(default_factory=list)

    def save_settings(self) -> None:
        self.settings_store.save(self.settings)


def build_context(pack_dir: Path | None = None, settings_store: SettingsStore | None = None,
                  settings: Settings | None = None) -> AppContext:
    """Load the pack and open the user's stores; never raises for bad content or files.

    The GUI loads settings first (to draw its shell) and passes them in. The pack comes from
    the parsed-pack cache when every pack file is as it was (see content/pack_cache.py)."""
    pack = load_pack_cached(pack_dir or paths.default_pack(), paths.cache_dir())
    settings_store = settings_store or SettingsStore()
    settings = settings or settings_store.load()
    userdata = UserData(pack.id)
    notices = list(settings_store.notices) + list(userdata.notices)
    return AppContext(pack, userdata, settings_store, settings, paths.data_dir(), paths.cache_dir(), notices)
