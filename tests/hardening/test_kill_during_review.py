"""Killing the app while reviewing loses at most the answer being saved (issue 26): every
answer it had saved is in the history, and each card's schedule is the one its last saved
answer gave it — never a new schedule without its history line, nor the reverse."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guide.core.storage.userdata import UserData

REVIEWER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from guide.core.storage.userdata import UserData
from guide.core.study.cards import CardDraft
from guide.core.study.deck import Deck
from guide.core.study.review import Answer, Review

now = [datetime(2026, 3, 2, 10, tzinfo=timezone.utc)]
deck = Deck(UserData("p", Path(sys.argv[1])), None, lambda: now[0])
for n in range(40):
    deck.keep(CardDraft(f"词{n}", "cí", f"word {n}", "word", "translator"))
review = Review(deck)
cards = deck.cards()
n = 0
while True:
    card = deck.card(cards[n % len(cards)].id)
    review.answer(card, Answer(1 + n % 4))
    print(n, card.id, flush=True)  # printed only once the answer is saved
    n += 1
    now[0] += timedelta(minutes=7)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("delay", [0.05, 0.1, 0.2, 0.3, 0.5])
def test_kill_while_reviewing_loses_at_most_the_answer_in_flight(tmp_path: Path, delay: float) -> None:
    proc = subprocess.Popen([sys.executable, "-c", REVIEWER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    saved = -1
    deadline = time.monotonic() + 30
    while saved < 20 and time.monotonic() < deadline:  # let it get going
        saved = int(proc.stdout.readline().split()[0])
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=10)
    lines = out.split("\n")
    saved = max([saved] + [int(line.split()[0]) for line in lines if line.strip()])

    data = UserData("p", tmp_path)
    assert data.notices == [], "a kill must not damage the database"
    data.close()
    conn = sqlite3.connect(tmp_path / UserData.FILE_NAME)
    answers = conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
    assert saved + 1 <= answers <= saved + 2, "every saved answer is there, and at most the one in flight more"
    mismatched = conn.execute(
        "SELECT c.id FROM cards c JOIN reviews r ON r.card = c.id "
        "WHERE r.id = (SELECT MAX(id) FROM reviews WHERE card = c.id) "
        "AND (c.due != r.due OR c.state != r.state OR c.last_review != r.reviewed)").fetchall()
    never_answered = conn.execute("SELECT COUNT(*) FROM cards WHERE last_review IS NOT NULL AND id NOT IN "
                                  "(SELECT card FROM reviews)").fetchone()[0]
    conn.close()
    assert mismatched == [] and never_answered == 0, "a card's schedule and its history are saved together"
