"""Which way of reading the screen works where, and what the user can do when none does.

Measured (reference/screen-capture.md): Qt's own grab works on X11, Windows and macOS (with the
Screen Recording permission); under Wayland it returns an empty picture, and under XWayland a
black one with holes, so there the desktop's screenshot portal is the only way. GNOME's and
KDE's private screenshot APIs refuse ordinary apps, so they are not tried.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Method(Enum):
    OVERLAY = "overlay"  # freeze every screen with Qt, the user drags over our own overlay
    PORTAL = "portal"  # xdg-desktop-portal Screenshot, the desktop's own dialog picks the area
    NONE = "none"  # nothing works here: say how to take a screenshot with the system, then paste


@dataclass(frozen=True)
class Situation:
    """What decides the method: facts about the running session, gathered in one place."""

    system: str  # sys.platform
    qt_platform: str  # QGuiApplication.platformName(): xcb, wayland, windows, cocoa, offscreen …
    session_type: str = ""  # XDG_SESSION_TYPE
    wayland_display: bool = False  # WAYLAND_DISPLAY is set: a Wayland compositor runs this session
    desktop: str = ""  # XDG_CURRENT_DESKTOP, e.g. "ubuntu:GNOME", "KDE"
    flatpak: bool = False  # inside a Flatpak sandbox, where only the portal reaches the screen

    @classmethod
    def current(cls, qt_platform: str, environ: Mapping[str, str] | None = None) -> Situation:
        env = os.environ if environ is None else environ
        return cls(sys.platform, qt_platform, env.get("XDG_SESSION_TYPE", "").lower(),
                   bool(env.get("WAYLAND_DISPLAY")), env.get("XDG_CURRENT_DESKTOP", ""),
                   Path("/.flatpak-info").exists())

    @property
    def wayland_session(self) -> bool:
        return self.wayland_display or self.session_type == "wayland"

    def desktop_is(self, *names: str) -> bool:
        parts = {part.strip().lower() for part in self.desktop.split(":")}
        return any(name.lower() in parts for name in names)


@dataclass(frozen=True)
class Choice:
    method: Method
    reason: str  # for the log; a NONE choice's reason is also shown to the user


def choose(situation: Situation) -> Choice:
    """The first way to try. A Qt grab that comes back empty or black goes on to `after_blank_grab`."""
    platform = situation.qt_platform.lower()
    if platform.startswith("wayland"):
        return Choice(Method.PORTAL, "Qt runs on Wayland: only the desktop's portal can read the screen")
    if platform == "xcb":
        if situation.flatpak:
            return Choice(Method.PORTAL, "inside Flatpak the portal is the way to the screen")
        if situation.wayland_session:
            return Choice(Method.PORTAL, "XWayland in a Wayland session: a Qt grab sees only X11 windows")
        return Choice(Method.OVERLAY, "X11")
    if platform in ("windows", "cocoa"):
        return Choice(Method.OVERLAY, platform)
    return Choice(Method.NONE, f"The guide runs without a desktop screen here (Qt platform “{situation.qt_platform}”), "
                               "so it cannot read the screen.")


def after_blank_grab(situation: Situation) -> Choice:
    """Qt's grab gave an empty or one-colour picture: on Linux the portal may still work."""
    if situation.system.startswith("linux") or "bsd" in situation.system:
        return Choice(Method.PORTAL, "the Qt grab came back blank")
    return Choice(Method.NONE, "Your system gave the guide a blank picture of the screen.")


def paste_key(situation: Situation) -> str:
    return "Cmd+V" if situation.system == "darwin" else "Ctrl+V"


def advice(situation: Situation) -> str:
    """How to get the same picture with the system's own tool: a region screenshot, then Paste."""
    paste = f"then click the guide and paste with {paste_key(situation)}"
    if situation.system == "darwin":
        return f"Instead, press Cmd+Ctrl+Shift+4 and drag over the area (it is copied, not saved), {paste}."
    if situation.system == "win32":
        return f"Instead, press Win+Shift+S and drag over the area (it is copied), {paste}."
    if situation.desktop_is("GNOME", "Unity"):
        return ("Instead, press Print Screen, choose Selection, drag over the area and press Enter "
                f"(it is copied), {paste}.")
    if situation.desktop_is("KDE"):
        return ("Instead, press Meta+Shift+Print Screen, drag over the area, press Enter and choose "
                f"Copy to Clipboard, {paste}.")
    return f"Instead, take a screenshot of the area with your desktop's screenshot tool and copy it, {paste}."
