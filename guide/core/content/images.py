"""Reading pack files safely, and turning screen images into bytes that are safe to draw.

Packs come from anyone. Every file is opened only if it resolves inside the pack (symlinks
included), is a regular file (never a FIFO or a device: those hang or never end) and is
under a size limit checked before reading. Screen images are identified by their content,
not their name (an SVG saved as `.png` is refused), PNG dimensions are checked before
decoding, and SVG is rewritten without anything that could reach outside it: scripts,
foreignObject, `href`s that are not `#fragment`s, `url(…)` that is not `url(#…)`,
stylesheets that import, DOCTYPE and entities. The UI draws only the bytes returned here.
"""

from __future__ import annotations

import html  # not xml.sax.saxutils: that one imports urllib, http and ssl (20 ms at start-up)
import stat
import struct
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from guide.core.storage import user_files

MAX_SVG_BYTES = 1024 * 1024
MAX_PNG_BYTES = 4 * 1024 * 1024
MAX_PNG_SIDE = 8192
MAX_PNG_PIXELS = 8_000_000  # a phone screen is ~2.6 million; decoding 8 million takes 32 MB
MAX_SVG_ELEMENTS = 20_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class UnsafeFile(Exception):
    """A pack file that must not be read, with a message for the author and (if known) its line."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def inside_pack(root: Path, path: Path, real_root: Path | None = None) -> Path:
    """`path` resolved, if it is a regular file inside `root` (symlinks followed); else UnsafeFile.

    `real_root` is `root.resolve()` when the caller already has it (a pack names hundreds of
    files; the root is the same for all of them). `path` itself is always resolved here."""
    shown = _shown(root, path)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise UnsafeFile(f"{shown} does not exist") from None
    except (OSError, RuntimeError) as exc:
        raise UnsafeFile(f"{shown} cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        resolved.relative_to(real_root or root.resolve())
    except ValueError:
        raise UnsafeFile(f"{shown} is a link pointing outside the pack (to {resolved}); copy the file into the pack") from None
    try:
        mode = resolved.stat().st_mode
    except OSError as exc:
        raise UnsafeFile(f"{shown} cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        raise UnsafeFile(f"{shown} is not a regular file; only plain files are read from a pack")
    return resolved


def pack_path(root: Path, relative: str, real_root: Path | None = None) -> Path:
    """A path written in a content file (`images/x.svg`) resolved inside the pack, or UnsafeFile."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        raise UnsafeFile(f"path {relative!r} is absolute; use a path inside the pack such as images/name.svg")
    if ".." in pure.parts:
        raise UnsafeFile(f"path {relative!r} leaves the pack folder; keep files inside the pack")
    return inside_pack(root, root / Path(*pure.parts), real_root)


def read_limited(path: Path, limit: int, what: str = "file") -> bytes:
    """Read a regular file of at most `limit` bytes; the size is checked before reading.

    The same rule as for the user's own files (guide.core.storage.user_files): opened
    non-blocking and checked with fstat on the open handle, so a FIFO or device swapped in
    after an earlier check still never hangs or floods memory."""
    try:
        return user_files.read_regular(path, limit)
    except user_files.NotRegularFile:
        raise UnsafeFile(f"the {what} is not a regular file; only plain files are read from a pack") from None
    except user_files.FileTooLarge as exc:
        shown = f"is {_size(exc.size)}; the limit is {_size(limit)}" if exc.size is not None else f"is over {_size(limit)}, the limit"
        raise UnsafeFile(f"the {what} {shown}") from None
    except OSError as exc:
        raise UnsafeFile(f"cannot read the {what} ({exc.strerror or exc})") from None


_size = user_files.size_text


def _shown(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


@dataclass
class SafeImage:
    """Bytes that can be drawn without reaching outside the pack: kind is "svg" or "png"."""

    kind: str
    data: bytes
    width: int = 0
    height: int = 0
    removed: list[tuple[int, str]] = field(default_factory=list)  # (line, what) stripped from an SVG


def kind_of(data: bytes) -> str | None:
    """"png" or "svg" by content (never by name); None for anything else."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) or b"<svg" in head:
        return "svg"
    return None


def load_screen(path: Path) -> SafeImage:
    """Read a screen image (already resolved inside the pack) and make it safe; UnsafeFile if not."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise UnsafeFile(f"{path.name}: screens are .svg or .png files")
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_PNG_BYTES
    data = read_limited(path, limit, f"image {path.name}")
    kind = kind_of(data)
    if kind != suffix[1:]:
        found = {"svg": "SVG", "png": "PNG"}.get(kind or "", "neither SVG nor PNG")
        raise UnsafeFile(f"image {path.name} holds {found} content under a {suffix} name; save it with the right kind")
    if kind == "png":
        width, height = png_size(data)
        return SafeImage("png", data, width, height)
    return sanitize_svg(data)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header, refused before decoding when too large."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise UnsafeFile("the PNG file is damaged (no IHDR header)")
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise UnsafeFile("the PNG image is empty (0 pixels wide or high)")
    if width > MAX_PNG_SIDE or height > MAX_PNG_SIDE or width * height > MAX_PNG_PIXELS:
        raise UnsafeFile(f"the PNG image is {width}×{height} pixels; screens are limited to {MAX_PNG_SIDE} pixels a side "
                         f"and {MAX_PNG_PIXELS:,} pixels in all, scale it down")
    return width, height


_DROPPED_ELEMENTS = {"script": "a script", "foreignobject": "foreignObject", "iframe": "an iframe",
                     "handler": "an event handler", "listener": "an event listener"}


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].lower()


def _reaches_out(value: str) -> bool:
    """`url(…)` pointing anywhere but a fragment of this document."""
    lowered = value.lower().replace(" ", "")
    index = lowered.find("url(")
    while index != -1:
        target = lowered[index + 4:].lstrip("'\"")
        if not target.startswith("#"):
            return True
        index = lowered.find("url(", index + 4)
    return "@import" in lowered


def sanitize_svg(data: bytes) -> SafeImage:
    """The SVG rewritten without external references; every removal is listed with its line."""
    out: list[str] = []
    removed: list[tuple[int, str]] = []
    skip_depth = 0
    count = 0
    in_style = False
    parser = xml.parsers.expat.ParserCreate()
    parser.ordered_attributes = True

    def refuse_doctype(*_args: object) -> None:
        raise UnsafeFile("SVG may not have a DOCTYPE or entities; remove the <!DOCTYPE …> line", parser.CurrentLineNumber)

    def start(name: str, attributes: list[str]) -> None:
        nonlocal skip_depth, count, in_style
        count += 1
        if count > MAX_SVG_ELEMENTS:
            raise UnsafeFile(f"SVG has more than {MAX_SVG_ELEMENTS:,} elements; simplify the drawing", parser.CurrentLineNumber)
        line = parser.CurrentLineNumber
        if skip_depth:
            skip_depth += 1
            return
        local = _local(name)
        if local in _DROPPED_ELEMENTS:
            removed.append((line, f"SVG mockups may not contain {_DROPPED_ELEMENTS[local]}"))
            skip_depth = 1
            return
        kept: list[str] = []
        for key, value in zip(attributes[::2], attributes[1::2]):
            key_local = _local(key)
            if key_local == "href" and not value.startswith("#"):
                removed.append((line, f"SVG mockups may not contain external references ({key}={value[:60]!r}); draw it "
                                      f"in the SVG instead"))
                continue
            if key_local.startswith("on"):
                removed.append((line, f"SVG mockups may not contain event handlers ({key})"))
                continue
            if _reaches_out(value):
                removed.append((line, f"SVG mockups may not contain external references ({key}={value[:60]!r})"))
                continue
            kept.append(f' {key}="{html.escape(value, quote=True)}"')
        if local == "image" and not any(part.split("=", 1)[0].endswith("href") for part in kept):
            skip_depth = 1  # an <image> with nothing left to show is dropped whole
            return
        in_style = local == "style"
        out.append(f"<{name}{''.join(kept)}>")

    def end(name: str) -> None:
        nonlocal skip_depth, in_style
        if skip_depth:
            skip_depth -= 1
            return
        in_style = False
        out.append(f"</{name}>")

    def text(content: str) -> None:
        if skip_depth:
            return
        if in_style and _reaches_out(content):
            removed.append((parser.CurrentLineNumber, "SVG mockups may not contain stylesheets that load files (url(…), @import)"))
            return
        out.append(html.escape(content, quote=False))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.ExternalEntityRefHandler = lambda *_args: 0
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise UnsafeFile(f"SVG is not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)}", exc.lineno) from None
    return SafeImage("svg", "".join(out).encode("utf-8"), removed=removed)


def safe_screen(path: Path) -> tuple[SafeImage | None, str | None]:
    """For the UI: (image, None) or (None, the reason it is not shown). Never raises."""
    try:
        return load_screen(path), None
    except UnsafeFile as exc:
        return None, exc.message
    except (OSError, ValueError) as exc:  # pragma: no cover - belt and braces
        return None, f"image {path.name} cannot be shown ({exc})"
