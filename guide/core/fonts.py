"""Advice when no font can draw Chinese (the UI asks Qt which fonts exist)."""

from __future__ import annotations

import sys

_INSTALL_HINTS = {
    "linux": "install a Chinese font, e.g. `sudo apt install fonts-noto-cjk` (Debian/Ubuntu) or `sudo dnf install google-noto-sans-cjk-fonts` (Fedora)",
    "darwin": "install the Chinese fonts from System Settings → General → Language & Region, or Noto Sans CJK SC",
    "win32": "add the Chinese (Simplified) supplemental fonts in Settings → Apps → Optional features",
}


def cjk_font_advice(chinese_families: list[str], platform: str | None = None) -> str | None:
    """None when some font covers Simplified Chinese; else a message saying what to install."""
    if chinese_families:
        return None
    hint = _INSTALL_HINTS.get(platform or sys.platform, _INSTALL_HINTS["linux"])
    return f"No Chinese font was found, so Chinese text may show as empty boxes: {hint}, then restart the app."
