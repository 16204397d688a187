"""What the app is for and where to begin: the first thing a newcomer sees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from guide.core.context import AppContext
from guide.ui.navigator import Navigator


class StartPage(QWidget):
    def __init__(self, context: AppContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        pack = context.pack
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel(f"<h1>Welcome to {pack.app.name or 'the app'} <span style='color:#FF2442'>{pack.app.native_name}</span></h1>")
        title.setObjectName("startTitle")
        layout.addWidget(title)
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
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        first = pack.walkthroughs[0] if pack.walkthroughs else None
        if first is not None:
            begin = QPushButton(f"Start here: {first.title} →")
            begin.setObjectName("startBegin")
            begin.setDefault(True)
            begin.clicked.connect(lambda: navigator.open_walkthrough.emit(first.id, ""))
            buttons.addWidget(begin)
        all_button = QPushButton("See all walkthroughs")
        all_button.clicked.connect(lambda: navigator.show_page.emit("walkthroughs"))
        buttons.addWidget(all_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        done = len(context.userdata.completed() & {w.id for w in pack.walkthroughs})
        if pack.walkthroughs:
            progress = QLabel(f"You have finished {done} of {len(pack.walkthroughs)} walkthroughs.")
            progress.setObjectName("startProgress")
            layout.addWidget(progress)
        layout.addStretch(1)
