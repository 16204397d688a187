"""Re-render README's screenshots with `rednote-guide --screenshot` (offscreen, light theme,
a fresh temporary data dir so no personal history shows up).

    python resources/make_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "screenshots"
VIEWS = {
    "start": "start",
    "walkthroughs": "walkthroughs",
    "walkthrough": "walkthrough/like-save-comment",
    "glossary": "glossary",
    "phrasebook": "phrasebook",
    "translator": "translator",
    "screenshot": "screenshot:{sample}",  # the pack's own mockup, rendered phone-sized, read by OCR
}
SAMPLE_MOCKUP = "messages-and-groups-1-tab"


def _sample(folder: Path) -> Path:
    """A phone-sized PNG of one of the pack's mockups, for the Screenshot page to read."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - needed to paint
    renderer = QSvgRenderer(str(ROOT / "content" / "rednote" / "images" / f"{SAMPLE_MOCKUP}.svg"))
    image = QImage(renderer.defaultSize() * 3, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    target = folder / "sample-screenshot.png"
    image.save(str(target))
    return target


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in ("CONFIG", "DATA", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(Path(tmp) / name.lower())
        sample = _sample(Path(tmp))
        for name, view in VIEWS.items():
            view = view.format(sample=sample)
            target = OUT / f"{name}.png"
            result = subprocess.run([sys.executable, "-m", "guide", "--theme", "light", "--screenshot", str(target), "--view", view],
                                    env=env, capture_output=True, text=True, cwd=ROOT)
            status = "ok" if result.returncode == 0 else f"FAILED: {result.stderr.strip()}"
            failed += result.returncode != 0
            print(f"{target.relative_to(ROOT)}: {status}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
