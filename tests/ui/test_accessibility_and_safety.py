"""Screen readers get a name and a description for every control, Tab reaches every control in
screen order, and step bodies never load remote content."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
)

from guide.core.context import build_context
from guide.ui.shell.dialogs import WelcomeDialog
from guide.ui.shell.main_window import MainWindow
from guide.ui.widgets.safe_browser import SafeTextBrowser

CONTROL_TYPES = (QAbstractButton, QLineEdit, QAbstractItemView, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


def visible_controls(root, window=None) -> list:  # noqa: ANN001
    """Controls a user can operate, without Qt's own inner widgets (`qt_*`, headers, item
    editors), which are reached through their owners."""
    window = window or root
    return [w for cls in CONTROL_TYPES for w in root.findChildren(cls)
            if w.isVisibleTo(window) and not w.objectName().startswith("qt_")
            and not isinstance(w, QHeaderView) and not isinstance(w.parent(), QAbstractItemView)]


def shown_main_window(qtbot, pack: Path) -> MainWindow:  # noqa: ANN001
    window = MainWindow(build_context(pack))
    qtbot.addWidget(window)
    window.show()
    return window


def what_a_screen_reader_misses(root) -> list[str]:  # noqa: ANN001
    """Controls whose accessible interface (what AT-SPI reads out) lacks a name, or a
    description where the name alone does not say what the control does. Standard dialog
    buttons (OK, Close) and read-only text need no description."""
    missing = []
    for widget in visible_controls(root):
        interface = QAccessible.queryAccessibleInterface(widget)
        if not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}: no name")
        self_explaining = (isinstance(widget.parent(), QDialogButtonBox)
                           or (isinstance(widget, QAbstractButton) and widget.text() == "Close")
                           or (isinstance(widget, (QTextEdit, QPlainTextEdit)) and widget.isReadOnly()
                               and root is not None and root.inherits("QDialog")))
        if not self_explaining and not interface.text(QAccessible.Text.Description).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}: no description")
    return missing


def test_every_control_on_every_page_is_named_and_described(qtbot, mini_pack: Path) -> None:
    window = shown_main_window(qtbot, mini_pack)
    for page in ("start", "walkthroughs", "glossary", "phrasebook", "translator"):
        window.show_page(page)
        assert what_a_screen_reader_misses(window) == [], page
    window.open_walkthrough("first", "open")
    assert what_a_screen_reader_misses(window) == []
    direction = window.findChild(QComboBox, "translatorDirection")
    window.show_page("translator")
    labelled_by = [other.text(QAccessible.Text.Name) for other, _relation
                   in QAccessible.queryAccessibleInterface(direction).relations(QAccessible.RelationFlag.Label)]
    assert any("Direction" in label for label in labelled_by), "Linux screen readers name a combo box by its label"


def test_every_dialog_is_named_and_described(qtbot, mini_pack: Path) -> None:
    from guide.core.study.search import index_for
    from guide.core.translate.secrets import SecretStore
    from guide.ui.phrasebook.page import PracticeDialog
    from guide.ui.phrasebook.review_dialog import ReviewDialog
    from guide.ui.search.palette import SearchPalette
    from guide.ui.shell.dialogs import about_dialog, shortcuts_dialog
    from guide.ui.shell.navigator import Navigator
    from guide.ui.translator.settings_dialog import TranslatorSettingsDialog

    context = build_context(mini_pack)
    phrases = [p for c in context.pack.categories for p in c.phrases]
    dialogs = [WelcomeDialog(offline_only=False), shortcuts_dialog(), about_dialog(),
               SearchPalette(index_for(context.pack), Navigator()),
               TranslatorSettingsDialog(context.settings, SecretStore()), PracticeDialog(phrases),
               ReviewDialog(context)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert what_a_screen_reader_misses(dialog) == [], dialog.objectName()
        dialog.hide()


def _tab_chain(window: MainWindow, start) -> list:  # noqa: ANN001
    """Widgets Tab visits from `start` until it comes back round."""
    chain, widget = [], start.nextInFocusChain()
    while widget is not start and len(chain) < 500:
        if widget.isVisibleTo(window) and widget.isEnabled() and widget.focusPolicy().value & 0x1:  # TabFocus
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_every_control_can_be_reached_with_tab(qtbot, mini_pack: Path) -> None:
    window = shown_main_window(qtbot, mini_pack)
    for page in ("start", "walkthroughs", "glossary", "phrasebook", "translator"):
        window.show_page(page)
        reachable = set(map(id, _tab_chain(window, window.nav)))
        controls = [w for w in visible_controls(window.pages[page], window) if w.isEnabled()]
        assert controls and [w.objectName() or w.accessibleName() for w in controls if id(w) not in reachable] == [], page


def test_tab_in_a_walkthrough_follows_the_screen(qtbot, mini_pack: Path) -> None:
    window = shown_main_window(qtbot, mini_pack)
    window.open_walkthrough("first", "open")
    window.open_walkthrough("first", "save")  # step 2, so Back is enabled; one label: 收藏
    body = window.findChild(QTextBrowser, "stepBody")
    # new chips are shown on a later turn of the event loop: wait for them, not for a clock
    qtbot.waitUntil(lambda: "labelChip" in [w.objectName() for w in _tab_chain(window, body)][:4], timeout=20000)
    names = [w.objectName() for w in _tab_chain(window, body)][:5]
    # The picture next (one stop: its text 发布, reached by arrows too), issue 25 item 11, then the rest.
    assert names == ["textSpot", "zoomButton", "labelChip", "stepBack", "stepNext"]


def test_step_body_never_fetches_resources(qtbot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    for url in ("https://example.com/tracker.png", "file:///etc/passwd", "qrc:/icon.png"):
        blank = browser.loadResource(int(QTextDocument.ResourceType.ImageResource), QUrl(url))
        assert blank is not None and blank.width() <= 1, "a blank, never None (Qt would then read the file itself)"
    browser.setMarkdown("![x](https://example.com/a.png) text")
    assert "text" in browser.toPlainText()


def test_links_in_body_are_not_followed_by_the_browser_itself(qtbot, mini_pack: Path) -> None:
    window = shown_main_window(qtbot, mini_pack)
    window.open_walkthrough("first", "save")
    body = window.findChild(QTextBrowser, "stepBody")
    assert not body.openLinks() and not body.openExternalLinks()


def test_welcome_dialog_offers_the_offline_switch(qtbot) -> None:
    dialog = WelcomeDialog(offline_only=False)
    qtbot.addWidget(dialog)
    switch = dialog.findChild(QCheckBox, "welcomeOffline")
    assert switch is not None and not switch.isChecked() and "Offline only" in switch.text()
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Stored on this computer only" in text and "Translator" in text
