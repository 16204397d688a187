"""The practice round: known cards leave, "again" cards come back a little later."""

from __future__ import annotations

from guide.core.study.practice import AGAIN_GAP, PracticeRound


def test_known_cards_leave_and_the_round_ends() -> None:
    round_ = PracticeRound(["a", "b", "c"], shuffle=False)
    assert (round_.current, round_.total, round_.remaining) == ("a", 3, 3)
    for _ in range(3):
        round_.mark(True)
    assert round_.done and round_.current is None and round_.known == 3
    round_.mark(True)  # marking after the end does nothing
    assert round_.known == 3


def test_again_brings_the_card_back_after_a_gap() -> None:
    round_ = PracticeRound(["a", "b", "c", "d"], shuffle=False)
    round_.mark(False)
    seen = [round_.current]
    for _ in range(AGAIN_GAP):
        round_.mark(True)
        seen.append(round_.current)
    assert seen == ["b", "c", "a"], "not straight away, but soon"
    assert round_.again == 1


def test_last_card_again_comes_straight_back() -> None:
    round_ = PracticeRound(["only"], shuffle=False)
    round_.mark(False)
    assert round_.current == "only" and not round_.done


def test_shuffle_is_repeatable_with_a_seed_and_keeps_every_card() -> None:
    cards = list(range(20))
    first = PracticeRound(cards, seed=3)
    second = PracticeRound(cards, seed=3)
    order = []
    while not first.done:
        assert first.current == second.current
        order.append(first.current)
        first.mark(True)
        second.mark(True)
    assert sorted(order) == cards and order != cards


def test_empty_round_is_done() -> None:
    assert PracticeRound([]).done
