"""Step bodies: every check is linear in the body's length, and an overlong body is refused
with a message at its line (a body of 20,000 `[` took 7 s to load)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.packs import write_pack

from guide.core.content import markdown_links
from guide.core.content.loader import load_pack
from guide.core.study.search import plain_text

HOSTILE = ["[", "![", "{{ui:", "{{ui:a ", "<a:", "](", "[a](", "<a ", "[x]: "]


def _all_checks(body: str) -> None:
    markdown_links.check_body(body)
    markdown_links.ui_labels(body)
    markdown_links.links(body)
    plain_text(body)


def _cpu(work: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("unit", HOSTILE)
def test_body_checks_are_linear(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """4× the body must cost about 4× (quadratic: 16×); a ratio, never a time limit."""
    monkeypatch.setattr(markdown_links, "MAX_BODY_CHARS", 10**7, raising=False)
    n = 8000 // len(unit) * 2
    small = _cpu(lambda: _all_checks(unit * n))
    large = _cpu(lambda: _all_checks(unit * (4 * n)))
    assert large / max(small, 1e-4) < 8, f"{unit!r}: {small:.4f}s vs {large:.4f}s"


def test_overlong_body_is_an_error_at_its_line(tmp_path: Path) -> None:
    body = "[" * 20000
    pack_dir = write_pack(tmp_path / "p", walkthroughs={"first": f"""\
        id: first
        title: First
        summary: s
        minutes: 1
        level: beginner
        app_version: "8.0"
        steps:
          - id: one
            title: One
            body: "{body}"
        """})
    pack = load_pack(pack_dir)
    assert pack.walkthroughs == ()
    [problem] = [p for p in pack.errors if "characters" in p.message]
    assert "limit is 4,000" in problem.message and problem.location.line == 10


def test_ui_labels_keep_their_meaning() -> None:
    body = "Tap {{ui:收藏}} then {{ ui: 发布 }} and {{ui:a b}}."
    assert [label for _, label in markdown_links.ui_labels(body)] == ["收藏", "发布", "a b"]
    assert "收藏" in plain_text(body) and "[" not in plain_text("[see](https://x.org/a_(b)) it")
