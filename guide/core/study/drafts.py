"""The card "Learn this" keeps from each thing the app shows: a word of the breakdown, a UI
label, a phrase, or a whole line with its translation — each with where it was met. Pages
call one of these, so every page keeps cards the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.core.study.cards import CardDraft
from guide.core.translate.normalise import has_han

if TYPE_CHECKING:
    from guide.core.content.model import GlossaryEntry, Phrase, Step, Walkthrough
    from guide.core.screen.reader import ReadLine
    from guide.core.translate.gloss import GlossWord
    from guide.core.translate.pipeline import TranslationResult

MEANINGS = 2  # as on the word card: the two senses that matter, not the whole entry


def label(entry: GlossaryEntry, source: str, example: str = "", example_en: str = "", place: str = "",
          picture: str = "") -> CardDraft:
    """A UI label; without a sentence around it, the card says where it is on screen."""
    if not example and not example_en and entry.where:
        example_en = f"On screen: {entry.where}"
    return CardDraft(entry.zh, entry.pinyin, entry.en, "label", source, example, example_en, place, picture)


def step_label(entry: GlossaryEntry, walkthrough: Walkthrough, step: Step) -> CardDraft:
    """A label met in a walkthrough step: the step is the example (and can be opened again)."""
    return label(entry, "walkthrough", f"{walkthrough.title} › {step.title}", "",
                 f"walkthrough/{walkthrough.id}/{step.id}")


def phrase(item: Phrase) -> CardDraft:
    """A phrase, with its literal meaning and how it is used."""
    literal = f"Literally: {item.literal}." if item.literal else ""
    usage = " ".join(part for part in (literal, item.note) if part)
    return CardDraft(item.zh, item.pinyin, item.en, "phrase", "phrasebook", "", usage)


def word(item: GlossWord, sentence: str = "", translation: str = "", source: str = "translator",
         picture: str = "") -> CardDraft | None:
    """A word of the breakdown, with the sentence it was in (and that sentence's translation);
    None for a word that is not Chinese (the English side of an English → Chinese breakdown)."""
    if not has_han(item.text):
        return None
    sentence = sentence.strip()
    example = sentence if sentence and sentence != item.text else ""
    return CardDraft(item.text, item.pinyin, "; ".join(item.meanings[:MEANINGS]), "word", source, example,
                     translation.strip() if example else "", "", picture)


def whole_line(chinese: str, pinyin: str, english: str, source: str, picture: str = "",
               paragraph: str = "") -> CardDraft | None:
    """A whole line read from a screenshot or translated, kept with its translation; the
    paragraph it belongs to (a caption wrapped over several lines) is its example. None when
    there is no Chinese, or no translation yet."""
    chinese = chinese.strip()
    if not has_han(chinese) or not english.strip():
        return None
    example = paragraph.strip() if paragraph.strip() and paragraph.strip() != chinese else ""
    return CardDraft(chinese, pinyin, english.strip(), "line", source, example, "", "", picture)


def sentence_with(text: str, part: str) -> str:
    """The sentence of `text` that holds `part` (a word of a longer paste), else `text`."""
    from guide.core.translate.sentences import split_sentences

    sentences = [s.strip() for s in split_sentences(text) if part in s]
    return sentences[0] if sentences else text.strip()


def _sides(result: TranslationResult) -> tuple[str, str]:
    """(the Chinese, the English) of a translation, whichever way it went."""
    translation = result.translation or ""
    return (result.source_text, translation) if result.source_lang == "zh" else (translation, result.source_text)


def translated_line(result: TranslationResult) -> CardDraft | None:
    """What the Translator translated, kept whole with its translation (None before it has one)."""
    chinese, english = _sides(result)
    return whole_line(chinese, result.pinyin, english, "translator") if result.translated else None


def translated_word(item: GlossWord, result: TranslationResult | None) -> CardDraft | None:
    """A word of the Translator's breakdown, with the sentence it came from; that sentence's
    translation too when it is the whole text translated."""
    if result is None:
        return word(item)
    chinese, english = _sides(result)
    sentence = sentence_with(chinese, item.text)
    return word(item, sentence, english if sentence == chinese.strip() else "")


def screenshot_line(read: ReadLine) -> CardDraft | None:
    """A line read from a screenshot: its UI label, or the line (the whole wrapped sentence
    when it was translated as one) with its translation; None while it is being translated."""
    if read.label is not None:
        return label(read.label.entry, "screenshot")
    result = read.translation
    if result is None:
        return None
    chinese = read.paragraph_text if read.paragraph and read.paragraph_text else read.text
    return whole_line(chinese, result.pinyin, result.translation or "", "screenshot")
