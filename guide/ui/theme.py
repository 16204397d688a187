"""Light and dark stylesheets; "system" follows the desktop's colour scheme live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from guide.core import paths


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def stylesheet(dark: bool) -> str:
    name = "style-dark.qss" if dark else "style-light.qss"
    try:
        return (paths.resources_dir() / name).read_text(encoding="utf-8")
    except OSError:
        return ""


def apply_theme(app: QApplication, choice: str) -> None:
    """`choice` is "system", "light" or "dark"."""
    dark = system_is_dark(app) if choice == "system" else choice == "dark"
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet(dark))
    app.setProperty("themeChoice", choice)
    if not app.property("themeHooked"):
        app.setProperty("themeHooked", True)
        app.styleHints().colorSchemeChanged.connect(
            lambda _scheme: apply_theme(app, "system") if app.property("themeChoice") == "system" else None
        )
