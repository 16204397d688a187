"""The picture on the Screenshot page: English over every line (a label's, a translation, or
a breakdown summary), at a size a person can read at any zoom (never below the app's small
text; elided, with the whole English on hover), and a picture that can be zoomed (Ctrl+wheel,
+ and −, Fit) and panned."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QPixmap, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem

from guide.ui.screenshot.view import ScreenshotView

PHONE = (1080, 2340)
LINES = [([60, 120, 120, 44], True, "Notes"),  # a tab label
         ([60, 400, 900, 48], False, "The desserts here are very good too, the mango pancakes are a must"),  # a caption
         ([60, 470, 600, 48], False, "this · shop · dessert · also · very · tasty"),  # breakdown summary
         ([60, 600, 300, 48], False, None),  # still being translated
         ([900, 120, 60, 40], True, "Share this note with friends in a chat or a group")]  # long English, small box


def phone_view(qtbot, width: int = 560, height: int = 640) -> ScreenshotView:  # noqa: ANN001
    view = ScreenshotView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    picture = QPixmap(*PHONE)
    picture.fill()
    view.show_picture(picture)
    view.set_lines(LINES)
    view.set_show_english(True)
    QApplication.processEvents()
    return view


def drawn(view: ScreenshotView, index: int) -> tuple[str, float]:
    """The English drawn over line `index` and its height in screen pixels."""
    patch = view._overlay_of[index]
    text = next(child for child in patch.childItems() if isinstance(child, QGraphicsSimpleTextItem))
    rect = text.deviceTransform(view.viewportTransform()).mapRect(text.boundingRect())
    return text.text(), rect.height()


def test_every_line_with_english_gets_it_on_the_picture(qtbot) -> None:  # noqa: ANN001
    view = phone_view(qtbot)
    assert sorted(view._overlay_of) == [0, 1, 2, 4]
    assert drawn(view, 1)[0].startswith("The desserts")
    view.set_english(3, "Order now")  # its translation arrived
    assert drawn(view, 3)[0] == "Order now" and all(item.isVisible() for item in view.overlays)


def test_the_english_is_readable_at_the_fitted_size(qtbot) -> None:  # noqa: ANN001
    """Not smaller than the app's own text (it was ~6 px in a 1280×800 window)."""
    view = phone_view(qtbot)
    app_text = QFontMetrics(view.font()).height()
    for index in view._overlay_of:
        text, height = drawn(view, index)
        assert height >= 0.95 * app_text, f"{text!r} is drawn {height:.0f} px high; the app's text is {app_text} px"


def test_english_too_long_for_its_box_is_elided_with_the_whole_of_it_on_hover(qtbot) -> None:  # noqa: ANN001
    view = phone_view(qtbot)
    text, _height = drawn(view, 4)
    assert text.endswith("…") and len(text) < len(LINES[4][2])
    assert view._overlay_of[4].toolTip() == LINES[4][2]


def test_ctrl_wheel_plus_minus_and_fit_zoom_the_picture(qtbot) -> None:  # noqa: ANN001
    view = phone_view(qtbot)
    fitted = view.transform().m11()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.transform().m11() > fitted * 1.1
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    bigger = view.transform().m11()
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.transform().m11() < bigger
    view.resize(600, 700)  # a zoomed picture keeps its zoom when the window changes
    QApplication.processEvents()
    assert view.transform().m11() > fitted * 1.1
    qtbot.keyClick(view, Qt.Key.Key_0)  # Fit
    whole = view.mapFromScene(view.sceneRect()).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(whole)


def test_the_english_stays_readable_and_grows_no_larger_than_useful_when_zoomed(qtbot) -> None:  # noqa: ANN001
    view = phone_view(qtbot)
    assert drawn(view, 1)[0].endswith("…")  # a long translation over a caption, fitted
    for _ in range(6):
        view.zoom_in()
    _text, height = drawn(view, 0)
    assert 0.95 * QFontMetrics(view.font()).height() <= height <= 3 * QFontMetrics(view.font()).height()
    assert drawn(view, 1)[0].replace("\n", " ") == LINES[1][2]  # room enough now: the whole English


def test_a_zoomed_picture_pans_by_dragging_and_a_click_still_picks_a_line(qtbot) -> None:  # noqa: ANN001
    view = phone_view(qtbot)
    for _ in range(4):
        view.zoom_in()
    QApplication.processEvents()  # the scroll bars it now needs
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    before = bar.value()
    start = QPoint(view.viewport().width() - 20, view.viewport().height() // 2)  # the picture's empty margin
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start - QPoint(0, 30 * step))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start - QPoint(0, 150))
    assert bar.value() > before, "dragging the picture did not move it"
    clicked = []
    view.lineClicked.connect(clicked.append)
    view.select(1)  # scrolls line 1 into view
    QApplication.processEvents()
    point = view.mapFromScene(view.boxes[1].rect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked == [1]
