"""The cards a user keeps to learn, in the user-data database (guide.core.storage.userdata,
tables `cards` and `reviews`), and their pictures in the cards folder beside it.

Each card is kept once per 汉字 and pack. An answer updates the card's schedule and adds its
line to the review history in one transaction, so a crash or kill loses at most the answer
being saved. Scheduling itself is guide.core.study.review (FSRS).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from guide.core.storage.userdata import UserData
from guide.core.study.cards import CardDraft, Front, KeptCard
from guide.core.study.clock import Clock, from_seconds, system_clock

log = logging.getLogger(__name__)

PICTURES = "cards"  # the folder in the data dir that holds pictures cut from screenshots
# fsrs.State's values, kept in the cards table (tests check they match): read without loading fsrs.
STATE_LEARNING, STATE_REVIEW, STATE_RELEARNING = 1, 2, 3
STATE_NAMES = {STATE_LEARNING: "learning", STATE_REVIEW: "review", STATE_RELEARNING: "relearning"}

_COLUMNS = ("id, zh, pinyin, en, kind, source, example, example_en, place, picture, front, added, "
            "state, step, stability, difficulty, due, last_review")


@dataclass(frozen=True)
class PastAnswer:
    """One line of the review history."""

    card: int
    rating: int
    reviewed: datetime
    state: int  # the card's FSRS state after this answer


def _card(row: tuple) -> KeptCard:
    (card_id, zh, pinyin, en, kind, source, example, example_en, place, picture, front, added,
     state, step, stability, difficulty, due, last_review) = row
    return KeptCard(card_id, zh, pinyin, en, kind, source, example, example_en, place, picture,
                    Front.parse(front), from_seconds(added), state, step, stability, difficulty,
                    from_seconds(due), from_seconds(last_review) if last_review is not None else None)


class Deck:
    def __init__(self, userdata: UserData, pictures: Path | None = None, clock: Clock = system_clock) -> None:
        self.userdata = userdata
        self.pack = userdata.pack_id
        self.pictures = pictures or userdata.directory / PICTURES
        self.clock = clock

    # -- keeping ----------------------------------------------------------------------------

    def keep(self, draft: CardDraft) -> tuple[KeptCard | None, bool]:
        """Keep a card (due at once, as a new card); (card, True) when newly kept, (the card
        already kept for that 汉字, False) when it was there, (None, False) when it cannot be
        kept (see CardDraft.problem) or not even in memory."""
        if draft.problem():
            return None, False
        zh = draft.zh.strip()
        existing = self.find(zh)
        if existing is not None:
            return existing, False
        now = self.clock().timestamp()
        self.userdata.write((
            "INSERT OR IGNORE INTO cards(pack, zh, pinyin, en, kind, source, example, example_en, place, picture, "
            "added, state, step, due) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?)",
            (self.pack, zh, draft.pinyin, draft.en, draft.kind, draft.source, draft.example, draft.example_en,
             draft.place, _file_name(draft.picture), now, STATE_LEARNING, now)))
        card = self.find(zh)
        return card, card is not None

    def cards(self) -> list[KeptCard]:
        """Every kept card, oldest first."""
        rows = self.userdata.read(f"SELECT {_COLUMNS} FROM cards WHERE pack=? ORDER BY added, id", (self.pack,))
        return [_card(r) for r in rows]

    def card(self, card_id: int) -> KeptCard | None:
        rows = self.userdata.read(f"SELECT {_COLUMNS} FROM cards WHERE pack=? AND id=?", (self.pack, card_id))
        return _card(rows[0]) if rows else None

    def find(self, zh: str) -> KeptCard | None:
        rows = self.userdata.read(f"SELECT {_COLUMNS} FROM cards WHERE pack=? AND zh=?", (self.pack, zh.strip()))
        return _card(rows[0]) if rows else None

    def is_kept(self, zh: str) -> bool:
        return bool(self.userdata.read("SELECT 1 FROM cards WHERE pack=? AND zh=?", (self.pack, zh.strip())))

    def set_front(self, card_id: int, front: Front | None) -> None:
        """This card's own front; None goes back to the deck's."""
        self.userdata.write(("UPDATE cards SET front=? WHERE pack=? AND id=?",
                             (front.value if front else "", self.pack, card_id)))

    def remove(self, card_id: int) -> None:
        """The card, its review history and its picture."""
        card = self.card(card_id)
        self.userdata.write(("DELETE FROM reviews WHERE pack=? AND card=?", (self.pack, card_id)),
                            ("DELETE FROM cards WHERE pack=? AND id=?", (self.pack, card_id)))
        path = self.picture_path(card) if card is not None else None
        if path is not None:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                log.info("cannot remove the card picture %s: %s", path, exc)

    def picture_path(self, card: KeptCard) -> Path | None:
        """The picture cut from the screenshot the card was met on, when there is one."""
        name = _file_name(card.picture)
        if not name:
            return None
        path = self.pictures / name
        return path if path.is_file() else None

    # -- answers ----------------------------------------------------------------------------

    def save_answer(self, after: KeptCard, rating: int, reviewed: datetime, duration_ms: int | None = None) -> bool:
        """The card's new schedule and its line in the history, together or not at all."""
        return self.userdata.write(
            ("UPDATE cards SET state=?, step=?, stability=?, difficulty=?, due=?, last_review=?, "
             "introduced=COALESCE(introduced, ?) WHERE pack=? AND id=?",
             (after.state, after.step, after.stability, after.difficulty, after.due.timestamp(),
              reviewed.timestamp(), reviewed.timestamp(), self.pack, after.id)),
            ("INSERT INTO reviews(pack, card, rating, reviewed, state, due, duration_ms) VALUES (?,?,?,?,?,?,?)",
             (self.pack, after.id, rating, reviewed.timestamp(), after.state, after.due.timestamp(), duration_ms)))

    def answers(self, since: datetime | None = None) -> list[PastAnswer]:
        """The review history (of cards still kept), oldest first."""
        rows = self.userdata.read("SELECT card, rating, reviewed, state FROM reviews WHERE pack=? AND reviewed>=? "
                                  "ORDER BY reviewed, id", (self.pack, since.timestamp() if since else 0.0))
        return [PastAnswer(card, rating, from_seconds(reviewed), state) for card, rating, reviewed, state in rows]

    def introduced_since(self, start: datetime) -> int:
        """How many cards had their first review at or after `start` (new cards per day)."""
        rows = self.userdata.read("SELECT COUNT(*) FROM cards WHERE pack=? AND introduced>=?",
                                  (self.pack, start.timestamp()))
        return int(rows[0][0]) if rows else 0


def _file_name(name: str) -> str:
    """Only a plain file name inside the cards folder: a path from a tampered database is never
    followed (removing a card deletes its picture)."""
    return name if name and Path(name).name == name and name not in (".", "..") else ""
