"""Which step is this: the pack's own mockups rendered to PNG, read by real OCR, name their
own step; a picture with no labels names none."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.screens import render_svg

from guide.core.content.loader import load_pack
from guide.core.screen.ocr_client import OcrClient
from guide.core.screen.reader import ScreenReader
from guide.core.screen.screen_match import ScreenMatcher
from guide.core.storage import paths

MOCKUPS = ("first-note-9-who", "sign-up-8-about-you", "privacy-and-safety-7-report", "search-and-follow-1-search-page")


@pytest.fixture(scope="module")
def pack():  # noqa: ANN201
    return load_pack(paths.default_pack())


@pytest.mark.parametrize("name", MOCKUPS)
def test_a_rendered_mockup_names_its_own_step(qapp, pack, ocr_client: OcrClient, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    png = render_svg(paths.default_pack() / "images" / f"{name}.svg", tmp_path / f"{name}.png")
    reading = ScreenReader(pack, client=ocr_client).read(png)
    assert reading.screen is not None, reading.labels_found()
    assert reading.screen.step.screen is not None and reading.screen.step.screen.stem == name
    assert reading.to_json()["screen"]["walkthrough"] == name.split("-")[0] or \
        name.startswith(reading.screen.walkthrough.id)


def test_no_labels_no_guess(pack) -> None:  # noqa: ANN001
    matcher = ScreenMatcher(pack)
    assert matcher.best([]) is None
    assert matcher.best(["首页"]) is None  # one common label says nothing


def test_rare_labels_outweigh_common_ones(pack) -> None:  # noqa: ANN001
    matcher = ScreenMatcher(pack)
    assert matcher.weight("获取验证码") > matcher.weight("关注")
