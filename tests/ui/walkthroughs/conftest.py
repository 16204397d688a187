"""The bundled pack with its own user dirs, shared by a module's tests.

A module-scoped fixture runs before the function-scoped `isolated_dirs` of tests/conftest.py,
so building the context there would read and write the real user's progress file; this one
points XDG_* at a temporary folder first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from guide.core.context import AppContext, build_context


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    base = tmp_path_factory.mktemp("bundled-xdg")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("config", "data", "cache"):
            (base / name).mkdir()
            patch.setenv(f"XDG_{name.upper()}_HOME", str(base / name))
        context = build_context(None)
        yield context
        context.userdata.close()
