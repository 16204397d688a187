"""Sentence splitting, chunking and normalisation: nothing is lost, limits hold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guide.core.translate.normalise import han_count, han_runs, has_han, is_han_char, match_key, normalise
from guide.core.translate.sentences import chunk, split_sentences

TEXT = st.lists(st.sampled_from(list("你好世界。！？，；… abc.!?\n\"”'") + ["Mr. ", "3.5", "好的。 "]),
                max_size=120).map("".join)


def test_chinese_and_english_sentences() -> None:
    assert split_sentences("这个博主的穿搭绝绝子，已经种草了！真的吗？好。") == [
        "这个博主的穿搭绝绝子，已经种草了！", "真的吗？", "好。"]
    assert split_sentences("Hi there. It costs 3.5 dollars! Ok?  Yes") == [
        "Hi there. ", "It costs 3.5 dollars! ", "Ok?  ", "Yes"]
    assert split_sentences("“你好。”他说。") == ["“你好。”", "他说。"]
    assert split_sentences("第一行\n第二行") == ["第一行\n", "第二行"]


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_split_loses_nothing(text: str) -> None:
    assert "".join(split_sentences(text)) == text


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=60))
def test_chunks_respect_the_limit_and_lose_nothing(text: str, limit: int) -> None:
    pieces = chunk(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces)


def test_chunks_prefer_sentence_ends() -> None:
    text = "第一句话。" * 3 + "第二句话！" * 3
    assert chunk(text, 16) == ["第一句话。第一句话。第一句话。", "第二句话！第二句话！第二句话！"]


def test_normalise_full_width_spacing_and_case() -> None:
    assert normalise("  大家 好！ Hello   WORLD ， ") == "大家好! hello world ,"
    assert normalise("ＡＢＣ１２３") == "abc123"
    assert match_key("大家好！") == match_key("大家好") == match_key(" 大家好! ")
    assert match_key("Hi everyone!") == "hi everyone"


def test_direction_detection() -> None:
    assert has_han("OK 好的") and not has_han("yyds 666") and has_han("𠀀")


def test_one_han_character_class_for_every_feature() -> None:
    """The translator, search, the study cards and the pack checks agree on what is Han,
    rare characters beyond the basic block included (𠀀, U+20000)."""
    assert han_runs("点个赞 yyds 𠀀好，OK") == ["点个赞", "𠀀好"]
    assert han_count("点个赞 yyds 𠀀好，OK") == 5
    assert is_han_char("𠀀") and is_han_char("好") and not is_han_char("，") and not is_han_char("a")
