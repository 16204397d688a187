"""What the picture shows over each line: a label's meaning, a translation (once, on a wrapped
sentence's first line), or the first sense of each word, grammar notes left out."""

from __future__ import annotations

from guide.core.screen.line_english import breakdown_summary, line_english
from guide.core.screen.lines import Box
from guide.core.screen.reader import ReadLine
from guide.core.translate.gloss import GlossWord
from guide.core.translate.pipeline import TranslationResult

WORDS = [GlossWord("周末", "zhōumò", ["weekend"]), GlossWord("去", "qù", ["to go; to leave"]),
         GlossWord("了", "le", ["(completed action marker)"]), GlossWord("火锅", "huǒguō", ["hotpot (Chinese dish)"]),
         GlossWord("您", "nín", ["you (courteous, as opposed to informal 你[ni3])"]), GlossWord("！", "", [])]


def test_the_breakdown_is_the_first_sense_of_each_word_without_grammar_notes() -> None:
    assert breakdown_summary(WORDS) == "weekend · to go · hotpot · you"


def test_a_wrapped_sentence_is_translated_once_and_its_other_lines_get_their_words() -> None:
    result = TranslationResult("周末去了火锅店。这家很好吃", "zh", "en", translation="Went to a hotpot place at the weekend.",
                               gloss=WORDS)
    first = ReadLine("周末去了火锅", Box(0, 0, 100, 20), 0.9, translation=result, paragraph=[3, 4])
    second = ReadLine("店。这家很好吃", Box(0, 30, 100, 20), 0.9, translation=result, paragraph=[3, 4],
                      gloss=[GlossWord("很", "hěn", ["very"]), GlossWord("好吃", "hǎochī", ["tasty"])])
    assert line_english(3, first) == "Went to a hotpot place at the weekend."
    assert line_english(4, second) == "very · tasty"
    offline = ReadLine("周末去了火锅", Box(0, 0, 100, 20), 0.9, translation=TranslationResult("周末去了火锅", "zh", "en",
                                                                                      gloss=WORDS))
    assert line_english(0, offline) == "weekend · to go · hotpot · you"
    assert line_english(0, ReadLine("周末", Box(0, 0, 10, 10), 0.9)) is None  # still being translated
