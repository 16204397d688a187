"""The breakdown on everyday sentences: right cuts and the right sense on the card."""

from __future__ import annotations

from helpers.gold import score

from guide.core.content.loader import load_pack
from guide.core.storage import paths
from guide.core.translate.gloss import Glosser


def test_the_gold_set_is_broken_down_right_at_least_98_percent() -> None:
    result = score(Glosser(load_pack(paths.default_pack())))
    assert result.sentences >= 200 and result.words >= 1200
    assert result.share >= 0.98, f"{result.share:.1%} right; misses:\n" + "\n".join(result.misses)
