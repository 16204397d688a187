"""Reading Chinese aloud with the system's voices (Qt's text-to-speech, in PySide6-Addons,
installed by the [speech] extra). Without it there is nothing to play: callers hide Speak and
the Listen front."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

try:  # PySide6-Addons, installed by the [speech] extra
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # pragma: no cover - depends on the installation
    QTextToSpeech = None

NO_CHINESE_VOICE = ("No Chinese voice is installed, so Speak uses the default voice. "
                    "Add a Chinese (Mandarin) voice in your system's speech settings.")


def speech_available() -> bool:
    return QTextToSpeech is not None


class Speaker:
    """One engine per owner, made on first use (it starts the system's speech service)."""

    def __init__(self, owner: QObject, notice: Callable[[str], None]) -> None:
        self.owner = owner
        self.notice = notice
        self._engine: QTextToSpeech | None = None

    def say(self, text: str) -> bool:
        if QTextToSpeech is None or not text:
            return False
        if self._engine is None:
            self._engine = QTextToSpeech(self.owner)
            chinese = [loc for loc in self._engine.availableLocales() if loc.name().startswith("zh")]
            if chinese:
                self._engine.setLocale(chinese[0])
            else:
                self.notice(NO_CHINESE_VOICE)
        self._engine.say(text)
        return True
