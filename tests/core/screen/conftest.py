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

from guide.core.screen.ocr_client import OcrClient, ocr_available

needs_ocr = pytest.mark.skipif(not ocr_available(), reason='needs the [ocr] extra: pip install ".[ocr]"')


@pytest.fixture(scope="session")
def ocr_client() -> Iterator[OcrClient]:
    if not ocr_available():
        pytest.skip('needs the [ocr] extra: pip install ".[ocr]"')
    client = OcrClient(idle_seconds=600)
    yield client
    client.close()


@pytest.fixture(scope="session")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """clean / noisy / small / dark screenshots: (file, the lines drawn on it)."""
    folder = tmp_path_factory.mktemp("screens")
    out = {}
    for kind, suffix in (("clean", ".png"), ("noisy", ".jpg"), ("small", ".png"), ("dark", ".png")):
        shot = getattr(screens, kind)(seed=3)
        out[kind] = (screens.save(shot, folder / f"{kind}{suffix}"), shot.lines)
    return out
