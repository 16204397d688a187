"""The bundled RedNote pack as content tests read it: strictly validated once, then looked up by id."""

from __future__ import annotations

from functools import lru_cache

from guide.core.content.model import Pack, Step, Walkthrough
from guide.core.content.validator import validate_pack
from guide.core.storage import paths


@lru_cache(maxsize=1)
def pack() -> Pack:
    checked, problems = validate_pack(paths.content_root() / "rednote", strict=True)
    assert [str(p) for p in problems] == []
    return checked


def walkthrough(walkthrough_id: str) -> Walkthrough:
    [found] = [w for w in pack().walkthroughs if w.id == walkthrough_id]
    return found


def step(walkthrough_id: str, step_id: str) -> Step:
    [found] = [s for s in walkthrough(walkthrough_id).steps if s.id == step_id]
    return found
