"""API keys for DeepL, Microsoft, Baidu, LibreTranslate and a remote LLM server, kept in the system keyring only.

Never in settings files, never logged, never in an exception or a message. Values travel
wrapped in `Secret`, whose repr/str hide them, and every value read or written is added
to a log filter that blanks it out of any log line (urllib3 logs request URLs at DEBUG,
and DeepL puts its key in the URL).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

SERVICE = "rednote-guide"

# Secret names as stored in the keyring (the "username" under our service).
SECRET_NAMES = {
    "deepl": "DeepL API key",
    "microsoft": "Microsoft Translator key",
    "microsoft_region": "Microsoft Translator region (optional)",
    "baidu_appid": "Baidu APP ID",
    "baidu": "Baidu key",
    "libretranslate": "LibreTranslate API key (optional)",
    "llm": "LLM server API key (optional; remote servers only)",
}

REDACTED = "•••"


@dataclass(frozen=True)
class Secret:
    """A key that does not print itself: `reveal()` is the only way to the value."""

    _value: str = field(repr=False)

    def reveal(self) -> str:
        return self._value

    def __str__(self) -> str:
        return REDACTED

    def __repr__(self) -> str:
        return f"Secret({REDACTED})"

    def __bool__(self) -> bool:
        return bool(self._value)


class _RedactingFilter(logging.Filter):
    """Blanks known secret values out of log records before any handler sees them."""

    def __init__(self) -> None:
        super().__init__()
        self._values: set[str] = set()
        self._lock = threading.Lock()

    def add(self, value: str) -> None:
        if len(value) >= 4:  # shorter strings would blank ordinary words
            with self._lock:
                self._values.add(value)

    def filter(self, record: logging.LogRecord) -> bool:
        with self._lock:
            values = list(self._values)
        if not values:
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record must still be filtered
            message = str(record.msg)
        changed = False
        if record.exc_info:
            trace = logging.Formatter().formatException(record.exc_info)
            if any(value in trace for value in values):  # e.g. a URL with the key in a traceback
                record.exc_info = None
                record.exc_text = None
                message += " (traceback withheld: it contained an API key)"
                changed = True
        for value in values:
            if value in message:
                message = message.replace(value, REDACTED)
                changed = True
        if changed:
            record.msg, record.args = message, None
        return True


_filter = _RedactingFilter()
_filtered_loggers = ("urllib3", "urllib3.connectionpool", "urllib3.connection", "urllib3.response",
                     "urllib3.util.retry", "requests", "deep_translator", "guide")
_filter_installed = False
_filter_lock = threading.Lock()


def _install_filter() -> None:
    """Attach the filter to the loggers that could see a key, and to the root's handlers."""
    global _filter_installed
    with _filter_lock:
        if _filter_installed:
            return
        for name in _filtered_loggers:
            logging.getLogger(name).addFilter(_filter)
        logging.getLogger().addFilter(_filter)  # deep-translator logs on the root logger
        _filter_installed = True


def remember_for_redaction(value: str) -> None:
    """Make sure `value` never appears in a log line from now on, URL-encoded or not."""
    from urllib.parse import quote, quote_plus

    _install_filter()
    for form in {value, quote(value, safe=""), quote_plus(value), quote(value)}:
        _filter.add(form)


class SecretStore:
    """Reads and writes keys through the keyring package; failures become messages, not crashes.

    `keyring` is imported lazily: offline use never touches it (some backends talk over
    D-Bus, which opens a socket).
    """

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self.last_problem: str | None = None
        # Read each key once per session: a locked desktop keyring may ask the user to
        # unlock it, and translation-as-you-type must not ask on every keystroke.
        self._cache: dict[str, Secret | None] = {}
        self._lock = threading.Lock()

    def _keyring(self):  # noqa: ANN202 - the keyring module
        import keyring

        return keyring

    def available(self) -> bool:
        """False when the system has no usable keyring (keys then cannot be saved)."""
        try:
            backend = self._keyring().get_keyring()
        except Exception:  # noqa: BLE001 - any backend failure means "not available"
            return False
        priority = getattr(backend, "priority", 1)
        try:
            return float(priority) > 0
        except (TypeError, ValueError):  # pragma: no cover
            return True

    def get(self, name: str) -> Secret | None:
        with self._lock:
            if name in self._cache:
                return self._cache[name]
        try:
            value = self._keyring().get_password(self.service, name)
        except Exception as exc:  # noqa: BLE001 - keyring raises many types; never show the value
            self.last_problem = f"The system keyring could not be read ({type(exc).__name__})."
            log.info("keyring read for %s failed: %s", name, type(exc).__name__)
            value = None
        secret = Secret(value) if value else None
        if value:
            remember_for_redaction(value)
        with self._lock:
            self._cache[name] = secret
        return secret

    def forget_cached(self) -> None:
        """Read the keyring again next time (keys changed outside this store)."""
        with self._lock:
            self._cache.clear()

    def set(self, name: str, value: str) -> bool:
        """Store (or, with an empty value, delete) a key; False with `last_problem` on failure."""
        value = value.strip()
        if not value:
            return self.delete(name)
        remember_for_redaction(value)
        with self._lock:
            self._cache.pop(name, None)
        try:
            self._keyring().set_password(self.service, name, value)
        except Exception as exc:  # noqa: BLE001
            self.last_problem = (f"Could not save the {SECRET_NAMES.get(name, name)} in the system keyring "
                                 f"({type(exc).__name__}); it was not stored anywhere else.")
            log.warning("keyring write for %s failed: %s", name, type(exc).__name__)
            return False
        return True

    def delete(self, name: str) -> bool:
        with self._lock:
            self._cache.pop(name, None)
        try:
            keyring = self._keyring()
            if keyring.get_password(self.service, name) is not None:
                keyring.delete_password(self.service, name)
        except Exception as exc:  # noqa: BLE001
            self.last_problem = f"Could not remove the {SECRET_NAMES.get(name, name)} from the keyring ({type(exc).__name__})."
            return False
        return True

    def has(self, name: str) -> bool:
        return self.get(name) is not None
