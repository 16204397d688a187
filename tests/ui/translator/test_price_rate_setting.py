"""Translator settings hold the yuan rate prices are converted at (issue 21 part 2): a new rate
is dated today, an untouched one keeps its date, and the Translator uses it."""

from __future__ import annotations

from datetime import date

from guide.core.content.values import Rate
from guide.core.storage.settings import Settings, SettingsStore
from guide.core.translate.pipeline import TranslateOptions
from guide.core.translate.secrets import SecretStore
from guide.ui.translator.settings_dialog import TranslatorSettingsDialog


def test_a_new_rate_is_dated_today_and_saved(qtbot, tmp_path) -> None:  # noqa: ANN001
    settings = Settings()
    dialog = TranslatorSettingsDialog(settings, SecretStore())
    qtbot.addWidget(dialog)
    assert dialog.rate.value() == 6.98 and "2026-01-26" in dialog.rate.toolTip()
    dialog.rate.setValue(7.31)
    dialog.accept()
    assert (settings.yuan_per_dollar, settings.yuan_rate_date) == (7.31, date.today().isoformat())
    store = SettingsStore(tmp_path)
    store.save(settings)
    assert TranslateOptions.from_settings(store.load()).rate == Rate(7.31, date.today().isoformat())


def test_an_untouched_rate_keeps_its_date(qtbot) -> None:  # noqa: ANN001
    settings = Settings(yuan_per_dollar=7.2, yuan_rate_date="2025-05-05")
    dialog = TranslatorSettingsDialog(settings, SecretStore())
    qtbot.addWidget(dialog)
    dialog.timeout.setValue(20)
    dialog.accept()
    assert (settings.yuan_per_dollar, settings.yuan_rate_date) == (7.2, "2025-05-05")
