"""The portal exchange over a real (private) D-Bus session bus against a fake portal: the answer
is heard even when it comes before the call returns, on the path the token implies or on another
one (portals older than 0.9), and every failure ends with a message instead of a hang."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.fake_portal import FakePortal

from guide.core.capture.portal_client import take_screenshot

pytestmark = pytest.mark.skipif(shutil.which("dbus-run-session") is None,
                                reason="needs dbus-run-session (apt-get install dbus)")


@pytest.fixture
def start(tmp_path: Path) -> Iterator:  # noqa: ANN201
    portals: list[FakePortal] = []
    source = tmp_path / "shown.png"
    source.write_bytes(b"\x89PNG not decoded here")
    saved = tmp_path / "My Pictures"
    saved.mkdir()

    def start_portal(mode: str, **kwargs: int) -> FakePortal:
        fake = FakePortal(tmp_path, mode, image=source, save_dir=saved, **kwargs)
        portals.append(fake)
        return fake

    yield start_portal
    for fake in portals:
        fake.stop()


@pytest.mark.parametrize("mode", ["ok", "wrong-handle"])
def test_the_answer_arrives_even_on_a_path_the_portal_chose(start, mode: str) -> None:  # noqa: ANN001
    fake = start(mode)
    outcome = take_screenshot(address=fake.address, timeout_s=30)
    assert outcome.ok, outcome
    assert outcome.path is not None and outcome.path.parent.name == "My Pictures" and outcome.path.is_file()
    assert outcome.called_at > 0
    (call,) = fake.calls()
    options = call["options"]
    assert options["interactive"] == {"type": "b", "value": True}
    assert options["target"] == {"type": "u", "value": 4}  # the area, typed as the spec says
    assert options["handle_token"]["value"].startswith("rednote_guide_")


def test_no_area_target_for_a_portal_that_does_not_offer_it(start) -> None:  # noqa: ANN001
    fake = start("ok", version=2, targets=0)
    assert take_screenshot(address=fake.address, timeout_s=30).ok
    assert "target" not in fake.calls()[0]["options"]


@pytest.mark.parametrize(("mode", "kind", "words"), [
    ("cancel", "cancelled", "cancelled"),
    ("ended", "ended", "closed without a picture"),
    ("silent", "no_answer", "did not answer within 1 seconds"),
    ("none", "no_portal", "no screenshot service"),
])
def test_every_failure_is_an_outcome_with_a_message(start, mode: str, kind: str, words: str) -> None:  # noqa: ANN001
    fake = start(mode)
    outcome = take_screenshot(address=fake.address, timeout_s=1.0)
    assert outcome.kind == kind and words in outcome.message and outcome.path is None


def test_no_session_bus_at_all_is_no_portal(tmp_path: Path) -> None:
    outcome = take_screenshot(address=f"unix:path={tmp_path / 'nobody-listens'}", timeout_s=1.0)
    assert outcome.kind == "no_portal"
