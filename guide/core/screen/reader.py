"""Reading a screenshot end to end: check the file, OCR it in the worker, group the lines,
match UI labels, say which step it shows, then translate the other lines.

Two phases, so the app can show the boxes and labels at once (a second) and fill in the
translations as they come (the engines may take several seconds each, or be off):
`read()` then `translate()`. The CLI runs both. Used from a worker thread in the GUI.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from guide.core.content.model import GlossaryEntry, Pack
from guide.core.content.templates import TemplateMatch, matcher_for
from guide.core.content.values import DEFAULT_RATE, Rate
from guide.core.screen.image_check import check_image
from guide.core.screen.label_split import LineSplitter
from guide.core.screen.labels import LabelMatch, LabelMatcher
from guide.core.screen.lines import Box, TextLine, group_lines, joiner, paragraphs
from guide.core.screen.ocr_client import (
    OcrClient,
    OcrOutput,
    RawLine,
    output_from_json,
    output_to_json,
)
from guide.core.screen.screen_match import ScreenMatch, ScreenMatcher
from guide.core.storage import user_files
from guide.core.translate.deadline import CancelToken
from guide.core.translate.gloss import GlossWord
from guide.core.translate.normalise import has_han
from guide.core.translate.pipeline import (
    TranslateOptions,
    TranslationResult,
    Translator,
)

log = logging.getLogger(__name__)


@dataclass
class ReadLine:
    text: str
    box: Box
    confidence: float
    label: LabelMatch | None = None
    translation: TranslationResult | None = None
    gloss: list[GlossWord] = field(default_factory=list)  # this line's own words
    paragraph: list[int] = field(default_factory=list)  # lines of the wrapped sentence(s) it belongs to
    paragraph_text: str = ""  # their text, translated as one
    template: TemplateMatch | None = None  # the app's own text with a value (共 19条评论, 3天前 广东)
    template_labels: tuple[str, ...] = ()  # UI labels the template line explains (评论 in 共 19条评论)

    @property
    def entry(self) -> GlossaryEntry | None:
        return self.label.entry if self.label is not None else None

    @property
    def needs_translation(self) -> bool:
        return self.label is None and (has_han(self.text) or self.template is not None)

    @property
    def english(self) -> str | None:
        """What to show for this line: the label's English, the template's or the translation."""
        if self.label is not None:
            return self.label.entry.en
        if self.template is not None:
            return self.template.english
        if self.translation is not None:
            return self.translation.translation
        return None

    @property
    def origin(self) -> str:
        if self.label is not None or self.template is not None:
            return "phrasebook"  # the glossary is part of the phrase-book step of the pipeline
        return self.translation.origin if self.translation is not None else "none"

    def to_json(self) -> dict[str, object]:
        entry = self.entry
        gloss = self.gloss or (self.translation.gloss if self.translation is not None else [])
        return {
            "text": self.text,
            "box": self.box.as_list(),
            "confidence": round(self.confidence, 3),
            "label": {"zh": entry.zh, "pinyin": entry.pinyin, "en": entry.en, "where": entry.where}
            if entry is not None else None,
            "translation": self.english,
            "origin": self.origin,
            "gloss": [w.to_json() for w in gloss],
        }


@dataclass
class Reading:
    image: Path
    width: int
    height: int
    seconds: float
    lines: list[ReadLine]
    screen: ScreenMatch | None = None
    ocr_seconds: float = 0.0
    cold: bool = False
    worker_peak_rss_kb: int = 0

    def to_json(self) -> dict[str, object]:
        """The object `rednote-guide read --json` prints (DESIGN.md)."""
        return {
            "image": str(self.image),
            "width": self.width,
            "height": self.height,
            "seconds": round(self.seconds, 3),
            "lines": [line.to_json() for line in self.lines],
            "screen": self.screen.to_json() if self.screen is not None else None,
        }

    def labels_found(self) -> list[str]:
        """The UI labels explained on this screen: label lines, and the labels inside a line
        read whole by its template (展开 and 回复 in 展开4条回复, 美国 in IP属地：美国)."""
        return [zh for line in self.lines
                for zh in ((line.label.entry.zh,) if line.label is not None else line.template_labels)]


class ScreenReader:
    """One per app (or CLI run). The OCR client keeps its worker warm between reads."""

    def __init__(self, pack: Pack | None, translator: Translator | None = None,
                 client: OcrClient | None = None) -> None:
        self.pack = pack
        self.translator = translator
        self.client = client or OcrClient()
        glossary = pack.glossary if pack is not None else ()
        self.labels = LabelMatcher(glossary)
        self._label_words = {entry.zh for entry in glossary if len(entry.zh) >= 2}
        self.templates = matcher_for(pack)
        self.rate: Rate = DEFAULT_RATE  # for prices until translate() brings the user's setting
        self.splitter = LineSplitter(self.labels, self._dictionary)
        self._screens: ScreenMatcher | None = None  # built on first use: it reads every mockup
        self._glosser = translator.glosser if translator is not None else None

    @property
    def screens(self) -> ScreenMatcher | None:
        if self._screens is None and self.pack is not None:
            self._screens = ScreenMatcher(self.pack, labels=self.labels)
        return self._screens

    def read(self, path: Path | str, ocr_file: Path | None = None,
             on_partial: Callable[[Reading], None] | None = None) -> Reading:
        """OCR and label matching; raises BadImage, OcrUnavailable, OcrFailed, OcrCancelled.

        `ocr_file`: where this picture's OCR result is (or will be) kept; when it holds a
        result for this picture, the OCR engine is not asked again. `on_partial` gets a
        Reading of the lines recognised so far (labels matched, no step yet), as they come."""
        started = time.perf_counter()
        path = Path(path)
        info = check_image(path)  # header only: fast, and a bomb never reaches the worker
        output = _load_output(ocr_file, path) if ocr_file is not None else None
        if output is None:
            if on_partial is None:
                output = self.client.read(path)
            else:
                so_far: list[RawLine] = []

                def partial(lines: list[RawLine]) -> None:
                    so_far.extend(lines)
                    on_partial(Reading(path, info.width, info.height, time.perf_counter() - started,
                                       self._matched(so_far, info.width, info.height)))

                output = self.client.read(path, on_lines=partial)
            if ocr_file is not None:
                _save_output(ocr_file, path, output)
        lines = self._matched(output.lines, output.width, output.height)
        self._labels_in_label_rows(lines)
        self._templates_on(lines, self.rate)
        screens = self.screens
        screen = screens.best(screens.cues(cue_lines(lines), output.width, output.height)) if screens else None
        return Reading(path, output.width, output.height, time.perf_counter() - started, lines, screen,
                       output.seconds, output.cold, output.peak_rss_kb)

    def _matched(self, raw: list[RawLine], width: int, height: int) -> list[ReadLine]:
        """Grouped lines, each taken apart into its labels (a tab row read as one line, an icon
        misread beside a label) unless the whole line is the app's own text with a value
        (共 19条评论, 小红书号：118302851): that is kept whole for its template."""
        lines: list[ReadLine] = []
        for line in group_lines(raw, width, height):
            label = self.labels.match(line.text)
            if (label is None or label.kind != "exact") and self._is_template(line.text):
                lines.append(ReadLine(line.text, line.box, line.confidence, None))
                continue
            lines += [ReadLine(part.text, part.box, line.confidence, part.label) for part in self.splitter.split(line)]
        return lines

    def _is_template(self, text: str) -> bool:
        found = self.templates.match(text, self.rate)
        return found is not None and found.english != text.strip()

    def _dictionary(self):  # noqa: ANN202 - a Dictionary, imported only when there is a translator
        """The dictionary when there is a translator (the app, the CLI), else None: a real
        word beside labels is then recognised as one."""
        if self.translator is None:
            return None
        from guide.core.translate.dictionary_loader import load_dictionary

        return load_dictionary()

    def _labels_in_label_rows(self, lines: list[ReadLine]) -> None:
        """Second look at short lines that share a row with two or more labels (a tab bar).

        Only with the dictionary at hand: a real word there (图片 beside 图文, 微博 beside
        微信) is what it says, not a misread label. Without a translator, no second look."""
        if self.translator is None:
            return
        words = None
        for line in lines:
            if line.label is not None:
                continue
            middle = line.box.y + line.box.h / 2
            mates = [other for other in lines if other is not line and other.label is not None
                     and other.label.kind != "fuzzy"
                     and abs(other.box.y + other.box.h / 2 - middle) <= 0.5 * min(other.box.h, line.box.h)]
            if len(mates) >= 2:
                words = words if words is not None else self._dictionary()
                if line.text.strip() not in words:
                    line.label = self.labels.match_among_labels(line.text)

    def _templates_on(self, lines: list[ReadLine], rate: Rate) -> None:
        """A line that is the app's own text with a value (共 19条评论, 3天前 广东, 1/12) gets its
        English from the pack's templates at once, like a label, with no engine asked."""
        for line in lines:
            if line.label is None:
                found = self.templates.match(line.text, rate)
                if found is not None and found.english != line.text.strip():
                    line.template = found
                    line.template_labels = self._labels_in(found)
                    line.translation = TranslationResult(line.text, "zh", "en", found.english, "phrasebook")

    def _labels_in(self, found: TemplateMatch) -> tuple[str, ...]:
        """Glossary labels written in a template's own text (评论 in 共{n}条评论) or given as one of
        its values (美国 as the {place} of IP属地：{place}), in the order they are written."""
        fixed = [part for part in re.split(r"\{[a-z]+\d*\}", found.template.zh) if part.strip()]
        named = [zh for zh in self._label_words if any(zh in part for part in fixed)]
        named += [written for _, written, _ in found.values if written in self._label_words]
        return tuple(dict.fromkeys(named))

    def translate(self, reading: Reading, options: TranslateOptions, token: CancelToken | None = None,
                  on_line: Callable[[int, ReadLine], None] | None = None) -> None:
        """Fill in translations (non-label lines) and glosses (label lines), line by line.

        Screenshot lines are not added to the translation history (the user did not type
        them); they do use and fill the cache."""
        if self.translator is None:
            return
        options = replace(options, record_history=False, target="en")
        done: dict[str, TranslationResult] = {}
        units = _translation_units(reading)
        for index, line in enumerate(reading.lines):
            if token is not None and token.cancelled:
                return
            if line.label is not None:
                if self._glosser is not None and not line.gloss:
                    line.gloss = self._glosser.gloss(line.label.entry.zh, "zh")
            elif line.template is not None:  # read again with the user's rate; pinyin and words added
                self._templates_on([line], options.rate)
                answer = self.translator.translate(line.text, replace(options, offline=True), token)
                if answer.cancelled:
                    return
                answer.translation, answer.origin, answer.read_by_guide = line.english, "phrasebook", True
                line.translation = answer
            elif line.needs_translation:
                text = units[index]
                if line.paragraph and self._glosser is not None and not line.gloss:
                    line.gloss = self._glosser.gloss(line.text, "zh")  # its own words, not the paragraph's
                result = done.get(text)
                if result is None:
                    result = self.translator.translate(text, options, token)
                    if result.cancelled:
                        return
                    done[text] = result
                    if _no_engine_reachable(result) and not options.offline:
                        # A screenshot has dozens of lines: do not wait out every engine's
                        # deadline for each. The rest get the cache and the word breakdown.
                        options = replace(options, offline=True)
                        log.info("no engine reachable; the rest of this screenshot is read offline")
                line.translation = result
            else:
                continue
            if on_line is not None:
                on_line(index, line)

    def close(self) -> None:
        self.client.close()


def _translation_units(reading: Reading) -> dict[int, str]:
    """For each line to translate, the text to translate: the line, or the whole wrapped
    sentence it is part of (lines.paragraphs), which is also recorded on the lines."""
    lines = reading.lines
    units: dict[int, str] = {}
    groups = paragraphs([TextLine(l.text, l.box, l.confidence) for l in lines], reading.width)
    # the app's own line under a caption (2小时前 福建) ends the caption's sentence
    groups = [run for group in groups for run in _cut_at_templates(group, lines)]
    for group in groups:
        if len(group) > 1 and all(lines[i].needs_translation for i in group):
            text = lines[group[0]].text
            for i in group[1:]:
                text += joiner(text, lines[i].text) + lines[i].text
            for i in group:
                lines[i].paragraph, lines[i].paragraph_text = list(group), text
                units[i] = text
        else:
            for i in group:
                units[i] = lines[i].text
    return units


def _cut_at_templates(group: list[int], lines: list[ReadLine]) -> list[list[int]]:
    runs: list[list[int]] = [[]]
    for index in group:
        if lines[index].template is not None:
            runs += [[index], []]
        else:
            runs[-1].append(index)
    return [run for run in runs if run]


_NETWORK_TROUBLE = ("timed out", "unreachable")


def _no_engine_reachable(result: TranslationResult) -> bool:
    """Every engine tried failed for want of a network (not for this text)."""
    return (result.origin == "none" and bool(result.failures)
            and all(f.kind in _NETWORK_TROUBLE for f in result.failures))


def _fingerprint(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _load_output(ocr_file: Path, picture: Path) -> OcrOutput | None:
    """A kept OCR result, if it is for this very file (same size and time); else None (read
    again). Only a small regular file is read: a FIFO or a huge file in its place is ignored."""
    try:
        data = json.loads(user_files.read_regular(ocr_file).decode("utf-8"))
        if data.get("picture") != _fingerprint(picture):
            return None
        return output_from_json(data)
    except (OSError, user_files.UnusableFile, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _save_output(ocr_file: Path, picture: Path, output: OcrOutput) -> None:
    """Written beside the picture through a temporary file and a rename, so whatever was in
    its place (a FIFO would block a plain write) is replaced, never written into."""
    temporary = ocr_file.with_name(f".{ocr_file.name}.{os.getpid()}.tmp")
    try:
        data = {"picture": _fingerprint(picture), **output_to_json(output)}
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, ocr_file)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        log.info("cannot keep the OCR result of %s: %s", picture, exc)


def cue_lines(lines: list[ReadLine]) -> list[tuple[str, str | None, Box]]:
    """(text, label, box) per line for step matching; a line read whole by its template (共 19条评论)
    stands for each label in it, as the label did when it was cut out of the line."""
    return [(line.text, zh, line.box) for line in lines
            for zh in ((line.entry.zh if line.entry else None,) if not line.template_labels else line.template_labels)]
