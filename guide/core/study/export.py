"""Flashcards to take away: favourite phrases, the cards kept to learn (with where they were
met and their pinyin) and the UI labels met in finished walkthroughs.

Written as a tab-separated file that Anki imports without questions (its `#key:value`
header lines set the separator, HTML mode, column names and a tag; Anki skips lines
starting with #), plus a plain CSV beside it for spreadsheets and other SRS apps.
"""

from __future__ import annotations

import csv
import errno
import html
import io
import logging
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guide.core.content.model import Pack
from guide.core.storage.user_files import write_replacing
from guide.core.study.cards import KeptCard
from guide.core.study.search import step_label_keys

log = logging.getLogger(__name__)

COLUMNS = ("Chinese", "Pinyin", "English", "Note")
ANKI_TAG = "rednote-guide"
NOTHING_YET = ("nothing to export yet: star phrases in the Phrase book, keep words with Learn this, or finish a "
               "walkthrough to collect its UI labels")


class NothingToExport(ValueError):
    """No cards: nothing is written (empty files looked like an export that lost the cards)."""


@dataclass(frozen=True)
class Card:
    zh: str
    pinyin: str
    en: str
    note: str
    source: str  # "phrase" (a favourite), "kept" (kept to learn) or "label" (met in a completed walkthrough)


def labels_met(pack: Pack, completed: Iterable[str]) -> list[str]:
    """Glossary keys a user has seen in the walkthroughs they finished, in reading order."""
    done = set(completed)
    seen: dict[str, None] = {}
    for walkthrough in pack.walkthroughs:
        if walkthrough.id in done:
            for step in walkthrough.steps:
                seen.update(dict.fromkeys(step_label_keys(step)))
    return [zh for zh in seen if pack.label(zh) is not None]


def collect_cards(pack: Pack, favourites: Iterable[str], completed: Iterable[str],
                  kept: Iterable[KeptCard] = ()) -> list[Card]:
    """Favourites first (oldest first), then kept cards (oldest first), then labels met; each
    汉字 once.

    A favourite whose phrase left the pack (content updated) is skipped, not an error."""
    phrases = {p.key: p for p in pack.phrases}
    cards: list[Card] = []
    used: set[str] = set()
    for key in favourites:
        phrase = phrases.get(key)
        if phrase is not None:
            note = " ".join(part for part in (f"Literally: {phrase.literal}." if phrase.literal else "", phrase.note) if part)
            cards.append(Card(phrase.zh, phrase.pinyin, phrase.en, note, "phrase"))
            used.add(phrase.zh)
        elif (entry := pack.label(key)) is not None:
            cards.append(Card(entry.zh, entry.pinyin, entry.en, _label_note(entry.where, entry.note), "label"))
            used.add(entry.zh)
        else:
            log.info("favourite %r is no longer in pack %s; not exported", key, pack.id)
    for card in kept:
        if card.zh not in used:
            cards.append(Card(card.zh, card.pinyin, card.en, kept_note(card), "kept"))
            used.add(card.zh)
    for zh in labels_met(pack, completed):
        entry = pack.label(zh)
        if entry is not None and zh not in used:
            cards.append(Card(entry.zh, entry.pinyin, entry.en, _label_note(entry.where, entry.note), "label"))
            used.add(zh)
    return cards


def kept_note(card: KeptCard) -> str:
    """Where the card was met, with the sentence around it: "Met in the Translator: 谢谢你的分享
    (thanks for sharing)."."""
    example = f"{card.example} ({card.example_en})" if card.example and card.example_en else \
        card.example or card.example_en
    return f"Met in {card.where_met()}" + (f": {example.rstrip('.')}." if example else ".")


def _label_note(where: str, note: str) -> str:
    where_part = f"On screen: {where.rstrip('.')}." if where else ""
    return " ".join(part for part in (where_part, note) if part)


def anki_field(text: str) -> str:
    """One field in HTML mode: markup characters escaped (a leading `"` would otherwise
    start a quoted field), line breaks as <br>, tabs as spaces, so a row stays one line."""
    text = html.escape(text.replace("\r\n", "\n").replace("\r", "\n"), quote=True)
    return text.replace("\n", "<br>").replace("\t", " ")


def anki_tsv(cards: Iterable[Card]) -> str:
    header = ["#separator:tab", "#html:true", "#columns:" + "\t".join(COLUMNS), f"#tags:{ANKI_TAG}"]
    rows = ["\t".join(anki_field(value) for value in (c.zh, c.pinyin, c.en, c.note)) for c in cards]
    return "\n".join(header + rows) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula (`=HYPERLINK(…)`,
    `+`, `-`, `@`) gets a leading apostrophe, which spreadsheets hide."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_csv(cards: Iterable[Card]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*COLUMNS, "Type"])
    for c in cards:
        writer.writerow([csv_cell(value) for value in (c.zh, c.pinyin, c.en, c.note, c.source)])
    return out.getvalue()


def csv_path_for(path: Path) -> Path:
    """`cards.txt` -> `cards.txt.csv`, `cards` -> `cards.csv`: named after the whole file, so
    two exports (out/cards and out/cards.txt) never share, and overwrite, one CSV."""
    return path.with_name(f"{path.name}.csv")


def files_replaced(path: Path) -> list[Path]:
    """The files an export to `path` would write over (both are replaced without asking: the
    command and the app say which)."""
    return [p for p in (path, csv_path_for(path)) if p.exists()]


def check_target(path: Path) -> None:
    """Refuse what must not be replaced: anything but a regular file (a device node, a FIFO, a
    folder), and a missing folder (it is never created: a typo would scatter files)."""
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"the folder {path.parent} does not exist", str(path.parent))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise IsADirectoryError(errno.EEXIST, f"{path} exists and is not a regular file; it is left alone", str(path))


def write_anki(cards: list[Card], path: Path) -> tuple[Path, Path]:
    """Write the Anki TSV at `path` and the CSV beside it; returns both paths.

    Each file is written to a temporary name and renamed, so an interrupted export never
    leaves half a file where the user expects a whole one. Raises OSError (also, before
    writing anything, for a missing folder or a target that is not a regular file), and
    NothingToExport when `cards` is empty."""
    csv_path = csv_path_for(path)
    check_target(path)
    check_target(csv_path)
    if not cards:
        raise NothingToExport(NOTHING_YET)
    _write_atomic(path, anki_tsv(cards), "utf-8")
    _write_atomic(csv_path, table_csv(cards), "utf-8-sig")  # the BOM makes Excel read UTF-8
    log.info("exported %d cards to %s and %s", len(cards), path, csv_path)
    return path, csv_path


def _write_atomic(path: Path, text: str, encoding: str) -> None:
    write_replacing(path, text.encode(encoding))  # 0o644: an export is meant to be shared
