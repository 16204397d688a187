"""One warm OCR worker for the whole session (a cold start costs a second or two), and the
screenshots the tests read, drawn once."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

if importlib.util.find_spec("PIL") is None:  # the [ocr] extra is missing: nothing here can run
    collect_ignore_glob = ["test_*.py"]
else:
    from helpers import screens

from helpers.ocr_extra import needs_ocr_extra

from guide.core.screen.ocr_client import OcrClient


@pytest.fixture(scope="session")
def ocr_client() -> Iterator[OcrClient]:
    needs_ocr_extra()
    client = OcrClient(idle_seconds=600)
    yield client
    client.close()


@pytest.fixture(scope="session")
def recorded_ocr(ocr_client: OcrClient) -> Iterator[OcrClient]:
    """The OCR engine's answers as recorded in helpers/recorded_ocr.json, for tests about what
    the app does with them; pictures it holds no answer for (other pixels, another engine) are
    read by `ocr_client`, ~1.5 s a screen, with a warning saying how to record them."""
    import warnings

    from helpers.recorded_ocr import RECORD, RecordedOcr

    client = RecordedOcr(ocr_client)
    yield client
    if client.read_live and not RECORD:
        warnings.warn(f"read by the OCR engine, not recorded for these pixels and this engine: {client.read_live}; "
                      "record again with GUIDE_RECORD_OCR=1 (see tests/helpers/recorded_ocr.py)", stacklevel=1)


@pytest.fixture(scope="session")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """clean / noisy / small / dark screenshots: (file, the lines drawn on it)."""
    folder = tmp_path_factory.mktemp("screens")
    out = {}
    for kind, suffix in (("clean", ".png"), ("noisy", ".jpg"), ("small", ".png"), ("dark", ".png")):
        shot = getattr(screens, kind)(seed=3)
        out[kind] = (screens.save(shot, folder / f"{kind}{suffix}"), shot.lines)
    return out


BENCHMARK_ONLY = frozenset({"note-text", "note-photo-3", "channel-editor", "messages", "share-sheet", "settings",
                            "search-results"})


@pytest.fixture(scope="session")
def app_readings(recorded_ocr: OcrClient, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The real-looking screens of helpers/app_screens.py, drawn once and read as the app
    reads it (with a translator, so with the dictionary): name -> (screen, reading). Screens
    that add no case of their own here (two more note pages, the channel editor, the messages
    tab, the share sheet, settings, the phone's search results) are read by the benchmark
    only, a second each. The OCR engine's answers are the recorded ones (`recorded_ocr`)."""
    from helpers import app_screens

    from guide.core.content.loader import load_pack
    from guide.core.screen.reader import ScreenReader
    from guide.core.storage import paths
    from guide.core.translate.pipeline import Translator

    pack = load_pack(paths.default_pack())
    reader = ScreenReader(pack, Translator(pack), client=recorded_ocr)
    folder = tmp_path_factory.mktemp("app-screens")
    readings = {}
    for name, make in app_screens.SCREENS.items():
        if name in BENCHMARK_ONLY:
            continue
        shot = make()
        path = folder / f"{name}.png"
        shot.image.save(path)
        readings[name] = (shot, reader.read(path))
    return readings
