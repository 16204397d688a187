"""One rule for reading any file the app did not ship: it must be a regular file, opened so
that nothing can block, and (where a size cap fits the file) small.

A FIFO planted as settings.json hung the app and every command at start; a symlink to
/dev/zero ran out of memory; a 1 GB file was read whole. So every such file (settings, the
OCR results kept beside Recent screenshots, the dictionary index, the history databases,
and the pack's own files through `images.read_limited`) is opened with O_NONBLOCK and
checked with fstat on the open handle, which also catches a file swapped after a check by
name. Callers turn `UnusableFile` into their own "damaged … kept as" notice.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

SMALL_FILE_LIMIT = 1 << 20  # settings and kept OCR results are a few KiB; 1 MiB is plenty
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class UnusableFile(Exception):
    """The file exists but is not one the app can read as data (`reason` says why, for a notice)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotRegularFile(UnusableFile):
    """A FIFO, a device, a folder or a socket where a plain file belongs."""


class FileTooLarge(UnusableFile):
    def __init__(self, size: int | None, limit: int) -> None:
        self.size, self.limit = size, limit
        shown = f"is {size_text(size)}" if size is not None else f"grew past {size_text(limit)} while it was read"
        super().__init__(f"it {shown}; the limit is {size_text(limit)}")


def size_text(n: int) -> str:
    return f"{n / 1048576:.1f} MiB" if n >= 1048576 else f"{n / 1024:.0f} KiB"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path) -> int:
    """A read-only descriptor of a regular file (symlinks to one are fine), or NotRegularFile.

    FileNotFoundError and other OSErrors (no permission, a symlink loop) pass through."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
    except BaseException:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = _kind(mode)
        raise NotRegularFile(f"it is {kind}, not a regular file" if kind.startswith("a ") else f"it is {kind}")
    return fd


def read_regular(path: Path, limit: int = SMALL_FILE_LIMIT) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; the size is checked before reading,
    and reading stops past the limit (a file that grows meanwhile is refused too)."""
    fd = open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise FileTooLarge(size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(None, limit)
    finally:
        os.close(fd)


def check_regular(path: Path, sidecars: tuple[str, ...] = ()) -> None:
    """For files another library opens (SQLite): NotRegularFile unless `path` and each existing
    `path + sidecar` is a regular file. A missing file is fine (it will be created)."""
    for candidate in (path, *(path.with_name(path.name + s) for s in sidecars)):
        try:
            os.close(open_regular(candidate))
        except NotRegularFile as exc:
            raise NotRegularFile(f"{candidate.name}: {exc.reason}" if candidate != path else exc.reason) from None
        except OSError:
            continue  # missing (it will be created), or unreadable: the opener's notices handle that


def write_replacing(path: Path, data: bytes, mode: int = 0o644) -> None:
    """`data` written to a temporary file beside `path`, then renamed over it: whoever opens
    `path` (Review reading a card's picture, a spreadsheet reading an export) never sees it
    half-written, and a failed write leaves the old file as it was and no part file behind."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, mode)  # mkstemp makes it private
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
