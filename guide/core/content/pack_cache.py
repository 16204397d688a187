"""A parsed-pack cache in the user's cache dir, so the app shows its content without parsing
YAML at every start (parsing is most of loading: ~75 of ~120 ms for the bundled pack).

The cache is never trusted:
- It is used only when its key matches: every entry of the pack folder (path, type, size,
  mtime, ctime, inode), the app version, this package's own source files and PyYAML's. Any
  change anywhere in the pack means a fresh load. A pack with a symbolic link anywhere in it
  is never cached (what a link points to can change without the pack changing).
- The file is plain JSON behind a CRC-32 of itself: a truncated or damaged file fails the
  checksum and is rebuilt. JSON only ever becomes lists, strings and numbers. A file that is
  a link, is not the user's own or that others may write is not read (as ssh treats its keys).
- What it holds is rebuilt into the model with every value's type checked, and re-checked
  against the loader's safety rules: screen images must be regular files the key walk found
  inside the pack, plain-text fields hold no HTML, step bodies pass the Markdown link check.
  So a forged file that passes all that can show nothing a pack could not; it could show
  other words than the pack's, but only someone who can already write the user's own files
  (and so the pack, settings and data) can forge it.
Anything wrong means a fresh load from the YAML (and a new cache file when it can be
written; a read-only cache dir only costs the speed-up). `validate` never reads it.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import zlib  # not hashlib: that loads OpenSSL, ~3 ms on the way to the first screen
from collections.abc import Callable, Sequence
from dataclasses import fields
from itertools import chain, compress, islice, repeat
from operator import is_not
from pathlib import Path, PurePosixPath
from typing import Any

from guide import __version__
from guide.core.content import markdown_links
from guide.core.content.model import (
    AppInfo,
    EmojiCode,
    GlossaryEntry,
    Highlight,
    Location,
    Pack,
    Phrase,
    PhraseCategory,
    Place,
    Problem,
    Severity,
    Step,
    UiTemplate,
    Walkthrough,
)

log = logging.getLogger(__name__)

FORMAT = 1
MAGIC = b"rednote-guide pack cache"
MAX_CACHE_BYTES = 32 * 1024 * 1024
MAX_PACK_ENTRIES = 20_000  # a folder bigger than any pack (someone's home?) is just loaded
_CODE_DIR = Path(__file__).resolve().parent


class _Unusable(Exception):
    """The cache file (or this pack) cannot be used; load from the YAML instead."""


class _Tree:
    """The pack folder as the key sees it: a stamp of every entry, and its regular files."""

    def __init__(self, real_root: Path) -> None:
        self.real_root = real_root
        self.lines: list[str] = []
        self.files: set[str] = set()  # "images/x.svg", relative to the real root
        self._walk(real_root, "")

    def _walk(self, folder: Path, prefix: str) -> None:
        with os.scandir(folder) as entries:
            ordered = sorted(entries, key=lambda e: e.name)
        for entry in ordered:
            relative = prefix + entry.name
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISLNK(info.st_mode):
                raise _Unusable(f"{relative} is a symbolic link")
            if len(self.lines) >= MAX_PACK_ENTRIES:
                raise _Unusable("too many files to stamp")
            self.lines.append(repr((relative, stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns,
                                    info.st_ctime_ns, info.st_ino)))
            if stat.S_ISDIR(info.st_mode):
                self._walk(Path(entry.path), relative + "/")
            elif stat.S_ISREG(info.st_mode):
                self.files.add(relative)


def _code_stamp() -> list[str]:
    """This package's modules and PyYAML's: a new loader or parser may read a pack differently,
    and during development the app version does not change with them."""
    import importlib.util

    sources = sorted(_CODE_DIR.glob("*.py"))
    spec = importlib.util.find_spec("yaml")
    if spec is not None and spec.origin:
        sources.append(Path(spec.origin))
    out = []
    for path in sources:
        info = path.stat()
        out.append(repr((str(path), info.st_size, info.st_mtime_ns)))
    return out


def cache_key(root: Path) -> tuple[str, _Tree]:
    """The key a cache file must carry (in full) to be used for `root`, and the walk it came from."""
    real_root = root.resolve(strict=True)
    tree = _Tree(real_root)
    return "\n".join([f"format {FORMAT}", f"app {__version__}", f"root {real_root!r}", *_code_stamp(), *tree.lines]), tree


def cache_file(cache_dir: Path, real_root: Path) -> Path:
    """One file per pack folder (two folders sharing a name's checksum only evict each other:
    the key names the folder)."""
    name = zlib.crc32(os.fsencode(real_root))
    return cache_dir / "packs" / f"{real_root.name[:40]}-{name:08x}.json"


# -- encoding and checked decoding --------------------------------------------------------------


class _Context:
    def __init__(self, root: Path, tree: _Tree) -> None:
        self.root = root  # as the caller named it: locations are built on it, as the loader does
        self.tree = tree
        self.paths: dict[str, Path] = {}  # a few files named hundreds of times
        self.plain: list[str | None] = []  # checked for HTML all at once, see _check_plain (None: left out)


def _damaged(what: str) -> _Unusable:
    return _Unusable(f"cache holds a bad {what}")


Read = Callable[[Sequence[Any], _Context], Sequence[Any]]


class _Codec:
    """One kind of value: how it is written as JSON and read back with its type checked.

    Reading goes a column at a time: `read` gets this field's JSON value from every record of
    the pack at once (all 476 phrases' `zh`, say) and returns the model's values in the same
    order. So the checks run over whole columns in C, and the ~10,000 values of the bundled
    pack (read on the way to the first screen) cost no Python call each. `types` is set when
    reading is a type check only: the values are used as they are."""

    def __init__(self, encode: Callable[[Any, _Context], Any], read: Read, types: tuple[type, ...] | None = None,
                 plain: bool = False) -> None:
        self.encode = encode
        self.read = read
        self.types = types
        self.plain = plain  # text that must hold no HTML


_CANNOT_CROSS = "\n<\n"  # no tag match starts here ("<" then no letter) or runs through it ("<")


def _check_plain(ctx: _Context) -> None:
    """No plain-text field holds an HTML tag (the loader refuses those). A tag starts with "<",
    which a pack's text hardly ever has: only then one search over all the fields, joined by a
    separator no match can cross (the same answer as one search per field)."""
    texts = [*filter(None, ctx.plain)]
    if "<" in "".join(texts) and markdown_links.HTML_TAG_RE.search(_CANNOT_CROSS.join(texts)):
        raise _damaged("text")


def _same(value: Any, ctx: _Context) -> Any:
    return value


_STR = frozenset({str})
_LIST = frozenset({list})


def _checked(types: tuple[type, ...], what: str, *, plain: bool = False,
             encode: Callable[[Any, _Context], Any] = _same) -> _Codec:
    """Values used as they are, once each one's type is exactly one of `types`."""
    allowed = frozenset(types)

    def read(values: Sequence[Any], ctx: _Context) -> Sequence[Any]:
        if not allowed.issuperset(map(type, values)):
            raise _damaged(what)
        if plain:
            ctx.plain.extend(values)
        return values

    return _Codec(encode, read, types, plain)


def _converted(encode: Callable[[Any, _Context], Any], convert: Callable[[str, _Context], Any], what: str) -> _Codec:
    """Strings turned into the model's values (and checked) by `convert`."""

    def read(values: Sequence[Any], ctx: _Context) -> list:
        if not _STR.issuperset(map(type, values)):
            raise _damaged(what)
        return [*map(convert, values, repeat(ctx))]

    return _Codec(encode, read)


def _optional(codec: _Codec) -> _Codec:
    def encode(value: Any, ctx: _Context) -> Any:
        return None if value is None else codec.encode(value, ctx)

    if codec.types is not None:  # a type check only: None is one more type
        return _checked((*codec.types, type(None)), "optional value", plain=codec.plain, encode=encode)

    def read(values: Sequence[Any], ctx: _Context) -> Sequence[Any]:  # the values that are there, read as one column
        present = [*compress(values, map(is_not, values, repeat(None)))]
        if len(present) == len(values):
            return codec.read(values, ctx)
        decoded = iter(codec.read(present, ctx))
        return [None if value is None else next(decoded) for value in values]

    return _Codec(encode, read)


def _tuple_of(codec: _Codec) -> _Codec:
    """A JSON list as a tuple: all the lists of a column are read as one column of their items."""

    def read(values: Sequence[Any], ctx: _Context) -> list:
        if not _LIST.issuperset(map(type, values)):
            raise _damaged("list")
        items = iter(codec.read([*chain.from_iterable(values)], ctx))
        return [*map(tuple, map(islice, repeat(items), map(len, values)))]  # cut back into the lists

    return _Codec(lambda v, ctx: [codec.encode(item, ctx) for item in v], read)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        raise _Unusable(f"{path} is outside the pack") from None


def _safe_relative(value: Any) -> PurePosixPath:
    if type(value) is not str or not value:
        raise _damaged("path")
    pure = PurePosixPath(value)
    if pure.is_absolute() or ".." in pure.parts or "\\" in value or "\0" in value:
        raise _damaged("path")
    return pure


def _decode_file(value: str, ctx: _Context) -> Path:  # a content file, where a problem is reported
    known = ctx.paths.get(value)
    if known is None:
        known = ctx.paths[value] = ctx.root.joinpath(*_safe_relative(value).parts)
    return known


def _decode_screen(value: str, ctx: _Context) -> Path:
    """An image a step shows: one of the regular files the key's walk found (it never follows a
    link), so inside the pack by construction, as `images.inside_pack` made sure at load."""
    if value not in ctx.tree.files:  # a string: _converted checked the whole column
        raise _damaged("screen path")
    return ctx.tree.real_root / value  # no cache as _decode_file has: each step of the bundled pack has its own


def _body(value: str, ctx: _Context) -> str:
    if markdown_links.check_body(value):  # a string: _converted checked the whole column
        raise _damaged("step body")
    return value


def _severity(value: str, ctx: _Context) -> Severity:
    if value not in ("error", "warning"):
        raise _damaged("severity")
    return Severity(value)


PLAIN = _checked((str,), "text", plain=True)
ANY_TEXT = _checked((str,), "text")  # problem messages quote what was wrong, tags included
INT = _checked((int,), "number")
FLOAT = _checked((float,), "number")
BODY = _converted(_same, _body, "step body")
FILE = _converted(lambda v, ctx: _relative(v, ctx.root), _decode_file, "path")
SCREEN = _converted(lambda v, ctx: _relative(v, ctx.tree.real_root), _decode_screen, "screen path")
SEVERITY = _converted(lambda v, ctx: v.value, _severity, "severity")


def _fields_reader(make: Callable[..., Any], codecs: tuple[_Codec, ...], what: str) -> Read:
    """Reads a column of records, JSON lists of one value per codec in order, into `make(*values)`
    each: field by field, the field's values from all the records as one column."""
    count = len(codecs)

    def read(values: Sequence[Any], ctx: _Context) -> list:
        if not values:
            return []
        if not _LIST.issuperset(map(type, values)) or {*map(len, values)} != {count}:
            raise _damaged(what)
        columns = [codec.read(column, ctx) for codec, column in zip(codecs, zip(*values))]
        return [*map(make, *columns)]

    return read


def _record(cls: type, *spec: tuple[str, _Codec]) -> _Codec:
    """A model dataclass as a JSON list of its fields in order; tests check `spec` names them all."""
    RECORDS[cls] = tuple(name for name, _ in spec)

    def encode(obj: Any, ctx: _Context) -> list:
        return [codec.encode(getattr(obj, name), ctx) for name, codec in spec]

    return _Codec(encode, _fields_reader(cls, tuple(codec for _, codec in spec), cls.__name__))


RECORDS: dict[type, tuple[str, ...]] = {}
PLAINS = _tuple_of(PLAIN)
OPT_PLAIN = _optional(PLAIN)
LOCATION = _record(Location, ("path", FILE), ("line", INT), ("column", INT))
OPT_LOCATION = _optional(LOCATION)
HIGHLIGHT = _record(Highlight, ("x", FLOAT), ("y", FLOAT), ("w", FLOAT), ("h", FLOAT), ("label", OPT_PLAIN))
STEP = _record(Step, ("id", PLAIN), ("title", PLAIN), ("body", BODY), ("screen", _optional(SCREEN)),
               ("highlight", _tuple_of(HIGHLIGHT)), ("labels", PLAINS), ("tip", OPT_PLAIN), ("warning", OPT_PLAIN),
               ("location", OPT_LOCATION))
WALKTHROUGH = _record(Walkthrough, ("id", PLAIN), ("title", PLAIN), ("summary", PLAIN), ("minutes", INT),
                      ("level", PLAIN), ("steps", _tuple_of(STEP)), ("tags", PLAINS), ("requires", PLAINS),
                      ("app_version", PLAIN), ("source", _optional(FILE)))
GLOSSARY_ENTRY = _record(GlossaryEntry, ("zh", PLAIN), ("pinyin", PLAIN), ("en", PLAIN), ("where", PLAIN),
                         ("note", PLAIN), ("pinyin_exception", OPT_PLAIN))
PHRASE = _record(Phrase, ("en", PLAIN), ("zh", PLAIN), ("pinyin", PLAIN), ("category", PLAIN), ("literal", PLAIN),
                 ("note", PLAIN), ("tags", PLAINS), ("pinyin_exception", OPT_PLAIN))
CATEGORY = _record(PhraseCategory, ("id", PLAIN), ("title", PLAIN), ("phrases", _tuple_of(PHRASE)))
PROBLEM = _record(Problem, ("location", LOCATION), ("severity", SEVERITY), ("message", ANY_TEXT))
TEMPLATE = _record(UiTemplate, ("zh", PLAIN), ("en", PLAIN), ("where", PLAIN), ("note", PLAIN),
                   ("location", OPT_LOCATION))
PLACE = _record(Place, ("zh", PLAIN), ("pinyin", PLAIN), ("en", PLAIN), ("kind", PLAIN), ("location", OPT_LOCATION),
                ("pinyin_exception", OPT_PLAIN))
EMOJI = _record(EmojiCode, ("code", PLAIN), ("en", PLAIN), ("note", PLAIN), ("location", OPT_LOCATION))
APP = _record(AppInfo, ("name", PLAIN), ("native_name", PLAIN), ("language", PLAIN))
PACK_FIELDS: tuple[tuple[str, _Codec], ...] = (
    ("id", PLAIN), ("title", PLAIN), ("app", APP), ("version", PLAIN), ("walkthroughs", _tuple_of(WALKTHROUGH)),
    ("glossary", _tuple_of(GLOSSARY_ENTRY)), ("categories", _tuple_of(CATEGORY)), ("problems", _tuple_of(PROBLEM)),
    ("templates", _tuple_of(TEMPLATE)), ("places", _tuple_of(PLACE)), ("emoji", _tuple_of(EMOJI)),
)
RECORDS[Pack] = ("root", *(name for name, _ in PACK_FIELDS))  # root: the folder it was loaded from
_read_pack_fields = _fields_reader(lambda *values: values, tuple(codec for _, codec in PACK_FIELDS), "pack")


def encode_pack(pack: Pack, ctx: _Context) -> list:
    return [codec.encode(getattr(pack, name), ctx) for name, codec in PACK_FIELDS]


def decode_pack(value: Any, ctx: _Context) -> Pack:
    [values] = _read_pack_fields([value], ctx)
    _check_plain(ctx)
    return Pack(root=ctx.root, **dict(zip((name for name, _ in PACK_FIELDS), values)))


def _fields_match() -> bool:
    """Every model field has a codec, in the order the class declares them (records are built
    positionally; a new field without a codec would be lost from the cache). Pack is built by name."""
    return all((sorted if cls is Pack else tuple)(f.name for f in fields(cls)) == (sorted if cls is Pack else tuple)(names)
               for cls, names in RECORDS.items())


# -- the file -----------------------------------------------------------------------------------


def read_cache(path: Path, key: str, ctx: _Context) -> Pack:
    """The cached pack, or _Unusable (missing, damaged, another key, bad values)."""
    data = _read_own_file(path)
    header, _, body = data.partition(b"\n")
    magic, _, checksum = header.rpartition(b" %d " % FORMAT)
    if magic != MAGIC:
        raise _damaged("header")
    if checksum != b"%08x" % zlib.crc32(body):
        raise _damaged("checksum")
    try:
        document = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise _damaged(f"JSON ({exc.__class__.__name__})") from None
    if type(document) is not dict or document.get("key") != key:
        raise _Unusable("made for other files")
    return decode_pack(document.get("pack"), ctx)


def _read_own_file(path: Path) -> bytes:
    """The file's bytes if it is a regular file of a sane size that only this user can have
    written (like ssh with its keys: a file others could write is someone else's word)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise _Unusable(f"cannot read it ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            raise _damaged("file")
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
            raise _Unusable("the file is not the user's own, or others may write it")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(MAX_CACHE_BYTES + 1)
    finally:
        os.close(fd)


def write_cache(path: Path, key: str, pack: Pack, ctx: _Context) -> None:
    """Written to a private temporary file and renamed over the old one, so a reader never
    sees half of it."""
    import tempfile  # only when writing: it is not needed on the way to the first screen

    body = json.dumps({"key": key, "pack": encode_pack(pack, ctx)}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8", "surrogateescape")
    header = MAGIC + b" %d %08x\n" % (FORMAT, zlib.crc32(body))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + body)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def load_pack_cached(root: Path, cache_dir: Path) -> Pack:
    """The pack in `root` as `loader.load_pack` reads it, from the cache when that is safe.

    Never raises for a bad cache: any problem with it means loading the YAML."""
    try:
        key, tree = cache_key(root)
    except (OSError, RuntimeError, _Unusable) as exc:  # no such folder, a link in it, ...
        log.debug("pack %s not cached: %s", root, exc)
        return _load(root)
    ctx = _Context(root, tree)
    path = cache_file(cache_dir, tree.real_root)
    try:
        return read_cache(path, key, ctx)
    except _Unusable as exc:
        log.debug("pack cache %s not used: %s", path, exc)
    except Exception:  # belt and braces: a cache must never take the app down
        log.warning("pack cache %s could not be read; loading the pack", path, exc_info=True)
    pack = _load(root)
    try:
        write_cache(path, key, pack, ctx)
    except (OSError, TypeError, ValueError, _Unusable) as exc:  # read-only or full cache dir; a path outside the pack
        log.debug("pack cache %s not written: %s", path, exc)
    return pack


def _load(root: Path) -> Pack:
    from guide.core.content.loader import load_pack  # imports PyYAML: only when the cache is not used

    return load_pack(root)
