"""Issue 25 item 15: the Start page tells a newcomer about the Screenshot page (and File → Read
from screen), links to it, and lists the walkthroughs the pack has now, not an older fixed list."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import FIRST_WALKTHROUGH, SECOND_WALKTHROUGH, write_pack
from PySide6.QtWidgets import QLabel

from guide.core.context import build_context
from guide.ui.shell.main_window import MainWindow

THIRD = FIRST_WALKTHROUGH.replace("id: first", "id: third").replace("title: First steps", "title: Brand deals & gifted products")


def launch(qtbot, pack: Path) -> MainWindow:  # noqa: ANN001
    win = MainWindow(build_context(pack))
    qtbot.addWidget(win)
    win.resize(800, 600)
    win.show()
    return win


def start_text(win: MainWindow) -> str:
    return " ".join(label.text() for label in win.pages["start"].findChildren(QLabel))


@pytest.mark.usefixtures("dictionary_index")  # the page warms the dictionary: opened, not built (closing waited 6 s)
def test_start_mentions_the_screenshot_page_and_read_from_screen_and_links_there(qtbot, mini_pack: Path) -> None:
    win = launch(qtbot, mini_pack)
    text = start_text(win)
    assert "Screenshot" in text and "Read from screen" in text
    intro = next(label for label in win.pages["start"].findChildren(QLabel) if "href='page:screenshot'" in label.text())
    intro.linkActivated.emit("page:screenshot")
    assert win.current_page_name() == "screenshot"


def test_start_lists_the_packs_walkthroughs_and_opens_one(qtbot, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", walkthroughs={"first": FIRST_WALKTHROUGH, "second": SECOND_WALKTHROUGH, "third": THIRD})
    win = launch(qtbot, pack)
    text = start_text(win)
    for title in ("First steps", "Second steps", "Brand deals &amp; gifted products"):
        assert title in text, title
    assert "signing up, finding your way" not in text, "not the older fixed list of topics"
    intro = next(label for label in win.pages["start"].findChildren(QLabel) if "walkthrough:second" in label.text())
    intro.linkActivated.emit("walkthrough:second")
    assert win.current_view() == "walkthrough/second"


def test_view_theme_restyles_the_links_at_once(qtbot, mini_pack: Path) -> None:
    """Issue 25 item 5 on the Start page: the links keep no colour of the other theme."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from guide.ui.shell.theme import LIGHT, apply_theme

    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    win = launch(qtbot, mini_pack)
    win.resize(1180, 780)
    win.set_theme("light")
    qtbot.waitExposed(win)
    intro = win.pages["start"].findChild(QLabel, "startIntro")
    light_link = QColor(LIGHT["Link"][0])

    def light_link_pixels() -> int:
        image = intro.grab().toImage()
        return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                   if max(abs(image.pixelColor(x, y).red() - light_link.red()), abs(image.pixelColor(x, y).green() - light_link.green()),
                          abs(image.pixelColor(x, y).blue() - light_link.blue())) < 12)

    try:
        assert light_link_pixels() > 20, "the links are drawn in the light theme's link colour"
        win.set_theme("dark")
        QApplication.processEvents()
        assert light_link_pixels() == 0, "after View → Theme → Dark no link keeps the light theme's red"
    finally:
        apply_theme(app, choice)


@pytest.mark.usefixtures("dictionary_index")
def test_the_learn_hint_uses_the_pages_width_not_a_third_of_it(qtbot, mini_pack: Path) -> None:
    """At 800×600 "Learn as you go…" wrapped into a 280 px column beside empty space (its row
    kept a stretch for the Review button, hidden until the user keeps a card)."""
    win = launch(qtbot, mini_pack)
    qtbot.waitExposed(win)
    page = win.pages["start"]
    qtbot.waitUntil(lambda: "Learn as you go" in page.due.text())
    intro = page.intro
    assert page.due.width() >= 0.9 * intro.width(), (page.due.width(), intro.width())


def test_at_start_the_page_list_comes_with_the_content_and_the_due_count_just_after(qtbot, mini_pack: Path) -> None:
    """The app's start: the first frame has the welcome and the buttons but no page list (it
    would be laid out twice, ~20 ms of that frame); the list arrives with the content, and the
    due-card line on the next turn (counting imports the deck)."""
    context = build_context(mini_pack)
    win = MainWindow(settings=context.settings)  # the shell, as on the first frame
    qtbot.addWidget(win)
    win.show()
    page = win.pages["start"]
    assert page.intro.isHidden() and page.intro.text() == ""
    assert page.title.textFormat().name == "RichText" and page.progress.textFormat().name == "PlainText"
    win.attach(context, shell_later=True)
    assert not page.intro.isHidden() and "First steps" in page.intro.text()
    assert page.due.text() == "", "counted before the content painted"
    win.finish_after_content()
    assert "Learn as you go" in page.due.text()
    win.show_page("start")
    assert "Learn as you go" in page.due.text(), "showing Start again counts again"
