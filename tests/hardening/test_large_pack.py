"""A pack with 5,000 walkthroughs: the list makes cards only for rows on screen (issue 13,
Medium 13; it took 7.4 s to show with one card widget per walkthrough)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from guide.core.content.model import AppInfo, Pack, Step, Walkthrough
from guide.core.context import AppContext
from guide.core.storage.settings import Settings, SettingsStore
from guide.core.storage.userdata import UserData


def _pack(count: int) -> Pack:
    walkthroughs = tuple(
        Walkthrough(f"w{n}", f"Walkthrough {n}", "A summary that is long enough to wrap onto a second line maybe.",
                    2, "beginner", (Step("s", "Step", "Body"),), requires=(f"w{n - 1}",) if n else (), app_version="8.0")
        for n in range(count))
    return Pack("big", "Big", AppInfo("RedNote", "小红书", "zh-Hans"), "1", Path("."), walkthroughs=walkthroughs)


def test_five_thousand_walkthroughs_build_lazily(qtbot, tmp_path: Path) -> None:
    from guide.ui.shell.navigator import Navigator
    from guide.ui.walkthroughs.list_page import WalkthroughsPage

    pack = _pack(5000)
    userdata = UserData(pack.id, tmp_path)
    context = AppContext(pack, userdata, SettingsStore(tmp_path), Settings(), tmp_path, tmp_path)
    page = WalkthroughsPage(context, Navigator())
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitUntil(lambda: page.cards_made() > 0, timeout=20000)
    assert page.list.count() == 5000, "every walkthrough is in the list (keyboard, screen readers)"
    assert "do first: Walkthrough 4998" in page.list.item(4999).data(Qt.ItemDataRole.AccessibleTextRole)
    made = page.cards_made()
    assert made < 60, f"{made} cards made for one screen"
    page.list.scrollToBottom()
    qtbot.waitUntil(lambda: page.list.itemWidget(page.list.item(4999)) is not None, timeout=20000)
    assert page.cards_made() < 200
    userdata.close()
