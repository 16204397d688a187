"""What small models really write around a translation (reference A5): thinking, notes in
every shape, notes that say there is nothing to note, and quotes — taken apart so the
translation is only the translation."""

from __future__ import annotations

import pytest

from guide.core.translate.llm_reply import has_think_tag, is_empty_note, parse_reply, strip_thinking

T2 = "这家店yyds！\n姐妹们冲！"
LINES = "This shop is the GOAT!\nGo for it, sisters!"


@pytest.mark.parametrize("reply,note", [
    (f"{LINES}\nNote: yyds means the greatest.", "yyds means the greatest."),
    (f"{LINES}\nNotes: yyds means the greatest.", "yyds means the greatest."),
    (f"{LINES}\n(Note: yyds means the greatest.)", "yyds means the greatest."),
    (f"{LINES}\n*Note: yyds means the greatest.*", "yyds means the greatest."),
    (f"{LINES}\n*Note:* yyds means the greatest.", "yyds means the greatest."),
    (f"{LINES}\n**Note:** yyds means the greatest.", "yyds means the greatest."),
    (f"{LINES}\nExplanation: yyds means the greatest.", "yyds means the greatest."),
    (f"Note: yyds means the greatest.\n{LINES}", "yyds means the greatest."),
    (f"{LINES}\n\nNote: yyds is slang.\nIt stands for 永远的神.", "yyds is slang. It stands for 永远的神."),
    (f"{LINES}\n- yyds: the greatest of all time\n- 冲: go for it", "yyds: the greatest of all time; 冲: go for it"),
    (f"Translation:\n{LINES}", ""),
    (f"```\n{LINES}\n```", ""),
])
def test_the_note_in_any_shape_is_taken_out_of_the_translation(reply: str, note: str) -> None:
    assert parse_reply(reply, T2) == (LINES, note)


@pytest.mark.parametrize("note", ["None", "None.", "N/A", "No slang here.", "There is no slang in this text.",
                                  "No notes.", "The text does not contain any slang.", "no internet slang"])
def test_a_note_that_says_nothing_is_not_shown(note: str) -> None:
    assert is_empty_note(note)
    assert parse_reply(f"{LINES}\nNote: {note}", T2) == (LINES, "")


@pytest.mark.parametrize("note", ["绝绝子 has no literal meaning; it is slang for amazing.", "yyds = 永远的神"])
def test_a_real_note_is_kept(note: str) -> None:
    assert not is_empty_note(note)


@pytest.mark.parametrize("reply,source,expected", [
    ('"This shop is the GOAT!"', "这家店yyds！", "This shop is the GOAT!"),
    ("“This shop is the GOAT!”", "这家店yyds！", "This shop is the GOAT!"),
    ("「这家店真棒」", "This shop rocks", "这家店真棒"),
    ('"Yes," she said, "it is."', "她说：“是的。”", '"Yes," she said, "it is."'),  # two quotes, not a pair
    ('"Buy it!"', "“买它！”", '"Buy it!"'),  # the text sent was quoted too
])
def test_one_pair_of_wrapping_quotes_is_stripped(reply: str, source: str, expected: str) -> None:
    assert parse_reply(reply, source)[0] == expected


def test_a_translated_remark_line_is_not_mistaken_for_a_note() -> None:
    assert parse_reply("Open at ten\nNote: closed on Mondays", "十点开门\n备注：周一休息") == (
        "Open at ten\nNote: closed on Mondays", "")


def test_a_post_with_bullets_keeps_them() -> None:
    source = "必买清单\n- 面霜\n- 精华"
    assert parse_reply("Must-buy list\n- Face cream\n- Serum", source) == ("Must-buy list\n- Face cream\n- Serum", "")


@pytest.mark.parametrize("content,answer", [
    ("<think>\nhmm\n</think>\n\nThis shop is the GOAT!", "This shop is the GOAT!"),
    ("hmm, yyds means…\n</think>\n\nThis shop is the GOAT!", "This shop is the GOAT!"),  # template opened it
    ("<thinking>hmm</thinking>\nThis shop is the GOAT!", "This shop is the GOAT!"),
    ("[THINK]hmm[/THINK]This shop is the GOAT!", "This shop is the GOAT!"),
    ("<think>a</think><think>b</think>\nThis shop is the GOAT!", "This shop is the GOAT!"),
    ("<think>\nstill thinking when the budget ran out", ""),
])
def test_thinking_up_to_the_last_closing_tag_goes(content: str, answer: str) -> None:
    assert strip_thinking(content).strip() == answer
    assert not has_think_tag(strip_thinking(content))


def test_a_think_tag_after_the_answer_survives_to_be_rejected() -> None:
    assert has_think_tag(strip_thinking("<think>a</think>\nThis shop is the GOAT!\n<think>wait"))
