"""Fixtures for translator tests: a pack with slang and a Translator wired to stores in the
test's own dirs (fake servers and the in-memory keyring come from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.packs import slang_pack

from guide.core.content.loader import load_pack
from guide.core.content.model import Pack
from guide.core.translate.cache import TranslationCache
from guide.core.translate.history import History
from guide.core.translate.pipeline import Translator


@pytest.fixture(scope="session")
def slang(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    pack = load_pack(slang_pack(tmp_path_factory.mktemp("slang") / "pack"))
    assert not pack.errors, pack.errors
    return pack


@pytest.fixture
def make_translator(slang: Pack, tmp_path: Path) -> Iterator[Callable[..., Translator]]:
    made: list[Translator] = []

    def make(pack: Pack | None = slang) -> Translator:
        translator = Translator(pack, TranslationCache(tmp_path / "cache"), History(tmp_path / "data"))
        made.append(translator)
        return translator

    yield make
    for translator in made:
        translator.close()


@pytest.fixture
def translator(make_translator: Callable[..., Translator]) -> Translator:
    return make_translator()

