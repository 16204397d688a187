"""Rectangles across screens: where peers cut the wrong area (HiDPI offsets, a monitor left of
or above the primary, two screens at once), the cut here lands on the right device pixels."""

from __future__ import annotations

import pytest

from guide.core.capture.geometry import CropRefused, Piece, Rect, Screen, plan_cut, screen_at


def x11(name: str, x: int, y: int, width: int, height: int, dpr: float) -> Screen:
    """A screen as Qt reports it under X11 / Windows: native top-left, size divided by the scale."""
    return Screen.from_qt(name, (x, y, width, height), dpr, "xcb")


def mac(name: str, x: int, y: int, width: int, height: int, dpr: float) -> Screen:
    return Screen.from_qt(name, (x, y, width, height), dpr, "cocoa")


# The measured layout: a 1000 px monitor left of the 1600 px primary, QT_SCALE_FACTOR=2.
LEFT, RIGHT = x11("LEFT", 0, 0, 500, 450, 2.0), x11("RIGHT", 1000, 0, 800, 450, 2.0)


def test_qt_logical_gaps_close_in_desktop_coordinates() -> None:
    assert (LEFT.desktop, RIGHT.desktop) == (Rect(0, 0, 1000, 900), Rect(1000, 0, 1600, 900))
    # the pointer 10 logical units past LEFT's right edge is on RIGHT, 20 pixels in
    assert LEFT.to_desktop((510, 100)) == (1020, 200) and screen_at((1020, 200), [LEFT, RIGHT]) == 1


def test_a_drag_on_the_monitor_left_of_the_primary_cuts_its_own_pixels() -> None:
    rect = Rect.spanning(LEFT.to_desktop((48, 48)), LEFT.to_desktop((332, 232)))  # dragged up-left too
    cut = plan_cut(rect, [RIGHT, LEFT])
    assert (cut.width, cut.height) == (568, 368)
    assert cut.pieces == (Piece(1, (96, 96, 568, 368), (0, 0)),)


def test_a_drag_across_two_monitors_joins_both_parts() -> None:
    rect = Rect.spanning(LEFT.to_desktop((349, 260)), LEFT.to_desktop((649, 380)))  # ends on RIGHT
    cut = plan_cut(rect, [LEFT, RIGHT])
    assert (cut.width, cut.height) == (600, 240) and cut.complete
    assert cut.pieces == (Piece(0, (698, 520, 302, 240), (0, 0)), Piece(1, (0, 520, 298, 240), (302, 0)))


@pytest.mark.parametrize("dpr", [1.0, 1.5, 2.0])
def test_a_monitor_at_a_negative_origin_and_any_scale(dpr: float) -> None:
    """Windows puts a monitor left of the primary at x = -1920; above it at y = -1080."""
    left = x11("left", -1920, 0, round(1920 / dpr), round(1080 / dpr), dpr)
    above = x11("above", 0, -1080, round(1920 / dpr), round(1080 / dpr), dpr)
    primary = x11("primary", 0, 0, round(1920 / dpr), round(1080 / dpr), dpr)
    screens = [primary, left, above]
    rect = Rect.spanning(left.to_desktop((100 / dpr, 50 / dpr)), left.to_desktop((700 / dpr, 350 / dpr)))
    assert plan_cut(rect, screens).pieces == (Piece(1, (100, 50, 600, 300), (0, 0)),)
    rect = Rect.spanning(above.to_desktop((10, 10)), above.to_desktop((210, 110)))
    cut = plan_cut(rect, screens)
    assert cut.pieces[0].screen == 2 and (cut.width, cut.height) == (round(200 * dpr), round(100 * dpr))


def test_fractional_scale_edges_meet_without_a_gap_or_overlap() -> None:
    """At 150 % a logical coordinate lands between pixels; the two halves still add up exactly."""
    a, b = x11("a", 0, 0, 1280, 720, 1.5), x11("b", 1920, 0, 1280, 720, 1.5)
    rect = Rect.spanning(a.to_desktop((1000.3, 100.7)), a.to_desktop((1500.6, 300.2)))
    cut = plan_cut(rect, [a, b])
    left, right = cut.pieces
    assert left.source[0] + left.source[2] == a.image_size[0] and right.source[0] == 0
    assert left.source[2] + right.source[2] == cut.width and right.target[0] == left.source[2]


def test_monitors_of_different_heights_leave_the_missing_corner_to_be_filled() -> None:
    tall, short = x11("tall", 0, 0, 1000, 1200, 1.0), x11("short", 1000, 0, 1000, 800, 1.0)
    cut = plan_cut(Rect(900, 700, 200, 200), [tall, short])
    assert (cut.width, cut.height) == (200, 200) and not cut.complete
    assert cut.pieces == (Piece(0, (900, 700, 100, 200), (0, 0)), Piece(1, (0, 700, 100, 100), (100, 0)))


def test_a_mac_with_a_retina_and_a_plain_monitor() -> None:
    """macOS: logical units are the desktop's points; a Retina screen has 2 pixels per point."""
    retina, plain = mac("retina", 0, 0, 1512, 982, 2.0), mac("plain", 1512, 0, 1920, 1080, 1.0)
    cut = plan_cut(Rect(100, 100, 300, 200), [retina, plain])
    assert (cut.width, cut.height) == (600, 400) and cut.pieces[0].source == (200, 200, 600, 400)
    with pytest.raises(CropRefused, match="different scaling"):
        plan_cut(Rect(1400, 100, 300, 200), [retina, plain])


def test_mirrored_screens_give_one_piece() -> None:
    a, b = x11("a", 0, 0, 1920, 1080, 1.0), x11("b", 0, 0, 1920, 1080, 1.0)
    assert len(plan_cut(Rect(10, 10, 100, 100), [a, b]).pieces) == 1


def test_off_screen_and_tiny_areas_are_refused_with_a_reason() -> None:
    with pytest.raises(CropRefused, match="not on any screen"):
        plan_cut(Rect(5000, 5000, 100, 100), [LEFT, RIGHT])
    with pytest.raises(CropRefused, match="too small"):
        plan_cut(Rect(10, 10, 5, 300), [LEFT, RIGHT])


def test_the_whole_screen_and_its_edges() -> None:
    assert plan_cut(RIGHT.desktop, [LEFT, RIGHT]).pieces == (Piece(1, (0, 0, 1600, 900), (0, 0)),)
    # a drag that overshoots the desktop's edge is clamped to it
    cut = plan_cut(Rect(2500, 800, 500, 500), [LEFT, RIGHT])
    assert (cut.width, cut.height) == (100, 100) and cut.pieces[0].source == (1500, 800, 100, 100)
    # the pointer resting just outside every screen belongs to the nearest one
    assert screen_at((-5, 100), [RIGHT, LEFT]) == 1 and screen_at((0, 0), []) is None
