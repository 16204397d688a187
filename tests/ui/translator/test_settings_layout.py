"""Issue 14 item 10 and issue 25 item 16: Translator settings show every engine in a row with
room to breathe, fit an 800×600 screen, and without a system keyring the key fields are
visibly disabled and say — in full — why and how to get one."""

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


def shown(qtbot) -> TranslatorSettingsDialog:  # noqa: ANN001
    dialog = TranslatorSettingsDialog(Settings(), SecretStore())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_every_engine_row_is_visible_without_scrolling(qtbot, themed: str) -> None:
    engines = shown(qtbot).engine_list
    assert engines.count() >= 6
    assert engines.verticalScrollBar().maximum() == 0, "the engine list scrolls"
    last = engines.visualItemRect(engines.item(engines.count() - 1))
    assert last.bottom() < engines.viewport().height(), "the last engine is sliced"


def test_engine_rows_have_room_around_their_tick_box_and_name(qtbot, themed: str) -> None:
    dialog = shown(qtbot)
    engines = dialog.engine_list
    tick = dialog.style().pixelMetric(dialog.style().PixelMetric.PM_IndicatorHeight)
    for row in range(engines.count()):
        height = engines.visualItemRect(engines.item(row)).height()
        assert height >= engines.fontMetrics().height() + 8, f"row {row} is {height} px: cramped"
        assert height >= tick + 8


def test_at_800_by_600_the_no_keyring_text_and_every_key_field_show_whole(qtbot, memory_keyring,  # noqa: ANN001
                                                                          themed: str) -> None:
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = shown(qtbot)
        frame = 40  # a title bar and borders
        assert dialog.width() <= 800 and dialog.height() + frame <= 600, dialog.size()
        assert dialog.minimumSizeHint().height() + frame <= 600
        warning = dialog.findChild(QLabel, "noKeyringWarning")
        dialog.tabs.setCurrentWidget(dialog.tabs.widget(2))
        qtbot.waitUntil(warning.isVisible)
        QApplication.processEvents()
        assert warning.height() >= warning.heightForWidth(warning.width()), "the how-to is cut"
        bottom = warning.mapTo(dialog, warning.rect().bottomLeft()).y()
        assert bottom <= dialog.height()
        for field in dialog.key_fields.values():
            text = field.fontMetrics().horizontalAdvance(field.placeholderText())
            assert text <= field.width() - 8, f"{field.placeholderText()!r} is cut"
            assert field.height() >= field.sizeHint().height(), "the field is squeezed"
    finally:
        keyring.set_keyring(memory_keyring)


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
