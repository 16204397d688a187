"""A time limit from a settings file is brought into range with a notice (Infinity used to
overflow a wait; 1e9 meant no deadline at all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.fake_server import FakeServer

from guide.core.storage.settings import SettingsStore
from guide.core.translate import deadline


@pytest.mark.parametrize("raw,expected", [("Infinity", 120.0), ("1e9", 120.0), ("0.001", 1.0), ("12", 12.0)])
def test_timeout_in_the_settings_file_is_clamped_with_a_notice(tmp_path: Path, raw: str, expected: float) -> None:
    (tmp_path / "settings.json").write_text('{"timeout_seconds": %s}' % raw, encoding="utf-8")
    store = SettingsStore(tmp_path)
    assert store.load().timeout_seconds == expected
    if expected != float(raw):
        assert store.notices and "timeout_seconds" in store.notices[0] and "using" in store.notices[0]
    else:
        assert store.notices == []


def test_a_deadline_of_infinity_still_returns(server: FakeServer) -> None:
    import requests

    outcome = deadline.run_with_deadline(lambda: requests.get(server.root + "/m?q=x&tl=en").status_code, float("inf"))
    assert outcome.value == 200 and outcome.error is None


def test_the_cli_refuses_a_timeout_out_of_range(capsys) -> None:  # noqa: ANN001
    from guide.cli import main

    assert main(["translate", "--timeout", "inf", "--offline", "你好"]) == 2
    assert "--timeout" in capsys.readouterr().err
