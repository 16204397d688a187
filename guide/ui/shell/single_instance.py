"""One window per user: a second launch asks the running one to come to the front, or (with
`--read-screen`) to read a region of the screen.

The server name includes a checksum of the data dir, so test runs with their own XDG
dirs never collide with the user's real app. On POSIX the name is a full socket path,
which lets a launch see that nobody is listening (no socket file) without loading
QtNetwork: that keeps ~10 ms off every normal start. QtNetwork is imported only when
a socket file exists, and the server starts after the window's first paint.
"""

from __future__ import annotations

import logging
import os
import zlib

from PySide6.QtCore import QObject, Signal

from guide.core.storage import paths

log = logging.getLogger(__name__)
MESSAGE = b"raise\n"
# `rednote-guide --read-screen` (e.g. bound to a system shortcut); an older running version sees "raise".
READ_SCREEN = MESSAGE + b"read-screen\n"


def server_name() -> str:
    """A full socket path on POSIX (in the runtime dir), a plain pipe name elsewhere."""
    checksum = zlib.crc32(str(paths.data_dir()).encode("utf-8"))
    name = f"rednote-guide-{checksum:08x}"
    if os.name != "posix":
        return name
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    base = runtime if runtime and os.path.isdir(runtime) else os.environ.get("TMPDIR") or "/tmp"
    return os.path.join(base, name)


def maybe_running() -> bool:
    """False only when no instance can be listening (POSIX: no socket file). Cheap."""
    return os.name != "posix" or os.path.exists(server_name())


def ask_running_instance(timeout_ms: int = 500, message: bytes = MESSAGE) -> bool:
    """True when another instance answered (and was asked to raise its window, or `message`)."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(message)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; emits `activated` when one arrives, `readScreen` when it
    came with --read-screen.

    `duplicate` is True when another instance started listening first (two launches in
    the same instant): that one has been passed `message` and this one should quit.
    """

    activated = Signal()
    readScreen = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QObject | None = None, message: bytes = MESSAGE) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.duplicate = False
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)
        name = server_name()
        # No socket options: with them Qt binds elsewhere and renames over an existing
        # socket, silently taking it from a running instance. XDG_RUNTIME_DIR is private.
        if not self.server.listen(name):
            if ask_running_instance(message=message):
                self.duplicate = True
                return
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

    def _read(self, connection) -> None:  # noqa: ANN001 - QLocalSocket, imported lazily
        received = bytes(connection.readAll().data()).split()
        if b"read-screen" in received:
            log.info("asked by a second launch to read from the screen")
            self.readScreen.emit()
        elif MESSAGE.strip() in received:
            log.info("raised by a second launch")
            self.activated.emit()
