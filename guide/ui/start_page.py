"""What the app is for and where to begin: the first thing a newcomer sees."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from guide.ui.navigator import Navigator

if TYPE_CHECKING:
    from guide.core.context import AppContext


class StartPage(QWidget):
    """Static text first (shown before content loads), then `populate` adds the pack's
    name, the "Start here" button and the user's progress. Part of the first frame, so
    no `Qt` namespace here (see main_window); the labels detect rich text themselves."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.navigator = navigator
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.title = QLabel("<h1>Welcome to RedNote <span style='color:#FF2442'>小红书</span></h1>")
        self.title.setObjectName("startTitle")
        layout.addWidget(self.title)
        intro = QLabel(
            "<p style='font-size:15px'>RedNote talks Mandarin: its buttons, rules and most comments are in Chinese. "
            "Keep this guide open beside it.</p>"
            "<ul style='font-size:14px'>"
            "<li><b>Walkthroughs</b> take you step by step: signing up, finding your way, posting, comments, "
            "messages, privacy and the community rules — with a picture of each screen.</li>"
            "<li><b>UI labels</b> explains every Chinese button and menu item you will tap.</li>"
            "<li><b>Phrase book</b> has ready-to-use comments and replies, and the slang you will meet (yyds, 绝绝子, 种草…).</li>"
            "<li><b>Translator</b>: paste a comment or caption. It remembers what it has translated, so it keeps working "
            "offline, and always shows a word-by-word breakdown.</li></ul>"
            "<p style='font-size:14px'>Press <b>Ctrl+K</b> anywhere to search everything, and <b>F1</b> for keyboard shortcuts.</p>"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        self.begin = QPushButton("Start here →")
        self.begin.setObjectName("startBegin")
        self.begin.setToolTip("Open the first walkthrough, or carry on where you stopped")
        self.begin.setDefault(True)
        self.begin.setEnabled(False)
        self.begin.clicked.connect(self._begin)
        buttons.addWidget(self.begin)
        all_button = QPushButton("See all walkthroughs")
        all_button.setToolTip("The list of every walkthrough, with what you have finished (Ctrl+2)")
        all_button.clicked.connect(lambda: navigator.show_page.emit("walkthroughs"))
        buttons.addWidget(all_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.progress = QLabel("")
        self.progress.setObjectName("startProgress")
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self._first_id = ""

    def populate(self, context: "AppContext") -> None:
        pack = context.pack
        self.title.setText(f"<h1>Welcome to {pack.app.name or pack.title} <span style='color:#FF2442'>{pack.app.native_name}</span></h1>")
        if pack.walkthroughs:
            first = pack.walkthroughs[0]
            self._first_id = first.id
            self.begin.setText(f"Start here: {first.title} →")
            self.begin.setEnabled(True)
            done = len(context.userdata.completed() & {w.id for w in pack.walkthroughs})
            self.progress.setText(f"You have finished {done} of {len(pack.walkthroughs)} walkthroughs.")
        else:
            self.begin.hide()

    def _begin(self) -> None:
        if self._first_id:
            self.navigator.open_walkthrough.emit(self._first_id, "")
