"""Qt widgets. They hold no business logic: they call guide.core through services."""

from guide.ui.shell import pyside_module_check

pyside_module_check.install()  # before any page imports PySide6: see that module
