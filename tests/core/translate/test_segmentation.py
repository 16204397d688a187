"""Cutting text into the words a learner looks up: jieba's tokens repaired against the
dictionaries (issue 12: 今天天气 was one token glossed "今: now, 天: day")."""

from __future__ import annotations

import pytest

from guide.core.content.model import Pack
from guide.core.translate.gloss import Glosser
from guide.core.translate.segment import EMPHATIC, PARTICLE, REPEAT, UNKNOWN, Segmenter


@pytest.fixture(scope="module")
def glosser(slang: Pack) -> Glosser:
    return Glosser(slang)


@pytest.mark.parametrize("text,words", [
    ("今天天气很好", ["今天", "天气", "很", "好"]),
    ("强烈推荐", ["强烈", "推荐"]),
    ("火锅店", ["火锅", "店"]),
    ("我还没去过", ["我", "还", "没", "去", "过"]),
    ("你说得对", ["你", "说", "得", "对"]),
    ("在小红书上看到", ["在", "小红书", "上", "看到"]),
])
def test_tokens_no_dictionary_knows_are_resplit_into_known_words(glosser: Glosser, text: str, words: list[str]) -> None:
    assert [w.text for w in glosser.gloss(text)] == words


def test_the_meanings_of_resplit_words_are_their_own(glosser: Glosser) -> None:
    words = {w.text: w for w in glosser.gloss("今天天气很好，强烈推荐")}
    assert words["天气"].meanings[0] == "weather" and words["今天"].meanings[0] == "today"
    assert words["强烈"].meanings[0].startswith("strong") and words["强烈"].source == "cc-cedict"


def test_whole_text_pinyin_is_spaced_by_word(glosser: Glosser) -> None:
    assert glosser.pinyin("今天天气很好") == "jīntiān tiānqì hěn hǎo"
    assert glosser.pinyin("我还没去过。") == "wǒ hái méi qù guo."


def test_a_phrase_book_reading_inside_the_pinyin_line_has_no_capital_or_punctuation_of_its_own(
        glosser: Glosser) -> None:
    line = glosser.pinyin("姐妹们，大家好！在小红书上")
    assert "dàjiā hǎo!" in line and "Dàjiā" not in line and "!!" not in line
    assert "Xiǎohóngshū" in line, "a UI label (a name) keeps its capital"


@pytest.mark.parametrize("text,kind", [("哈哈哈哈", REPEAT), ("哈哈哈哈哈哈", REPEAT), ("啊啊啊啊啊", REPEAT),
                                       ("好好看", EMPHATIC)])
def test_laughter_and_reduplication_stay_whole(glosser: Glosser, text: str, kind: str) -> None:
    tokens = glosser.tokens(text)
    assert [(t.text, t.kind) for t in tokens] == [(text, kind)]


def test_laughter_and_reduplication_read_sensibly(glosser: Glosser) -> None:
    words = {w.text: w for w in glosser.gloss("哈哈哈哈，这件衣服好好看，开开心心")}
    assert "laugh" in words["哈哈哈哈"].meanings[0].casefold()
    assert words["好好看"].meanings[0].startswith("so good-looking")
    assert "happy" in words["开开心心"].meanings[0]


def test_a_pack_word_is_not_cut_out_of_a_run_of_laughter() -> None:
    segmenter = Segmenter(["哈哈哈"], cut=lambda text: [text])
    tokens = segmenter.segment("哈哈哈哈", lambda words: {w for w in words if w in {"哈", "哈哈"}})
    assert [(t.text, t.kind) for t in tokens] == [("哈哈哈哈", REPEAT)]


def test_only_a_true_unknown_falls_back_to_characters() -> None:
    known = {"好", "棒"}
    segmenter = Segmenter([], cut=lambda text: [text])
    tokens = segmenter.segment("好棒", lambda words: {w for w in words if w in known})
    assert [t.text for t in tokens] == ["好", "棒"], "known characters are words of their own"
    tokens = segmenter.segment("𪚥𪚥𪚥好", lambda words: {w for w in words if w in known})
    assert [t.kind for t in tokens] == [UNKNOWN]


def test_aspect_particles_split_from_their_verb(glosser: Glosser) -> None:
    tokens = glosser.tokens("我去过")
    assert tokens[-1].text == "过" and tokens[-1].kind == PARTICLE
    assert glosser.gloss("我去过")[-1].meanings[0] == "(experienced action marker)"


@pytest.mark.parametrize(("text", "line"), [
    ("他慢慢地走", "tā mànmàn de zǒu"),
    ("开心地笑了", "kāixīn de xiào le"),
    ("默默地关注了你", "mòmò de guānzhù le nǐ"),
])
def test_di_between_a_manner_and_a_verb_is_the_particle_de_not_earth(glosser: Glosser, text: str, line: str) -> None:
    """Captions are full of 开心地, 默默地: the old card read 地 dì "earth"."""
    glosser.forget_last_text()
    card = next(w for w in glosser.gloss(text) if w.text == "地")
    assert (card.pinyin, card.meanings[0]) == ("de", "-ly")
    assert glosser.pinyin(text) == line


@pytest.mark.parametrize("text", ["这块地很大", "他家有很多地", "这里的地很干"])
def test_di_as_land_stays_di(glosser: Glosser, text: str) -> None:
    card = next(w for w in glosser.gloss(text) if w.text == "地")
    assert card.pinyin == "dì" and "earth" in card.meanings[0]
