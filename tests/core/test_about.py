"""Issue 25 item 16: About credits what the app runs on, the OCR components too (RapidOCR,
onnxruntime, OpenCV, the PP-OCR models), each with its licence."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

from guide.core.about import LICENCES

ROOT = Path(__file__).resolve().parents[2]


def _credited(name: str) -> str | None:
    """The licence About gives the component whose credit line names `name`."""
    wanted = name.casefold().replace("_", "-")
    for credit, licence in LICENCES:
        if wanted in credit.casefold().replace("_", "-"):
            return licence
    return None


@pytest.mark.parametrize("component,licence", [("RapidOCR", "Apache-2.0"), ("onnxruntime", "MIT"),
                                               ("OpenCV", "Apache-2.0"), ("PP-OCR", "Apache-2.0")])
def test_the_ocr_components_are_credited_with_their_licences(component: str, licence: str) -> None:
    assert _credited(component) == licence


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib")
def test_every_dependency_and_the_ocr_extra_is_credited() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = project["dependencies"] + project["optional-dependencies"]["ocr"]
    names = {re.split(r"[<>=!;\[ ]", spec, maxsplit=1)[0].removesuffix("-Essentials") for spec in needed}
    missing = sorted(name for name in names if _credited(name) is None)
    assert missing == [], f"not in About: {missing}"


@pytest.mark.parametrize("distribution,credit", [("rapidocr", "rapidocr"), ("onnxruntime", "onnxruntime"),
                                                 ("opencv-python-headless", "OpenCV"), ("jieba", "jieba"),
                                                 ("jeepney", "jeepney"), ("keyring", "keyring"), ("fsrs", "fsrs")])
def test_the_licences_match_what_the_installed_packages_declare(distribution: str, credit: str) -> None:
    try:
        info = metadata.metadata(distribution)
    except metadata.PackageNotFoundError:
        pytest.skip(f"{distribution} is not installed")
    declared = " ".join(filter(None, [info.get("License-Expression"), info.get("License"),
                                      *(c for c in info.get_all("Classifier") or [] if c.startswith("License"))]))
    words = declared.replace("Apache 2.0", "Apache-2.0").replace("Apache Software License", "Apache-2.0")
    assert _credited(credit).split()[0] in words.replace("MIT License", "MIT"), (distribution, declared)
