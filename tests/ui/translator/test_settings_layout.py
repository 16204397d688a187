"""Issue 14 item 10: Translator settings show every engine without a sliced row, and without a
system keyring the key fields are visibly disabled and say why and how to get one."""

from __future__ import annotations

import re
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication, QLabel

from guide.core.storage.settings import Settings
from guide.core.translate.secrets import SecretStore
from guide.ui.shell.theme import apply_theme, stylesheet
from guide.ui.translator.settings_dialog import TranslatorSettingsDialog


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    app = QApplication.instance()
    choice = app.property("themeChoice") or "light"
    apply_theme(app, request.param)
    yield request.param
    apply_theme(app, choice)


def test_every_engine_row_is_visible_without_scrolling(qtbot, themed: str) -> None:
    dialog = TranslatorSettingsDialog(Settings(), SecretStore())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    engines = dialog.engine_list
    assert engines.count() >= 6
    assert engines.verticalScrollBar().maximum() == 0, "the engine list scrolls"
    last = engines.visualItemRect(engines.item(engines.count() - 1))
    assert last.bottom() < engines.viewport().height(), "the last engine is sliced"


def test_without_a_keyring_the_key_fields_are_disabled_and_say_why(qtbot, memory_keyring) -> None:
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = TranslatorSettingsDialog(Settings(), SecretStore())
        qtbot.addWidget(dialog)
        for field in dialog.key_fields.values():
            assert not field.isEnabled()
            assert "no system keyring" in field.placeholderText()
            assert "keyring" in field.toolTip()
        assert not dialog.forget.isEnabled()
        warning = dialog.findChild(QLabel, "noKeyringWarning")
        assert warning is not None and "GNOME Keyring" in warning.text() and "KWallet" in warning.text()
    finally:
        keyring.set_keyring(memory_keyring)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_disabled_text_fields_look_disabled(dark: bool) -> None:
    """The stylesheet's white/dark field background would otherwise hide the disabled state."""
    sheet = stylesheet(dark)
    enabled = re.search(r"^QLineEdit, QPlainTextEdit, QTextEdit \{[^}]*background: ([^;]+);", sheet, re.MULTILINE)
    disabled = re.search(r"QLineEdit:disabled[^{]*\{[^}]*background: ([^;]+);", sheet)
    assert enabled and disabled, "no QLineEdit:disabled rule"
    assert enabled.group(1).strip() != disabled.group(1).strip()
