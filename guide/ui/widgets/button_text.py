"""Text from content shown on a button: Qt reads "&" there as a keyboard mnemonic, so
"Help & Support" would show as "Help _Support" with "S" underlined. Doubling it shows "&"."""

from __future__ import annotations


def button_text(text: str) -> str:
    """`text` as a QPushButton / QAbstractButton shows it literally."""
    return text.replace("&", "&&")
