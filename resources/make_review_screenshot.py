"""Render README's Review pictures: the Review window with a card turned over, and its
progress chart, from a fresh temporary profile that keeps a dozen cards met in the app and
two weeks of answers (a fixed clock and seed, so the picture does not change by itself):

    python resources/make_review_screenshot.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "screenshots"
CARDS = (  # 汉字, pinyin, meaning, kind, where met, the sentence, its translation
    ("收藏", "shōucáng", "Save / Collect", "label", "walkthrough", "Like, save and comment › Save it", ""),
    ("谢谢", "xièxie", "thank you", "word", "translator", "谢谢你的分享", "Thanks for sharing"),
    ("关注", "guānzhù", "Follow", "label", "screenshot", "", "On screen: the red button on a profile"),
    ("种草", "zhòngcǎo", "to make someone want to buy something", "phrase", "phrasebook", "", "Literally: plant grass."),
    ("好看", "hǎokàn", "good-looking; nice", "word", "translator", "这个好好看", "This is so pretty"),
    ("评论", "pínglùn", "Comments", "label", "glossary", "", "On screen: under a note"),
    ("私信", "sīxìn", "Direct message", "label", "screenshot", "", ""),
    ("点赞", "diǎnzàn", "Like", "label", "walkthrough", "Like, save and comment › Like it", ""),
    ("穿搭", "chuāndā", "outfit", "word", "translator", "她的穿搭绝绝子", "Her outfits rock"),
    ("绝绝子", "juéjuézǐ", "amazing; the best", "phrase", "phrasebook", "", "Slang: over-the-top praise."),
    ("发布", "fābù", "Post", "label", "walkthrough", "Post your first note › Post it", ""),
    ("博主", "bózhǔ", "blogger", "word", "translator", "这个博主的穿搭绝绝子", "This blogger's outfits are amazing"),
)


def main() -> int:
    tmp = tempfile.mkdtemp()
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = str(Path(tmp) / name.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from guide.core.context import build_context
    from guide.core.study.cards import CardDraft
    from guide.core.study.deck import Deck
    from guide.core.study.review import Answer, Review
    from guide.ui.phrasebook.review_dialog import ReviewDialog
    from guide.ui.shell.theme import apply_theme

    app = QApplication(sys.argv)
    apply_theme(app, "light")
    context = build_context()
    now = [datetime(2026, 3, 2, 20, 0).astimezone()]
    deck = Deck(context.userdata, clock=lambda: now[0])
    chance = random.Random(7)
    for day in range(16):
        for zh, pinyin, en, kind, source, example, example_en in CARDS[day: day + 1]:
            deck.keep(CardDraft(zh, pinyin, en, kind, source, example, example_en))
        review = Review(deck)
        for card in review.due_today():
            answer = chance.choices(list(Answer), weights=[2, 2, 6, 2])[0]
            review.answer(card, answer)
        now[0] += timedelta(days=1)
    now[0] = now[0].replace(hour=9)
    first = deck.find("博主")  # shown first: a word with the sentence it was met in
    earliest = min(card.due for card in deck.cards() if not card.is_new)
    context.userdata.write(("UPDATE cards SET due=? WHERE id=?", (earliest.timestamp() - 60, first.id)))
    dialog = ReviewDialog(context, clock=lambda: now[0])
    dialog.resize(640, 520)
    dialog.show()
    dialog.reveal()
    app.processEvents()
    dialog.grab().save(str(OUT / "review.png"))
    dialog.tabs.setCurrentIndex(2)
    app.processEvents()
    dialog.grab().save(str(OUT / "review-progress.png"))
    print(f"wrote {OUT / 'review.png'} and {OUT / 'review-progress.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
