"""Light and dark stylesheets; "system" follows the desktop's colour scheme live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
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
    palette = app.style().standardPalette()
    if dark:
        for role, colour in ((QPalette.ColorRole.Window, "#1e1e22"), (QPalette.ColorRole.WindowText, "#e8e8ea"),
                             (QPalette.ColorRole.Base, "#26262b"), (QPalette.ColorRole.Text, "#e8e8ea"),
                             (QPalette.ColorRole.Button, "#2c2c32"), (QPalette.ColorRole.ButtonText, "#e8e8ea"),
                             (QPalette.ColorRole.Highlight, "#FF2442"), (QPalette.ColorRole.HighlightedText, "#ffffff")):
            palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorRole.Link, QColor("#ff7388" if dark else "#c0182f"))
    palette.setColor(QPalette.ColorRole.LinkVisited, QColor("#ff7388" if dark else "#c0182f"))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet(dark))
    app.setProperty("themeChoice", choice)
    if not app.property("themeHooked"):
        app.setProperty("themeHooked", True)
        app.styleHints().colorSchemeChanged.connect(
            lambda _scheme: apply_theme(app, "system") if app.property("themeChoice") == "system" else None
        )
