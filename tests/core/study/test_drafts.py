"""What "Learn this" keeps from each thing the app shows, with where it was met."""

from __future__ import annotations

from guide.core.content.model import GlossaryEntry, Phrase, Step, Walkthrough
from guide.core.screen.lines import Box
from guide.core.screen.labels import LabelMatch
from guide.core.screen.reader import ReadLine
from guide.core.study import drafts
from guide.core.translate.gloss import GlossWord
from guide.core.translate.pipeline import TranslationResult

SAVE = GlossaryEntry("收藏", "shōucáng", "Save", where="Star under a note")


def test_a_word_keeps_the_sentence_it_was_in() -> None:
    result = TranslationResult("这个博主很好。她的穿搭绝绝子", "zh", "en", "This blogger is good. Her outfits rock",
                               pinyin="…")
    draft = drafts.translated_word(GlossWord("穿搭", "chuāndā", ["outfit", "to dress", "clothes"]), result)
    assert (draft.zh, draft.en, draft.example, draft.example_en) == ("穿搭", "outfit; to dress", "她的穿搭绝绝子", ""), \
        "the sentence it was in; the translation is of the whole text, so not shown as the sentence's"
    one = TranslationResult("她的穿搭绝绝子", "zh", "en", "Her outfits rock")
    assert drafts.translated_word(GlossWord("穿搭", "chuāndā", ["outfit"]), one).example_en == "Her outfits rock"
    reply = TranslationResult("Where can I buy this?", "en", "zh", "这个在哪里买？", pinyin="zhège zài nǎlǐ mǎi?")
    assert drafts.translated_word(GlossWord("买", "mǎi", ["to buy"]), reply).example == "这个在哪里买？"
    assert drafts.translated_word(GlossWord("buy", "", ["买 mǎi: to buy"]), reply) is None, "English is not a card"


def test_a_translated_line_is_kept_whole_either_way() -> None:
    line = drafts.translated_line(TranslationResult("谢谢分享", "zh", "en", "Thanks for sharing", pinyin="xièxie fēnxiǎng"))
    assert (line.zh, line.pinyin, line.en, line.kind) == ("谢谢分享", "xièxie fēnxiǎng", "Thanks for sharing", "line")
    reply = drafts.translated_line(TranslationResult("Where can I buy this?", "en", "zh", "这个在哪里买？", pinyin="zhège"))
    assert (reply.zh, reply.en) == ("这个在哪里买？", "Where can I buy this?")
    assert drafts.translated_line(TranslationResult("谢谢", "zh", "en", None)) is None, "nothing to learn it with yet"


def test_labels_phrases_and_steps() -> None:
    assert drafts.label(SAVE, "glossary").example_en == "On screen: Star under a note"
    step = Step("tap", "Tap 收藏", "body")
    walkthrough = Walkthrough("save", "Saving notes", "", 2, "beginner", (step,))
    kept = drafts.step_label(SAVE, walkthrough, step)
    assert (kept.source, kept.example, kept.place) == ("walkthrough", "Saving notes › Tap 收藏", "walkthrough/save/tap")
    phrase = drafts.phrase(Phrase("the GOAT", "yyds", "yǒngyuǎn de shén", "slang", literal="forever god", note="Praise."))
    assert (phrase.kind, phrase.example_en) == ("phrase", "Literally: forever god. Praise.")


def test_a_screenshot_line_is_its_label_or_its_wrapped_sentence() -> None:
    box = Box(0, 0, 10, 10)
    assert drafts.screenshot_line(ReadLine("收藏", box, 0.9, label=LabelMatch(SAVE, "exact", 1.0))).zh == "收藏"
    wrapped = ReadLine("今天去了", box, 0.9, translation=TranslationResult("今天去了一家店", "zh", "en", "Went to a shop today"),
                       paragraph=[0, 1], paragraph_text="今天去了一家店")
    assert (drafts.screenshot_line(wrapped).zh, drafts.screenshot_line(wrapped).en) == ("今天去了一家店", "Went to a shop today")
    assert drafts.screenshot_line(ReadLine("翻译中", box, 0.9)) is None, "still being translated"
