"""Spaced review with FSRS, driven by a fixed clock: keep a word today, review it the next
day, and see the intervals FSRS gives (issue 26)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler, State
from helpers.study import FakeClock, word

from guide.core.storage.userdata import MIGRATIONS, UserData
from guide.core.study.deck import Deck
from guide.core.study.review import Answer, Review, Session, interval_text


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def deck(tmp_path: Path, clock: FakeClock) -> Deck:
    return Deck(UserData("rednote", tmp_path), tmp_path / "cards", clock)


def fsrs_alone(*answers: tuple[Rating, timedelta]) -> Card:
    """What the fsrs package itself makes of these answers, each `timedelta` after the first."""
    scheduler = Scheduler(enable_fuzzing=False)
    card = Card(card_id=1)
    start = None
    for rating, after in answers:
        start = start or FakeClock().next_day()
        card, _log = scheduler.review_card(card, rating, (start + after).astimezone(timezone.utc))
    return card


def test_keep_today_review_tomorrow_with_fsrs_intervals(deck: Deck, clock: FakeClock, tmp_path: Path) -> None:
    card, created = deck.keep(word())
    assert created and card.is_new
    review = Review(deck, fuzz=False)
    assert [c.zh for c in review.due_today()] == ["谢谢"], "a kept card is due at once"

    clock.next_day()  # not reviewed yesterday: still due this morning
    assert review.count().new == 1
    session = Session(review)
    after = session.answer(Answer.GOOD)
    expected = fsrs_alone((Rating.Good, timedelta()))
    assert after.due == expected.due and after.due - clock.now == timedelta(minutes=10), "FSRS's learning step"
    assert session.current() is not None and session.current().id == card.id, "back within the sitting"

    clock.advance(minutes=10)
    after = session.answer(Answer.GOOD)
    expected = fsrs_alone((Rating.Good, timedelta()), (Rating.Good, timedelta(minutes=10)))
    assert after.state == State.Review and after.due == expected.due
    assert after.stability == pytest.approx(expected.stability)
    assert expected.due - clock.now >= timedelta(days=1), "graduated: days, not minutes"
    assert session.current() is None and review.due_today() == []

    saved = Deck(UserData("rednote", tmp_path), None, clock).find("谢谢")
    assert saved.due == expected.due and saved.state == State.Review, "kept on disk"
    clock.now = expected.due.astimezone(clock.now.tzinfo).replace(hour=8)
    assert [c.zh for c in review.due_today()] == ["谢谢"], "due again on the day FSRS chose"
    assert review.ready(review.due_today()[0]), "a review card is shown any time on its day"


def test_the_interval_on_a_button_is_the_interval_the_card_gets(deck: Deck, clock: FakeClock) -> None:
    deck.keep(word())
    review = Review(deck)  # fuzz on, as in the app
    for answer in (Answer.GOOD, Answer.GOOD, Answer.EASY):
        card = Session(review).current()
        outcomes = review.outcomes(card)
        review.answer(card, answer, outcomes[answer])
        assert deck.card(card.id).due == outcomes[answer].due
        clock.now = deck.card(card.id).due.astimezone(clock.now.tzinfo) + timedelta(minutes=1)


def test_new_cards_per_day(deck: Deck, clock: FakeClock) -> None:
    for n in range(15):
        deck.keep(word(f"词{n}", "cí", f"word {n}"))
    review = Review(deck, new_per_day=10)
    assert review.count().new == 10 and [c.zh for c in review.due_today()][:2] == ["词0", "词1"], "oldest first"
    session = Session(review)
    for _ in range(3):
        session.answer(Answer.EASY)
    assert review.count().new == 7, "three of today's ten were started"
    clock.next_day()
    assert review.count().new == 10, "a new day, ten more"
    assert Review(deck, new_per_day=0).count().new == 0


def test_a_higher_retention_goal_brings_cards_back_sooner(deck: Deck, clock: FakeClock) -> None:
    deck.keep(word())
    card = deck.find("谢谢")
    relaxed = Review(deck, retention=0.80, fuzz=False).outcomes(card)[Answer.EASY].due
    strict = Review(deck, retention=0.95, fuzz=False).outcomes(card)[Answer.EASY].due
    assert strict < relaxed
    assert Review(deck, retention=5.0).scheduler.desired_retention == 0.97, "kept within range"


def test_today_ends_at_local_midnight(deck: Deck, clock: FakeClock) -> None:
    review = Review(deck, fuzz=False)
    clock.now = clock.now.replace(hour=23, minute=40)
    early, _ = deck.keep(word())
    review.answer(early, Answer.GOOD)  # back at 23:50 tonight
    clock.now = clock.now.replace(minute=55)
    late, _ = deck.keep(word("你好", "nǐ hǎo", "hello"))
    review.answer(late, Answer.GOOD)  # back at 00:05 tomorrow, local
    assert deck.card(early.id).due.date() == deck.card(late.id).due.date(), "the same day in UTC…"
    assert [c.zh for c in review.due_today()] == ["谢谢"], "…but 00:05 tomorrow is not today for the user"
    assert review.count().learning == 1


def test_again_comes_back_in_the_same_sitting_until_learned(deck: Deck, clock: FakeClock) -> None:
    deck.keep(word())
    session = Session(Review(deck, fuzz=False))
    session.answer(Answer.AGAIN)
    assert session.current() is not None, "shown again early when nothing else is left (learn ahead)"
    for _ in range(5):
        if session.current() is None:
            break
        clock.advance(minutes=1)
        session.answer(Answer.GOOD)
    assert session.current() is None and session.remaining == 0
    assert session.answered >= 3 and [a.rating for a in deck.answers()][:2] == [1, 3]


def test_a_card_is_kept_once_and_removing_it_removes_its_history_and_picture(deck: Deck, tmp_path: Path) -> None:
    pictures = tmp_path / "cards"
    pictures.mkdir()
    (pictures / "line.png").write_bytes(b"png")
    first, created = deck.keep(word(picture="line.png", source="screenshot"))
    again, created_again = deck.keep(word(source="walkthrough"))
    assert created and not created_again and again.id == first.id and again.source == "screenshot"
    assert deck.picture_path(first) == pictures / "line.png"
    Review(deck).answer(first, Answer.GOOD)
    deck.remove(first.id)
    assert deck.cards() == [] and deck.answers() == [] and not (pictures / "line.png").exists()


def test_a_picture_path_from_a_tampered_database_is_never_followed(deck: Deck, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    card, _ = deck.keep(word(picture=str(outside)))
    assert card.picture == "" and deck.picture_path(card) is None
    deck.userdata.write(("UPDATE cards SET picture=?", ("../precious.txt",)))
    deck.remove(card.id)
    assert outside.exists()


def test_too_long_or_empty_is_not_kept(deck: Deck) -> None:
    assert deck.keep(word("  ")) == (None, False)
    long = word("好" * 121)
    assert "Too long" in long.problem() and deck.keep(long) == (None, False)


def test_todays_schema_is_migrated_and_keeps_everything(tmp_path: Path, clock: FakeClock) -> None:
    """A data file from the release before cards (schema version 1) opens with its progress
    and favourites, gains the cards tables, and takes a card at once."""
    path = tmp_path / UserData.FILE_NAME
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0].split(";"):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO favourites VALUES ('rednote', '你好', 1.0)")
    conn.execute("INSERT INTO progress VALUES ('rednote', 'sign-up', 'code', 1, 1.0)")
    conn.commit()
    conn.close()
    data = UserData("rednote", tmp_path)
    assert data.notices == [], "a migration is not damage"
    assert data.favourites() == ["你好"] and data.completed() == {"sign-up"}
    card, created = Deck(data, None, clock).keep(word())
    assert created and Review(Deck(data, None, clock)).count().new == 1
    data.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 2
    conn.close()


@pytest.mark.parametrize(("seconds", "text"), [(29, "<1 min"), (60, "1 min"), (600, "10 min"), (3 * 3600, "3 hours"),
                                               (86399, "1 day"), (86400, "1 day"), (4 * 86400, "4 days"), (90 * 86400, "3 months"),
                                               (800 * 86400, "2.2 years")])
def test_interval_text(clock: FakeClock, seconds: int, text: str) -> None:
    assert interval_text(clock.now, clock.now + timedelta(seconds=seconds)) == text


def test_the_states_read_without_fsrs_are_fsrs_states() -> None:
    from guide.core.study import deck

    assert (deck.STATE_LEARNING, deck.STATE_REVIEW, deck.STATE_RELEARNING) == (State.Learning, State.Review,
                                                                              State.Relearning)


def test_counting_whats_due_does_not_load_the_scheduler() -> None:
    """Start shows the count as the window fills in: fsrs (and typing_extensions) load only for Review."""
    import subprocess
    import sys

    code = ("import sys; import guide.core.study.due, guide.core.study.progress, guide.commands.review_cmd; "
            "print([m for m in sys.modules if m.split('.')[0] in ('fsrs', 'typing_extensions')])")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.strip() == "[]"


def test_day_text(clock: FakeClock) -> None:
    from guide.core.study.review import day_text

    assert day_text(clock.now, clock.now + timedelta(hours=20)) == "tomorrow"
    assert day_text(clock.now, clock.now + timedelta(days=6)) == "on Sunday 8 March"
