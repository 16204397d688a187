"""The Screenshot page: paste, drop or open a RedNote screenshot; every Chinese line is boxed
and explained (UI labels from the glossary, other lines translated), and the page says
which walkthrough step the screen is. Reading runs in the OCR worker process via
ScreenshotRunner, so the window never waits.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QImageReader, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide.core.screen.history import ScreenshotHistory
from guide.core.screen.image_check import MAX_PIXELS, BadImage, check_image, check_path
from guide.core.screen.ocr_client import OcrClient, ocr_available, unavailable_message
from guide.core.screen.reader import Reading, ReadLine, ScreenReader
from guide.core.study import drafts
from guide.core.translate.cache import TranslationCache
from guide.core.translate.pipeline import TranslateOptions, Translator
from guide.ui.screenshot.view import ScreenshotView
from guide.ui.screenshot.worker import ScreenshotRunner
from guide.ui.shell import keys
from guide.ui.widgets.detail_card import DetailCard
from guide.ui.widgets.flow_layout import FlowLayout
from guide.ui.widgets.learn_button import LearnButton, PictureSource
from guide.ui.widgets.row_delegates import MixedScriptDelegate
from guide.ui.widgets.scrolling import vertical_scroller

if TYPE_CHECKING:
    from guide.core.context import AppContext
    from guide.ui.shell.navigator import Navigator

log = logging.getLogger(__name__)

IMAGE_FILTER = "Screenshots (*.png *.jpg *.jpeg *.webp *.bmp);;All files (*)"
THUMB = QSize(40, 72)


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
        client = OcrClient(log_path=context.cache_dir / "ocr-worker.log")
        self.reader = ScreenReader(context.pack, self.translator, client)
        self.runner = ScreenshotRunner(self.reader, self)
        self.runner.read.connect(self._on_read)
        self.runner.lineTranslated.connect(self._on_line)
        self.runner.failed.connect(self._on_failed)
        self.runner.busyChanged.connect(self._on_busy)
        if self.available:
            self.runner.run_in_background(self.translator.glosser.warm_up)
        self.reading: Reading | None = None
        self.current_path: Path | None = None
        self._thumbs: dict[str, QIcon | None] = {}
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
        self.english_toggle.setAccessibleDescription("Write each UI label's English over it on the picture")
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
        for widget in (self.open_button, self.paste_button, self.screen_button, self.english_toggle):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.status = QLabel("Paste (Ctrl+V), drop or open a screenshot of RedNote: every Chinese line is "
                             "read and explained here. The picture stays on your computer.")
        self.status.setObjectName("screenshotStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_row = QHBoxLayout()  # progress and Cancel beside "Reading…": in the button bar they widened an 800 px window
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        layout.addLayout(status_row)

        match_row = QHBoxLayout()
        self.match_label = QLabel()
        self.match_label.setObjectName("screenshotMatch")
        self.match_label.setWordWrap(True)
        self.match_button = QPushButton("Open it")
        self.match_button.setObjectName("screenshotOpenStep")
        self.match_button.clicked.connect(self.open_matched_step)
        self.match_button.setAccessibleDescription("Open the walkthrough step this screenshot seems to show")
        match_row.addWidget(self.match_label, 1)
        match_row.addWidget(self.match_button)
        layout.addLayout(match_row)
        self._show_match(None)

        splitter = QSplitter()
        self.view = ScreenshotView()
        self.view.lineClicked.connect(self.select_line)
        self.view.set_show_english(True)
        splitter.addWidget(self.view)
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
        side_layout.addWidget(self.lines, 3)
        self.detail = QWidget()
        self.detail.setObjectName("screenshotDetail")
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_scroll = vertical_scroller(self.detail, "screenshotDetailScroll")
        side_layout.addWidget(detail_scroll, 2)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 440])
        self.view.setMinimumWidth(280)
        layout.addWidget(splitter, 1)

        history_row = QHBoxLayout()
        history_title = QLabel("Recent:")
        self.history_list = QListWidget()
        self.history_list.setObjectName("screenshotHistory")
        self.history_list.setAccessibleName("Recent screenshots")
        self.history_list.setAccessibleDescription("The last screenshots you read; choose one to read it again. "
                                                   "Clear history and cache deletes them")
        self.history_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.history_list.setFlow(QListWidget.Flow.LeftToRight)
        self.history_list.setWrapping(False)
        self.history_list.setIconSize(THUMB)
        self.history_list.setFixedHeight(THUMB.height() + 20)
        # One row of thumbnails: a vertical scroll bar there scrolled 2 px and looked broken.
        self.history_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history_list.itemActivated.connect(self._history_chosen)
        self.history_list.itemClicked.connect(self._history_chosen)
        history_row.addWidget(history_title)
        history_row.addWidget(self.history_list, 1)
        self.history_row = QWidget()
        self.history_row.setLayout(history_row)
        history_row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.history_row)

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
        if mime.hasImage():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                return self.open_image(image)
        self._status("The clipboard holds no picture. Take a screenshot on your phone, send it to this "
                     "computer, then copy it or open the file.", error=True)
        return False

    def open_image(self, image: QImage) -> bool:
        """A pasted picture: kept as a PNG in history, then read like a file."""
        if image.width() * image.height() > MAX_PIXELS:
            self._bad(f"The pasted picture is too large ({image.width()}×{image.height()}); "
                      "paste a phone screenshot")
            return False
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        try:
            stored = self.history.add_bytes(bytes(data.data()), ".png")
        except OSError as exc:
            self._bad(f"The pasted picture could not be saved for reading ({exc.strerror or exc})")
            return False
        return self._start(stored, remembered=True)

    def open_file(self, path: Path, remember: bool = True) -> bool:
        """Check the picture (header only, instant), keep a copy in history, and read it."""
        try:
            if self.available:
                check_image(path)
            else:
                check_path(path)  # without Pillow (the [ocr] extra) only the cheap checks
        except BadImage as exc:
            self._bad(str(exc))
            return False
        remembered = False
        if remember:
            try:
                path = self.history.add_file(path)
                remembered = True
            except OSError as exc:
                log.info("cannot keep a copy of %s: %s", path, exc)
        return self._start(path, remembered)

    def _start(self, path: Path, remembered: bool = False) -> bool:
        pixmap = QPixmap(str(path))
        if remembered:  # its thumbnail comes from the picture already decoded, not a second decode
            if not pixmap.isNull():
                self._thumbs[str(path)] = QIcon(pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                              Qt.TransformationMode.SmoothTransformation))
            self.refresh_history()
        if pixmap.isNull():  # Pillow reads it (it passed the checks) but Qt cannot show it:
            try:                # a grey stand-in of its size, so the boxes still land right
                info = check_image(path) if self.available else None
            except BadImage:
                info = None
            pixmap = QPixmap(QSize(info.width, info.height) if info else THUMB * 6)
            pixmap.fill(Qt.GlobalColor.lightGray)
        self.current_path = path
        self.reading = None
        self.lines.clear()
        self._clear_detail()
        self._show_match(None)
        self.view.show_picture(pixmap)
        if not self.available:
            self._status(unavailable_message(), error=True)
            return False
        self._status("Reading the screenshot… (on this computer; the first read takes a few seconds longer)")
        ocr_file = self.history.ocr_file(path) if self.history.contains(path) else None
        self.runner.submit(path, TranslateOptions.from_settings(self.context.settings), ocr_file)
        return True

    def cancel(self) -> None:
        self.runner.cancel()

    def is_busy(self) -> bool:
        return self.runner.is_busy()

    # -- results --------------------------------------------------------------------------

    def _on_read(self, reading: Reading) -> None:
        self.reading = reading
        self.view.set_lines([(line.box.as_list(), line.label is not None, line.english) for line in reading.lines])
        self.lines.clear()
        for index, line in enumerate(reading.lines):
            item = QListWidgetItem(self._row_text(index, line))
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.lines.addItem(item)
        labels = sum(1 for line in reading.lines if line.label is not None)
        if not reading.lines:
            self._status("No text found on this picture. Is it a screenshot with Chinese on it?")
        else:
            self._status(f"{len(reading.lines)} lines, {labels} of them UI labels. Click a box or a line to see it "
                         "explained.")
        self._show_match(reading)

    def _on_line(self, index: int) -> None:
        if self.reading is None or not 0 <= index < len(self.reading.lines):
            return
        item = self.lines.item(index)
        if item is not None:
            item.setText(self._row_text(index, self.reading.lines[index]))
        if self.lines.currentRow() == index:
            self._show_detail(index)

    def _on_failed(self, kind: str, message: str) -> None:
        if kind == "cancelled":
            self._status("Stopped. Paste or open a screenshot to read it again.")
        elif kind == "bad_image":
            self._bad(message)
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
        words = "; ".join(f"{w.text} {w.meanings[0]}" for w in line.translation.gloss if w.meanings)
        if len(words) > 70:
            words = words[:69] + "…"
        return f"{line.text}\n    → words: {words}" if words else f"{line.text}\n    → (no translation)"

    def _show_match(self, reading: Reading | None) -> None:
        match = reading.screen if reading is not None else None
        self.match_label.setVisible(match is not None)
        self.match_button.setVisible(match is not None)
        if match is not None:
            self.match_label.setText(f"This looks like “{match.walkthrough.title}” › step {match.step_number}: "
                                     f"{match.step.title}")
            self.match_button.setAccessibleName(f"Open {match.describe()}")

    def open_matched_step(self) -> None:
        if self.reading is not None and self.reading.screen is not None:
            match = self.reading.screen
            self.navigator.open_walkthrough.emit(match.walkthrough.id, match.step.id)

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

    def _bad(self, message: str) -> None:
        self._status(message, error=True)
        self.navigator.notice.emit(message)

    def _thumbnail(self, path: Path) -> QIcon | None:
        """Decoded once per file, at thumbnail size where the format allows (JPEG)."""
        key = str(path)
        if key not in self._thumbs:
            reader = QImageReader(key)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            self._thumbs[key] = None if image.isNull() else QIcon(QPixmap.fromImage(image))
        return self._thumbs[key]

    def refresh_history(self) -> None:
        self.history_list.clear()
        items = self.history.items()
        self._thumbs = {key: icon for key, icon in self._thumbs.items() if Path(key) in items}
        for path in items:
            icon = self._thumbnail(path)
            if icon is None:
                continue
            item = QListWidgetItem(icon, "")
            item.setToolTip(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.history_list.addItem(item)
        self.history_row.setVisible(self.history_list.count() > 0)

    def _history_chosen(self, item: QListWidgetItem) -> None:
        path = Path(str(item.data(Qt.ItemDataRole.UserRole)))
        if path != self.current_path or not self.is_busy():
            self.open_file(path, remember=False)

    def clear_history(self) -> int:
        """Delete the kept screenshots (File → Clear history and cache)."""
        count = self.history.clear()
        self.refresh_history()
        return count

    def shutdown(self) -> None:
        self.runner.shutdown()
        self.translator.close()
