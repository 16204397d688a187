"""Settings' LLM tab: the server, a model chosen from the server's own list, and a Test.

The model list comes from `GET …/models` (Ollama, llama.cpp and LM Studio all answer it),
asked again when the URL changes; the name stays editable. A configured model the server
does not list is marked, with the fix (`ollama pull …`). **Test** translates one line
with a budget long enough to load the model and shows the server's own answer or error.
Every call runs in `LLMJobs`, never on the UI thread; the newest list wins.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guide.core.translate import llm_server
from guide.core.translate.llm import DEFAULT_URL, PRESETS
from guide.core.translate.llm_warmup import test_line
from guide.core.translate.secrets import SecretStore
from guide.ui.translator.llm_jobs import LLMJobs

REFRESH_MS = 600  # after the last keystroke in the URL, the model list is asked for again
HELP = ("A local model loads on its first call (from a few seconds to a few minutes): the app waits for it and "
        "meanwhile shows the next engine's translation. Pick a small instruct model without thinking, "
        "e.g. qwen2.5:7b in Ollama.")


class LLMServerFields(QWidget):
    """The URL, preset, model and Test widgets of the LLM tab."""

    def __init__(self, url: str, model: str, secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.secrets = secrets
        self.jobs = LLMJobs(self)
        self.models: list[str] = []
        self.kind = ""
        self._asked = 0  # the newest model-list request; older answers are dropped
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        url_row = QHBoxLayout()
        self.url = QLineEdit(url)
        self.url.setObjectName("llmUrl")
        self.url.setPlaceholderText("http://localhost:11434/v1 (any OpenAI-compatible chat server)")
        self.url.setAccessibleName("LLM server URL")
        self.url.setAccessibleDescription("Address of an OpenAI-compatible chat server, local or remote")
        self.url.setToolTip("Tick LLM in the Engines tab to use it. A remote server's key goes under API keys.")
        url_row.addWidget(self.url, 1)
        self.preset = QComboBox()
        self.preset.setObjectName("llmPreset")
        self.preset.setAccessibleName("Fill in the address of a local LLM server")
        self.preset.setAccessibleDescription("Ollama, llama.cpp server or LM Studio at its default address")
        self.preset.setToolTip("Fill in the default address of Ollama, llama.cpp server or LM Studio")
        self.preset.addItem("Local server…", "")
        for title, preset_url in PRESETS.items():
            self.preset.addItem(title, preset_url)
        self.preset.activated.connect(self.preset_chosen)
        url_row.addWidget(self.preset)
        form.addRow("Server URL", url_row)
        model_row = QHBoxLayout()
        self.model = QComboBox()
        self.model.setObjectName("llmModel")
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.model.setAccessibleName("LLM model name")
        self.model.setAccessibleDescription("Choose one of the server's models, or type a name as the server knows it")
        self.model.setToolTip("The server's models are listed; you can also type a name")
        self.model.setEditText(model)
        model_row.addWidget(self.model, 1)
        self.test = QPushButton("Test")
        self.test.setObjectName("llmTest")
        self.test.setAccessibleName("Test the LLM server")
        self.test.setToolTip("Translate one line with this server and model, and show what the server said")
        self.test.clicked.connect(self.run_test)
        model_row.addWidget(self.test)
        form.addRow("Model", model_row)
        layout.addLayout(form)
        self.model_status = _plain_label("llmModelStatus")
        layout.addWidget(self.model_status)
        self.test_result = _plain_label("llmTestResult")
        layout.addWidget(self.test_result)
        help_text = _plain_label("llmHelp")
        help_text.setText(HELP)
        layout.addWidget(help_text)
        layout.addStretch(1)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh_models)
        self.url.textEdited.connect(lambda _t: self._refresh.start())
        self.model.editTextChanged.connect(lambda _t: self._show_model_status())

    # -- values -------------------------------------------------------------------------

    def url_text(self) -> str:
        return self.url.text().strip()

    def model_text(self) -> str:
        return self.model.currentText().strip()

    def preset_chosen(self, index: int) -> None:
        url = self.preset.itemData(index)
        if url:
            self.url.setText(url)
            self.refresh_models()

    # -- the model list -----------------------------------------------------------------

    def refresh_models(self) -> None:
        """Ask the server at the URL for its models (off the UI thread; the newest wins)."""
        self._refresh.stop()
        url = self.url_text() or DEFAULT_URL
        self._asked += 1
        asked = self._asked
        key = self._key()
        self.model_status.setText(f"Asking {url} for its models…")

        def listed(info: llm_server.ServerInfo) -> None:
            if asked == self._asked:
                self._show_models(info)

        self.jobs.run(lambda token: llm_server.probe(url, key, token=token), listed)

    def _show_models(self, info: llm_server.ServerInfo) -> None:
        typed = self.model.currentText()
        self.models, self.kind = info.models, info.kind
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(info.models)
        self.model.setEditText(typed)
        self.model.blockSignals(False)
        if info.problem:
            self.model_status.setText(f"Could not list the server's models: {info.problem}")
            return
        self._show_model_status()

    def _show_model_status(self) -> None:
        if not self.models and not self.kind:
            return
        model = self.model_text()
        server = self.kind or "This server"
        if model and not llm_server.has_model(model, self.models):
            fix = f"run `ollama pull {model}`, or choose" if self.kind == llm_server.OLLAMA else "choose"
            listed = f"one of its {len(self.models)} models above" if self.models else "a model once one is loaded"
            self.model_status.setText(f"⚠ {model} is missing: {server} does not list it — {fix} {listed}.")
            self.model_status.setProperty("missing", True)
        else:
            self.model_status.setText(f"{server} lists {len(self.models)} model{'s' if len(self.models) != 1 else ''}"
                                      + (f", {model} among them." if model else "."))
            self.model_status.setProperty("missing", False)

    # -- the test -----------------------------------------------------------------------

    def run_test(self) -> None:
        """One line translated with the load budget; the server's own words either way."""
        url, model, key = self.url_text() or DEFAULT_URL, self.model_text(), self._key()
        started = time.monotonic()
        self.test.setEnabled(False)
        self.test_result.setText(f"Testing {model} at {url}… (a first call may load the model: up to a few minutes)")

        def tested(outcome: tuple[str, str]) -> None:
            self.test.setEnabled(True)
            translation, problem = outcome
            seconds = time.monotonic() - started
            if problem:
                self.test_result.setText(f"✗ LLM: {problem}")
            else:
                self.test_result.setText(f"✓ {model} answered in {seconds:.1f} s: “{translation}”")

        self.jobs.run(lambda token: test_line(url, model, key, token=token), tested)

    def shutdown(self) -> None:
        self._refresh.stop()
        self.jobs.shutdown()

    def _key(self) -> str | None:
        secret = self.secrets.get("llm")
        return secret.reveal() if secret else None


def _plain_label(name: str) -> QLabel:
    """Server names and messages are the server's words: plain text, wrapped, selectable."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
