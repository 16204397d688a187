"""Loads the LLM's model before the user's first translation needs it.

When the Translator opens with the LLM first in the engine list, or the user switches the
LLM on in Settings, the model is loaded in the background ("Loading qwen2.5:7b in
Ollama…") by a call no keystroke cancels: Ollama aborts a load whose request goes away,
and the Translator cancels a translation whenever the text changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from guide.core.storage.settings import Settings
from guide.core.translate import llm_server
from guide.core.translate.deadline import CancelToken
from guide.core.translate.llm import DEFAULT_MODEL, DEFAULT_URL
from guide.core.translate.llm_warmup import warm_up
from guide.core.translate.secrets import SecretStore
from guide.ui.translator.llm_jobs import LLMJobs


class ModelWarmer(QObject):
    """`status` says what is loading ('' when nothing is); problems go to `notice`."""

    statusChanged = Signal(str)

    def __init__(self, settings: Settings, secrets: SecretStore, notice: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.secrets = secrets
        self.notice = notice
        self.jobs = LLMJobs(self)
        self.status = ""
        self._loading: tuple[str, str] | None = None  # (url, model) being loaded

    def warm(self) -> None:
        """Load the configured model, unless it is off, remote, already loaded or loading."""
        if self.settings.offline_only or "llm" not in self.settings.engines:
            return
        url = self.settings.llm_url or DEFAULT_URL
        model = self.settings.llm_model or DEFAULT_MODEL
        if not llm_server.is_local(url) or llm_server.is_warm(url, model) or self._loading == (url, model):
            return
        self._loading = (url, model)
        secret = self.secrets.get("llm")
        key = secret.reveal() if secret else None

        def find_server(token: CancelToken) -> llm_server.ServerInfo:
            return llm_server.probe(url, key, token=token)  # to say which server is loading it

        def load(token: CancelToken) -> str:
            return warm_up(url, model, key, token=token)

        def loaded(problem: str) -> None:
            if self._loading == (url, model):
                self._loading = None
                self._set_status("")
            if problem and problem != "cancelled":
                self.notice(f"LLM: {problem}")

        def found(_info: llm_server.ServerInfo) -> None:
            if self._loading == (url, model):
                self._set_status(llm_server.loading_text(url, model))
                self.jobs.run(load, loaded)

        self.jobs.run(find_server, found)

    def shutdown(self) -> None:
        self.jobs.shutdown()

    def _set_status(self, text: str) -> None:
        self.status = text
        self.statusChanged.emit(text)
