"""Pinyin normalisation: every way a learner types pinyin gives the same key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guide.core.study import pinyin_text


@pytest.mark.parametrize("typed", ["ni hao", "nihao", "ni3 hao3", "ni3hao3", "nǐ hǎo", "NiHao", "Nǐ Hǎo!", "ni-hao", " ni  hao "])
def test_forms_of_nihao_are_equal(typed: str) -> None:
    assert pinyin_text.key(typed) == "nihao"


@pytest.mark.parametrize(("typed", "expected"), [
    ("lǜ", "lv"), ("lv", "lv"), ("lu:", "lv"), ("lü", "lv"), ("LÜ", "lv"), ("nǚ shēng", "nvsheng"), ("nv3", "nv"),
    ("Xiǎohóngshū", "xiaohongshu"), ("xī'ān", "xian"), ("IP shǔdì", "ipshudi"), ("666", "666"), ("yyds", "yyds"),
])
def test_keys(typed: str, expected: str) -> None:
    assert pinyin_text.key(typed) == expected


def test_strip_tones_keeps_case_and_spaces() -> None:
    assert pinyin_text.strip_tones("Nǐ hǎo, lǜsè!") == "Ni hao, lvse!"
    assert pinyin_text.strip_tones("NǙ") == "NV"


def test_loose_writes_u_umlaut_as_u() -> None:
    assert pinyin_text.loose("lvse") == "luse"


def test_syllables() -> None:
    assert pinyin_text.syllables("shoucang") == ["shou", "cang"]
    assert pinyin_text.syllables("Xiǎohóngshū") == ["xiao", "hong", "shu"]
    assert pinyin_text.syllables("xian") == ["xian"], "longest syllable first"
    assert pinyin_text.syllables("fangan") == ["fang", "an"], "backtracks when the rest does not split"
    assert pinyin_text.syllables("hello") == ["hello"], "not pinyin: one piece"
    assert pinyin_text.syllables("") == []


def test_han_pinyin_uses_pypinyin_with_v_for_u_umlaut() -> None:
    assert pinyin_text.han_pinyin("绿色") == ["lv", "se"]
    assert pinyin_text.han_pinyin("你好！") == ["ni", "hao"]
    assert pinyin_text.han_pinyin("yyds 666") == ["yyds", "666"]


def test_looks_like_pinyin() -> None:
    for typed in ("ni hao", "ni3 hao3", "nǐ hǎo", "lü", "xi'an", "save"):
        assert pinyin_text.looks_like_pinyin(typed), typed
    for typed in ("你好", "", "   ", "123", "a+b", "what?"):
        assert not pinyin_text.looks_like_pinyin(typed), typed


@given(st.text(max_size=40))
def test_key_is_lowercase_ascii_and_idempotent(text: str) -> None:
    key = pinyin_text.key(text)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789" for c in key)
    assert pinyin_text.key(key) == key


_TONED = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù"}


@given(st.lists(st.sampled_from(["ni", "hao", "shou", "cang", "da", "jia", "wo", "men", "xie"]), min_size=1, max_size=5),
       st.lists(st.integers(min_value=0, max_value=4), min_size=5, max_size=5))
def test_tone_marks_and_numbers_agree(syllables: list[str], tones: list[int]) -> None:
    marked, numbered = [], []
    for syllable, tone in zip(syllables, tones):
        vowel = next(v for v in "aeoiu" if v in syllable)
        marked.append(syllable.replace(vowel, _TONED[vowel][tone - 1], 1) if tone else syllable)
        numbered.append(f"{syllable}{tone or 5}")
    assert pinyin_text.key(" ".join(marked)) == pinyin_text.key("".join(numbered)) == "".join(syllables)


def test_built_in_syllables_match_pypinyin() -> None:
    """The list is kept in the module so splitting never loads pypinyin; it must not drift."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {pinyin_text.key(r) for value in pinyin_dict.values() for r in value.split(",")} - {""}
    assert readings <= pinyin_text._SYLLABLES
    assert pinyin_text.is_syllable("lv") and pinyin_text.is_syllable("r") and not pinyin_text.is_syllable("ip")


def test_splitting_does_not_load_pypinyin() -> None:
    import subprocess
    import sys

    code = ("import sys; from guide.core.study import pinyin_text as p; p.syllables('shoucang'); p.key('nǐ hǎo'); "
            "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_a_joined_word_splits_into_the_fewest_syllables() -> None:
    """'o' and 'ng' are syllables too: greedy splitting read réngōng as reng + o + ng, and the
    search index then loaded pypinyin (~60 MB, 0.15 s) at every start to make up for it."""
    assert pinyin_text.syllables("rengong") == ["ren", "gong"]
    assert pinyin_text.syllables("xian") == ["xian"] and pinyin_text.syllables("fangan") == ["fang", "an"]
