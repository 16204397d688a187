"""Which way of reading the screen on which desktop, and what the user is told to do instead."""

from __future__ import annotations

import pytest

from guide.core.capture.blank import is_one_colour
from guide.core.capture.method import Method, Situation, advice, after_blank_grab, choose


@pytest.mark.parametrize(("situation", "method"), [
    (Situation("linux", "xcb", "x11"), Method.OVERLAY),
    (Situation("linux", "xcb", "", wayland_display=False), Method.OVERLAY),  # no session type: plain X
    (Situation("linux", "wayland", "wayland", True, "GNOME"), Method.PORTAL),
    (Situation("linux", "wayland-egl", "wayland", True, "KDE"), Method.PORTAL),
    # XWayland: Qt on xcb inside a Wayland session sees only X11 windows (black elsewhere)
    (Situation("linux", "xcb", "wayland", True, "GNOME"), Method.PORTAL),
    (Situation("linux", "xcb", "", True, "sway"), Method.PORTAL),
    (Situation("linux", "xcb", "x11", flatpak=True), Method.PORTAL),
    (Situation("win32", "windows"), Method.OVERLAY),
    (Situation("darwin", "cocoa"), Method.OVERLAY),
    (Situation("linux", "offscreen"), Method.NONE),
    (Situation("linux", "eglfs"), Method.NONE),
])
def test_the_decision_table(situation: Situation, method: Method) -> None:
    choice = choose(situation)
    assert choice.method is method and choice.reason


def test_a_blank_qt_grab_falls_back_to_the_portal_only_on_linux() -> None:
    assert after_blank_grab(Situation("linux", "xcb", "x11")).method is Method.PORTAL
    assert after_blank_grab(Situation("freebsd14", "xcb")).method is Method.PORTAL
    for system, platform in (("win32", "windows"), ("darwin", "cocoa")):
        choice = after_blank_grab(Situation(system, platform))
        assert choice.method is Method.NONE and "blank" in choice.reason


@pytest.mark.parametrize(("situation", "keys", "paste"), [
    (Situation("win32", "windows"), "Win+Shift+S", "Ctrl+V"),
    (Situation("darwin", "cocoa"), "Cmd+Ctrl+Shift+4", "Cmd+V"),
    (Situation("linux", "wayland", desktop="ubuntu:GNOME"), "Print Screen, choose Selection", "Ctrl+V"),
    (Situation("linux", "wayland", desktop="KDE"), "Meta+Shift+Print Screen", "Ctrl+V"),
    (Situation("linux", "xcb", desktop="XFCE"), "your desktop's screenshot tool", "Ctrl+V"),
])
def test_advice_names_the_desktops_own_region_screenshot_and_paste(situation: Situation, keys: str, paste: str) -> None:
    text = advice(situation)
    assert keys in text and f"paste with {paste}" in text


def test_current_reads_the_environment() -> None:
    situation = Situation.current("xcb", {"XDG_SESSION_TYPE": "Wayland", "WAYLAND_DISPLAY": "wayland-0",
                                          "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"})
    assert situation.wayland_session and situation.desktop_is("gnome") and not situation.desktop_is("KDE")
    assert not Situation.current("xcb", {}).wayland_session


def test_one_colour_pictures_are_blank_and_anything_else_is_not() -> None:
    black, white = bytes([0, 0, 0, 255]), bytes([255, 255, 255, 255])
    assert is_one_colour(black * 3840 * 2160)  # a refused grab of a 4K screen
    assert is_one_colour(white * 10_001) and is_one_colour(b"")
    page = bytearray(white * 50_000)
    page[4 * 49_999 + 1] = 0  # one dark pixel at the very end (a full stop in the last block)
    assert not is_one_colour(bytes(page))
    assert not is_one_colour(memoryview(black * 9000 + white))
