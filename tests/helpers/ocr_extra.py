"""Skipping a test that needs the [ocr] extra, without importing it.

`pytest.importorskip("rapidocr")` would import rapidocr and onnxruntime into the test process,
and a later test checks that the app's own process never has them."""

from __future__ import annotations

import pytest

from guide.core.screen.ocr_client import ocr_available

REASON = 'needs the [ocr] extra: pip install ".[ocr]"'
needs_ocr = pytest.mark.skipif(not ocr_available(), reason=REASON)  # for a whole test


def needs_ocr_extra() -> None:
    """For one case of a parametrised test, inside it."""
    if not ocr_available():
        pytest.skip(REASON)
