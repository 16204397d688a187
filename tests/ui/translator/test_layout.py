"""Issue 25 item 1: with no translation (offline, engines failing, a share text) the
Translator's empty translation box is one line and the word-by-word breakdown gets the room,
at every window size and after View → Theme; a clicked word's entry is on screen; and no
scroll bar sits inside a page that scrolls too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from guide.core.context import AppContext, build_context
from guide.ui.shell.main_window import MainWindow
from guide.ui.shell.theme import apply_theme
from guide.ui.translator.page import TranslatorPage

SIZES = [(800, 600), (1180, 780), (1280, 800)]
TEXT = "这个博主的穿搭绝绝子，已经种草了！"


@pytest.fixture
def bundled() -> AppContext:
    return build_context(None)  # function scope: after conftest has pointed the XDG dirs at tmp


@pytest.fixture
def window(qtbot, bundled: AppContext) -> Iterator[MainWindow]:  # noqa: ANN001
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, "light")
    bundled.settings.offline_only = True
    win = MainWindow(bundled)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.pages["translator"].shutdown()
    apply_theme(app, choice)


def _settle(window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    for _ in range(3):  # layouts and splitters settle over a few event-loop turns
        QApplication.processEvents()


def _gloss_only(qtbot, window: MainWindow, size: tuple[int, int], theme: str) -> TranslatorPage:  # noqa: ANN001
    window.set_theme(theme)
    page = window.show_page("translator")
    page.set_text(TEXT)
    qtbot.waitUntil(lambda: not page.is_busy() and bool(page.words.chips) and page.result is not None,
                   timeout=60000)  # the first test builds the dictionary index
    _settle(window, size)
    return page


def _one_line(page: TranslatorPage) -> int:
    box = page.output
    margins = 2 * box.frameWidth() + 2 * int(box.document().documentMargin())
    return box.fontMetrics().lineSpacing() + margins + 4


def _on_screen(widget: QWidget, window: MainWindow) -> QRect:
    """The part of `widget` a user can see: inside the window and not scrolled away."""
    visible = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, visible.topLeft()), visible.size()).intersected(window.rect())


def _nested_scroll_bars(page: QWidget) -> list[str]:
    """Scroll areas showing a vertical scroll bar inside another one that shows one too."""
    found = []
    for area in page.findChildren(QAbstractScrollArea):
        if not (area.isVisible() and area.verticalScrollBar().isVisible()):
            continue
        parent = area.parentWidget()
        while parent is not None and parent is not page:
            if isinstance(parent, QAbstractScrollArea) and parent.verticalScrollBar().isVisible():
                found.append(f"{area.objectName() or type(area).__name__} inside {parent.objectName()}")
            parent = parent.parentWidget()
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_translation_leaves_one_line_and_the_breakdown_gets_the_room(qtbot, window: MainWindow,  # noqa: ANN001
                                                                         size: tuple[int, int], theme: str) -> None:
    page = _gloss_only(qtbot, window, size, theme)
    assert not page.result.translated
    assert page.output.height() <= _one_line(page), f"the empty translation box is {page.output.height()} px tall"
    breakdown = _on_screen(page.words, window).height()
    assert breakdown >= page.words.height() > 0, "part of the breakdown is off-screen"
    assert breakdown > 2 * (page.input.height() + page.output.height()), \
        f"the breakdown gets {breakdown} px, the boxes above it {page.input.height() + page.output.height()} px"
    assert _nested_scroll_bars(page) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_theme_change_does_not_grow_the_boxes(qtbot, window: MainWindow, size: tuple[int, int]) -> None:  # noqa: ANN001
    page = _gloss_only(qtbot, window, size, "light")
    before = {name: getattr(page, name).geometry() for name in ("input", "output", "words")}
    for theme in ("dark", "light", "dark"):
        window.set_theme(theme)
        _settle(window, size)
        after = {name: getattr(page, name).geometry() for name in before}
        assert after == before, f"after switching to {theme}: {before} became {after}"
    assert _on_screen(page.words, window).height() == page.words.height()
    assert _nested_scroll_bars(page) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_clicked_words_entry_is_on_screen(qtbot, window: MainWindow, size: tuple[int, int]) -> None:  # noqa: ANN001
    page = _gloss_only(qtbot, window, size, "dark")
    chip = page.words.chips[-1]
    page.words.scroll.ensureWidgetVisible(chip)
    QApplication.processEvents()
    assert _on_screen(chip, window).height() == chip.height(), "the last word card cannot be reached"
    chip.click()
    QApplication.processEvents()
    assert page.words.details.toPlainText().startswith(chip.word.text)
    entry = _on_screen(page.words.details.viewport(), window)
    lines = page.words.details.fontMetrics().lineSpacing()
    assert entry.height() >= 4 * lines, f"only {entry.height()} px of the entry show"
    assert window.rect().contains(entry.bottomLeft() - QPoint(0, 1))


SHARE_WITHOUT_TITLE = ("小红薯1234发布了一篇小红书笔记，快来看吧！ 😆 AbCd123 😆 http://xhslink.com/a/AbCdEf，"
                       "复制本条信息，打开【小红书】App查看精彩内容！")


def test_a_share_text_without_a_title_gets_one_message_and_no_empty_breakdown(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """Issue 25 item 10: not "Only its title is translated" and then "the shared note has no
    title to translate" above an empty breakdown."""
    page = window.show_page("translator")
    page.set_text(SHARE_WITHOUT_TITLE)
    qtbot.waitUntil(lambda: not page.is_busy() and page.result is not None, timeout=60000)
    _settle(window, (1180, 780))
    shown = [w for w in page.findChildren(QWidget) if w.isVisible() and hasattr(w, "text") and callable(w.text)
             and "title" in str(w.text())]
    assert [w.objectName() for w in shown] == ["translatorShare"], "one message says there is no title"
    message = page.share.text()
    assert "share text" in message and "小红薯1234" in message and 'href="http://xhslink.com/a/AbCdEf"' in message
    assert not page.words.isVisible(), "no empty breakdown"
    assert not page.output.isVisible() or page.output.placeholderText() == "", "no second message in the answer box"


def test_a_share_text_and_a_clicked_word_still_fit_800_by_600(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """The share message, the check and a chosen word's entry scroll inside their parts: the
    window never has to grow past its 800×600 minimum to hold them."""
    page = window.show_page("translator")
    page.set_text("这家火锅店绝绝子 " + SHARE_WITHOUT_TITLE)
    qtbot.waitUntil(lambda: not page.is_busy() and bool(page.words.chips), timeout=60000)
    page.back_translation.setText("<b>Check:</b> " + "a long back-translation, " * 12)
    page.back_translation.show()
    page._show_parts(True)
    page.words.chips[-1].click()
    _settle(window, (800, 600))
    assert window.minimumSizeHint().height() <= 600
    assert (window.width(), window.height()) == (800, 600)
    for part in (page.info_area, page.words.details, page.words.scroll):
        assert _on_screen(part, window).height() == part.height() > 0, part.objectName()
