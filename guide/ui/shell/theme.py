"""Light and dark themes; "system" follows the desktop's colour scheme live.

Both palettes are built from the fixed colours below, so the app looks the same on every
desktop, and the stylesheets in resources/ style the rest.

Start-up: nothing here touches PySide's `Qt` namespace or a QStyle object before the first
paint, because PySide builds ~100 Python enums the first time either is used (~10 ms). The
desktop's scheme is first read from the platform palette, which Qt fills with dark colours
when the desktop is dark; `follow_system` then checks QStyleHints once the window is up and
corrects the guess if the two disagree.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from guide.core.storage import paths

# role name -> (colour, colour when disabled or None for the same). Text on its background
# is at least 4.5:1 (WCAG AA); the brand red #FF2442 is too light for white text, so
# selections use the darker #d91e3a.
LIGHT: dict[str, tuple[str, str | None]] = {
    "Window": ("#efefef", None), "WindowText": ("#000000", "#bebebe"),
    "Base": ("#ffffff", "#efefef"), "AlternateBase": ("#f7f7f7", None),
    "Text": ("#000000", "#bebebe"), "PlaceholderText": ("#8a8a8a", None),
    "Button": ("#efefef", None), "ButtonText": ("#000000", "#bebebe"), "BrightText": ("#ffffff", None),
    "Light": ("#ffffff", None), "Midlight": ("#cacaca", None), "Mid": ("#b8b8b8", None),
    "Dark": ("#9f9f9f", "#bebebe"), "Shadow": ("#767676", "#b1b1b1"),
    "Highlight": ("#2a7ab0", "#919191"), "HighlightedText": ("#ffffff", None), "Accent": ("#2a7ab0", "#919191"),
    "Link": ("#c0182f", None), "LinkVisited": ("#c0182f", None),
    "ToolTipBase": ("#ffffdc", None), "ToolTipText": ("#000000", None),
}
DARK: dict[str, tuple[str, str | None]] = {
    "Window": ("#1e1e22", None), "WindowText": ("#e8e8ea", "#6f6f76"),
    "Base": ("#26262b", "#1e1e22"), "AlternateBase": ("#2c2c32", None),
    "Text": ("#e8e8ea", "#6f6f76"), "PlaceholderText": ("#8a8a92", None),
    "Button": ("#2c2c32", None), "ButtonText": ("#e8e8ea", "#6f6f76"), "BrightText": ("#ffffff", None),
    "Light": ("#3a3a40", None), "Midlight": ("#34343a", None), "Mid": ("#26262b", None),
    "Dark": ("#141416", None), "Shadow": ("#000000", None),
    "Highlight": ("#d91e3a", "#5a5a60"), "HighlightedText": ("#ffffff", None), "Accent": ("#d91e3a", "#5a5a60"),
    "Link": ("#ff7388", None), "LinkVisited": ("#ff7388", None),
    "ToolTipBase": ("#2c2c32", None), "ToolTipText": ("#e8e8ea", None),
}


def build_palette(colours: dict[str, tuple[str, str | None]]) -> QPalette:
    palette = QPalette()
    disabled = QPalette.ColorGroup.Disabled
    for name, (normal, when_disabled) in colours.items():
        role = getattr(QPalette.ColorRole, name, None)
        if role is None:  # e.g. Accent before Qt 6.6
            continue
        palette.setColor(role, QColor(normal))
        if when_disabled:
            palette.setColor(disabled, role, QColor(when_disabled))
    return palette


def stylesheet(dark: bool) -> str:
    """The theme's stylesheet; `@resources` in it (images such as the check mark) becomes the
    absolute resources folder, since Qt resolves relative urls against the working directory."""
    name = "style-dark.qss" if dark else "style-light.qss"
    try:
        text = (paths.resources_dir() / name).read_text(encoding="utf-8")
    except OSError:
        return ""
    return text.replace("@resources", paths.resources_dir().resolve().as_posix())


def _platform_is_dark(app: QApplication) -> bool:
    """What the platform palette said before we replaced it (remembered on first call)."""
    known = app.property("platformDark")
    if known is None:
        known = app.palette().window().color().lightness() < 128
        app.setProperty("platformDark", known)
    return bool(known)


def system_is_dark(app: QApplication) -> bool:
    """Before our palette is set, the platform palette answers cheaply; after, QStyleHints
    does (falling back to the platform palette where it reports Unknown)."""
    platform_dark = _platform_is_dark(app)
    if app.property("themeDark") is None:
        return platform_dark
    from PySide6.QtCore import Qt

    scheme = app.styleHints().colorScheme()
    return platform_dark if scheme == Qt.ColorScheme.Unknown else scheme == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str) -> None:
    """`choice` is "system", "light" or "dark"."""
    _platform_is_dark(app)  # must be read before our palette replaces the platform's
    dark = system_is_dark(app) if choice == "system" else choice == "dark"
    app.setPalette(build_palette(DARK if dark else LIGHT))
    app.setStyleSheet(stylesheet(dark))
    app.setProperty("themeChoice", choice)
    app.setProperty("themeDark", dark)


def follow_system(app: QApplication) -> None:
    """After the first paint: follow live scheme changes, and correct the start-up guess."""
    if app.property("themeHooked"):
        return
    app.setProperty("themeHooked", True)
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: apply_theme(app, "system") if app.property("themeChoice") == "system" else None
    )
    if app.property("themeChoice") == "system" and system_is_dark(app) != bool(app.property("themeDark")):
        apply_theme(app, "system")
