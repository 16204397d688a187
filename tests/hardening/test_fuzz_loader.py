"""Fuzzing the content loader: whatever bytes land in a content file, no exception escapes,
every problem has a location, and each file is handled well under a second."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from helpers.packs import FIRST_WALKTHROUGH, write_pack
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.core.content.loader import load_pack
from guide.core.content.validator import validate_pack

KEYS = ["id", "title", "summary", "minutes", "level", "tags", "requires", "app_version", "steps", "body", "screen",
        "highlight", "labels", "tip", "warning", "x", "y", "w", "h", "label", "zh", "pinyin", "en", "where", "note",
        "categories", "phrases", "walkthroughs", "app", "name", "!!python/object", "&a", "*a", "", "ü", "收藏"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.text(max_size=40),
    st.sampled_from(["../../etc/passwd", "/etc/passwd", "images/screen.svg", "javascript:alert(1)", "{{ui:收藏}}",
                     "[x](http://evil)", "<script>", "收藏", "\x00", "\ufeff", "beginner"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=6), st.dictionaries(st.sampled_from(KEYS), children, max_size=8)),
    max_leaves=40,
)

_BASE = Path(tempfile.mkdtemp(prefix="fuzz-pack-"))
_PACK = write_pack(_BASE / "pack")
TARGETS = ["walkthroughs/first.yaml", "glossary.yaml", "phrasebook.yaml", "pack.yaml"]
ORIGINALS = {t: (_PACK / t).read_bytes() for t in TARGETS}


def check_file(target: str, data: bytes) -> None:
    path = _PACK / target
    path.write_bytes(data)
    try:
        started = time.perf_counter()
        pack = load_pack(_PACK)
        elapsed = time.perf_counter() - started
        assert elapsed < 10, f"{elapsed:.2f}s for {len(data)} bytes: a hang, not noise"
        for problem in pack.problems:
            assert problem.location.line >= 1 and problem.location.column >= 1
            assert problem.location.path.is_relative_to(_PACK)
            assert problem.message
    finally:
        path.write_bytes(ORIGINALS[target])


common = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@common
@given(target=st.sampled_from(TARGETS), doc=documents)
def test_random_documents_never_crash(target: str, doc: object) -> None:
    check_file(target, yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))


@common
@given(target=st.sampled_from(TARGETS), cut=st.floats(0, 1), junk=st.binary(max_size=30), where=st.floats(0, 1),
       bom=st.booleans(), crlf=st.booleans())
def test_mutated_real_files_never_crash(target: str, cut: float, junk: bytes, where: float, bom: bool, crlf: bool) -> None:
    data = ORIGINALS[target]
    data = data[: int(len(data) * (0.3 + 0.7 * cut))]
    at = int(len(data) * where)
    data = data[:at] + junk + data[at:]
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    if bom:
        data = b"\xef\xbb\xbf" + data
    check_file(target, data)


@common
@given(text=st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n  \t,?收")), max_size=200))
def test_yaml_punctuation_soup_never_crashes(text: str) -> None:
    check_file("walkthroughs/first.yaml", text.encode("utf-8"))


CORPUS = {
    "truncated": FIRST_WALKTHROUGH[:150].encode(),
    "wrong types everywhere": b"id: [1]\ntitle: {a: b}\nsummary: 3\nminutes: many\nlevel: 7\ntags: x\nrequires: 5\napp_version: []\nsteps: {}\n",
    "steps of wrong types": b"id: first\ntitle: t\nsummary: s\nminutes: 1\nlevel: beginner\napp_version: '1'\nsteps: [1, 'two', [3], {id: []}]\n",
    "huge string": b"id: first\ntitle: " + b"x" * 900_000 + b"\n",
    "deep nesting": b"a: " + b"{b: " * 3000 + b"1" + b"}" * 3000 + b"\n",
    "deep block nesting": b"".join(b" " * i + b"k:\n" for i in range(200)),
    "anchor bomb": b"a: &a ['lol','lol']\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\n",
    "python tag": b"id: !!python/object/apply:os.system ['echo pwned']\n",
    "custom tag": b"id: !secret x\n",
    "binary": bytes(range(256)) * 4,
    "latin-1": "title: café\n".encode("latin-1"),
    "utf-16": "id: first\n".encode("utf-16"),
    "bom only": b"\xef\xbb\xbf",
    "empty": b"",
    "two documents": b"id: a\n---\nid: b\n",
    "tabs": b"id: first\n\ttitle: t\n",
    "duplicate keys": b"id: first\nid: second\n",
}


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("target", TARGETS)
def test_corpus_of_broken_files(name: str, target: str) -> None:
    path = _PACK / target
    path.write_bytes(CORPUS[name])
    try:
        started = time.perf_counter()
        pack = load_pack(_PACK)
        assert time.perf_counter() - started < 1.0
        assert pack.errors, f"{name} in {target} should be reported"
        assert any(p.location.path == path for p in pack.errors)
        _, problems = validate_pack(_PACK)  # the deeper checks must survive it too
        assert problems
    finally:
        path.write_bytes(ORIGINALS[target])


def teardown_module() -> None:
    shutil.rmtree(_BASE, ignore_errors=True)
