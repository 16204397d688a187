"""Issue 25 items 3 and 4, measured on every step of every bundled walkthrough at 800×600,
1180×780 and 1920×1050: the step text is never cut behind a scroll bar while space sits
below it, a label card opened from the picture is shown whole (or the column scrolls to it),
nothing in the column is squeezed below the height its text needs, and the three columns keep
their widths from step to step, so Next and the picture stay where the pointer left them.

One walk through all the steps per window size (a module fixture, one per size) collects the
measurements; the tests read them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from helpers.qt_windows import delete_closed_windows
from PySide6.QtCore import QEvent, QPoint, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QSpacerItem, QWidget

from guide.core.context import AppContext
from guide.ui.shell.main_window import MainWindow
from guide.ui.shell.theme import apply_theme
from guide.ui.walkthroughs.player import WalkthroughPlayer

SIZES = ((800, 600), (1180, 780), (1920, 1050))


@dataclass
class Walk:
    steps: int = 0
    text_cut: list[str] = field(default_factory=list)  # step text scrolls inside itself while space is free
    squeezed: list[str] = field(default_factory=list)  # a part of the column shorter than its text needs
    card_cut: list[str] = field(default_factory=list)  # a card shorter than it needs while space is free
    card_unreachable: list[str] = field(default_factory=list)
    columns: set[tuple[int, ...]] = field(default_factory=set)
    next_places: set[tuple[int, int, int, int]] = field(default_factory=set)
    picture_tops: set[int] = field(default_factory=set)
    titles_cut: list[str] = field(default_factory=list)


def _settle() -> None:
    """Lay out what changed, without painting (171 steps drawn three times took minutes)."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    delete_closed_windows()  # the cards and chips of the steps before, as the event loop would


def _free_space(layout) -> int:  # noqa: ANN001 - the column's stretch: what no widget wanted
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if isinstance(item, QSpacerItem) or item.spacerItem() is not None:
            return item.geometry().height()
    return 0


def _needed(widget: QWidget) -> int:
    if widget.hasHeightForWidth():
        return widget.heightForWidth(widget.width())
    return widget.minimumSizeHint().height()


def _shown_height(widget: QWidget) -> int:
    """How much of `widget` is on screen: its area not clipped by the scroll areas around it."""
    return widget.visibleRegion().boundingRect().height()


def _column_parts(player: WalkthroughPlayer) -> list[QWidget]:
    layout = player.body.parentWidget().layout()
    parts = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [w for w in parts if w is not None and w.isVisible()]


def _card_scroller(player: WalkthroughPlayer):  # noqa: ANN202 - the QScrollArea the card can be scrolled in, if any
    parent = player.card_host.widget().parentWidget()
    while parent is not None and parent is not player:
        if hasattr(parent, "ensureWidgetVisible"):
            return parent
        parent = parent.parentWidget()
    return None


def _measure_step(player: WalkthroughPlayer, where: str, walk: Walk, window: MainWindow) -> None:
    walk.steps += 1
    body = player.body
    free = _free_space(body.parentWidget().layout())
    if body.verticalScrollBar().maximum() > 0 and free > 2:
        walk.text_cut.append(f"{where}: {body.verticalScrollBar().maximum()} px of text scroll, {free} px free below")
    for part in _column_parts(player):
        if part is not body and part.height() + 1 < _needed(part):
            walk.squeezed.append(f"{where}: {part.objectName() or type(part).__name__} {part.height()} < {_needed(part)} px")
    walk.columns.add(tuple(player.splitter.sizes()))
    button = player.next_button
    walk.next_places.add((*button.mapTo(window, QPoint(0, 0)).toTuple(), button.width(), button.height()))
    if player.mockup.has_image():
        walk.picture_tops.add(round(player.mockup.mapTo(window, player.mockup.image_rect().topLeft().toPoint()).y()))
    # The card of the first thing the picture or the chips offer, as a click would open it.
    label = next((h.label for h in player.mockup.hotspots), None) or next(iter(player.walkthrough.steps[player.index].labels), None)
    if label is None:
        return
    player.show_label(label)
    _settle()
    card = player.card_host.widget()
    scroller = _card_scroller(player)
    if scroller is not None:
        scroller.ensureWidgetVisible(card, 0, 0)
        _settle()
    free = _free_space(body.parentWidget().layout())
    shown = _shown_height(card)
    if shown + 1 < _needed(card) and free > 2:
        walk.card_cut.append(f"{where}: {shown} px of the card shown, it needs {_needed(card)}, {free} px free")
    if shown < min(_needed(card), 60):
        walk.card_unreachable.append(f"{where}: only {shown} px of the card can be seen")


def _ink_height(view, row: int) -> int:  # noqa: ANN001 - from the top of the row's text to its bottom, as drawn
    """Rows of pixels more than 60 grey levels off the row's background (scanned a pixel row at a
    time in C: per-pixel Python took 40 s for the pack's titles)."""
    rect = view.visualItemRect(view.item(row))
    image = view.viewport().grab(rect).toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, stride = image.width(), image.bytesPerLine()
    pixels = bytes(image.constBits())
    background = pixels[stride + width - 3]
    inked = [y for y in range(image.height())
             if (line := pixels[y * stride + 3:y * stride + width - 3])
             and (max(line) - background > 60 or background - min(line) > 60)]
    return inked[-1] - inked[0] + 1 if inked else 0


def _titles_cut(player: WalkthroughPlayer, where: str) -> list[str]:
    """Step list rows (wide windows) whose text runs past the row, drawn as Qt draws it: each
    row is drawn again much taller, and its text, top to bottom, must fit the row's real height.
    Narrow windows: the drop-down shows the current title whole or ending in "…"."""
    cut = []
    if player.step_list.isVisible():
        listing = player.step_list
        for row in range(listing.count()):
            item = listing.item(row)
            height = listing.visualItemRect(item).height()
            hint = item.sizeHint()
            item.setSizeHint(QSize(hint.width(), height + 200))
            listing.doItemsLayout()
            ink = _ink_height(listing, row)
            item.setSizeHint(hint)
            listing.doItemsLayout()
            if ink > height - 4:
                cut.append(f"{where} row {row + 1}: {ink} px of text in a {height} px row")
    else:
        picker = player.step_picker
        shown = picker.width() - 40
        if picker.fontMetrics().horizontalAdvance(picker.currentText()) > shown and not picker.currentText().endswith("…"):
            cut.append(f"{where} drop-down")
    return cut


@pytest.fixture(scope="module", params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def walk(request: pytest.FixtureRequest, qapp, bundled: AppContext) -> Iterator[Walk]:  # noqa: ANN001
    """Every step of the pack, opened in a window of one size, measured."""
    size = request.param
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    if choice != "light":
        apply_theme(app, "light")
    window = MainWindow(bundled)
    window.show()
    for _ in range(2):
        window.resize(*size)
        QApplication.processEvents()
    found = Walk()
    for walkthrough in bundled.pack.walkthroughs:
        for step in walkthrough.steps:
            window.open_walkthrough(walkthrough.id, step.id)
            _settle()
            player = window.pages["walkthroughs"].player
            where = f"{size[0]}×{size[1]} {walkthrough.id}/{step.id}"
            if step is walkthrough.steps[0]:
                found.titles_cut += _titles_cut(player, where)
            _measure_step(player, where, found, window)
    yield found
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    if choice != "light":
        apply_theme(app, choice)


def test_every_step_of_the_pack_is_walked(walk: Walk) -> None:
    assert walk.steps >= 171


def test_step_text_is_never_cut_while_space_is_free(walk: Walk) -> None:
    assert walk.text_cut == []


def test_nothing_in_the_step_column_is_squeezed(walk: Walk) -> None:
    assert walk.squeezed == []


def test_a_label_card_is_shown_whole_or_scrolled_to(walk: Walk) -> None:
    assert walk.card_cut == []
    assert walk.card_unreachable == []


def test_columns_next_and_the_picture_stay_put_from_step_to_step(walk: Walk) -> None:
    assert len(walk.columns) == 1, f"column widths change: {sorted(walk.columns)}"
    assert len(walk.next_places) == 1, f"Next moves: {sorted(walk.next_places)}"
    assert len(walk.picture_tops) == 1, f"the picture's top moves: {sorted(walk.picture_tops)}"


def test_step_titles_are_whole_or_end_with_an_ellipsis(walk: Walk) -> None:
    assert walk.titles_cut == []


def test_a_long_card_is_not_capped(qtbot, bundled: AppContext) -> None:  # noqa: ANN001
    """The card of a label with a long note, at 1920×1050: whole, no inner scroll bar."""
    window = MainWindow(bundled)
    qtbot.addWidget(window)
    window.resize(1920, 1050)
    window.show()
    qtbot.waitExposed(window)
    pack = window.context.pack
    entry = max(pack.glossary, key=lambda e: len(e.note) + len(e.where))
    window.open_walkthrough(pack.walkthroughs[0].id)
    player = window.pages["walkthroughs"].player
    player.show_label(entry.zh)
    _settle()
    card = player.card_host.widget()
    assert card.findChild(QLabel, "cardZh").text() == entry.zh
    assert _shown_height(card) + 1 >= _needed(card), f"{_shown_height(card)} px of the card shown, it needs {_needed(card)}"
