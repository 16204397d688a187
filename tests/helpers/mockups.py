"""Reading the pack's SVG mockups in tests: where each text run sits, and which labels a step shows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from guide.core.content.model import Step

UI_REF = re.compile(r"\{\{ui:([^}]+)\}\}")


def svg_texts(path: Path) -> tuple[float, float, list[tuple[float, float, str]]]:
    """The mockup's size and its text runs as (x, y of the glyphs' middle, text)."""
    root = ET.parse(path).getroot()
    width, height = float(root.get("width")), float(root.get("height"))
    runs = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "text" and element.text:
            size = float(element.get("font-size", "14"))
            runs.append((float(element.get("x", "0")), float(element.get("y", "0")) - 0.35 * size, element.text))
    return width, height, runs


def labels_used(step: Step) -> set[str]:
    """Every glossary label a step shows: inline in its text, as chips, or on a hotspot."""
    text = " ".join(filter(None, [step.body, step.tip, step.warning]))
    return set(UI_REF.findall(text)) | set(step.labels) | {h.label for h in step.highlight if h.label}


def texts_under(step: Step, spot) -> list[str]:
    """The mockup's text runs whose anchor lies inside a hotspot."""
    width, height, runs = svg_texts(step.screen)
    left, top = spot.x * width, spot.y * height
    right, bottom = left + spot.w * width, top + spot.h * height
    return [text for x, y, text in runs if left <= x <= right and top <= y <= bottom]
