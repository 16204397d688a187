"""Every keyboard shortcut, declared once. Code binds its keys from here and F1 lists them
from here, so the help cannot drift from what the keys do; tests/ui/shell/test_shortcuts_help.py
fails on any key bound anywhere in the window that is missing from `ALL`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]  # portable key sequences ("Ctrl+D", "PgDown"); empty for general keys
    what: str
    where: str  # the part of the app where the keys work
    label: str = ""  # how F1 writes the keys when not "A or B"

    def sequence(self, number: int = 0) -> QKeySequence:
        return QKeySequence(self.keys[number])

    def shown(self) -> str:
        return self.label or " or ".join(self.keys)


EVERYWHERE, WALKTHROUGH, LABELS, PHRASES, PRACTICE, TRANSLATOR, SCREENSHOT, LEARNING, REVIEWING = (
    "Everywhere", "Walkthroughs", "UI labels", "Phrase book", "Practice", "Translator", "Screenshot", "Learn",
    "Review")

PAGES = Shortcut(tuple(f"Ctrl+{n}" for n in range(1, 7)),
                 "Start, Walkthroughs, UI labels, Phrase book, Translator, Screenshot", EVERYWHERE, "Ctrl+1 … Ctrl+6")
OPEN_SCREENSHOT = Shortcut(("Ctrl+O",), "Open a screenshot file to read", EVERYWHERE)
READ_SCREEN = Shortcut(("Ctrl+Shift+S",), "Read from screen: drag over any part of the desktop to read it",
                       EVERYWHERE)
PASTE_PICTURE = Shortcut((), "Read a screenshot you copied (a picture on the clipboard)", EVERYWHERE, "Ctrl+V")
SEARCH = Shortcut(("Ctrl+K",), "Search everything (phrases, labels, walkthrough steps)", EVERYWHERE)
HELP = Shortcut(("F1", "?"), "This list of shortcuts", EVERYWHERE)
QUIT = Shortcut(("Ctrl+Q",), "Quit", EVERYWHERE)
OPEN = Shortcut((), "Open the selected item", EVERYWHERE, "Enter")
CLOSE = Shortcut((), "Close a dialog or the search palette", EVERYWHERE, "Esc")
NEXT_STEP = Shortcut(("Right", "PgDown"), "Next step", WALKTHROUGH, "→ or Page Down")
PREVIOUS_STEP = Shortcut(("Left", "PgUp"), "Previous step", WALKTHROUGH, "← or Page Up")
ZOOM_PICTURE = Shortcut(("+", "=", "Ctrl++"), "Enlarge the step's picture (Esc closes it)", WALKTHROUGH, "+")
HOTSPOTS = Shortcut((), "Reach the step's picture; arrows move between its labels and texts, Enter explains",
                    WALKTHROUGH, "Tab")
INLINE_LABELS = Shortcut((), "In the step text: reach its Chinese labels; Enter explains", WALKTHROUGH, "↑ or ↓")
COPY_LABEL = Shortcut(("Ctrl+C",), "Copy the selected label's Chinese", LABELS)
COPY_PHRASE = Shortcut(("Ctrl+C",), "Copy the selected phrase's Chinese", PHRASES)
FAVOURITE = Shortcut(("Ctrl+D",), "Star or unstar the selected phrase (Favourites)", PHRASES)
REVEAL = Shortcut(("Space",), "Show the answer", PRACTICE)
AGAIN = Shortcut(("1",), "Again: the card comes back later in the round", PRACTICE)
KNOWN = Shortcut(("2",), "Known: the card leaves the round", PRACTICE)
DELETE_HISTORY = Shortcut(("Del",), "Delete the selected history entry", TRANSLATOR, "Delete")
ZOOM_SCREENSHOT = Shortcut(("+", "=", "-", "0"), "Zoom the picture in, out, or to fit it (also Ctrl+wheel; drag to move it)",
                           SCREENSHOT, "+ / − / 0")

LEARN = Shortcut(("Ctrl+L",), "Learn this: keep the chosen word, label, phrase or line as a card for Review "
                 "(Translator, Screenshot, walkthrough label cards, UI labels, Phrase book)", LEARNING)
SHOW_ANSWER = Shortcut(("Space",), "Show the answer", REVIEWING)
ANSWERS = Shortcut(("1", "2", "3", "4"), "Again, Hard, Good, Easy (each button says when the card comes back)",
                   REVIEWING, "1 2 3 4")

ALL = (PAGES, OPEN_SCREENSHOT, READ_SCREEN, PASTE_PICTURE, SEARCH, HELP, QUIT, OPEN, CLOSE, NEXT_STEP, PREVIOUS_STEP, ZOOM_PICTURE, HOTSPOTS, INLINE_LABELS, COPY_LABEL, COPY_PHRASE, FAVOURITE,
       REVEAL, AGAIN, KNOWN, DELETE_HISTORY, ZOOM_SCREENSHOT, LEARN, SHOW_ANSWER, ANSWERS)
