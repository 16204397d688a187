"""One window per user: a second launch asks the running one to come to the front.

The server name includes a hash of the data dir, so test runs with their own XDG dirs
never collide with the user's real app.
"""

from __future__ import annotations

import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from guide.core import paths

log = logging.getLogger(__name__)
MESSAGE = b"raise\n"


def server_name() -> str:
    digest = hashlib.sha1(str(paths.data_dir()).encode("utf-8")).hexdigest()[:12]
    return f"rednote-guide-{digest}"


def ask_running_instance(timeout_ms: int = 500) -> bool:
    """True when another instance answered (and was asked to raise its window)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(MESSAGE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; emits `activated` when one arrives."""

    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)
        name = server_name()
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket left by a crash
            if not self.server.listen(name):
                log.warning("single-instance server unavailable: %s", self.server.errorString())
                return
        log.info("single-instance server listening as %s", name)

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(MESSAGE.strip()):
            log.info("raised by a second launch")
            self.activated.emit()
