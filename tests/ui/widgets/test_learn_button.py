""""Learn this": keeps a card once, says so, refuses what cannot be a card, and cuts a small
picture of where a screenshot line was, off the window's thread."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.study import word
from PySide6.QtCore import QThread
from PySide6.QtGui import QColor, QImage, QPainter

import guide.ui.widgets.learn_button as learn_button
from guide.core.context import build_context
from guide.core.study.deck import Deck
from guide.ui.widgets.learn_button import KEPT, LearnButton, PictureSource, cut_picture


def test_keeps_once_and_says_so(qtbot, mini_pack: Path) -> None:  # noqa: ANN001
    context = build_context(mini_pack)
    button = LearnButton.for_context(context, key="Ctrl+L")
    qtbot.addWidget(button)
    assert not button.isEnabled() and button.toolTip() == "Nothing to keep here yet."
    button.set_draft(word())
    assert button.isEnabled() and button.text() == "Learn this" and "(Ctrl+L)" in button.toolTip()
    assert button.accessibleName() == "Learn 谢谢"
    with qtbot.waitSignal(button.kept) as kept:
        button.click()
    assert kept.args[0].zh == "谢谢" and button.text() == KEPT and button.accessibleName() == "谢谢 is in your cards"
    other = LearnButton.for_context(context)
    qtbot.addWidget(other)
    other.set_draft(word(source="screenshot"))
    assert other.text() == KEPT, "the same 汉字 met elsewhere is already a card"
    with qtbot.assertNotEmitted(other.kept):
        other.click()
    assert len(Deck(context.userdata).cards()) == 1
    Deck(context.userdata).remove(Deck(context.userdata).find("谢谢").id)
    other.hide()
    other.show()
    assert other.text() == "Learn this", "removed in Review: offered again when shown again"


def test_too_long_is_refused_with_the_reason(qtbot, mini_pack: Path) -> None:  # noqa: ANN001
    button = LearnButton.for_context(build_context(mini_pack))
    qtbot.addWidget(button)
    button.set_draft(word("好" * 200))
    assert not button.isEnabled() and "Too long for a card (200 characters" in button.toolTip()
    assert button.keep() is None


def _screenshot(path: Path) -> Path:
    image = QImage(1080, 1920, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(100, 900, 300, 60, QColor("black"))  # "the line"
    painter.end()
    image.save(str(path))
    return path


def test_a_screenshot_line_keeps_a_picture_cut_in_the_background(qtbot, mini_pack: Path, tmp_path: Path,  # noqa: ANN001
                                                                  monkeypatch) -> None:  # noqa: ANN001
    context = build_context(mini_pack)
    threads: list[QThread] = []
    real_cut = learn_button.cut_picture
    monkeypatch.setattr(learn_button, "cut_picture",
                        lambda *a, **k: threads.append(QThread.currentThread()) or real_cut(*a, **k))
    button = LearnButton.for_context(context)
    qtbot.addWidget(button)
    button.set_draft(word(source="screenshot"), PictureSource(_screenshot(tmp_path / "shot.png"), (100, 900, 300, 60)))
    card = button.keep()
    deck = Deck(context.userdata)
    qtbot.waitUntil(lambda: deck.picture_path(deck.card(card.id)) is not None, timeout=10000)
    assert threads and threads[0] != button.thread(), "never on the window's thread"
    picture = QImage(str(deck.picture_path(deck.card(card.id))))
    assert picture.width() == 360 and picture.height() == round(5 * 60 * 360 / 1080)
    assert QColor(picture.pixel(10, 10)).name() == "#ffffff"
    edge = [QColor(picture.pixel(x, picture.height() // 2)) for x in range(28, 36)]  # around x = 96 / 3
    assert any(c.red() > 200 and c.green() < 120 for c in edge), "the line is outlined in red"


def test_an_unreadable_screenshot_leaves_the_card_without_a_picture(tmp_path: Path, qapp) -> None:  # noqa: ANN001
    missing = PictureSource(tmp_path / "gone.png", (0, 0, 10, 10))
    assert cut_picture(missing, tmp_path / "cards" / "x.png") is False
    assert not (tmp_path / "cards" / "x.png").exists()


def test_a_card_picture_appears_only_whole(tmp_path: Path, qapp, monkeypatch) -> None:  # noqa: ANN001
    """The card names its picture before the picture is cut (in the background), so whoever finds
    the file (Review, the test above) must never find it half-written: it was saved in place, and
    a full run once read it while the PNG was still being written (a null image)."""
    target = tmp_path / "cards" / "x.png"
    seen: list[tuple[bool, int]] = []
    real_replace = os.replace

    def watch(source: str, destination: str) -> None:  # the moment the picture gets its name
        seen.append((Path(destination).exists(), QImage(str(source)).width()))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", watch)
    assert cut_picture(PictureSource(_screenshot(tmp_path / "shot.png"), (100, 900, 300, 60)), target)
    assert seen == [(False, 360)], "the picture must get its name only once it is whole"
    assert QImage(str(target)).width() == 360 and [p.name for p in target.parent.iterdir()] == ["x.png"]
