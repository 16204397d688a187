"""What the app is for and where to begin: the first thing a newcomer sees."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from guide.ui.shell.navigator import Navigator
from guide.ui.widgets.button_text import button_text
from guide.ui.widgets.safe_text import Markup, join_markup, markup, plain_label, rich_label, set_markup

if TYPE_CHECKING:
    from guide.core.context import AppContext


LEAD = ("<p style='font-size:15px'>RedNote talks Mandarin: its buttons, rules and most comments are in Chinese. "
        "Keep this guide open beside it.</p>")


def title_html(name: str, native_name: str) -> Markup:
    return markup("<h1>Welcome to {} <span style='color:#FF2442'>{}</span></h1>", name, native_name)


def intro_html(topics: list[tuple[str, str]]) -> Markup:
    """What each page is for (under the buttons, so they come first in a short window). `topics` (walkthrough id, title) are the pack's own walkthroughs,
    listed as links; a general line stands in for a pack without any."""
    if topics:
        listed = join_markup(" · ", (markup("<a href='walkthrough:{}' style='text-decoration:none'>{}</a>", wid, title)
                                     for wid, title in topics))
        walkthroughs = markup("<li><b>Walkthroughs</b> take you step by step, with a picture of each screen "
                              "({}): {}.</li>", len(topics), listed)
    else:
        walkthroughs = markup("<li><b>Walkthroughs</b> take you step by step, with a picture of each screen.</li>")
    return markup(
        "<ul style='font-size:14px'>{}"
        "<li><b>UI labels</b> explains every Chinese button and menu item you will tap.</li>"
        "<li><b>Phrase book</b> has ready-to-use comments and replies, and the slang you will meet (yyds, 绝绝子, 种草…).</li>"
        "<li><b>Translator</b>: paste a comment or caption. It remembers what it has translated, so it keeps working "
        "offline, and always shows a word-by-word breakdown.</li>"
        "<li><b><a href='page:screenshot'>Screenshot</a></b>: paste (Ctrl+V), drop or open (Ctrl+O) a screenshot "
        "of RedNote, or choose <b>File → Read from screen</b> and drag over any part of your screen (the website, a "
        "mirrored phone). Every line is read offline and explained: UI labels, English for the rest, and the "
        "walkthrough step it looks like.</li></ul>"
        "<p style='font-size:14px'>Press <b>Ctrl+K</b> anywhere to search everything, and <b>F1</b> for keyboard shortcuts.</p>",
        walkthroughs)


class StartPage(QWidget):
    """The welcome and the buttons first (shown before content loads), then `populate` adds
    the pack's name, the list of what each page is for with the pack's walkthroughs, the
    "Start here" button and the user's progress. Part of the first frame, so no `Qt`
    namespace here (see main_window), and no page list yet: laying out that rich text in a
    scroll area costs the first frame ~20 ms, and `populate` would lay it out again with
    the walkthroughs in it.

    `refresh` (each time the page is shown) points "Start here" at the first unfinished
    walkthrough and adds "Continue: <walkthrough> · step N" for one left part-way. The page
    list links to the Screenshot page, and `populate` lists the pack's walkthroughs as links."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.navigator = navigator
        # The page scrolls in a short window (a pack with many walkthroughs lists them all).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("startScroller")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("startContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 20, 32, 16)
        self.title = rich_label(title_html("RedNote", "小红书"))
        self.title.setObjectName("startTitle")
        layout.addWidget(self.title)
        self.lead = rich_label(markup(LEAD))
        self.lead.setWordWrap(True)
        layout.addWidget(self.lead)
        # Continue gets its own row: beside "Start here: <title> →" and "See all" the three
        # buttons kept the window from going below ~1000 px.
        resume_row = QHBoxLayout()
        buttons = QHBoxLayout()
        self.resume = QPushButton("Continue")
        self.resume.setObjectName("startContinue")
        self.resume.setToolTip("Back to the step you left")
        self.resume.setAccessibleDescription("Opens the walkthrough you left part-way, at the step you reached")
        self.resume.hide()
        self.resume.clicked.connect(self._continue)
        resume_row.addWidget(self.resume)
        resume_row.addStretch(1)
        layout.addLayout(resume_row)
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
        self.progress = plain_label()
        self.progress.setObjectName("startProgress")
        layout.addWidget(self.progress)
        self._review_row = review_row = QHBoxLayout()  # "N cards due today" and Review, once the user keeps cards
        self.due = plain_label()
        self.due.setObjectName("startDue")
        review_row.addWidget(self.due)
        self.review = QPushButton("Review now →")
        self.review.setObjectName("startReview")
        self.review.setToolTip("Review the cards you keep with Learn this: Space shows the answer, 1–4 rate it")
        self.review.hide()
        self.review.clicked.connect(navigator.review.emit)
        review_row.addWidget(self.review)
        review_row.addStretch(1)
        layout.addLayout(review_row)
        self.intro = intro = rich_label()  # filled in by populate
        intro.setWordWrap(True)
        intro.hide()
        intro.setObjectName("startIntro")
        intro.linkActivated.connect(self._link)
        layout.addWidget(intro)
        layout.addStretch(1)
        self.scroller.setWidget(content)
        # The window's own background: the content here, the viewport by the style sheet
        # (asking for viewport() would wrap it, building PySide's QWidget enums on the way to
        # the first frame: ~25 ms of start-up).
        content.setAutoFillBackground(False)
        outer.addWidget(self.scroller)
        self._first_id = ""
        self._continue_id = ""
        self._context: AppContext | None = None
        self._due_later = False

    def populate(self, context: "AppContext", recent: str = "", count_due: bool = True) -> None:
        """With `count_due` False the due-card row waits for `count_due_now` (the app's start
        calls it once the content has painted: counting imports the deck, ~10 ms)."""
        pack = context.pack
        self._context = context
        self._due_later = not count_due
        set_markup(self.title, title_html(pack.app.name or pack.title, pack.app.native_name))  # unchanged for RedNote's pack
        self._topics = [(w.id, w.title) for w in pack.walkthroughs]
        set_markup(self.intro, intro_html(self._topics))
        self.intro.show()
        self.refresh(recent)

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802
        """View → Theme: Qt fixes a link's colour when the text is set, so set it again."""
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and getattr(self, "_topics", None) is not None:
            self.intro.clear()  # setText with the same text does nothing
            set_markup(self.intro, intro_html(self._topics))

    def _link(self, target: str) -> None:
        """page:NAME shows a page; walkthrough:ID opens that walkthrough where the user left it."""
        kind, _, name = target.partition(":")
        if kind == "page":
            self.navigator.show_page.emit(name)
        elif kind == "walkthrough":
            self.navigator.open_walkthrough.emit(name, "")

    def refresh(self, recent: str = "") -> None:
        """Buttons and counts from the progress saved now; `recent` is the walkthrough last
        shown, preferred for Continue when it is still part-way."""
        if self._context is None:
            return
        pack, userdata = self._context.pack, self._context.userdata
        if not self._due_later:
            self._refresh_due()
        if not pack.walkthroughs:
            self.begin.hide()
            self.resume.hide()
            return
        progress = userdata.all_progress()
        done = {w.id for w in pack.walkthroughs if (p := progress.get(w.id)) is not None and p.completed}
        self.progress.setText(f"You have finished all {len(pack.walkthroughs)} walkthroughs ✓" if len(done) == len(pack.walkthroughs)
                              else f"You have finished {len(done)} of {len(pack.walkthroughs)} walkthroughs.")
        part_way: dict[str, int] = {}
        for walkthrough in pack.walkthroughs:
            saved = progress.get(walkthrough.id)
            index = walkthrough.step_index(saved.step) if saved is not None and not saved.completed else None
            if index:  # step 2 or later: step 1 is just "start"
                part_way[walkthrough.id] = index
        self._continue_id = recent if recent in part_way else next(iter(part_way), "")
        if self._continue_id:
            walkthrough = pack.walkthrough(self._continue_id)
            label = f"Continue: {walkthrough.title} · step {part_way[self._continue_id] + 1}"
            self.resume.setText(button_text(label + " →"))
            self.resume.setAccessibleName(label)
        self.resume.setVisible(bool(self._continue_id))
        following = next((w for w in pack.walkthroughs if w.id not in done and w.id != self._continue_id), None)
        self._first_id = following.id if following is not None else ""
        if following is not None:
            order = [w.id for w in pack.walkthroughs]
            first_step = not done and (not self._continue_id or order.index(following.id) < order.index(self._continue_id))
            label = f"Start here: {following.title}" if first_step else f"Next: {following.title}"
            self.begin.setText(button_text(label + " →"))
            self.begin.setAccessibleName(label)
        self.begin.setEnabled(following is not None)
        self.begin.setVisible(following is not None)
        self.begin.setDefault(not self._continue_id)
        self.resume.setDefault(bool(self._continue_id))

    def count_due_now(self) -> None:
        """The due-card row, left out by `populate(count_due=False)`."""
        self._due_later = False
        if self._context is not None:
            self._refresh_due()

    def _refresh_due(self) -> None:
        """How many kept cards are due today (counted without loading the scheduler)."""
        from guide.core.study.deck import Deck
        from guide.core.study.due import DueToday

        deck = Deck(self._context.userdata)
        due = DueToday(deck, self._context.settings.new_cards_per_day).count().total
        kept = bool(due) or bool(deck.cards())
        self.due.setText(f"{due} card{'s' if due != 1 else ''} due today" if due else
                         "No cards due today." if kept else
                         "Learn as you go: press Learn this (Ctrl+L) beside a word, label or line you meet to keep "
                         "it as a card; Review brings it back on a schedule.")
        self.due.setWordWrap(not kept)
        self._review_row.setStretch(0, 0 if kept else 1)  # the hint alone takes the row's width,
        self._review_row.setStretch(2, 1 if kept else 0)  # a count sits beside its button
        self.review.setText("Review now →" if due else "Review…")
        self.review.setVisible(kept)

    def _begin(self) -> None:
        if self._first_id:
            self.navigator.open_walkthrough.emit(self._first_id, "")

    def _continue(self) -> None:
        if self._continue_id:
            self.navigator.open_walkthrough.emit(self._continue_id, "")
