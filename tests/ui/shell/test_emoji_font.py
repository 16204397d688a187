"""Issue 25 item 16: without an emoji font 🔥 and friends show as empty boxes and nothing says
why; the app says so, and what to install, as it does for a missing Chinese font."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase

from guide.core.context import build_context
from guide.core.fonts import emoji_font_advice
from guide.ui.shell.main_window import MainWindow


def test_emoji_font_advice() -> None:
    assert emoji_font_advice(["DejaVu Sans", "Noto Color Emoji"]) is None
    assert emoji_font_advice(["Segoe UI", "Segoe UI Emoji"], platform="win32") is None
    assert emoji_font_advice(["Some Emoji Font"]) is None, "any family named …Emoji… draws them"
    advice = emoji_font_advice(["DejaVu Sans", "Noto Sans CJK SC"], platform="linux")
    assert advice is not None and "fonts-noto-color-emoji" in advice and "boxes" in advice


@pytest.mark.parametrize(("families", "told"), [(["DejaVu Sans", "Noto Sans CJK SC"], True),
                                                 (["DejaVu Sans", "Noto Sans CJK SC", "Noto Color Emoji"], False)])
def test_the_window_tells_when_no_font_draws_emoji(qtbot, mini_pack: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                                   families: list[str], told: bool) -> None:
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *_system: families))
    window = MainWindow(build_context(mini_pack))
    qtbot.addWidget(window)
    notices = " ".join(window.notices.messages)
    assert ("emoji" in notices) == told, notices
