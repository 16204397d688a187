"""Start the OCR worker before the first screenshot arrives, so its answer comes within a
second and a half (issue 27): when the Screenshot page is shown, when a picture is copied
while the app is in front, and when the app comes to the front with a picture on the
clipboard (copied in a messenger, about to be pasted here). Only the clipboard's formats are
looked at, never its picture. Nothing is said; a worker that goes unused exits by itself
after a few idle minutes.

The app has one OcrClient (per data profile), shared by the Screenshot page and this module,
so the page reads with the worker the clipboard warmed. Kept light: the shell installs the
clipboard watch at start, long before the page's own modules are imported.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication

from guide.core.context import AppContext
from guide.core.screen.history import SUFFIXES
from guide.core.screen.ocr_client import OcrClient, ocr_available

log = logging.getLogger(__name__)

_clients: dict[str, OcrClient] = {}


def ocr_client_for(context: AppContext) -> OcrClient:
    """This app's OCR client (one per cache folder)."""
    key = str(context.cache_dir)
    if key not in _clients:
        _clients[key] = OcrClient(log_path=context.cache_dir / "ocr-worker.log")
    return _clients[key]


def forget(client: OcrClient) -> None:
    """The page closed it: the next page (a new window) gets a fresh one."""
    for key, known in list(_clients.items()):
        if known is client:
            del _clients[key]


def warm_in_background(client: OcrClient) -> None:
    if ocr_available():
        threading.Thread(target=client.warm, name="ocr-warm-up", daemon=True).start()


def _holds_picture(mime) -> bool:  # noqa: ANN001 - QMimeData; formats only, nothing is decoded
    if mime is None:
        return False
    if mime.hasUrls() and any(url.isLocalFile() and url.toLocalFile().lower().endswith(SUFFIXES) for url in mime.urls()):
        return True
    return mime.hasImage() and not mime.hasText()


class _ClipboardWatch(QObject):
    def __init__(self, parent: QObject, context: AppContext) -> None:
        super().__init__(parent)
        self.context = context
        QGuiApplication.clipboard().dataChanged.connect(self._changed)
        QGuiApplication.instance().applicationStateChanged.connect(self._changed)

    def _changed(self) -> None:
        if QGuiApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
            return  # copied in another app while this one sits in the background: looked at when it comes to the front
        if _holds_picture(QGuiApplication.clipboard().mimeData()):
            warm_in_background(ocr_client_for(self.context))


def warm_on_picture_copied(window: QObject, context: AppContext) -> None:
    """Called by the main window once content is loaded; lives as long as the window."""
    if ocr_available():
        _ClipboardWatch(window, context)
