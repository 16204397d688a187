"""Every file the app reads that is not a pack file follows one rule: a regular file, opened so
that nothing blocks, and small where a size cap fits. Whatever is planted in its place (a FIFO,
a symlink to /dev/zero, a 2 MB file), the app starts at once, says the file was damaged and
keeps it aside; nothing hangs and nothing is read whole.

Each case runs under a deadline of its own: before this rule a FIFO hung for ever."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from guide.core.screen import reader
from guide.core.screen.ocr_client import OcrOutput, RawLine, output_to_json
from guide.core.storage import user_files
from guide.core.storage.settings import Settings, SettingsStore
from guide.core.storage.userdata import UserData
from guide.core.translate.cache import TranslationCache
from guide.core.translate.dict_index import DAMAGED_NOTICE, open_index
from guide.core.translate.history import History

PLANTED = ["fifo", "dev-zero", "two-megabytes"]


def plant(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b"{" + b" " * (2 * 1024 * 1024) + b"}")


def kept_aside(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.glob(f"{name}.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", PLANTED)
def test_settings_file_that_is_not_a_small_regular_file(tmp_path: Path, kind: str) -> None:
    plant(tmp_path / "settings.json", kind)
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()
    assert any("damaged" in n and "kept as settings.json.corrupt-" in n for n in store.notices), store.notices
    assert len(kept_aside(tmp_path, "settings.json")) == 1 and not os.path.lexists(tmp_path / "settings.json")


STORES: dict[str, tuple[str, Callable[[Path], object]]] = {
    "progress and favourites": (UserData.FILE_NAME, lambda d: UserData("p", d)),
    "history": (History.FILE_NAME, History),
    "translation cache": (TranslationCache.FILE_NAME, TranslationCache),
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
@pytest.mark.parametrize("store", list(STORES))
def test_history_database_that_is_not_a_regular_file(tmp_path: Path, store: str, kind: str) -> None:
    """SQLite would block opening a FIFO: it is moved aside and a fresh database made, with a notice."""
    name, make = STORES[store]
    plant(tmp_path / name, kind)
    opened = make(tmp_path)
    try:
        assert any("damaged" in n and f"kept as {name}.corrupt-" in n for n in opened.notices), opened.notices
        assert (tmp_path / name).is_file() and len(kept_aside(tmp_path, name)) == 1
    finally:
        opened.close()


@pytest.mark.timeout(30)
def test_a_fifo_beside_a_database_as_its_wal_file(tmp_path: Path) -> None:
    History(tmp_path).close()
    (tmp_path / (History.FILE_NAME + "-wal")).unlink(missing_ok=True)
    plant(tmp_path / (History.FILE_NAME + "-wal"), "fifo")
    history = History(tmp_path)
    try:
        assert any("damaged" in n and "kept as" in n for n in history.notices), history.notices
        assert history.add("你好", "hello", "zh", "en", "test") is not None
    finally:
        history.close()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_dictionary_index_that_is_not_a_regular_file_is_rebuilt(tmp_path: Path, kind: str) -> None:
    source = tmp_path / "cedict.txt.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write("新 新 [xin1] /new/\n")
    index = tmp_path / "index.sqlite3"
    plant(index, kind)
    opened, notice = open_index(index, source)
    assert notice == DAMAGED_NOTICE and opened.lookup("新")[0].senses == ("new",)
    assert index.is_file() and not index.is_symlink()
    opened.close()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", PLANTED)
def test_kept_ocr_result_that_is_not_a_small_regular_file_is_read_again(tmp_path: Path, kind: str) -> None:
    picture = tmp_path / "shot.png"
    picture.write_bytes(b"picture")
    kept = tmp_path / "shot.png.ocr.json"
    box = ((1.0, 1.0), (9.0, 1.0), (9.0, 5.0), (1.0, 5.0))
    if kind == "two-megabytes":  # a record for this very picture, but far larger than OCR ever writes
        huge = OcrOutput(10, 10, [RawLine("字" * 40, box, 0.9)] * 20_000)
        kept.write_text(json.dumps({"picture": reader._fingerprint(picture), **output_to_json(huge)}))
        assert kept.stat().st_size > 2 * 1024 * 1024
    else:
        plant(kept, kind)
    assert reader._load_output(kept, picture) is None
    reader._save_output(kept, picture, OcrOutput(10, 10, [RawLine("收藏", box, 0.9)]))
    assert kept.is_file() and not kept.is_symlink(), "what was in its place is replaced, not written into"
    assert [line.text for line in reader._load_output(kept, picture).lines] == ["收藏"]


def test_read_regular_says_what_the_file_is(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    (tmp_path / "big").write_bytes(b"x" * 3000)
    reasons = {}
    for name in ("pipe", "folder", "big"):
        with pytest.raises(user_files.UnusableFile) as caught:
            user_files.read_regular(tmp_path / name, limit=2048)
        reasons[name] = caught.value.reason
    assert reasons == {"pipe": "it is a pipe (FIFO), not a regular file", "folder": "it is a folder, not a regular file",
                       "big": "it is 3 KiB; the limit is 2 KiB"}
    with pytest.raises(FileNotFoundError):
        user_files.read_regular(tmp_path / "missing")
