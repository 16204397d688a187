"""The portal exchange without a bus: the request path a client must listen on before calling,
the options (the area target only where offered), and what each Response means."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.core.capture import portal


def test_request_path_is_the_unique_name_without_colon_and_dots() -> None:
    assert portal.request_path(":1.42", "rednote_guide_ab12") == \
        "/org/freedesktop/portal/desktop/request/1_42/rednote_guide_ab12"
    assert portal.request_namespace(":1.42") == "/org/freedesktop/portal/desktop/request/1_42"


def test_tokens_are_fresh_and_valid_in_an_object_path() -> None:
    tokens = {portal.new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(t.replace("_", "").isalnum() and t.isascii() for t in tokens)


@pytest.mark.parametrize(("version", "targets", "asked"), [
    (2, 0, None),  # no `target` option before version 3: an old portal would refuse the call
    (3, 1 | 2, None),  # version 3 without the area target on offer
    (3, 1 | 2 | 4 | 8, ("u", 4)),
    (4, 4, ("u", 4)),
])
def test_the_area_target_only_when_offered(version: int, targets: int, asked: tuple | None) -> None:
    options = portal.screenshot_options("tok", version, targets)
    assert options["handle_token"] == ("s", "tok") and options["interactive"] == ("b", True)
    assert options.get("target") == asked


@pytest.mark.parametrize(("uri", "path"), [
    ("file:///home/ann/Pictures/Screenshot%20from%202026-05-01%2010-00-00.png",
     "/home/ann/Pictures/Screenshot from 2026-05-01 10-00-00.png"),
    ("file:///home/ann/%E5%9B%BE%E7%89%87/%E6%88%AA%E5%9B%BE.png", "/home/ann/图片/截图.png"),  # a Chinese Pictures dir
    ("file://localhost/run/user/1000/doc/ab12/Screenshot.png", "/run/user/1000/doc/ab12/Screenshot.png"),
    ("file:///tmp/100%25%20sure.png", "/tmp/100% sure.png"),
])
def test_percent_encoded_file_uris_become_paths(uri: str, path: str) -> None:
    assert portal.uri_to_path(uri) == Path(path)


@pytest.mark.parametrize("uri", ["https://example.com/a.png", "file://otherhost/a.png", "/tmp/a.png", "file:relative.png"])
def test_anything_but_a_local_file_uri_is_refused(uri: str) -> None:
    with pytest.raises(ValueError):
        portal.uri_to_path(uri)


def test_response_codes() -> None:
    ok = portal.parse_response(0, {"uri": "file:///tmp/shot%201.png"})
    assert ok.ok and ok.path == Path("/tmp/shot 1.png")
    cancelled = portal.parse_response(1, {})
    assert cancelled.kind == "cancelled" and "cancelled" in cancelled.message
    ended = portal.parse_response(2, {"uri": "file:///tmp/ignored.png"})
    assert ended.kind == "ended" and ended.path is None and "without a picture" in ended.message


@pytest.mark.parametrize("results", [{}, {"uri": ""}, {"uri": 5}, {"uri": "https://example.com/x.png"}])
def test_success_without_a_usable_uri_is_a_bad_answer(results: dict) -> None:
    outcome = portal.parse_response(0, results)
    assert outcome.kind == "bad_answer" and not outcome.ok and outcome.message


def test_only_a_file_written_for_this_request_is_deleted() -> None:
    assert portal.is_ours_to_delete(called_at=1000.0, modified_at=1003.5)
    assert portal.is_ours_to_delete(called_at=1000.0, modified_at=999.0)  # coarse file system times
    assert not portal.is_ours_to_delete(called_at=1000.0, modified_at=400.0)  # the user's own older file
