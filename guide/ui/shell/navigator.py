"""Cross-page requests ("open this step", "translate this") as Qt signals.

Pages emit; the main window routes. Pages never import each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Navigator(QObject):
    show_page = Signal(str)  # "start" | "walkthroughs" | "glossary" | "phrasebook" | "translator"
    open_walkthrough = Signal(str, str)  # walkthrough id, step id ("" = resume)
    look_at_step = Signal(str, str)  # walkthrough id, step id: shown, not started until the user moves a step
    open_label = Signal(str)  # glossary zh
    open_phrase = Signal(str)  # phrase key (its zh)
    translate_text = Signal(str)  # put this text into the translator page
    notice = Signal(str)  # a message for the notice bar
    clear_history = Signal()  # "Clear history and cache…" wherever it is asked for: translations and screenshots
