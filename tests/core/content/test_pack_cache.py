"""The parsed-pack cache: used only when nothing it was made from has changed, and never
trusted: whatever is wrong with its file, the app gets exactly what loading the YAML gives."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from helpers.packs import GLOSSARY, write_pack

from guide.core.content import pack_cache
from guide.core.content.loader import load_pack
from guide.core.content.model import Pack


class LoadCounter:
    """Counts the loads from YAML that load_pack_cached falls back to."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = pack_cache._load

        def counting(root: Path) -> Pack:
            self.count += 1
            return real(root)

        monkeypatch.setattr(pack_cache, "_load", counting)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> LoadCounter:
    return LoadCounter(monkeypatch)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def only_cache_file(cache_dir: Path) -> Path:
    [path] = (cache_dir / "packs").iterdir()
    return path


def rewrite(path: Path, document: dict) -> None:
    """A forged cache file: well-formed, with a checksum that matches."""
    body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    path.write_bytes(pack_cache.MAGIC + b" %d %08x\n" % (pack_cache.FORMAT, zlib.crc32(body)) + body)


def read_document(path: Path) -> dict:
    return json.loads(path.read_bytes().partition(b"\n")[2])


def every_field(value: Any) -> Any:
    """A model value as nested (type, fields) with every value's exact type, the fields that
    `==` skips (locations, sources) included."""
    if dataclasses.is_dataclass(value):
        return type(value), [(f.name, every_field(getattr(value, f.name))) for f in dataclasses.fields(value)]
    if type(value) is tuple:
        return tuple, [every_field(item) for item in value]
    return type(value), value


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(mini_pack: Path, cache_dir: Path, loads: LoadCounter) -> None:
    first = pack_cache.load_pack_cached(mini_pack, cache_dir)
    second = pack_cache.load_pack_cached(mini_pack, cache_dir)
    assert loads.count == 1, "the second start parsed the YAML again"
    assert first == second == load_pack(mini_pack)
    screen = second.walkthrough("first").steps[0].screen
    assert screen == load_pack(mini_pack).walkthrough("first").steps[0].screen and screen.is_file()
    assert [s.location for s in second.walkthrough("first").steps] == [s.location for s in first.walkthrough("first").steps]
    assert every_field(second) == every_field(first)


def test_the_bundled_pack_round_trips_exactly(cache_dir: Path, loads: LoadCounter) -> None:
    from guide.core.storage import paths

    root = paths.default_pack()
    pack_cache.load_pack_cached(root, cache_dir)
    cached = pack_cache.load_pack_cached(root, cache_dir)
    fresh = load_pack(root)
    assert loads.count == 1
    assert cached == fresh
    assert [t.location for t in cached.templates] == [t.location for t in fresh.templates]
    assert [p.location for p in cached.places] == [p.location for p in fresh.places]
    assert every_field(cached) == every_field(fresh), "a value or its type differs (a str for a Path, a list for a tuple)"


def test_a_less_than_sign_that_opens_no_tag_keeps_the_cache(tmp_path: Path, cache_dir: Path, loads: LoadCounter) -> None:
    """Text is searched for HTML only when it holds a "<": one that starts no tag is shown from the cache."""
    root = write_pack(tmp_path / "p", glossary=GLOSSARY.replace("Saves matter more than likes.",
                                                                "Swipe < to go back, tap <3 to like"))
    fresh = load_pack(root)
    assert not fresh.problems and "<" in fresh.label("收藏").note
    pack_cache.load_pack_cached(root, cache_dir)
    assert pack_cache.load_pack_cached(root, cache_dir) == fresh and loads.count == 1


def test_a_pack_with_problems_keeps_them(tmp_path: Path, cache_dir: Path, loads: LoadCounter) -> None:
    broken = write_pack(tmp_path / "p", glossary="labels:\n  - zh: 发布\n    pinyin: fābù\n    en: <b>Post</b>\n")
    fresh = load_pack(broken)
    assert fresh.problems, "the fixture must have problems"
    pack_cache.load_pack_cached(broken, cache_dir)
    assert pack_cache.load_pack_cached(broken, cache_dir) == fresh and loads.count == 1


def test_every_model_field_has_a_place_in_the_cache() -> None:
    assert pack_cache._fields_match(), "a model field was added without a codec in pack_cache"


# -- rebuilt when anything it was made from changes ---------------------------------------------


def _same_size_edit(root: Path) -> None:
    glossary = root / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("en: Post", "en: Pist"), encoding="utf-8")


def _size_edit_mtime_kept(root: Path) -> None:
    glossary = root / "glossary.yaml"
    before = glossary.stat()
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("en: Post", "en: Posts"), encoding="utf-8")
    os.utime(glossary, ns=(before.st_atime_ns, before.st_mtime_ns))


def _touched(root: Path) -> None:
    info = (root / "phrasebook.yaml").stat()
    os.utime(root / "phrasebook.yaml", ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def _image_removed(root: Path) -> None:
    (root / "images" / "screen.svg").unlink()


def _walkthrough_added(root: Path) -> None:
    (root / "walkthroughs" / "third.yaml").write_text("id: third\n", encoding="utf-8")


@pytest.mark.parametrize("change", [_same_size_edit, _size_edit_mtime_kept, _touched, _image_removed, _walkthrough_added],
                         ids=lambda f: f.__name__.strip("_"))
def test_any_change_in_the_pack_means_a_fresh_load(change, mini_pack: Path, cache_dir: Path, loads: LoadCounter) -> None:
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    change(mini_pack)
    after = pack_cache.load_pack_cached(mini_pack, cache_dir)
    assert loads.count == 2
    assert after == load_pack(mini_pack)
    assert pack_cache.load_pack_cached(mini_pack, cache_dir) == after and loads.count == 2, "the new cache is used"


def test_edited_text_shows_at_once(mini_pack: Path, cache_dir: Path) -> None:
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    _size_edit_mtime_kept(mini_pack)
    assert pack_cache.load_pack_cached(mini_pack, cache_dir).label("发布").en == "Posts"


def test_a_new_app_version_means_a_fresh_load(mini_pack: Path, cache_dir: Path, loads: LoadCounter,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    monkeypatch.setattr(pack_cache, "__version__", "99.0")
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    assert loads.count == 2


def test_a_changed_loader_means_a_fresh_load(mini_pack: Path, cache_dir: Path, loads: LoadCounter,
                                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """During development the version stays while the loader changes: its source is in the key."""
    code = tmp_path / "code"
    code.mkdir()
    (code / "loader.py").write_text("# v1\n")
    monkeypatch.setattr(pack_cache, "_CODE_DIR", code)
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    (code / "loader.py").write_text("# v2, longer\n")
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    assert loads.count == 2


def test_the_same_pack_under_another_name_is_loaded_for_that_name(mini_pack: Path, cache_dir: Path, tmp_path: Path) -> None:
    """Locations are where the user pointed (`--pack ./p` or an absolute path), as a fresh load has them."""
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    relative = Path(os.path.relpath(mini_pack))
    assert pack_cache.load_pack_cached(relative, cache_dir) == load_pack(relative)


# -- damaged or forged cache files --------------------------------------------------------------


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    index = data.index("Post".encode()) + 1
    data[index] ^= 0x01  # "Post" → "Pnst": still valid JSON
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(5000))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _deep_json(path: Path) -> None:
    rewrite(path, {"key": read_document(path)["key"], "pack": json.loads("[" * 50 + "]" * 50)})
    body = b"[" * 100_000 + b"]" * 100_000  # deeper than json can nest
    path.write_bytes(pack_cache.MAGIC + b" %d %08x\n" % (pack_cache.FORMAT, zlib.crc32(body)) + body)


def _wrong_types(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][3] = "3"  # minutes as text
    rewrite(path, document)


def _fields_missing(path: Path) -> None:
    document = read_document(path)
    document["pack"][5][0] = document["pack"][5][0][:2]
    rewrite(path, document)


def _screen_outside_the_pack(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][0][3] = "../../../../etc/passwd"
    rewrite(path, document)


def _screen_not_in_the_pack(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][0][3] = "images/missing.svg"
    rewrite(path, document)


def _html_in_a_label(path: Path) -> None:
    document = read_document(path)
    document["pack"][5][0][2] = '<img src="/home/user/secret.png">'
    rewrite(path, document)


def _unsafe_link_in_a_body(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][0][2] = "Tap [here](file:///etc/passwd)"
    rewrite(path, document)


def _bad_severity(path: Path) -> None:
    document = read_document(path)
    document["pack"][7] = [[["pack.yaml", 1, 1], "fatal", "x"]]
    rewrite(path, document)


def _problem_path_leaves_the_pack(path: Path) -> None:
    document = read_document(path)
    document["pack"][7] = [[["../outside.yaml", 1, 1], "error", "x"]]
    rewrite(path, document)


def _screen_named_where_a_problem_is(path: Path) -> None:
    """A location may name any path inside the pack; a screen only a file that is there, even
    one named after a location already read."""
    document = read_document(path)
    document["pack"][7] = [[["images/missing.svg", 1, 1], "error", "x"]]
    document["pack"][4][0][5][0][8] = ["images/missing.svg", 1, 1]  # the first step's location
    document["pack"][4][0][5][2][3] = "images/missing.svg"  # the third step's screen, after two good ones
    rewrite(path, document)


def _text_missing_in_one_phrase(path: Path) -> None:
    document = read_document(path)
    document["pack"][6][1][2][0][1] = None  # one phrase's zh, among good ones
    rewrite(path, document)


def _true_as_a_line_number(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][1][8][1] = True  # JSON true is not a number
    rewrite(path, document)


def _whole_number_as_a_fraction(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][0][4][0][0] = 0  # a highlight's x
    rewrite(path, document)


def _text_where_a_list_belongs(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][6] = "start"  # the tags of a walkthrough
    rewrite(path, document)


def _list_in_a_list_of_labels(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][1][5] = [["收藏"]]
    rewrite(path, document)


def _one_record_too_long(path: Path) -> None:
    document = read_document(path)
    document["pack"][6][1][2][0].append("extra")
    rewrite(path, document)


def _html_in_a_phrase_tag(path: Path) -> None:
    document = read_document(path)
    document["pack"][6][0][2][1][6] = ["greeting", "<b>hi</b>"]
    rewrite(path, document)


def _html_in_a_highlight_label(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][0][4][0][4] = '<img src="/home/user/secret.png">'
    rewrite(path, document)


def _html_in_a_tip(path: Path) -> None:
    document = read_document(path)
    document["pack"][4][0][5][1][6] = "<a href='file:///etc/passwd'>tap</a>"  # the second step had no tip
    rewrite(path, document)


DAMAGE = [_truncate, _flip_a_byte, _garbage, _empty, _a_folder, _deep_json, _wrong_types, _fields_missing,
          _screen_outside_the_pack, _screen_not_in_the_pack, _html_in_a_label, _unsafe_link_in_a_body,
          _bad_severity, _problem_path_leaves_the_pack, _screen_named_where_a_problem_is, _text_missing_in_one_phrase,
          _true_as_a_line_number, _whole_number_as_a_fraction, _text_where_a_list_belongs, _list_in_a_list_of_labels,
          _one_record_too_long, _html_in_a_phrase_tag, _html_in_a_highlight_label, _html_in_a_tip]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_a_damaged_or_forged_cache_is_rebuilt_and_never_shown(damage, mini_pack: Path, cache_dir: Path,
                                                              loads: LoadCounter, caplog: pytest.LogCaptureFixture) -> None:
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    path = only_cache_file(cache_dir)
    damage(path)
    pack = pack_cache.load_pack_cached(mini_pack, cache_dir)
    assert loads.count == 2, "the damaged file was used"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], "refused by a crash the last resort caught, not by a check"
    assert pack == load_pack(mini_pack)
    if path.is_file():  # rewritten whole, and used from then on
        assert pack_cache.load_pack_cached(mini_pack, cache_dir) == pack and loads.count == 2


def test_a_cache_file_made_for_another_pack_is_not_used(tmp_path: Path, cache_dir: Path, loads: LoadCounter) -> None:
    one = write_pack(tmp_path / "one")
    other = write_pack(tmp_path / "other", pack_id="other")
    pack_cache.load_pack_cached(one, cache_dir)
    pack_cache.load_pack_cached(other, cache_dir)
    files = sorted((cache_dir / "packs").iterdir())
    assert len(files) == 2
    a, b = files
    a.write_bytes(b.read_bytes())  # one pack's file copied over the other's
    assert pack_cache.load_pack_cached(one, cache_dir).id == "mini"
    assert pack_cache.load_pack_cached(other, cache_dir).id == "other"


# -- where it cannot or must not be used ---------------------------------------------------------


def _replace_fails(src: object, dst: object) -> None:
    raise PermissionError(30, "Read-only file system")


@pytest.mark.parametrize("how", ["cache dir is a file", "read-only file system"])
def test_an_unwritable_cache_dir_still_loads_the_pack(how: str, mini_pack: Path, cache_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "cache dir is a file":
        cache_dir.write_text("not a folder")
    else:
        monkeypatch.setattr(pack_cache.os, "replace", _replace_fails)
    for _ in range(2):
        assert pack_cache.load_pack_cached(mini_pack, cache_dir) == load_pack(mini_pack)
    if how == "read-only file system":
        assert not any(p.name.endswith(".tmp") for p in (cache_dir / "packs").iterdir()), "temporary file left behind"


def test_a_read_only_cache_dir_with_a_good_file_is_still_read(mini_pack: Path, cache_dir: Path, loads: LoadCounter) -> None:
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    for path in (cache_dir, cache_dir / "packs", only_cache_file(cache_dir)):
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert pack_cache.load_pack_cached(mini_pack, cache_dir) == load_pack(mini_pack)
        assert loads.count == 1
    finally:
        for path in (cache_dir, cache_dir / "packs"):
            path.chmod(0o755)


def test_a_pack_holding_a_symbolic_link_is_never_cached(mini_pack: Path, cache_dir: Path, loads: LoadCounter) -> None:
    """What a link points to can change without anything in the pack changing."""
    (mini_pack / "images" / "alias.svg").symlink_to(mini_pack / "images" / "screen.svg")
    for _ in range(2):
        assert pack_cache.load_pack_cached(mini_pack, cache_dir) == load_pack(mini_pack)
    assert loads.count == 2 and not (cache_dir / "packs").exists()


def test_a_missing_pack_folder_is_reported_as_a_load_does(tmp_path: Path, cache_dir: Path) -> None:
    missing = tmp_path / "nowhere"
    assert pack_cache.load_pack_cached(missing, cache_dir) == load_pack(missing)


def test_validate_never_reads_the_cache(tmp_path: Path, isolated_dirs: dict[str, Path]) -> None:
    """A cache file claiming a broken pack is clean does not hide the pack's errors from validate."""
    root = write_pack(tmp_path / "p", glossary="labels:\n  - zh: 发布\n    pinyin: fābù\n    en: <b>Post</b>\n")
    cache_dir = isolated_dirs["cache"] / "rednote-guide"
    assert load_pack(root).errors
    pack_cache.load_pack_cached(root, cache_dir)
    path = only_cache_file(cache_dir)
    document = read_document(path)
    document["pack"][7] = []  # no problems
    rewrite(path, document)
    assert pack_cache.load_pack_cached(root, cache_dir).problems == (), "premise: the forged file is one the app takes"
    result = subprocess.run([sys.executable, "-m", "guide", "validate", str(root)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "HTML '<b>" in result.stdout and "is not allowed" in result.stdout, result.stdout + result.stderr


def test_the_app_reads_the_cache_without_importing_the_yaml_parser(mini_pack: Path) -> None:
    """What makes the cache worth having: a start with it parses no YAML at all."""
    code = ("import sys; from pathlib import Path; from guide.core.context import build_context; "
            "c = build_context(Path(sys.argv[1])); print(c.pack.walkthroughs[0].id, 'yaml' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code, str(mini_pack)], capture_output=True, text=True, timeout=120)
            for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [["first", "True"], ["first", "False"]], [r.stderr[-800:] for r in runs]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_cache_file_others_could_write_is_not_used(mini_pack: Path, cache_dir: Path, loads: LoadCounter) -> None:
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    path = only_cache_file(cache_dir)
    assert path.stat().st_mode & 0o077 == 0, "written for the user alone"
    path.chmod(0o666)
    assert pack_cache.load_pack_cached(mini_pack, cache_dir) == load_pack(mini_pack)
    assert loads.count == 2


def test_a_cache_file_that_is_a_link_is_not_followed(mini_pack: Path, cache_dir: Path, loads: LoadCounter,
                                                     tmp_path: Path) -> None:
    pack_cache.load_pack_cached(mini_pack, cache_dir)
    path = only_cache_file(cache_dir)
    elsewhere = tmp_path / "elsewhere.json"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert pack_cache.load_pack_cached(mini_pack, cache_dir) == load_pack(mini_pack)
    assert loads.count == 2 and not path.is_symlink(), "replaced by a file of its own"
