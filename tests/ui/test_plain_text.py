"""Text the app did not write itself is never shown as rich text.

Qt shows a label, tooltip or message box as HTML when its text merely looks like HTML, and
then loads an `<img src=…>` file itself: a screenshot named `<img src=&#47;dev&#47;zero>.png`,
a stray pack file so named, `"theme": "<img src=/dev/zero>"` in settings.json or a sentence
an engine handed back made the app read /dev/zero until it aborted.

The class, not the cases: every label of every page and dialog is plain text, or was built
by guide.ui.widgets.safe_text from the app's own template with every part escaped (the
label remembers that text, so a later `setText` of anything else is caught); every tooltip
Qt would read as HTML was escaped there too; message boxes are made only there. Then the
cases the red team found, driven like a user, with a real picture in the `src`: the window
must show the name as text, not draw the picture.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.fake_server import FakeServer
from helpers.plain_text import unsafe_text
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QTabWidget, QTextBrowser, QWidget

import guide
from guide.core.context import build_context
from guide.ui.shell.dialogs import WelcomeDialog
from guide.ui.shell.main_window import MainWindow
from guide.ui.widgets.safe_browser import SafeTextBrowser
from guide.ui.widgets.safe_text import markup, rich_label

PAGES = ("start", "walkthroughs", "glossary", "phrasebook", "translator", "screenshot")


@pytest.fixture
def window(qtbot, mini_pack: Path) -> Iterator[MainWindow]:  # noqa: ANN001
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def test_the_walk_sees_an_unescaped_label_and_accepts_an_escaped_one(qtbot) -> None:  # noqa: ANN001
    """The check itself works: Qt's default label and a tooltip with a tag are caught; a
    label built with markup() is not, until its text is replaced behind the helper's back."""
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("Could not load x.yaml", root)
    safe = rich_label(markup("<b>{}</b>", "<img src=x>"), root)
    root.setToolTip("<img src=/dev/zero>")
    QTextBrowser(root)
    SafeTextBrowser(root)
    assert len(unsafe_text(root)) == 3
    assert safe.text() == "<b>&lt;img src=x&gt;</b>"
    safe.setText("<img src=x>")
    assert len(unsafe_text(root)) == 4


def test_every_label_and_tooltip_on_every_page_is_plain_or_escaped(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.notices.add("A notice")
    for page in PAGES:
        window.show_page(page)
        assert unsafe_text(window) == [], page
    window.open_walkthrough("first", "save")  # a step with a label chip and a tip
    assert unsafe_text(window) == []
    glossary = window.show_page("glossary")
    table = glossary.findChild(QAbstractItemView)
    table.setCurrentIndex(table.model().index(0, 0))
    assert unsafe_text(window) == []
    translator = window.show_page("translator")
    window.context.settings.offline_only = True
    translator.set_text("你好 收藏")
    qtbot.waitUntil(lambda: not translator.is_busy() and translator.origin.text() != "", timeout=20000)
    assert unsafe_text(window) == []


def walk_tabs(dialog: QWidget) -> list[str]:
    """`unsafe_text` with each tab of each tab widget shown in turn (some fill their labels then)."""
    found = unsafe_text(dialog)
    for tabs in dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            found += [f"tab {tabs.tabText(index)!r}: {problem}" for problem in unsafe_text(dialog)]
    return sorted(set(found))


def test_every_dialog_is_plain_or_escaped(qtbot, mini_pack: Path) -> None:  # noqa: ANN001
    from helpers.study import word

    from guide.core.capture.geometry import Screen
    from guide.core.study.deck import Deck
    from guide.core.study.search import index_for
    from guide.core.translate.secrets import SecretStore
    from guide.ui.phrasebook.anki_export import ExportChoiceDialog
    from guide.ui.phrasebook.page import PracticeDialog
    from guide.ui.phrasebook.review_dialog import ReviewDialog
    from guide.ui.screenshot.capture_overlay import CaptureSession
    from guide.ui.screenshot.grabbers import FrozenScreen
    from guide.ui.search.palette import SearchPalette
    from guide.ui.shell.dialogs import about_dialog, shortcuts_dialog
    from guide.ui.shell.navigator import Navigator
    from guide.ui.translator.settings_dialog import TranslatorSettingsDialog
    from guide.ui.walkthroughs.zoom_dialog import ZoomDialog

    context = build_context(mini_pack)
    hostile = "<img src=/dev/null>"
    Deck(context.userdata).keep(word(f"{hostile}粗", "cū", hostile, example=hostile, example_en=hostile))
    phrases = [p for c in context.pack.categories for p in c.phrases]
    step = context.pack.walkthroughs[0].steps[0]
    black = QImage(40, 30, QImage.Format.Format_RGB32)
    black.fill(Qt.GlobalColor.black)
    capture = CaptureSession([FrozenScreen(Screen.from_qt("only", (0, 0, 40, 30), 1.0, "xcb"),
                                           QtGui.QPixmap.fromImage(black), black)])
    dialogs = [WelcomeDialog(offline_only=False), shortcuts_dialog(), about_dialog(),
               SearchPalette(index_for(context.pack), Navigator()),
               TranslatorSettingsDialog(context.settings, SecretStore()), PracticeDialog(phrases),
               ReviewDialog(context), ExportChoiceDialog(2, 3, kept=1),
               ZoomDialog(step.screen, step.highlight, hostile),
               *capture.overlays]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems = walk_tabs(dialog)
        assert problems == [], "\n".join(problems)
        dialog.hide()
    review = dialogs[6]
    review.reveal()  # the card's answer side: 汉字, pinyin, meaning, where it was met
    assert walk_tabs(review) == []
    capture.cancel()


def _written_here(node: ast.expr) -> bool:
    """Text the source spells out in full (a literal, literals joined or chosen between), or an enum value."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _written_here(node.left) and _written_here(node.right)
    if isinstance(node, ast.IfExp):
        return _written_here(node.body) and _written_here(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # buttons.Yes | buttons.Cancel
        return _written_here(node.left) and _written_here(node.right)
    return isinstance(node, ast.Attribute) and node.attr[:1].isupper()  # QMessageBox.Icon.Question


def _call_name(func: ast.expr) -> str:
    return (func.id if isinstance(func, ast.Name) else
            f"{getattr(func.value, 'id', '')}.{func.attr}" if isinstance(func, ast.Attribute) else "")


def test_message_boxes_tooltips_and_text_browsers_show_only_text_the_app_wrote_or_are_safe() -> None:
    """A walk cannot see a modal box, a tooltip set later or one on a picture item, so the
    source is checked: Qt's own message boxes and `setToolTip` get literal text only (anything
    built from other text goes through safe_text), and every text browser is a SafeTextBrowser."""
    ui = Path(guide.__file__).parent / "ui"
    found = []
    for path in sorted(ui.rglob("*.py")):
        if path.name in ("safe_text.py", "safe_browser.py"):  # where the safe versions are made
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            named = _call_name(node.func)
            where = f"{path.relative_to(ui)}:{node.lineno}"
            if named in ("QMessageBox", "QMessageBox.question", "QMessageBox.information", "QMessageBox.warning",
                         "QMessageBox.critical", "QMessageBox.about", "QToolTip.showText"):
                texts = node.args[1:] if named != "QMessageBox" else node.args
                if not all(_written_here(arg) for arg in texts):
                    found.append(f"{where}: {named} with text built at run time")
            if isinstance(node.func, ast.Attribute) and node.func.attr == "setToolTip" \
                    and not all(_written_here(arg) for arg in node.args):
                found.append(f"{where}: setToolTip with text built at run time (use safe_text.set_tooltip)")
            if named in ("QTextBrowser", "QtWidgets.QTextBrowser"):
                found.append(f"{where}: a QTextBrowser loads what its text points at (use safe_browser.SafeTextBrowser)")
    assert found == [], "\n".join(found)


def test_the_restart_question_shows_the_walkthrough_title_as_text(qtbot, window: MainWindow,  # noqa: ANN001
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    window.open_walkthrough("first", "save")
    player = window.pages["walkthroughs"].player
    player.confirm_restart()
    assert shown and unsafe_text(shown[0]) == []


# -- the cases found, with a real picture behind the `src` --------------------------------------

@pytest.fixture
def picture(tmp_path: Path, qapp) -> Path:  # noqa: ANN001
    """A 600 px tall picture: drawn into a label, it would make that label (and the window) tall."""
    path = tmp_path / "tall.png"
    image = QImage(40, 600, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.green)
    image.save(str(path))
    return path


def drawn_as_text(label: QLabel, hostile: str) -> bool:
    """The label quotes the text (or its start, where a message cuts it) as plain text and
    stays a line or two high: the 600 px picture is not drawn in it."""
    label.adjustSize()
    return (hostile[:20] in label.text() and label.textFormat() == Qt.TextFormat.PlainText
            and label.sizeHint().height() < 300)


def test_a_screenshot_named_like_html_is_named_not_drawn(qtbot, window: MainWindow, picture: Path,  # noqa: ANN001
                                                         tmp_path: Path) -> None:
    hostile = f"<img src={str(picture).replace('/', '&#47;')}>"
    bad = tmp_path / f"{hostile}.png"
    bad.write_text("junk, not a picture")
    page = window.show_page("screenshot")
    page.open_file(bad)
    assert drawn_as_text(page.status, hostile)
    assert unsafe_text(window) == []  # said on the page; the notice bar, if it names it, is plain text too


def test_a_settings_value_like_html_is_named_not_drawn(qtbot, mini_pack: Path, picture: Path,  # noqa: ANN001
                                                       isolated_dirs: dict[str, Path]) -> None:
    folder = isolated_dirs["config"] / "rednote-guide"
    folder.mkdir(parents=True, exist_ok=True)
    hostile = f"<img src={picture}>"
    (folder / "settings.json").write_text(json.dumps({"theme": hostile, "first_run_done": True}))
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.show()
    assert any(hostile in m for m in window.notices.messages)
    assert drawn_as_text(window.notices.label, hostile)
    window.close()


def test_a_pack_file_named_like_html_is_named_not_drawn(qtbot, mini_pack: Path, picture: Path) -> None:  # noqa: ANN001
    hostile = f"<img src={str(picture).replace('/', '&#47;')}>"
    (mini_pack / "walkthroughs" / f"{hostile}.yaml").write_text("id: x\n")
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    window.show()
    assert drawn_as_text(window.notices.label, hostile)
    window.close()


def test_pack_names_in_headings_are_escaped(qtbot, mini_pack: Path, picture: Path) -> None:  # noqa: ANN001
    """The loader refuses a tag in a pack name; the headings escape it all the same."""
    from dataclasses import replace

    from guide.core.content.model import AppInfo
    from guide.ui.glossary.page import GlossaryPage
    from guide.ui.shell.navigator import Navigator
    from guide.ui.start.page import StartPage

    context = build_context(mini_pack)
    context.pack = replace(context.pack, app=AppInfo(f"X<img src={picture} ", f"<img src={picture}>", "zh"))
    start = StartPage(Navigator())
    glossary = GlossaryPage(context, Navigator())
    for widget in (start, glossary):
        qtbot.addWidget(widget)
    start.populate(context)
    headings = [start.title, *[label for label in glossary.findChildren(QLabel) if "UI labels" in label.text()]]
    assert len(headings) == 2
    for heading in headings:
        heading.adjustSize()
        assert "&lt;img" in heading.text() and heading.sizeHint().height() < 300
    assert unsafe_text(start) == [] and unsafe_text(glossary) == []


def test_a_sentence_an_engine_hands_back_is_shown_as_text(qtbot, mini_pack: Path, picture: Path,  # noqa: ANN001
                                                          server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.ui.shell.navigator import Navigator
    from guide.ui.translator.page import TranslatorPage

    monkeypatch.chdir(picture.parent)  # Qt finds a relative `src` from here: short enough to be quoted whole
    server.behaviour.mode = "echo"
    context = build_context(mini_pack)
    context.settings.engines = ["libretranslate"]
    context.settings.libretranslate_url = server.root
    context.settings.offline_only = False
    page = TranslatorPage(context, Navigator())
    qtbot.addWidget(page)
    page.show()
    hostile = f"<img src={picture.name}>"
    page.set_text(hostile)
    qtbot.waitUntil(lambda: "handed back" in page.origin.text(), timeout=20000)
    assert drawn_as_text(page.origin, hostile) and hostile in page.origin.text()
    assert QtGui.Qt.mightBeRichText(hostile) and "&lt;img" in page.origin.toolTip(), "the tooltip quotes it escaped"
    assert unsafe_text(page) == []
    page.shutdown()


def test_removing_a_card_named_like_html_asks_in_plain_text(qtbot, mini_pack: Path, picture: Path,  # noqa: ANN001
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A card kept from a screenshot line or a translation holds text from outside: its row's
    tooltips and the "Remove card" question quote it as text."""
    from helpers.study import word

    from guide.core.study.deck import Deck
    from guide.ui.phrasebook.review_dialog import ReviewDialog

    context = build_context(mini_pack)
    hostile = f"<img src={picture}>"
    Deck(context.userdata).keep(word(hostile, "cū", hostile))
    dialog = ReviewDialog(context)
    qtbot.addWidget(dialog)
    tab = dialog.cards_tab
    dialog.tabs.setCurrentWidget(tab)
    assert unsafe_text(tab) == []
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    tab.table.setCurrentCell(0, 0)
    tab.remove_current()
    assert shown and unsafe_text(shown[0]) == [] and drawn_as_text(shown[0].findChild(QLabel, "qt_msgbox_label"), hostile)
    assert Deck(context.userdata).cards(), "not removed without a Yes"


def test_english_over_a_picture_line_has_a_plain_tooltip(qtbot, picture: Path) -> None:  # noqa: ANN001
    """The English written over a screenshot line comes from an engine: its tooltip is text."""
    from guide.ui.screenshot.view import ScreenshotView

    view = ScreenshotView()
    qtbot.addWidget(view)
    hostile = f"<img src={picture}>"
    view.set_lines([([10, 10, 200, 40], False, hostile)])
    tips = [item.toolTip() for item in view.overlays]
    assert tips and all(hostile not in tip and "&lt;img" in tip for tip in tips)
