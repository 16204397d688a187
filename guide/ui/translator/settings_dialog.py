"""Translator settings in three tabs, so the dialog fits an 800×600 screen: engine order,
time limit, offline only and the LibreTranslate server; the LLM server and model
(`llm_settings`); keys (keyring only). Keys are write-only here: a saved key is never shown
again, only replaced or forgotten."""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide.core.storage.settings import RATE_RANGE, TIMEOUT_RANGE, Settings
from guide.core.translate.engines import REGISTRY
from guide.core.translate.secrets import SECRET_NAMES, SecretStore
from guide.ui.widgets.safe_text import make_plain, set_tooltip
from guide.ui.translator.llm_settings import LLMServerFields

log = logging.getLogger(__name__)

NAME_ROLE = Qt.ItemDataRole.UserRole
NO_KEYRING = ("No system keyring is available, so API keys cannot be saved (they are never written to a file). "
              "Google, MyMemory and LibreTranslate work without keys. To use DeepL or Microsoft, install and "
              "unlock a keyring — GNOME Keyring or KWallet on Linux (e.g. sudo apt install gnome-keyring), "
              "Windows Credential Manager and the macOS Keychain are built in — then reopen this dialog.")


class TranslatorSettingsDialog(QDialog):
    def __init__(self, settings: Settings, secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translatorSettingsDialog")
        self.setWindowTitle("Translator settings")
        self.settings = settings
        self.secrets = secrets
        self.problems: list[str] = []
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("translatorSettingsTabs")
        layout.addWidget(self.tabs, 1)
        engines_tab = QWidget()
        engines_page = QVBoxLayout(engines_tab)
        self.tabs.addTab(engines_tab, "&Engines")

        engines_box = QGroupBox("Engines, tried in this order")
        engines_layout = QHBoxLayout(engines_box)
        self.engine_list = QListWidget()
        self.engine_list.setObjectName("engineOrder")
        self.engine_list.setAccessibleName("Translation engines in the order they are tried")
        self.engine_list.setAccessibleDescription("Tick the engines to use; drag them, or use Up and Down, to change the order")
        self.engine_list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        chosen = [n for n in settings.engines if n in REGISTRY]
        for name in chosen + [n for n in REGISTRY if n not in chosen]:
            item = QListWidgetItem(REGISTRY[name].title)
            item.setData(NAME_ROLE, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.engine_list.addItem(item)
        self._fit_engine_list()
        engines_layout.addWidget(self.engine_list, 1)
        buttons = QVBoxLayout()
        for title, step in (("Up", -1), ("Down", 1)):
            button = QPushButton(title)
            button.setAccessibleName(f"Move the selected engine {title.lower()}")
            button.setToolTip("Engines are tried from the top; the first good answer is used")
            button.clicked.connect(lambda _=False, s=step: self._move(s))
            buttons.addWidget(button)
        buttons.addStretch(1)
        engines_layout.addLayout(buttons)
        engines_page.addWidget(engines_box)

        form = QFormLayout()
        self.libre_url = QLineEdit(settings.libretranslate_url)
        self.libre_url.setObjectName("libreTranslateUrl")
        self.libre_url.setPlaceholderText("http://localhost:5000 (your own LibreTranslate server)")
        self.libre_url.setAccessibleName("LibreTranslate server URL")
        form.addRow("LibreTranslate URL", self.libre_url)
        self.timeout = QDoubleSpinBox()
        self.timeout.setObjectName("translatorTimeout")
        self.timeout.setAccessibleName("Request timeout in seconds")
        self.timeout.setToolTip("After this long the next engine is tried; the dictionary breakdown shows anyway. "
                                "A local LLM may take longer to load its model: the next engine answers meanwhile")
        self.timeout.setRange(*TIMEOUT_RANGE)  # local LLMs can need a long time
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(settings.timeout_seconds)
        form.addRow("Give up on an engine after", self.timeout)
        self.rate = QDoubleSpinBox()  # prices (¥75) are shown with a dollar figure at this rate and its date
        self.rate.setObjectName("yuanPerDollar")
        self.rate.setAccessibleName("Yuan per US dollar, for the dollar figure beside prices")
        set_tooltip(self.rate, f"¥75 is shown as ~US$ at this rate, with its date (now {settings.yuan_rate_date}); "
                               "changing it makes today the rate's date")  # a settings value
        self.rate.setRange(*RATE_RANGE)
        self.rate.setDecimals(2)
        self.rate.setSingleStep(0.01)
        self.rate.setPrefix("¥")
        self.rate.setSuffix(f" = US$1 (rate of {settings.yuan_rate_date})")
        self.rate.setValue(settings.yuan_per_dollar)
        form.addRow("Exchange rate for prices", self.rate)
        self.offline = QCheckBox("Offline only: never connect to the network (phrase book, cache and dictionary only)")
        self.offline.setObjectName("translatorOfflineSetting")
        self.offline.setToolTip("The same switch as on the Translator page")
        self.offline.setChecked(settings.offline_only)
        form.addRow(self.offline)
        engines_page.addLayout(form)
        engines_page.addStretch(1)

        self.llm = LLMServerFields(settings.llm_url, settings.llm_model, secrets)
        self.llm_url, self.llm_preset, self.llm_model = self.llm.url, self.llm.preset, self.llm.model
        self.tabs.addTab(self.llm, "&LLM server")
        if "llm" in settings.engines and not settings.offline_only:
            self.llm.refresh_models()

        keys_tab = QWidget()
        keys_page = QVBoxLayout(keys_tab)
        self.tabs.addTab(keys_tab, "API &keys")
        keys_box = QGroupBox("Stored in your system keyring, never in a file")
        keys_form = QFormLayout(keys_box)
        keys_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.key_fields: dict[str, QLineEdit] = {}
        available = secrets.available()
        for name, title in SECRET_NAMES.items():
            field = QLineEdit()
            field.setObjectName(f"key_{name}")
            field.setAccessibleName(title)
            field.setEchoMode(QLineEdit.EchoMode.Password if name != "microsoft_region" else QLineEdit.EchoMode.Normal)
            saved = available and secrets.has(name)
            field.setPlaceholderText(("saved — type to replace" if saved else "not set") if available
                                     else "no system keyring")
            field.setEnabled(available)
            if not available:
                set_tooltip(field, NO_KEYRING)
            self.key_fields[name] = field
            keys_form.addRow(title, field)
        self.forget = QCheckBox("Forget all saved keys")
        self.forget.setObjectName("forgetKeys")
        self.forget.setToolTip("When you press OK, every key this app saved in the system keyring is deleted")
        self.forget.setEnabled(available)
        keys_form.addRow(self.forget)
        if not available:  # above the fields it explains, outside the form: a form cut it to 1½ lines
            warning = QLabel(NO_KEYRING)
            warning.setObjectName("noKeyringWarning")
            warning.setWordWrap(True)
            warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            keys_page.addWidget(warning)
        keys_page.addWidget(keys_box)
        keys_page.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("translatorSettingsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        for label in self.findChildren(QLabel):  # row titles and messages: the app's words, shown as written
            make_plain(label)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for the keyring warning to wrap into a few lines, small enough for 800×600."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), 640), hint.height())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Sized for its tallest tab once wrapped labels know their width (the keyring warning
        takes five lines), and never taller than the screen."""
        super().showEvent(event)
        warning = self.findChild(QLabel, "noKeyringWarning")
        if warning is not None:  # its tab may not be laid out yet: assume the tab's width
            width = warning.width() if warning.isVisible() else self.tabs.width() - 4 * self.style().pixelMetric(
                self.style().PixelMetric.PM_LayoutLeftMargin)
            warning.setMinimumHeight(warning.heightForWidth(max(width, 200)))
        self.adjustSize()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and (self.height() > screen.height() or self.width() > screen.width()):
            self.resize(min(self.width(), screen.width()), min(self.height(), screen.height()))

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: OK, Cancel and Esc all end here
        self.llm.shutdown()
        super().done(result)

    def _fit_engine_list(self) -> None:
        """Rows with room around their tick box and name, and tall enough to show every engine
        without scrolling (a sliced last row looked broken)."""
        row = max(self.fontMetrics().height() + 12, self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorHeight) + 12)
        for index in range(self.engine_list.count()):
            self.engine_list.item(index).setSizeHint(QSize(0, row))
        rows = sum(self.engine_list.sizeHintForRow(index) for index in range(self.engine_list.count()))
        self.engine_list.setFixedHeight(rows + 2 * self.engine_list.frameWidth() + 4)

    def _preset_chosen(self, index: int) -> None:
        self.llm.preset_chosen(index)

    def _move(self, step: int) -> None:
        row = self.engine_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.engine_list.count():
            return
        item = self.engine_list.takeItem(row)
        self.engine_list.insertItem(target, item)
        self.engine_list.setCurrentRow(target)

    def chosen_engines(self) -> list[str]:
        names = []
        for row in range(self.engine_list.count()):
            item = self.engine_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                names.append(item.data(NAME_ROLE))
        return names

    def accept(self) -> None:  # noqa: D401 - Qt override
        url = self.libre_url.text().strip()
        if url and not _web_url(url):
            self.message.setText("The LibreTranslate URL must start with http:// or https://, e.g. http://localhost:5000")
            return
        llm_url = self.llm.url_text()
        if llm_url and not _web_url(llm_url):
            self.tabs.setCurrentWidget(self.llm)
            self.message.setText("The LLM server URL must start with http:// or https://, e.g. http://localhost:11434/v1")
            return
        self.settings.engines = self.chosen_engines()
        self.settings.libretranslate_url = url
        self.settings.llm_url = llm_url
        self.settings.llm_model = self.llm.model_text()
        self.settings.timeout_seconds = float(self.timeout.value())
        self.settings.offline_only = self.offline.isChecked()
        if abs(self.rate.value() - self.settings.yuan_per_dollar) >= 0.005:  # a new rate is today's rate
            self.settings.yuan_per_dollar = round(self.rate.value(), 2)
            self.settings.yuan_rate_date = date.today().isoformat()
        self.problems = self._save_keys()
        super().accept()

    def _save_keys(self) -> list[str]:
        problems = []
        for name, field in self.key_fields.items():
            value = field.text().strip()
            field.clear()  # the key leaves the widget as soon as it is stored
            if self.forget.isChecked():
                ok = self.secrets.delete(name)
            elif value:
                ok = self.secrets.set(name, value)
            else:
                continue
            if not ok and self.secrets.last_problem:
                problems.append(self.secrets.last_problem)
        return problems


def _web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
