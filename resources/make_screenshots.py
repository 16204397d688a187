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
}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in ("CONFIG", "DATA", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(Path(tmp) / name.lower())
        for name, view in VIEWS.items():
            target = OUT / f"{name}.png"
            result = subprocess.run([sys.executable, "-m", "guide", "--theme", "light", "--screenshot", str(target), "--view", view],
                                    env=env, capture_output=True, text=True, cwd=ROOT)
            status = "ok" if result.returncode == 0 else f"FAILED: {result.stderr.strip()}"
            failed += result.returncode != 0
            print(f"{target.relative_to(ROOT)}: {status}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
