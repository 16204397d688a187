"""What the Translator page says about an answer and its pinyin, with the bundled pack,
offline: a count or time is read by the guide (not "from the phrase book"), and 一 and 不
read the same in the pinyin line and on their word cards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from guide.core.context import build_context
from guide.ui.shell.navigator import Navigator
from guide.ui.translator.page import TranslatorPage


@pytest.fixture
def page(qtbot, dictionary_index: Path) -> Iterator[TranslatorPage]:  # noqa: ANN001
    context = build_context()
    context.settings.offline_only = True
    page = TranslatorPage(context, Navigator())
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=20000)
    yield page
    page.shutdown()


def shown(page: TranslatorPage, name: str) -> str:
    return page.findChild(QLabel, name).text()


def test_a_count_is_read_by_the_guide_not_the_phrase_book(qtbot, page: TranslatorPage) -> None:  # noqa: ANN001
    page.set_text("2.3万")
    qtbot.waitUntil(lambda: shown(page, "translatorOrigin").startswith("Read by the guide"), timeout=20000)
    assert "phrase book" not in shown(page, "translatorOrigin").lower()
    assert "phrase book" not in page.origin.toolTip().lower()


def test_yi_and_bu_read_the_same_in_the_line_and_on_their_cards(qtbot, page: TranslatorPage) -> None:  # noqa: ANN001
    page.set_text("一个人排队，这件事不对")
    qtbot.waitUntil(lambda: shown(page, "translatorPinyin") != "" and bool(page.words.chips), timeout=20000)
    assert "yí gè rén" in shown(page, "translatorPinyin") and "bú duì" in shown(page, "translatorPinyin")
    cards = {chip.word.text: chip.text().splitlines()[1] for chip in page.words.chips}
    assert (cards["一"], cards["不"]) == ("yí", "bú")
