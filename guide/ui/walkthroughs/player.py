"""Steps through one walkthrough: step list, progress, body, mockup, chips, tip/warning.

Position and completion go to UserData on every move, so closing the app loses nothing.
Finishing shows a short summary with a button to the next unfinished walkthrough (not
the last step's text); Restart asks first and only moves back to step 1: a finished
walkthrough stays finished (a replay is not a reset of what was done).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide.core.content.model import GlossaryEntry, Walkthrough
from guide.core.content.step_text import expand_ui_labels, link_action, progress_text
from guide.core.context import AppContext
from guide.core.study import drafts
from guide.core.translate.explain import TextMeaning
from guide.ui.shell import keys
from guide.ui.shell.navigator import Navigator
from guide.ui.walkthroughs.label_card import LabelCard, LabelChip
from guide.ui.walkthroughs.meaning_card import Explainer, TextCard
from guide.ui.walkthroughs.mockup_view import MockupView
from guide.ui.walkthroughs.zoom_dialog import ZoomDialog
from guide.ui.widgets.enter_key import enter_clicks
from guide.ui.widgets.flow_layout import FlowLayout
from guide.ui.widgets.learn_button import LearnButton
from guide.ui.widgets.safe_browser import SafeTextBrowser, message_box
from guide.ui.widgets.safe_text import (
    SAFE_TOOLTIP_ROLE,
    Markup,
    markup,
    plain_label,
    rich_label,
    set_markup,
    set_tooltip,
    tooltip_text,
)
from guide.ui.widgets.scrolling import vertical_scroller
from guide.ui.widgets.wrapped_rows import fit_wrapped_rows

# Below this width the step list column would cut every title to a few letters, so the steps
# move into a drop-down above the step ("Step 5 of 8 [5. Channels under 发现 ▾]").
COMPACT_WIDTH = 900
STEP_LIST_MIN_WIDTH = 220
STEP_ROW_PADDING = 5  # QListWidget#stepList::item padding in the stylesheets
NEXT_BUTTON_TEXTS = ("Next →", "Finish ✓", "Next walkthrough →", "All walkthroughs")


class StepText(SafeTextBrowser):
    """The step's instructions, as tall as their text: the column around them scrolls, never
    the text alone, so no line hides behind a scroll bar while space sits below.

    One Tab stop (with the stylesheet's focus ring): ↑ and ↓ move between its inline labels
    (→ and ← stay the step keys), Enter opens the label's card; with no label left that way,
    ↑ and ↓ scroll the column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._heights: dict[int, int] = {}
        self._anchor = -1
        self.document().contentsChanged.connect(self._changed)

    def _changed(self) -> None:
        self._heights.clear()
        self._anchor = -1
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - a theme's new font changes the height
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._changed()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """The document's height laid out at `width` (a copy, so the shown one is untouched)."""
        if width not in self._heights:
            margins = self.contentsMargins()
            document = self.document().clone(self)
            document.setDocumentMargin(self.document().documentMargin())
            document.setDefaultFont(self.document().defaultFont())
            document.setTextWidth(max(1, width - margins.left() - margins.right()))
            self._heights[width] = math.ceil(document.size().height()) + margins.top() + margins.bottom()
            document.deleteLater()
        return self._heights[width]

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self.width() if self.width() > 100 else 400
        return QSize(super().sizeHint().width(), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, self.heightForWidth(self.width()) if self.width() > 100 else 40)

    # -- keyboard: the inline labels ----------------------------------------------------

    def anchors(self) -> list[tuple[int, int, str]]:
        """(start, end, link) of every link in the text, in reading order."""
        found: list[tuple[int, int, str]] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref() if fragment.charFormat().isAnchor() else ""
                if href:
                    start, end = fragment.position(), fragment.position() + fragment.length()
                    if found and found[-1][2] == href and found[-1][1] == start:
                        found[-1] = (found[-1][0], end, href)  # one link in two formats (bold part)
                    else:
                        found.append((start, end, href))
                it += 1
            block = block.next()
        return found

    def focused_anchor(self) -> str:
        anchors = self.anchors()
        return anchors[self._anchor][2] if 0 <= self._anchor < len(anchors) else ""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Tab leaves; it does not walk the links
        return QWidget.focusNextPrevChild(self, forward)

    def focusInEvent(self, event) -> None:  # noqa: ANN001, N802
        super().focusInEvent(event)
        keyboard = event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                                      Qt.FocusReason.ShortcutFocusReason)
        self._show_ring(keyboard)

    def focusOutEvent(self, event) -> None:  # noqa: ANN001, N802
        super().focusOutEvent(event)
        self._show_ring(False)

    def _show_ring(self, shown: bool) -> None:
        """The focus ring (style-*.qss, `keyboardFocus`) only for keyboard users, as a browser's
        :focus-visible: the text has focus whenever a step opens, so the arrow keys work."""
        if bool(self.property("keyboardFocus")) != shown:
            self.setProperty("keyboardFocus", shown)
            self.style().unpolish(self)
            self.style().polish(self)
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._show_ring(True)
        key, plain = event.key(), not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move_anchor(+1 if key == Qt.Key.Key_Down else -1)
            return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focused_anchor():
            self.anchorClicked.emit(QUrl(self.focused_anchor()))
            return
        super().keyPressEvent(event)

    def _move_anchor(self, step: int) -> None:
        anchors = self.anchors()
        index = self._anchor + step if self._anchor >= 0 else (0 if step > 0 else len(anchors) - 1)
        if not anchors or not 0 <= index < len(anchors):
            self._scroll_column(step)
            return
        self._anchor = index
        start, end, _href = anchors[index]
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._show(self.cursorRect(cursor))

    def _column(self) -> QScrollArea | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def _show(self, rect: QRect) -> None:
        column = self._column()
        if column is not None and column.widget() is not None:
            centre = self.viewport().mapTo(column.widget(), rect.center())
            column.ensureVisible(centre.x(), centre.y(), 10, rect.height())

    def _scroll_column(self, step: int) -> None:
        column = self._column()
        if column is not None:
            bar = column.verticalScrollBar()
            bar.setValue(bar.value() + step * bar.singleStep() * 3)


class CardSlot(QWidget):
    """Where a label's card appears under the step: the card's full height, the column scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._card: QWidget | None = None

    def setWidget(self, card: QWidget) -> None:  # noqa: N802 - as QScrollArea, which this replaced
        if self._card is not None:
            self._card.hide()
            self._card.deleteLater()
        self._card = card
        self.layout().addWidget(card)

    def widget(self) -> QWidget | None:
        return self._card


class WalkthroughPlayer(QWidget):
    backToList = Signal()
    completedChanged = Signal(str)

    def __init__(self, context: AppContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkthroughPlayer")
        self.context = context
        self.navigator = navigator
        self.walkthrough: Walkthrough | None = None
        self.index = 0
        self.finished = False
        self._chips: list[QWidget] = []
        self.learn_button: LearnButton | None = None  # on the label card shown, if any
        self._next_width_font = ""
        self.explainer = Explainer(context.pack, self)
        self.explainer.explained.connect(self._explained)
        self._build()

    # -- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.back_to_list = QPushButton("← All walkthroughs")
        self.back_to_list.setAccessibleName("Back to all walkthroughs")
        self.back_to_list.setToolTip("Your place in this walkthrough is kept")
        self.back_to_list.clicked.connect(self.backToList)
        header.addWidget(self.back_to_list)
        self.walkthrough_title = rich_label()
        self.walkthrough_title.setObjectName("walkthroughTitle")
        header.addWidget(self.walkthrough_title, 1)
        self.restart_button = QPushButton("Restart")
        self.restart_button.setObjectName("stepRestart")
        self.restart_button.setToolTip("Start this walkthrough again from step 1 (asks first; a ✓ stays)")
        self.restart_button.clicked.connect(self.restart)
        header.addWidget(self.restart_button)
        outer.addLayout(header)

        # Narrow windows: progress and a drop-down of the steps in one row above the step.
        self.step_strip = QWidget()
        self.step_strip.setObjectName("stepStrip")
        strip_layout = QVBoxLayout(self.step_strip)
        strip_layout.setContentsMargins(0, 0, 0, 0)
        self._strip_row = QHBoxLayout()
        strip_layout.addLayout(self._strip_row)
        self.step_picker = QComboBox()
        self.step_picker.setObjectName("stepPicker")
        self.step_picker.setAccessibleName("Step")
        self.step_picker.setAccessibleDescription("Every step of this walkthrough; choose one to jump to it")
        self.step_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.step_picker.setMinimumContentsLength(12)
        self.step_picker.activated.connect(self._row_chosen_in_picker)
        self._strip_row.addWidget(self.step_picker, 1)
        self.step_strip.hide()
        outer.addWidget(self.step_strip)
        self.compact = False

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter
        left = QWidget()
        self.step_column = left
        left.setMaximumWidth(2 * STEP_LIST_MIN_WIDTH)  # on big screens the room goes to the step and picture
        left_layout = QVBoxLayout(left)
        self._left_layout = left_layout
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.progress_label = plain_label()
        self.progress_label.setObjectName("stepProgress")
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(8)
        self.step_list = QListWidget()
        self.step_list.setObjectName("stepList")
        self.step_list.setWordWrap(True)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrap whole titles, never "Chann…"
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setAccessibleName("Steps")
        self.step_list.setAccessibleDescription("Every step of this walkthrough; choose one to jump to it")
        self.step_list.currentRowChanged.connect(self._row_chosen)
        self.step_list.viewport().installEventFilter(self)
        left_layout.addWidget(self.progress_label)
        left_layout.addWidget(self.progress_bar)
        left_layout.addWidget(self.step_list, 1)
        splitter.addWidget(left)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        # Everything about the step scrolls as one column; Back and Next stay put under it.
        self.step_content = QWidget()
        self.step_content.setObjectName("stepContent")
        content_layout = QVBoxLayout(self.step_content)
        content_layout.setContentsMargins(8, 0, 8, 0)
        self.title = plain_label()
        self.title.setObjectName("stepTitle")
        self.title.setWordWrap(True)
        content_layout.addWidget(self.title)
        self.body = StepText()
        self.body.setObjectName("stepBody")
        self.body.setAccessibleDescription("What to do on this step; the up and down arrows reach its Chinese labels, "
                                           "Enter explains one")
        self.body.setOpenLinks(False)
        self.body.setOpenExternalLinks(False)
        self.body.setAccessibleName("Step instructions")
        self.body.anchorClicked.connect(self._link_clicked)
        content_layout.addWidget(self.body)
        self.tip = rich_label()
        self.tip.setObjectName("stepTip")
        self.tip.setWordWrap(True)
        self.warning = rich_label()
        self.warning.setObjectName("stepWarning")
        self.warning.setWordWrap(True)
        content_layout.addWidget(self.tip)
        content_layout.addWidget(self.warning)
        self.chips_host = QWidget()
        self.chips = FlowLayout(self.chips_host)
        content_layout.addWidget(self.chips_host)
        self.card_host = CardSlot()
        self.card_host.hide()
        content_layout.addWidget(self.card_host)
        content_layout.addStretch(1)  # a short step keeps its text, tip and chips together at the top
        self.step_scroller = vertical_scroller(self.step_content, "stepScroller")
        self.step_scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys scroll it from the step text
        for surface in (self.step_scroller.viewport(), self.step_content):  # the page's background, not a grey box
            surface.setAutoFillBackground(False)
        middle_layout.addWidget(self.step_scroller, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 0)
        self.back_button = QPushButton("← Back")
        self.back_button.setObjectName("stepBack")
        self.back_button.setToolTip("Previous step (Left arrow or Page Up)")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton("Next →")
        self.next_button.setObjectName("stepNext")
        self.next_button.setToolTip("Next step (Right arrow or Page Down)")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next_clicked)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        middle_layout.addLayout(buttons)
        splitter.addWidget(middle)

        self.mockup_panel = QWidget()
        self.mockup_panel.setObjectName("mockupPanel")
        panel_layout = QVBoxLayout(self.mockup_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        self.mockup = MockupView(describe=self._describe_label)
        self.mockup.labelClicked.connect(self.show_label)
        self.mockup.textClicked.connect(self.show_text)
        self.mockup.zoomRequested.connect(self.zoom)
        panel_layout.addWidget(self.mockup, 1)
        self.zoom_button = QPushButton("Enlarge picture (+)")
        self.zoom_button.setObjectName("zoomButton")
        self.zoom_button.setAccessibleName("Enlarge the picture")
        self.zoom_button.setAccessibleDescription("Shows the screen picture as large as the window allows; Esc closes it")
        self.zoom_button.setToolTip("Or click the picture, or press +")
        self.zoom_button.clicked.connect(self.zoom)
        panel_layout.addWidget(self.zoom_button, 0, Qt.AlignmentFlag.AlignHCenter)
        splitter.addWidget(self.mockup_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([STEP_LIST_MIN_WIDTH, 520, 340])
        outer.addWidget(splitter, 1)
        enter_clicks(self.back_to_list, self.restart_button, self.back_button, self.next_button, self.zoom_button)

        for declared, slot in ((keys.NEXT_STEP, self.next), (keys.PREVIOUS_STEP, self.back)):
            for key in declared.keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        # An action, not a bare shortcut, so a list of shortcuts built from actions shows it.
        self.zoom_action = QAction("Enlarge the step's picture", self)
        self.zoom_action.setObjectName("zoomAction")
        self.zoom_action.setShortcuts([QKeySequence(k) for k in keys.ZOOM_PICTURE.keys])
        self.zoom_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.zoom_action.triggered.connect(self.zoom)
        self.addAction(self.zoom_action)
        self._zoom: ZoomDialog | None = None
        self._record = True  # remember the step shown (False while open() shows one only to look at)
        QShortcut(keys.LEARN.sequence(), self, lambda: self.card_host.isVisible() and self.learn_button is not None and self.learn_button.click())

    # -- behaviour --------------------------------------------------------------------

    def open(self, walkthrough: Walkthrough, step_id: str = "", record: bool = True) -> None:
        """Show `walkthrough` at `step_id`, or where the user left it, or step 1. `record`
        False (a step a screenshot looks like): not remembered as started until the user moves."""
        self.walkthrough = walkthrough
        set_markup(self.walkthrough_title, markup("<b>{}</b>", walkthrough.title))
        self.step_list.blockSignals(True)
        self.step_list.clear()
        self.step_picker.blockSignals(True)
        self.step_picker.clear()
        for number, step in enumerate(walkthrough.steps, start=1):
            item = QListWidgetItem(f"{number}. {step.title}", self.step_list)
            set_tooltip(item, step.title)
            self.step_picker.addItem(f"{number}. {step.title}")
            self.step_picker.setItemData(number - 1, tooltip_text(step.title), Qt.ItemDataRole.ToolTipRole)
            self.step_picker.setItemData(number - 1, tooltip_text(step.title), SAFE_TOOLTIP_ROLE)
        self.step_picker.blockSignals(False)
        self.step_list.blockSignals(False)
        index = walkthrough.step_index(step_id) if step_id else None
        if index is None:
            saved = self.context.userdata.progress(walkthrough.id)
            index = walkthrough.step_index(saved.step) if saved else None
        self._record = record
        self.go_to(index or 0)
        self._record = True
        # Once the page has switched to the player (after this call), so → and + work at once.
        QTimer.singleShot(0, self._focus_step)

    def _focus_step(self) -> None:
        focus = QApplication.focusWidget()
        if self.isVisible() and (focus is None or not self.isAncestorOf(focus)):
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to(self, index: int) -> None:
        if self.walkthrough is None or not self.walkthrough.steps:
            return
        index = max(0, min(index, len(self.walkthrough.steps) - 1))
        self.index = index
        self.finished = False
        step = self.walkthrough.steps[index]
        total = len(self.walkthrough.steps)
        self.progress_label.setText(progress_text(index, total))
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(index + 1)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(index)
        for row in range(self.step_list.count()):
            font = self.step_list.font()  # the stylesheet's font, which the item's own font is not
            font.setBold(row == index)
            self.step_list.item(row).setFont(font)
        self.step_list.blockSignals(False)
        self._fit_steps()
        self.step_picker.blockSignals(True)
        self.step_picker.setCurrentIndex(index)
        set_tooltip(self.step_picker, step.title)
        self.step_picker.blockSignals(False)
        self.title.setText(step.title)
        self._show_text(expand_ui_labels(self.context.pack, step.body))
        self.chips_host.show()
        set_markup(self.tip, markup("<b>Tip:</b> {}", step.tip) if step.tip else Markup())
        self.tip.setVisible(bool(step.tip))
        set_markup(self.warning, markup("<b>Watch out:</b> {}", step.warning) if step.warning else Markup())
        self.warning.setVisible(bool(step.warning))
        self._show_chips(step.labels)
        self.mockup.show_screen(step.screen, step.highlight)
        # The panel keeps its width without a picture, so the columns never move from step to step.
        self.mockup_panel.show()
        self.zoom_button.setVisible(self.mockup.has_image())
        self._tab_chain()
        if self.mockup.problem:
            self.navigator.notice.emit(f"The screen image for this step is not shown: {self.mockup.problem}")
        self.card_host.hide()
        self.step_scroller.verticalScrollBar().setValue(0)
        self.back_button.setEnabled(index > 0)
        self.back_button.setToolTip("Previous step (Left arrow or Page Up)")
        last = index == total - 1
        self.next_button.setText("Finish ✓" if last else "Next →")
        self.next_button.setAccessibleName("Finish walkthrough" if last else "Next step")
        self.next_button.setToolTip("Mark this walkthrough complete (Right arrow or Page Down)" if last
                                    else "Next step (Right arrow or Page Down)")
        self._keep_next_width()
        if self._record:
            self.context.userdata.set_step(self.walkthrough.id, step.id)

    def _keep_next_width(self) -> None:
        """Next is as wide as its widest wording (Next, Finish, Next walkthrough), so it never
        moves under the pointer when its text changes. Measured once per font (a theme's)."""
        button = self.next_button
        key = button.font().key()
        if self._next_width_font != key:
            shown = button.text()
            widths = []
            for text in NEXT_BUTTON_TEXTS:
                button.setText(text)
                widths.append(button.sizeHint().width())
            button.setText(shown)
            self._next_width_font = key
            button.setMinimumWidth(max(widths))

    def _show_text(self, markdown: str) -> None:
        self._markdown = markdown
        self.body.setMarkdown(markdown)
        self._space_paragraphs()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """View → Theme: the text is laid out again, since Qt fixes a link's colour (the inline
        labels') from the palette when the text is set, not when it is drawn."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_markdown", None) is not None:
            scrolled = self.step_scroller.verticalScrollBar().value()
            self._show_text(self._markdown)
            self.step_scroller.verticalScrollBar().setValue(scrolled)

    def _space_paragraphs(self) -> None:
        """Qt's Markdown import packs paragraphs tightly; give them room to breathe."""
        block = self.body.document().begin()
        cursor = QTextCursor(self.body.document())
        while block.isValid():
            fmt = block.blockFormat()
            if block.textList() is None:
                fmt.setBottomMargin(8)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            block = block.next()

    def _show_chips(self, labels: tuple[str, ...]) -> None:
        while self.chips.count():
            item = self.chips.takeAt(0)
            if item and item.widget():
                item.widget().hide()  # out of the Tab chain now, not when deleted
                item.widget().deleteLater()
        chips: list[QWidget] = []
        for zh in labels:
            entry = self.context.pack.label(zh)
            if entry:
                chip = LabelChip(entry)
                chip.chosen.connect(self.show_label)
                self.chips.addWidget(chip)
                chips.append(chip)
        self._chips = chips

    def _tab_chain(self) -> None:
        """Tab goes from the instructions (one stop: ↑/↓ reach their labels) to the picture they
        describe (one stop: arrows move between its highlights and texts), the Enlarge button,
        the label chips, then Back and Next: three Tabs from Restart to the picture."""
        chain = [self.step_list, self.step_picker, self.body, *self.mockup.spots, self.zoom_button, *self._chips,
                 self.back_button, self.next_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    def _describe_label(self, zh: str) -> str:
        """How a hotspot is read out: 发布, fābù, Post."""
        entry = self.context.pack.label(zh)
        return f"{zh}, {entry.pinyin}, {entry.en}" if entry else zh

    def zoom(self) -> None:
        """The picture, enlarged with its highlights (click or +; Esc closes)."""
        if self.walkthrough is None or self.finished or not self.mockup.has_image():
            return
        path, highlights = self.mockup.screen()
        dialog = ZoomDialog(path, highlights, self.walkthrough.steps[self.index].title, self._describe_label, self,
                            label=self.context.pack.label, explainer=self.explainer, translate=self.navigator.translate_text.emit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.labelChosen.connect(self.show_label)
        dialog.finished.connect(lambda _result: setattr(self, "_zoom", None))
        self._zoom = dialog
        dialog.open()

    def show_label(self, zh: str) -> None:
        entry = self.context.pack.label(zh)
        if entry is None:
            return
        self._show_card(self._label_card(entry))

    def _label_card(self, entry: GlossaryEntry) -> LabelCard:
        """A label's card with Learn this, which keeps the step it was met in as its example."""
        self.learn_button = LearnButton.for_context(self.context, key=keys.LEARN.shown())
        if self.walkthrough is not None:
            self.learn_button.set_draft(drafts.step_label(entry, self.walkthrough, self.walkthrough.steps[self.index]))
        return LabelCard(entry, learn=self.learn_button)

    def show_text(self, text: str) -> None:
        """Any Chinese text on the picture: its label card, or its meaning word by word."""
        self._shown_text = text
        self._show_card(self._text_card(self.explainer.request(text)))

    def _text_card(self, meaning: TextMeaning) -> QWidget:
        if meaning.label is not None:
            return self._label_card(meaning.label)
        self.learn_button = None
        return TextCard(meaning, translate=self.navigator.translate_text.emit)

    def _explained(self, meaning: TextMeaning) -> None:
        if meaning.zh == getattr(self, "_shown_text", None) and self.card_host.isVisible():
            self._show_card(self._text_card(meaning))

    def _show_card(self, card: QWidget) -> None:
        """Under the step, whole; the column scrolls to it once it is laid out."""
        self.card_host.setWidget(card)
        self.card_host.show()
        QTimer.singleShot(0, lambda: self.step_scroller.ensureWidgetVisible(card, 0, 0) if self.card_host.widget() is card else None)

    def next(self) -> None:
        if self.walkthrough is None:
            return
        if self.index < len(self.walkthrough.steps) - 1:
            self.go_to(self.index + 1)
        elif not self.finished:
            self.finish()

    def back(self) -> None:
        if self.finished:
            self.go_to(self.index)  # from the summary back to the last step
        elif self.index > 0:
            self.go_to(self.index - 1)

    def finish(self) -> None:
        """Mark complete and replace the last step with a summary and the way on."""
        assert self.walkthrough is not None
        self.context.userdata.mark_complete(self.walkthrough.id, self.walkthrough.steps[self.index].id)
        self.finished = True
        total = len(self.walkthrough.steps)
        self.progress_label.setText(f"Complete ✓ — all {total} steps done")
        suggestion = self.next_suggestion()
        done = f"You have finished **{self.walkthrough.title}**."
        if suggestion is not None:
            self.title.setText(f"Well done! Next up: {suggestion.title}")
            self._show_text(f"{done}\n\nNext up: **{suggestion.title}** — {suggestion.summary} "
                                  f"(about {suggestion.minutes} min).\n\n"
                                  "Press **Next walkthrough →** to start it, or choose any other from **← All walkthroughs**.")
            self.next_button.setText("Next walkthrough →")  # the title is above: a short button stays where it was
            self.next_button.setAccessibleName(f"Next walkthrough: {suggestion.title}")
            self.next_button.setToolTip("Start the next walkthrough you have not finished")
        else:
            self.title.setText("Well done! You have finished every walkthrough")
            self._show_text(f"{done}\n\nThat was the last one. **UI labels** and the **Phrase book** are there "
                                  "whenever a screen or a comment puzzles you (Ctrl+K searches everything).")
            self.next_button.setText("All walkthroughs")
            self.next_button.setAccessibleName("Back to all walkthroughs")
            self.next_button.setToolTip("The list of every walkthrough")
        self.back_button.setToolTip("Back to the last step")
        for widget in (self.tip, self.warning, self.chips_host, self.card_host, self.mockup, self.zoom_button):
            widget.hide()
        self.back_button.setEnabled(True)
        self.next_button.setFocus()
        self.completedChanged.emit(self.walkthrough.id)

    def next_suggestion(self) -> Walkthrough | None:
        """The walkthrough after this one in the pack's order that is not complete yet, going
        round to the start of the pack (someone who began in the middle goes on from there)."""
        done = self.context.userdata.completed()
        order = list(self.context.pack.walkthroughs)
        current = self.walkthrough.id if self.walkthrough is not None else ""
        start = next((n + 1 for n, w in enumerate(order) if w.id == current), 0)
        following = order[start:] + order[:start]
        return next((w for w in following if w.id not in done and w.id != current), None)

    def _next_clicked(self) -> None:
        """Next, Finish, then (once finished) the next walkthrough, or the list if none is left."""
        if not self.finished:
            self.next()
            return
        suggestion = self.next_suggestion()
        if suggestion is None:
            self.backToList.emit()
        else:
            self.open(suggestion)
            self.completedChanged.emit(suggestion.id)  # the list shows it in progress

    def showing(self) -> str:
        """The id of the walkthrough whose step is on screen ("" on the summary or none)."""
        return self.walkthrough.id if self.walkthrough is not None and not self.finished else ""

    def confirm_restart(self) -> bool:
        """Ask before moving back: the place reached is the one thing a restart loses."""
        assert self.walkthrough is not None
        where = "You have finished it" if self.finished else f"You are at step {self.index + 1}"
        kept = "it stays marked finished" if self.finished or self.walkthrough.id in self.context.userdata.completed() \
            else "you can jump back with the step list"
        box = message_box(self, QMessageBox.Icon.Question, "Start again?",
                          f"Start \"{self.walkthrough.title}\" again from step 1?", f"{where}; {kept}.")
        box.setObjectName("restartQuestion")
        again = box.addButton("Start again", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(again)
        box.exec()
        return box.clickedButton() is again

    def restart(self) -> None:
        """Back to step 1 after asking; completion is kept."""
        if self.walkthrough is None:
            return
        if (self.index > 0 or self.finished) and not self.confirm_restart():
            return
        self.context.userdata.set_step(self.walkthrough.id, self.walkthrough.steps[0].id)
        self.go_to(0)
        self.completedChanged.emit(self.walkthrough.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.step_list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_steps()
        return super().eventFilter(watched, event)

    def _fit_steps(self) -> None:
        """Row heights from the list's width, so every title wraps whole."""
        fit_wrapped_rows(self.step_list)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self.set_compact(self.width() < COMPACT_WIDTH)
        sizes = self.splitter.sizes()
        if not self.compact and 0 < sizes[0] < STEP_LIST_MIN_WIDTH and sizes[1] > STEP_LIST_MIN_WIDTH * 2:
            # Room for whole titles, taken from the step text; not a minimum width, which
            # would keep the window from shrinking to the narrow layout.
            extra = STEP_LIST_MIN_WIDTH - sizes[0]
            self.splitter.setSizes([STEP_LIST_MIN_WIDTH, sizes[1] - extra, *sizes[2:]])

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """The narrow layout's minimum even while wide: a window made smaller switches the
        player to it (resizeEvent), so the step list column must not hold the window wide."""
        hint = super().minimumSizeHint()
        if not self.step_column.isVisibleTo(self):
            return hint
        narrow = hint.width() - self.step_column.minimumSizeHint().width() - self.splitter.handleWidth()
        return QSize(max(narrow, self.step_strip.minimumSizeHint().width()), hint.height())

    def set_compact(self, compact: bool) -> None:
        """Narrow: steps in a drop-down above the step, so the text and picture keep the width.
        Wide: the step list column beside it. Progress moves with them."""
        if compact == self.compact:
            return
        self.compact = compact
        if compact:
            self._strip_row.insertWidget(0, self.progress_label)
            self.step_strip.layout().addWidget(self.progress_bar)
        else:
            self._left_layout.insertWidget(0, self.progress_label)
            self._left_layout.insertWidget(1, self.progress_bar)
        self.step_strip.setVisible(compact)
        self.step_column.setVisible(not compact)

    def _row_chosen_in_picker(self, row: int) -> None:
        self._row_chosen(row)
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows step on at once

    def _row_chosen(self, row: int) -> None:
        if row >= 0 and (row != self.index or self.finished):
            self.go_to(row)

    def _link_clicked(self, url: QUrl) -> None:
        action = link_action(url.toString())
        if action.kind == "label":
            self.show_label(action.target)
        elif action.kind == "walkthrough":
            self.navigator.open_walkthrough.emit(action.target, action.step)
        elif action.kind == "open-url":
            QDesktopServices.openUrl(QUrl(action.target))
        else:
            self.navigator.notice.emit(f"Blocked a link that is not https or internal: {action.target}")
