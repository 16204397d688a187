"""Keyboard focus is visible (issue 14 item 7): the stylesheets give focused buttons, and
the red default buttons above all, a ring that contrasts ≥ 3:1 with both the page and the
red fill (WCAG 2.4.7 / 1.4.11); the picture's hotspots draw their own ring."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from guide.ui.walkthroughs.mockup_view import FOCUS_RING

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
RED_FILL = QColor("#d91e3a")


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rule(qss: str, selector: str) -> str:
    match = re.search(rf"^{re.escape(selector)}\s*\{{([^}}]*)\}}", qss, re.MULTILINE)
    assert match, f"no rule for {selector}"
    return match.group(1)


def border(body: str) -> tuple[int, QColor]:
    match = re.search(r"border:\s*(\d+)px\s+solid\s+(#[0-9a-fA-F]{6})", body)
    assert match, body
    return int(match.group(1)), QColor(match.group(2))


@pytest.mark.parametrize("name", ["style-light.qss", "style-dark.qss"])
def test_focused_buttons_have_a_ring_that_shows_on_red_and_on_the_page(name: str) -> None:
    qss = (RESOURCES / name).read_text(encoding="utf-8")
    page = QColor(re.search(r"background:\s*(#[0-9a-fA-F]{6})", rule(qss, "QMainWindow, QDialog")).group(1))
    width, ring = border(rule(qss, "QPushButton:default:focus"))
    assert width >= 2
    assert contrast(ring, page) >= 3, "ring against the page"
    assert contrast(ring, RED_FILL) >= 3, "ring against the red button it surrounds"
    for selector in ("QPushButton:focus", "QPushButton#labelChip:focus"):
        width, ring = border(rule(qss, selector))
        assert width >= 2 and contrast(ring, page) >= 3, selector


def test_hotspot_ring_shows_on_the_light_mockups() -> None:
    for background in ("#ffffff", "#f2f2f2", "#ff2442"):
        assert contrast(FOCUS_RING, QColor(background)) >= 3 or contrast(QColor("white"), QColor(background)) >= 3
