"""The content records compare, hash and print exactly as frozen dataclasses would (their
methods come from one shared base, to start faster), and stay immutable."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from helpers.packs import search_pack

from guide.core.content import model
from guide.core.content.loader import load_pack

RECORDS = [cls for cls in vars(model).values()
           if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__]


def _as_plain_dataclass(obj: object) -> object:
    """The same values in a genuine @dataclass(frozen=True) with the same fields."""
    cls = type(obj)
    twin = dataclasses.make_dataclass(cls.__name__, [(f.name, object, dataclasses.field(compare=f.compare, repr=f.repr))
                                                     for f in dataclasses.fields(cls)], frozen=True)
    twin.__qualname__ = cls.__qualname__
    return twin(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(cls)})


def _every_record(pack: model.Pack) -> list[object]:
    found: list[object] = []

    def walk(value: object) -> None:
        if dataclasses.is_dataclass(value):
            found.append(value)
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(pack)
    return found


def test_all_thirteen_records_share_the_base() -> None:
    assert len(RECORDS) == 13
    assert all(issubclass(cls, model._Record) for cls in RECORDS)


def test_every_record_of_a_real_pack_prints_and_hashes_as_a_dataclass(tmp_path: Path) -> None:
    pack = load_pack(search_pack(tmp_path))
    records = _every_record(pack)
    assert {type(r) for r in records} >= {model.Pack, model.Walkthrough, model.Step, model.Phrase, model.GlossaryEntry}
    for record in records:
        if isinstance(record, model.Pack):
            continue  # its fields hold the others; the Pack itself is checked below
        twin = _as_plain_dataclass(record)
        assert repr(record) == repr(twin)
        assert hash(record) == hash(twin)


def test_equality_leaves_out_where_a_thing_was_written_and_needs_the_same_class() -> None:
    here, there = model.Location(Path("a.yaml"), 1, 1), model.Location(Path("b.yaml"), 9, 9)
    step = model.Step("s", "Title", "Body", location=here)
    moved = model.Step("s", "Title", "Body", location=there)
    assert step == moved and hash(step) == hash(moved)  # location is compare=False
    assert step != model.Step("s", "Title", "Other body", location=here)
    assert model.GlossaryEntry("首页", "shǒuyè", "Home") != model.Place("首页", "shǒuyè", "Home", "province")
    assert (model.AppInfo("a", "b", "c") == ("a", "b", "c")) is False
    assert len({step, moved, model.Step("t", "Title", "Body")}) == 2


def test_records_cannot_be_changed() -> None:
    phrase = model.Phrase("hello", "你好", "nǐ hǎo", "greetings")
    with pytest.raises(dataclasses.FrozenInstanceError):
        phrase.zh = "您好"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del phrase.en
