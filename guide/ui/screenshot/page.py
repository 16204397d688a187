"""The Screenshot page: paste, drop or open a RedNote screenshot; every Chinese line is boxed
and explained (UI labels from the glossary, other lines translated, English written over
each on the picture), and the page says which walkthrough step the screen is. Reading runs
in the OCR worker process via ScreenshotRunner, and the picture is kept, encoded and decoded
off the window's thread, so the window never waits. The worker is started as the page is
shown (warmup.py), and lines appear as they are read.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide.core.screen.history import ScreenshotHistory
from guide.core.screen.image_check import MAX_PIXELS, BadImage, check_path
from guide.core.screen.line_english import breakdown_summary, line_english
from guide.core.screen.ocr_client import ocr_available, unavailable_message
from guide.core.screen.reader import Reading, ReadLine, ScreenReader
from guide.core.study import drafts
from guide.core.translate.cache import TranslationCache
from guide.core.translate.pipeline import TranslateOptions, Translator
from guide.ui.screenshot import warmup
from guide.ui.screenshot.view import ScreenshotView
from guide.ui.screenshot.recent import RecentStrip
from guide.ui.screenshot.worker import PictureLoader, ScreenshotRunner, Source
from guide.ui.shell import keys
from guide.ui.widgets.background_call import close_in_background
from guide.ui.widgets.detail_card import DetailCard
from guide.ui.widgets.flow_layout import FlowLayout
from guide.ui.widgets.learn_button import LearnButton, PictureSource
from guide.ui.widgets.row_delegates import MixedScriptDelegate
from guide.ui.widgets.safe_text import markup, plain_label, rich_label, set_tooltip
from guide.ui.widgets.scrolling import vertical_scroller

if TYPE_CHECKING:
    from guide.core.context import AppContext
    from guide.ui.shell.navigator import Navigator

log = logging.getLogger(__name__)

IMAGE_FILTER = "Screenshots (*.png *.jpg *.jpeg *.webp *.bmp);;All files (*)"
PASTED = "The pasted picture"
CLIPBOARD_FORMATS = (("image/png", ".png"), ("image/jpeg", ".jpg"), ("image/webp", ".webp"), ("image/bmp", ".bmp"))
DEFAULT_SPLIT = ((2, 3), (1, 1))  # picture : lines and card, and lines : card, before the user moves them


class ScreenshotPage(QWidget):
    def __init__(self, context: AppContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenshotPage")
        self.setAccessibleName("Screenshot")
        self.context = context
        self.navigator = navigator
        self.available = ocr_available()
        self.history = ScreenshotHistory(context.data_dir / "screenshots")
        self.translator = Translator(context.pack, TranslationCache(context.cache_dir))
        self.reader = ScreenReader(context.pack, self.translator, warmup.ocr_client_for(context))
        self.runner = ScreenshotRunner(self.reader, self.history, self)
        self.runner.opened.connect(self._on_opened)
        self.runner.picture.connect(self._on_picture)
        self.runner.partial.connect(self._on_partial)
        self.runner.read.connect(self._on_read)
        self.runner.lineTranslated.connect(self._on_line)
        self.runner.failed.connect(self._on_failed)
        self.runner.busyChanged.connect(self._on_busy)
        self.pictures = PictureLoader(self)
        self.pictures.preview.connect(self._on_preview)
        if self.available:
            self.runner.run_in_background(self.translator.glosser.warm_up)
        self.reading: Reading | None = None
        self.current_path: Path | None = None
        self._kept = False  # the picture being read is in Recent
        self._opening = ""  # the name the user knows the picture by
        self._note = ""  # about where the picture is kept
        self._warm_pending = False
        self._learn: LearnButton | None = None  # on the line's card shown, if any
        self._build()
        QShortcut(keys.LEARN.sequence(), self, lambda: self._learn is not None and self._learn.click())
        self.refresh_history()
        if not self.available:
            self._status(unavailable_message(), error=True)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        heading = rich_label(markup("<h2>Screenshot</h2>"))
        heading.setObjectName("screenshotHeading")
        heading.setAccessibleName("Screenshot")
        bar.addWidget(heading)
        bar.addSpacing(8)
        self.open_button = QPushButton("Open screenshot…")
        self.open_button.clicked.connect(self.open_dialog)
        self.open_button.setAccessibleDescription("Choose a screenshot file to read (Ctrl+O)")
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Paste a screenshot from the clipboard (Ctrl+V anywhere in the app)")
        self.paste_button.clicked.connect(self.paste)
        self.paste_button.setAccessibleName("Paste screenshot")
        self.paste_button.setAccessibleDescription("Read the picture on the clipboard")
        self.screen_button = QPushButton("From screen…")  # Read from screen: capture_flow.py does the rest
        self.screen_button.clicked.connect(self.read_from_screen)
        self.screen_button.setAccessibleName("Read from screen")
        self.screen_button.setToolTip("Read from screen: drag over any part of your screen (Ctrl+Shift+S)")
        self.screen_button.setAccessibleDescription("Drag over any part of your screen to read it (Ctrl+Shift+S)")
        self.english_toggle = QCheckBox("Show English on the picture")
        self.english_toggle.setObjectName("screenshotEnglish")
        self.english_toggle.setChecked(True)
        self.english_toggle.toggled.connect(lambda on: self.view.set_show_english(on))
        self.english_toggle.setAccessibleDescription("Write each line's English over it on the picture")
        for widget in (self.open_button, self.paste_button, self.screen_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.status = plain_label("Paste (Ctrl+V), drop or open a screenshot of RedNote: every Chinese line is "
                                  "read and explained here. The picture stays on your computer.")  # it names files
        self.status.setObjectName("screenshotStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("screenshotProgress")
        self.progress.setRange(0, 0)  # busy indicator: OCR gives no percentage
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Reading the screenshot")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("screenshotCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setAccessibleName("Cancel reading")
        self.cancel_button.setAccessibleDescription("Stop reading this screenshot")
        self.cancel_button.hide()
        status_row = QHBoxLayout()  # progress and Cancel beside "Reading…": in the button bar they widened an 800 px window
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        layout.addLayout(status_row)

        match_row = QHBoxLayout()
        self.match_label = plain_label()
        self.match_label.setObjectName("screenshotMatch")
        self.match_label.setWordWrap(True)
        self.match_button = QPushButton("Open it")
        self.match_button.setObjectName("screenshotOpenStep")
        self.match_button.clicked.connect(self.open_matched_step)
        self.match_button.setAccessibleDescription("Open the walkthrough step this screenshot seems to show")
        self.second_button = QPushButton("Open the second")
        self.second_button.setObjectName("screenshotOpenSecond")
        self.second_button.clicked.connect(lambda: self.open_matched_step(second=True))
        match_row.addWidget(self.match_label, 1)
        match_row.addWidget(self.match_button)
        match_row.addWidget(self.second_button)
        layout.addLayout(match_row)
        self._show_match(None)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("screenshotSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._picture_column())
        self.splitter.addWidget(self._side_column())
        layout.addWidget(self.splitter, 1)
        self._restore_layout()
        self.splitter.splitterMoved.connect(self._remember_layout)
        self.side_splitter.splitterMoved.connect(self._remember_layout)

    def _picture_column(self) -> QWidget:
        column = QWidget()
        box = QVBoxLayout(column)
        box.setContentsMargins(0, 0, 0, 0)
        self.view = ScreenshotView()
        self.view.lineClicked.connect(self.select_line)
        self.view.set_show_english(True)
        self.view.setMinimumWidth(200)
        box.addWidget(self.view, 1)
        zoom = FlowLayout(spacing=6)  # wraps in a narrow column instead of widening an 800 px window
        zoom.addWidget(self.english_toggle)
        for name, text, what, slot in (("screenshotZoomOut", "−", "Zoom out (−, or Ctrl+wheel)", self.view.zoom_out),
                                       ("screenshotZoomIn", "+", "Zoom in (+, or Ctrl+wheel)", self.view.zoom_in),
                                       ("screenshotFit", "Fit", "Show the whole picture (0)", self.view.fit)):
            button = QPushButton(text)
            button.setObjectName(name)
            set_tooltip(button, what)
            button.setAccessibleName(what.split(" (")[0])
            button.setAccessibleDescription(what)
            button.clicked.connect(slot)
            zoom.addWidget(button)
        box.addLayout(zoom)
        return column

    def _side_column(self) -> QWidget:
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.lines = QListWidget()
        self.lines.setObjectName("screenshotLines")
        self.lines.setAccessibleName("Lines read from the screenshot")
        self.lines.setAccessibleDescription("Each line of text on the picture with its meaning; "
                                            "choose one to see its card below")
        self.lines.setWordWrap(True)
        self.lines.setItemDelegate(MixedScriptDelegate(self.lines))  # the English line under a label is not cut to "…"
        self.lines.currentRowChanged.connect(self._row_changed)
        self.detail = QWidget()
        self.detail.setObjectName("screenshotDetail")
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_scroll = vertical_scroller(self.detail, "screenshotDetailScroll")
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("screenshotSideSplitter")
        self.side_splitter.setChildrenCollapsible(False)
        self.side_splitter.addWidget(self.lines)
        self.side_splitter.addWidget(detail_scroll)
        side_layout.addWidget(self.side_splitter, 1)
        side_layout.addWidget(self._recent_row())
        return side

    def _recent_row(self) -> QWidget:
        self.recent = RecentStrip(self.history, self.pictures)
        self.recent.chosen.connect(self._history_chosen)
        self.history_row, self.history_list = self.recent, self.recent.list
        return self.recent

    def _restore_layout(self) -> None:
        saved = self.context.settings.screenshot_layout
        sizes = []
        try:
            sizes = [[int(n) for n in part.split(",")] for part in saved.split(";")] if saved else []
        except ValueError:
            sizes = []
        if len(sizes) == 2 and all(len(pair) == 2 and min(pair) > 0 for pair in sizes):
            self.splitter.setSizes(sizes[0])
            self.side_splitter.setSizes(sizes[1])
        else:
            for splitter, (first, second) in zip((self.splitter, self.side_splitter), DEFAULT_SPLIT):
                splitter.setSizes([first * 1000, second * 1000])

    def _remember_layout(self) -> None:
        self.context.settings.screenshot_layout = ";".join(
            ",".join(str(n) for n in splitter.sizes()) for splitter in (self.splitter, self.side_splitter))

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if self.available and not self._warm_pending:  # a screenshot is likely to come: start the worker
            self._warm_pending = True
            QTimer.singleShot(0, self._warm)

    def _warm(self) -> None:
        self._warm_pending = False
        if self.isVisible() and not self.runner.is_busy():
            warmup.warm_in_background(self.reader.client)

    # -- opening pictures -----------------------------------------------------------------

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open screenshot", str(Path.home()), IMAGE_FILTER)
        if name:
            self.open_file(Path(name))

    def paste(self) -> bool:
        """Read the clipboard's picture (or a copied image file); False when it holds none."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        return self.open_mime(mime)

    def read_from_screen(self) -> bool:
        from guide.ui.screenshot.capture_flow import read_from_screen

        return read_from_screen(self)

    def open_mime(self, mime) -> bool:  # noqa: ANN001 - QMimeData (clipboard or drop)
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile():
                return self.open_file(Path(url.toLocalFile()))
        formats = set(mime.formats())
        if "application/x-qt-image" not in formats:  # from another app: its file bytes, decoded in the worker
            for kind, suffix in CLIPBOARD_FORMATS:
                if kind in formats:
                    data = bytes(mime.data(kind).data())
                    if data:
                        return self._open(PASTED, Source(data=data, suffix=suffix))
        if mime.hasImage():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                return self.open_image(image)
        self._status("The clipboard holds no picture. Take a screenshot on your phone, send it to this "
                     "computer, then copy it or open the file.", error=True)
        return False

    def open_image(self, image: QImage) -> bool:
        """A pasted (or captured) picture: kept as a PNG in Recent, then read like a file. The
        encoding happens off the window's thread."""
        if image.isNull():
            self._refuse(f"{PASTED} is empty; copy the screenshot again")
            return False
        if image.width() * image.height() > MAX_PIXELS:
            self._refuse(f"{PASTED} is too large ({image.width()}×{image.height()}); paste a phone screenshot")
            return False
        return self._open(PASTED, Source(image=image))

    def open_file(self, path: Path, remember: bool = True) -> bool:
        """Read a picture file. True when it is being read: the checks that read the file
        (its header, a JPEG's scans) run off the window's thread, and a picture refused there
        is explained on the page a moment later."""
        try:
            check_path(path)  # exists, a file, not empty, not over the size limit: no reading yet
        except BadImage as exc:
            self._refuse_file(path.name, path, exc)
            return False
        return self._open(path.name, Source(path=path, remember=remember))

    def _open(self, name: str, source: Source) -> bool:
        if not self.available:
            self._clear_shown()
            self._status(unavailable_message(), error=True)
            return False
        self._clear_shown()
        self._opening = name
        self._status(f"Opening {name}…")
        self.runner.submit(source, TranslateOptions.from_settings(self.context.settings))
        return True

    def cancel(self) -> None:
        self.runner.cancel()

    def is_busy(self) -> bool:
        return self.runner.is_busy() or self.pictures.is_busy()

    def _clear_shown(self) -> None:
        self.reading = None
        self.current_path = None
        self._kept = False
        self.lines.clear()
        self._clear_detail()
        self._show_match(None)
        self.view.clear_picture()

    def _refuse_file(self, name: str, path: Path, problem: BadImage) -> None:
        self._refuse(f"{name}: {str(problem).removeprefix(f'{path}: ')}")

    def _refuse(self, message: str) -> None:
        """A picture that cannot be read, said on the page (naming the file, not its folder):
        nothing of the one before stays, so it cannot look as if that were refused."""
        self._clear_shown()
        self._status(message, error=True)

    # -- results --------------------------------------------------------------------------

    def _on_opened(self, path: str, width: int, height: int, kept: bool, note: str) -> None:
        self.current_path, self._kept = Path(path), kept
        if not self.view.has_picture():  # (a pasted picture is shown already)
            self.view.show_blank(QSize(width, height))
            self.pictures.load_preview(self.current_path)
        if kept:
            self.refresh_history()
        self._note = note
        self._status("Reading the screenshot… (on this computer)" + (f" {note}" if note else ""))

    def _on_picture(self, image: QImage) -> None:
        self.view.show_picture(QPixmap.fromImage(image), image.size())

    def _on_preview(self, path: str, image: QImage, thumbnail: QImage) -> None:
        self.recent.set_thumbnail(path, thumbnail)
        if self.current_path is not None and path == str(self.current_path) and not image.isNull():
            self.view.set_pixmap(QPixmap.fromImage(image))

    def _show_lines(self, reading: Reading) -> None:
        self.view.set_lines([(line.box.as_list(), line.label is not None, line_english(index, line))
                             for index, line in enumerate(reading.lines)])
        row = self.lines.currentRow()
        self.lines.blockSignals(True)
        self.lines.clear()
        for index, line in enumerate(reading.lines):
            item = QListWidgetItem(self._row_text(index, line))
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.lines.addItem(item)
        self.lines.blockSignals(False)
        if 0 <= row < self.lines.count():
            self.lines.setCurrentRow(row)

    def _on_partial(self, reading: Reading) -> None:
        self._show_lines(reading)
        self._status(f"Reading the screenshot… {len(reading.lines)} lines so far")

    def _on_read(self, reading: Reading) -> None:
        self.reading = reading
        self._show_lines(reading)
        labels = sum(1 for line in reading.lines if line.label is not None)
        note = f" {self._note}" if self._note else ""
        if not reading.lines:
            self._status("No text found on this picture, so it is not kept in Recent. Is it a screenshot with "
                         "Chinese on it?")
            if self._kept and self.current_path is not None:
                self.history.remove(self.current_path)
                self._kept = False
                self.refresh_history()
        else:
            self._status(f"{len(reading.lines)} lines, {labels} of them UI labels. Click a box or a line to see it "
                         "explained." + note)
        self._show_match(reading)
        if 0 <= self.lines.currentRow() < len(reading.lines):
            self._show_detail(self.lines.currentRow())

    def _on_line(self, index: int) -> None:
        if self.reading is None or not 0 <= index < len(self.reading.lines):
            return
        line = self.reading.lines[index]
        item = self.lines.item(index)
        if item is not None:
            item.setText(self._row_text(index, line))
        self.view.set_english(index, line_english(index, line))
        if self.lines.currentRow() == index:
            self._show_detail(index)

    def _on_failed(self, kind: str, message: str) -> None:
        if kind == "cancelled":
            self._status("Stopped. Paste or open a screenshot to read it again.")
        elif kind == "bad_image":
            self._refuse(message if message.startswith(PASTED) else f"{self._opening}: {message}")
        else:
            self._status(message, error=True)
            if kind == "failed":
                self.navigator.notice.emit(message)

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    @staticmethod
    def _row_text(index: int, line: ReadLine) -> str:
        if line.label is not None:
            entry = line.label.entry
            return f"▣ {entry.zh}  {entry.pinyin}\n    {entry.en}"
        if not line.needs_translation:
            return line.text
        if line.translation is None:
            return f"{line.text}\n    → translating…"
        if line.paragraph and line.paragraph[0] != index and line.translation.translation:
            return f"{line.text}\n    ↑ (the sentence continues from above)"
        if line.translation.translation:
            return f"{line.text}\n    → {line.translation.translation}"
        words = breakdown_summary(line.gloss or line.translation.gloss)
        if len(words) > 70:
            words = words[:69] + "…"
        return f"{line.text}\n    → words: {words}" if words else f"{line.text}\n    → (no translation)"

    def _show_match(self, reading: Reading | None) -> None:
        match = reading.screen if reading is not None else None
        self.match_label.setVisible(match is not None)
        self.match_button.setVisible(match is not None)
        self.second_button.setVisible(match is not None and match.also is not None)
        if match is not None:
            self.match_label.setText(match.sentence())
            self.match_button.setText("Open the first" if match.also is not None else "Open it")
            self.match_button.setAccessibleName(f"Open {match.describe()}")
            if match.also is not None:
                self.second_button.setAccessibleName(f"Open {match.also.describe()}")

    def open_matched_step(self, second: bool = False) -> None:
        """Show the step (it counts as started only once the user moves a step there)."""
        match = self.reading.screen if self.reading is not None else None
        match = match.also if match is not None and second else match
        if match is not None:
            self.navigator.look_at_step.emit(match.walkthrough.id, match.step.id)

    # -- selection and detail -------------------------------------------------------------

    def select_line(self, index: int) -> None:
        if self.lines.currentRow() != index:
            self.lines.setCurrentRow(index)  # _row_changed shows it
        else:
            self._show_detail(index)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self._show_detail(row)

    def _clear_detail(self) -> None:
        self._learn = None
        while self.detail_layout.count():
            item = self.detail_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # gone from the page at once, not at the next event loop turn
                widget.deleteLater()

    def _show_detail(self, index: int) -> None:
        if self.reading is None or not 0 <= index < len(self.reading.lines):
            return
        self.view.select(index)
        line = self.reading.lines[index]
        self._clear_detail()
        if line.label is not None:
            self.detail_layout.addWidget(self._label_card(line))
            more = QPushButton("Open in UI labels")
            more.setAccessibleDescription(f"Show {line.label.entry.zh} in the UI labels page")
            more.clicked.connect(lambda: self.navigator.open_label.emit(line.label.entry.zh))
            self.detail_layout.addWidget(more)
        else:
            self.detail_layout.addWidget(self._translation_card(line))
        self.detail_layout.addStretch(1)

    def _label_card(self, line: ReadLine) -> QWidget:
        """The glossary's card for a UI label (as on the UI labels page), and what OCR saw."""
        entry = line.label.entry
        card = DetailCard()
        card.setObjectName("screenshotLabelCard")
        card.setAccessibleName(f"{entry.zh}, {entry.pinyin}, {entry.en}")
        card.zh.setText(entry.zh)
        card.pinyin.setText(entry.pinyin)
        card.en.setText(entry.en)
        if entry.where:
            card.add_line().setText(f"Where: {entry.where}")
        if entry.note:
            card.add_line().setText(entry.note)
        if line.text != entry.zh:
            card.add_line("screenshotReadAs").setText(f"Read on the picture as “{line.text}”")
        card.layout().addLayout(self._copy_buttons(entry.zh, entry.en, f"{entry.zh} ({entry.pinyin})", line))
        return card

    def _copy_buttons(self, chinese: str, english: str | None, with_pinyin: str | None = None,
                      line: ReadLine | None = None) -> FlowLayout:
        buttons = FlowLayout(spacing=6)  # wraps in a narrow window instead of widening it past 800 px
        copy_zh = QPushButton("Copy Chinese")
        copy_zh.setAccessibleName(f"Copy {chinese}")
        copy_zh.setAccessibleDescription("Copy the Chinese text")
        copy_zh.clicked.connect(lambda: QGuiApplication.clipboard().setText(chinese))
        buttons.addWidget(copy_zh)
        if with_pinyin:
            copy_py = QPushButton("Copy with pinyin")
            copy_py.setAccessibleDescription("Copy the Chinese followed by its pinyin")
            copy_py.clicked.connect(lambda: QGuiApplication.clipboard().setText(with_pinyin))
            buttons.addWidget(copy_py)
        if english:
            copy_en = QPushButton("Copy English")
            copy_en.setAccessibleDescription("Copy the English meaning")
            copy_en.clicked.connect(lambda: QGuiApplication.clipboard().setText(english))
            buttons.addWidget(copy_en)
        if line is not None:  # Learn this, with a picture of where it was on the screen
            self._learn = LearnButton.for_context(self.context, "Learn this" if line.label else "Learn this line",
                                                  keys.LEARN.shown())
            picture = PictureSource(self.current_path, tuple(line.box.as_list())) if self.current_path else None
            self._learn.set_draft(drafts.screenshot_line(line), picture)
            buttons.addWidget(self._learn)
        return buttons

    def _translation_card(self, line: ReadLine) -> QWidget:
        card = DetailCard()
        card.setObjectName("screenshotCard")
        result = line.translation
        card.zh.setText(line.text)
        if result is None:
            card.en.setText("Translating…" if line.needs_translation else "")
        else:
            card.pinyin.setText(" ".join(w.pinyin for w in line.gloss if w.pinyin) if line.paragraph
                                else result.pinyin)
            card.en.setText(result.translation or "No translation (offline or no engine answered): "
                                                  "the words are below.")
            if line.paragraph:
                card.add_line("screenshotParagraph").setText(
                    f"This line is part of a sentence wrapped over {len(line.paragraph)} lines, translated "
                    f"together: “{line.paragraph_text}”")
            card.add_line().setText(result.origin_label())
            for word in (line.gloss or result.gloss)[:12]:
                meanings = "; ".join(word.meanings[:3]) if word.meanings else "(not in the dictionary)"
                card.add_line().setText(f"{word.text}  {word.pinyin}: {meanings}")
        english = result.translation if result is not None else None
        with_pinyin = f"{line.text} ({result.pinyin})" if result is not None and result.pinyin else None
        card.layout().addLayout(self._copy_buttons(line.text, english, with_pinyin, line))
        return card

    # -- messages and history ---------------------------------------------------------------

    def _status(self, message: str, error: bool = False) -> None:
        self.status.setText(message)
        self.status.setProperty("error", error)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def refresh_history(self) -> None:
        self.recent.refresh()

    def _history_chosen(self, path: Path) -> None:
        if path == self.current_path and self.is_busy():
            return
        name = self.history.describe(path).name
        try:
            check_path(path)
        except BadImage as exc:
            self._refuse_file(name, path, exc)
            return
        self._open(name, Source(path=path, remember=False))

    def clear_history(self) -> int:
        """Delete the kept screenshots (File → Clear history and cache), and what the page shows
        of them: the picture, its lines and its card."""
        self.runner.cancel()
        count = self.history.clear()
        self.recent.forget_thumbnails()
        self._clear_shown()
        self._status("Recent screenshots deleted. Paste (Ctrl+V), drop or open a screenshot to read one.")
        self.refresh_history()
        return count

    def shutdown(self) -> None:
        client = self.reader.client
        self.runner.shutdown()
        self.pictures.shutdown()
        self.history.discard_scratch()
        warmup.forget(client)
        close_in_background(self.translator.close)
