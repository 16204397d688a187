"""Cache and history: WAL, two instances, damaged files rebuilt, clearing really clears."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from guide.core.translate.cache import TranslationCache
from guide.core.translate.history import History, clear_history_and_cache


def test_cache_round_trip_and_wal(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path)
    assert cache.get("你们好", "zh-en") is None
    cache.put("你们好", "zh-en", "你们好", "Hello all", "google")
    hit = cache.get("你们好", "zh-en")
    assert hit is not None and (hit.translation, hit.engine) == ("Hello all", "google") and hit.created > 0
    assert cache.get("你们好", "en-zh") is None, "direction is part of the key"
    mode = sqlite3.connect(tmp_path / TranslationCache.FILE_NAME).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    cache.close()


def test_a_cache_from_before_notes_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    old = sqlite3.connect(tmp_path / TranslationCache.FILE_NAME)
    old.execute("CREATE TABLE translations (key TEXT NOT NULL, direction TEXT NOT NULL, source TEXT NOT NULL, "
                "translation TEXT NOT NULL, engine TEXT NOT NULL, created REAL NOT NULL, "
                "PRIMARY KEY (key, direction)) WITHOUT ROWID")
    old.execute("INSERT INTO translations VALUES ('你们好', 'zh-en', '你们好', 'Hello all', 'google', 1.0)")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    cache = TranslationCache(tmp_path)
    assert cache.notices == [], "migrated, not moved aside as damaged"
    hit = cache.get("你们好", "zh-en")
    assert hit is not None and (hit.translation, hit.note) == ("Hello all", "")
    cache.put("yyds", "zh-en", "yyds", "the GOAT", "llm", note="yyds means the greatest of all time.")
    assert cache.get("yyds", "zh-en").note == "yyds means the greatest of all time."
    cache.close()
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_two_instances_share_the_cache(tmp_path: Path) -> None:
    first, second = TranslationCache(tmp_path), TranslationCache(tmp_path)
    first.put("a", "zh-en", "a", "A", "google")
    second.put("b", "zh-en", "b", "B", "mymemory")
    assert first.get("b", "zh-en").translation == "B"
    assert second.get("a", "zh-en").translation == "A"
    first.close()
    second.close()


def test_damaged_cache_is_moved_aside_and_rebuilt_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / TranslationCache.FILE_NAME).write_bytes(b"this is not a database" * 100)
    cache = TranslationCache(tmp_path)
    assert cache.notices and "rebuilt" in cache.notices[0]
    cache.put("a", "zh-en", "a", "A", "google")
    assert cache.get("a", "zh-en").translation == "A"
    assert list(tmp_path.glob(TranslationCache.FILE_NAME + ".corrupt-*"))
    cache.close()


def test_unusable_cache_dir_keeps_working_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")  # fails even for root
    cache = TranslationCache(blocker / "sub")
    cache.put("a", "zh-en", "a", "A", "google")
    assert cache.get("a", "zh-en").translation == "A"
    assert cache.notices and "will not be saved" in cache.notices[0]
    cache.close()


def test_history_merges_typing_and_keeps_distinct_texts(tmp_path: Path) -> None:
    history = History(tmp_path)
    history.add("这个", "", "zh", "en", "none", now=1000)
    history.add("这个博主", "This blogger", "zh", "en", "google", now=1001)
    history.add("这个博主", "This blogger", "zh", "en", "cache", now=1002)
    history.add("你好", "Hello", "zh", "en", "phrasebook", now=2000)
    assert [i.source for i in history.recent()] == ["你好", "这个博主"]
    assert [i.source for i in history.recent("blogger")] == ["这个博主"]
    assert [i.source for i in history.recent("50%")] == []
    item = history.recent("你好")[0]
    assert history.get(item.id).translation == "Hello"
    assert history.delete(item.id) and not history.delete(item.id)
    assert [i.source for i in history.recent()] == ["这个博主"]
    history.close()


def test_history_keeps_a_bounded_number_of_entries(tmp_path: Path) -> None:
    history = History(tmp_path)
    history.KEEP = 5
    for n in range(8):
        history.add(f"句子{n}号", "", "zh", "en", "none", now=1000 + n * 1000)
    assert history.count() == 5
    history.close()


def test_clearing_removes_every_trace_of_pasted_text(tmp_path: Path) -> None:
    data, cache_dir = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    (data / History.FILE_NAME).write_bytes(b"garbage garbage garbage" * 50)  # a damaged copy will be kept aside
    history, cache = History(data), TranslationCache(cache_dir)
    secret_text = "我的手机号是一三八零零一三八零零零"
    history.add(secret_text, "my phone number", "zh", "en", "google")
    cache.put(secret_text, "zh-en", secret_text, "my phone number", "google")
    cleared = clear_history_and_cache(history, cache)
    assert (cleared.history, cleared.cache, cleared.damaged_files) == (1, 1, 1)
    assert history.count() == 0 and cache.count() == 0
    history.close()
    cache.close()
    needle = secret_text.encode("utf-8")
    for path in list(data.rglob("*")) + list(cache_dir.rglob("*")):
        if path.is_file():
            assert needle not in path.read_bytes(), f"{path} still holds the pasted text"


def test_a_later_query_that_is_a_prefix_does_not_delete_the_entry(tmp_path: Path) -> None:
    history = History(tmp_path)
    history.add("我今天很高兴", "I am very happy today", "zh", "en", "google", now=1000)
    history.add("我", "I", "zh", "en", "phrasebook", now=1005)
    assert [i.source for i in history.recent()] == ["我", "我今天很高兴"]
    history.close()


def test_backspacing_leaves_one_trimmed_entry_not_one_per_key(tmp_path: Path) -> None:
    history = History(tmp_path)
    for n, text in enumerate(["我今天很高兴", "我今天很高", "我今天很", "我今天"]):
        history.add(text, f"I today very{n}", "zh", "en", "google", now=1000 + n)
    assert [i.source for i in history.recent()] == ["我今天", "我今天很高兴"]
    history.close()


def test_clearing_while_another_process_reads_says_the_text_is_still_on_disk(tmp_path: Path) -> None:
    import sqlite3

    data, cache_dir = tmp_path / "data", tmp_path / "cache"
    history, cache = History(data), TranslationCache(cache_dir)
    history.add("秘密的句子", "a secret sentence", "zh", "en", "google")
    reader = sqlite3.connect(str(history.path), isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 1  # holds its snapshot
    try:
        cleared = clear_history_and_cache(history, cache)
        assert cleared.history == 1
        assert cleared.problems and "still" in cleared.problems[0] and "open" in cleared.problems[0]
    finally:
        reader.execute("COMMIT")
        reader.close()
    again = clear_history_and_cache(history, cache)
    assert again.problems == ()
    history.close()
    cache.close()
    for path in data.rglob("*"):
        if path.is_file():
            assert "秘密的句子".encode() not in path.read_bytes()


def test_history_lists_only_what_was_translated(tmp_path: Path) -> None:
    """Issue 25 item 16: an entry an older version kept without a translation (shown as
    "→ (dictionary only)") is not listed."""
    history = History(tmp_path)
    history.add("没翻译的句子", "", "zh", "en", "none", now=1000)
    history.add("你好", "Hello", "zh", "en", "phrasebook", now=5000)
    assert [i.source for i in history.recent()] == ["你好"]
    history.close()
