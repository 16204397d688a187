"""The main window: sidebar, stacked pages, notice bar, Ctrl+K search, routing of
navigator requests between pages. Pages other than Start are built on first use so
the window appears fast.

Start-up: the shell shown on the first frame must not touch PySide's `Qt` namespace
(its first use builds ~100 Python enums, ~10 ms), so `Qt`, shortcuts and menu items
are imported and built in `finish_shell`: at the app's start right after the content has
been attached (the content is what the user waits for), else with `attach`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guide import APP_NAME
from guide.core.fonts import cjk_font_advice, emoji_font_advice
from guide.core.storage.settings import Settings, SettingsStore
from guide.ui.shell.navigator import Navigator
from guide.ui.shell.notice_bar import NoticeBar
from guide.ui.widgets.safe_text import plain_label, set_tooltip

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from guide.core.context import AppContext

log = logging.getLogger(__name__)

INDEX_DELAY_MS = 700
NAV_WIDTH = 180
NAV_NARROW_BELOW = 1000  # window width under which the sidebar shrinks to its longest title

PAGES = (
    ("start", "Start"),
    ("walkthroughs", "Walkthroughs"),
    ("glossary", "UI labels"),
    ("phrasebook", "Phrase book"),
    ("translator", "Translator"),
    ("screenshot", "Screenshot"),
)


def _qt():  # noqa: ANN202 - PySide6.QtCore.Qt, imported when first needed (see module docstring)
    from PySide6.QtCore import Qt

    return Qt


def _page_factory(name: str) -> Callable[[AppContext, Navigator], QWidget]:
    """Import a page's module only when the page is first shown."""
    if name == "start":
        from guide.ui.start.page import StartPage as page
    elif name == "walkthroughs":
        from guide.ui.walkthroughs.list_page import WalkthroughsPage as page
    elif name == "glossary":
        from guide.ui.glossary.page import GlossaryPage as page
    elif name == "phrasebook":
        from guide.ui.phrasebook.page import PhrasebookPage as page
    elif name == "screenshot":
        from guide.ui.screenshot.page import ScreenshotPage as page
    else:
        from guide.ui.translator.page import TranslatorPage as page
    return page


class MainWindow(QMainWindow):
    """Built in two halves so the window appears fast: the shell (sidebar, Start page, menus,
    theme, geometry) needs only settings; `attach(context)` adds content and user data once
    they are loaded, right after the first paint. Passing `context` does both at once."""

    def __init__(self, context: AppContext | None = None, settings: Settings | None = None,
                 settings_store: SettingsStore | None = None) -> None:
        super().__init__()
        self.context: AppContext | None = None
        self.settings = context.settings if context is not None else (settings or Settings())
        self._settings_store = settings_store  # saves the shell's state if closed before content loads
        self.navigator = Navigator(self)
        self.pages: dict[str, QWidget] = {}
        self._requested_page = "start"
        self._read_screen_when_ready = False
        self.setWindowTitle(APP_NAME)
        self.resize(1180, 780)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.notices = NoticeBar()
        outer.addWidget(self.notices)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Sections")
        self.nav.setAccessibleDescription("The pages of the guide; Ctrl+1 to Ctrl+6 switch between them")
        self.nav.setFixedWidth(NAV_WIDTH)
        for number, (name, title) in enumerate(PAGES, start=1):
            item = QListWidgetItem(title)
            set_tooltip(item, f"{title} (Ctrl+{number})")
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(lambda row: self.show_page(PAGES[row][0]) if row >= 0 else None)
        self.navigator.show_page.connect(self.show_page)
        self.navigator.notice.connect(self.notices.add)
        bar = self.menuBar()  # titles now, so the layout does not shift; items in finish_shell
        self._top_menus = [bar.addMenu(title) for title in ("&File", "&View", "&Help")]
        self._shell_finished = False
        self._watching_clipboard = False
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode("ascii")))
        last = self.settings.last_page
        self.show_page("start")
        # "walkthrough/ID": the app was closed inside that walkthrough; reopen it at its step.
        head, _, self._resume_walkthrough = last.partition("/") if last.startswith("walkthrough/") else ("", "", "")
        last = "walkthroughs" if head else last
        self._requested_page = last if last in {p[0] for p in PAGES} else "start"
        if context is not None:
            self.attach(context)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._fit_nav()

    def _fit_nav(self) -> None:
        """In a small window the sidebar is only as wide as its longest title, so the page
        beside it keeps room for its own columns (the walkthrough player, the phrase book)."""
        width = NAV_WIDTH
        if self.width() < NAV_NARROW_BELOW:
            width = min(NAV_WIDTH, self.nav.sizeHintForColumn(0) + 6)
        if self.nav.width() != width:
            self.nav.setFixedWidth(width)

    @property
    def shell_finished(self) -> bool:
        """Menu items, shortcuts and picture paste/drop are in place."""
        return self._shell_finished

    def finish_shell(self) -> None:
        """Shortcuts and menu items: needed within a second, not on the first frame."""
        if self._shell_finished:
            return
        self._shell_finished = True
        from guide.ui.shell.sidebar import SidebarDelegate

        self.nav.setItemDelegate(SidebarDelegate(self.nav))  # one clean selection colour, see sidebar.py
        self.notices.make_plain()
        self._shortcuts()
        self._menus()

    def attach(self, context: AppContext, shell_later: bool = False) -> None:
        """Content and user data are ready: fill in the pages and report any problems.

        With `shell_later` the caller runs `finish_after_content` once the content is on screen
        (the app's start does: the content is what the user waits for)."""
        if not shell_later:
            self.finish_shell()
        self.context = context
        context.settings = self.settings
        self.setWindowTitle(f"{APP_NAME} — {context.pack.app.native_name or context.pack.title}")
        self._connect_navigator()
        self._report_problems()
        self._check_fonts()
        if not shell_later:  # else in finish_after_content
            QTimer.singleShot(0, self, lambda: self._watch_clipboard(context))  # not after the window is gone
        start = self.pages["start"]
        start.populate(context, self._recent_walkthrough(), count_due=not shell_later)  # type: ignore[attr-defined]
        self.show_page(self._requested_page)
        if self._requested_page == "walkthroughs" and context.pack.walkthrough(self._resume_walkthrough) is not None:
            self.open_walkthrough(self._resume_walkthrough)
        # Build the Ctrl+K index off the UI thread so the first search opens at once, but
        # only once the first screen is done: the thread holds the GIL in turns with the UI
        # and made that screen ~50 ms later when started at once. A Ctrl+K before then
        # builds the index itself (~50 ms for the bundled pack).
        QTimer.singleShot(INDEX_DELAY_MS, self, lambda: self._build_search_index(context))
        if self._read_screen_when_ready:
            self._read_screen_when_ready = False
            QTimer.singleShot(0, self.read_from_screen)

    def finish_after_content(self) -> None:
        """What the content on screen does not need: the rest of the shell, the due-card count
        on Start and the watch for a copied picture."""
        self.finish_shell()
        if self.context is not None:
            self.pages["start"].count_due_now()  # type: ignore[attr-defined]
            self._watch_clipboard(self.context)

    def _watch_clipboard(self, context: AppContext) -> None:
        """A copied picture starts the OCR worker before the paste. Never on the content's
        path: the watch imports the OCR client and PySide's `Qt` namespace."""
        from guide.ui.screenshot.warmup import warm_on_picture_copied

        if self.context is context and not self._watching_clipboard:
            self._watching_clipboard = True
            warm_on_picture_copied(self, context)

    def _build_search_index(self, context: AppContext) -> None:
        import threading

        from guide.core.study.search import index_for

        if self.context is context:
            threading.Thread(target=index_for, args=(context.pack,), name="search-index", daemon=True).start()

    # -- pages ----------------------------------------------------------------------

    def page(self, name: str) -> QWidget:
        if name not in self.pages:
            try:
                if name == "start":
                    from guide.ui.start.page import StartPage

                    widget = StartPage(self.navigator)
                else:
                    widget = _page_factory(name)(self.context, self.navigator)
            except Exception as exc:  # a broken page must not take the window down
                log.exception("could not build page %s", name)
                widget = plain_label(f"This page could not be opened: {exc}")
                widget.setWordWrap(True)
                widget.setAlignment(_qt().AlignmentFlag.AlignCenter)
            widget.setProperty("pageName", name)
            self.pages[name] = widget
            self.stack.addWidget(widget)
        return self.pages[name]

    def show_page(self, name: str) -> QWidget:
        if self.context is None and name != "start":
            self._requested_page = name  # shown as soon as the content has loaded
            self._resume_walkthrough = ""
            name = "start"
        widget = self.page(name)
        if name == "start" and self.context is not None:
            widget.refresh(self._recent_walkthrough())  # type: ignore[attr-defined]  # counts and Continue, as of now
        self.stack.setCurrentWidget(widget)
        row = [p[0] for p in PAGES].index(name)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        if self.context is not None:  # before content loads, Start is only a stand-in
            self.settings.last_page = name
        return widget

    def current_page_name(self) -> str:
        return str(self.stack.currentWidget().property("pageName"))

    def current_view(self) -> str:
        """The page on screen, or "walkthrough/ID" when a walkthrough's step is (reopened on relaunch)."""
        name = self.current_page_name()
        page = self.pages.get("walkthroughs")
        player = getattr(page, "player", None)
        if name == "walkthroughs" and player is not None and page.currentWidget() is player and player.showing():  # type: ignore[union-attr]
            return f"walkthrough/{player.showing()}"
        return name

    def _recent_walkthrough(self) -> str:
        """The walkthrough last shown in the player (this session, or when the app was closed)."""
        page = self.pages.get("walkthroughs")
        walkthrough = getattr(getattr(page, "player", None), "walkthrough", None)
        return walkthrough.id if walkthrough is not None else getattr(self, "_resume_walkthrough", "")

    def open_walkthrough(self, walkthrough_id: str, step_id: str = "", record: bool = True) -> bool:
        page = self.show_page("walkthroughs")
        return page.open(walkthrough_id, step_id, record)  # type: ignore[attr-defined]

    def _call_on_page(self, name: str, method: str, *args: object) -> None:
        page = self.show_page(name)
        handler = getattr(page, method, None)
        if callable(handler):
            handler(*args)

    def _connect_navigator(self) -> None:
        nav = self.navigator
        nav.open_walkthrough.connect(self.open_walkthrough)
        nav.look_at_step.connect(lambda walkthrough, step: self.open_walkthrough(walkthrough, step, record=False))
        nav.open_label.connect(lambda zh: self._call_on_page("glossary", "show_label", zh))
        nav.open_phrase.connect(lambda key: self._call_on_page("phrasebook", "show_phrase", key))
        nav.translate_text.connect(lambda text: self._call_on_page("translator", "set_text", text))
        nav.clear_history.connect(self.clear_history)
        nav.review.connect(self.open_review)
        userdata, listener = self.context.userdata, self.notices.add
        userdata.on_notice(listener)
        self.notices.destroyed.connect(lambda *_: userdata.off_notice(listener))

    def _shortcuts(self) -> None:
        from PySide6.QtGui import QShortcut

        from guide.ui.shell import keys

        for number, (name, _title) in enumerate(PAGES):
            shortcut = QShortcut(keys.PAGES.sequence(number), self)
            shortcut.activated.connect(lambda n=name: self.show_page(n))
        QShortcut(keys.SEARCH.sequence(), self).activated.connect(self.open_search)
        QShortcut(keys.HELP.sequence(1), self).activated.connect(self._question_mark)
        self._install_image_input()

    def _question_mark(self) -> None:
        """`?` opens help unless the user is typing (then it is just a character)."""
        from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

        focus = QApplication.focusWidget()
        if isinstance(focus, (QLineEdit, QPlainTextEdit)) or (isinstance(focus, QTextEdit) and not focus.isReadOnly()):
            focus.insert("?") if isinstance(focus, QLineEdit) else focus.insertPlainText("?")
            return
        self.show_shortcuts()

    def _menus(self) -> None:
        from PySide6.QtGui import QActionGroup

        from guide.ui.shell import keys

        file_menu, view, help_menu = self._top_menus
        self._action(file_menu, "&Open screenshot…", self.open_screenshot, keys.OPEN_SCREENSHOT.sequence())
        self._action(file_menu, "&Read from screen…", self.read_from_screen, keys.READ_SCREEN.sequence())
        self._action(file_menu, "Re&view your cards…", self.open_review)
        self._action(file_menu, "Export for &Anki…", self.export_anki)
        self._action(file_menu, "&Clear history and cache…", self.clear_history)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, keys.QUIT.sequence())
        for number, (name, title) in enumerate(PAGES):
            self._action(view, title, lambda n=name: self.show_page(n), keys.PAGES.sequence(number), shortcut_in_menu_only=True)
        self._action(view, "&Search…", self.open_search, keys.SEARCH.sequence(), shortcut_in_menu_only=True)
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        group = QActionGroup(self)
        for choice, title in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            action = theme_menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(self.settings.theme == choice)
            action.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            group.addAction(action)
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, keys.HELP.sequence())
        self._action(help_menu, "&About RedNote Guide", self.show_about)

    def _action(self, menu, title, slot, keys=None, shortcut_in_menu_only=False) -> QAction:  # noqa: ANN001
        from PySide6.QtGui import QAction

        action = QAction(title, self)
        if keys is not None:
            action.setShortcut(keys)
            if shortcut_in_menu_only:  # the window-level QShortcut already handles these keys
                action.setShortcutVisibleInContextMenu(True)
                action.setShortcutContext(_qt().ShortcutContext.WidgetShortcut)
            else:
                self.addAction(action)  # active whenever the window is, menu open or not
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def set_theme(self, choice: str) -> None:
        from PySide6.QtWidgets import QApplication

        from guide.ui.shell.theme import apply_theme

        self.settings.theme = choice
        apply_theme(QApplication.instance(), choice)
        if self.context is not None:
            self.context.save_settings()

    def show_shortcuts(self) -> None:
        from guide.ui.shell.dialogs import shortcuts_dialog

        shortcuts_dialog(self).exec()

    def show_about(self) -> None:
        from guide.ui.shell.dialogs import about_dialog

        about_dialog(self).exec()

    def open_review(self) -> None:
        """The Review window, over whichever page is shown; Start's count is redone when it closes."""
        if self.context is None:
            return
        dialog = self.page("phrasebook").start_review()  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _result: self.current_page_name() == "start" and self.show_page("start"))

    def export_anki(self) -> None:
        self._call_on_page("phrasebook", "export_anki")

    def clear_history(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "Clear history and cache",
            "Delete every translation in the history, the translation cache and the recent screenshots? "
            "Translations you have seen before will no longer work offline.",
            buttons.Yes | buttons.Cancel, buttons.Cancel)  # Enter must not delete everything
        if answer != buttons.Yes:
            return
        translator = self.page("translator")  # cleared where it is, without leaving the page in front
        if hasattr(translator, "clear_history"):
            translator.clear_history()
        self.clear_screenshots()

    def clear_screenshots(self) -> int:
        """Delete the screenshots the Screenshot page keeps (part of Clear history and cache)."""
        from guide.core.screen.history import ScreenshotHistory

        page = self.pages.get("screenshot")
        if page is not None and hasattr(page, "clear_history"):
            count = page.clear_history()
            shots = page.history
        else:
            shots = ScreenshotHistory()
            count = shots.clear()
        if count:
            self.notices.add(f"Deleted {count} recent screenshots.")
        left = shots.leftovers()
        if left:
            self.notices.add(f"Could not delete {len(left)} files of recent screenshots in {shots.folder}; they stay on "
                             f"disk.")
        return count

    # -- screenshots: File → Open, Ctrl+V of a picture anywhere, drag and drop ------------

    def open_screenshot(self) -> None:
        if self.context is not None:
            self._call_on_page("screenshot", "open_dialog")

    def read_from_screen(self) -> None:
        """File → Read from screen, its key, and `rednote-guide --read-screen`; asked before the
        content has loaded, it starts as soon as the Screenshot page can open."""
        if self.context is None:
            self._read_screen_when_ready = True
            return
        self._call_on_page("screenshot", "read_from_screen")

    def _install_image_input(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.setAcceptDrops(True)
        self._image_filter = _image_input_class()(self)
        QApplication.instance().installEventFilter(self._image_filter)

    def read_screenshot_mime(self, mime) -> bool:  # noqa: ANN001 - QMimeData
        """A pasted or dropped picture goes to the Screenshot page."""
        if self.context is None or not _has_picture(mime):
            return False
        page = self.show_page("screenshot")
        return bool(page.open_mime(mime)) if hasattr(page, "open_mime") else False

    def _check_fonts(self) -> None:
        from PySide6.QtGui import QFontDatabase

        families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        advice = cjk_font_advice(list(families))
        if advice:
            self.notices.add(advice)
        emoji = emoji_font_advice(list(QFontDatabase.families()))
        if emoji:
            self.notices.add(emoji)

    def bring_to_front(self) -> None:
        """Called when a second launch asks this window to show itself."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _report_problems(self) -> None:
        pack = self.context.pack
        for path in pack.broken_files():
            first = next(p for p in pack.errors if p.location.path == path)
            self.notices.add(f"Could not load {path.name}: {first.message} (line {first.location.line}). "
                             "The rest of the guide works; run `rednote-guide validate` for details.")
        for notice in self.context.notices:
            self.notices.add(notice)

    # -- search palette -----------------------------------------------------------------

    def open_search(self) -> None:
        if self.context is None:
            return
        try:
            from guide.core.study.search import index_for
            from guide.ui.search.palette import SearchPalette
        except ImportError:
            self.notices.add("Search is not available in this build.")
            return
        palette = SearchPalette(index_for(self.context.pack), self.navigator, self)
        palette.show()
        self._palette = palette

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Save what the user made, and tell the background work to give up: nothing here
        waits for it, so the window goes at once (run_app lets it end out of sight)."""
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        loader = sys.modules.get("guide.core.translate.dictionary_loader")  # not imported: nothing is loading
        if loader is not None:
            loader.give_up()  # the index being built on a first run: seconds otherwise
        for page in self.pages.values():
            shutdown = getattr(page, "shutdown", None)
            if callable(shutdown):
                shutdown()
        if self.context is not None:
            if self.current_view().startswith("walkthrough/"):  # else show_page has set the page
                self.settings.last_page = self.current_view()
            self.context.save_settings()
        elif self._settings_store is not None:
            self._settings_store.save(self.settings)
        super().closeEvent(event)


_PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")


def _has_picture(mime) -> bool:  # noqa: ANN001 - QMimeData
    if mime is None:
        return False
    if mime.hasUrls() and any(u.isLocalFile() and u.toLocalFile().lower().endswith(_PICTURE_SUFFIXES)
                              for u in mime.urls()):
        return True
    return mime.hasImage() and not mime.hasText()


def _image_input_class():  # noqa: ANN202 - built on first use (Qt namespace: see module docstring)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QGuiApplication, QKeySequence

    class ImageInput(QObject):
        """Application-wide: Ctrl+V of a picture and a dropped picture open the Screenshot page.
        Text pastes and drops go where they always went."""

        def __init__(self, window: MainWindow) -> None:
            super().__init__(window)
            self.main = window

        def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
            kind = event.type()
            if kind not in self.KINDS or not watched.isWidgetType() or watched.window() is not self.main:
                return False  # dialogs and other windows keep their own paste and drops
            if kind == QEvent.Type.KeyPress:
                if event.matches(QKeySequence.StandardKey.Paste):
                    mime = QGuiApplication.clipboard().mimeData()
                    if _has_picture(mime):
                        self.main.read_screenshot_mime(mime)
                        return True
            elif _has_picture(event.mimeData()):
                event.acceptProposedAction()
                if kind == QEvent.Type.Drop:
                    self.main.read_screenshot_mime(event.mimeData())
                return True
            return False

    ImageInput.KINDS = frozenset({QEvent.Type.KeyPress, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop})
    return ImageInput
