"""Advice when no font can draw Chinese, or emoji (the UI asks Qt which fonts exist)."""

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


# Families that draw emoji on the desktops the app runs on; any family named "…Emoji…" counts too.
EMOJI_FAMILIES = ("Noto Color Emoji", "Noto Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji",
                  "Twitter Color Emoji", "JoyPixels", "EmojiOne", "OpenMoji", "Symbola")
_EMOJI_HINTS = {
    "linux": "install an emoji font, e.g. `sudo apt install fonts-noto-color-emoji` (Debian/Ubuntu) or `sudo dnf install google-noto-emoji-color-fonts` (Fedora)",
    "darwin": "Apple Color Emoji comes with macOS; reinstall it from a macOS update if it was removed",
    "win32": "Segoe UI Emoji comes with Windows 10 and later; on older Windows install Noto Color Emoji",
}


def emoji_font_advice(families: list[str], platform: str | None = None) -> str | None:
    """None when some installed font draws emoji; else a message saying what to install.
    RedNote captions and comments are full of emoji (the fire, the laughing face), which
    otherwise show as empty boxes here."""
    if any(family in EMOJI_FAMILIES or "emoji" in family.casefold() for family in families):
        return None
    hint = _EMOJI_HINTS.get(platform or sys.platform, _EMOJI_HINTS["linux"])
    return ("No emoji font was found, so the emoji in captions and comments may show as empty boxes: "
            f"{hint}, then restart the app.")
