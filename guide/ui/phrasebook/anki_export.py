"""Export for Anki from the Phrase book: say what goes in (favourites, and the UI labels met
in finished walkthroughs) and let the user choose, ask where (starting in the folder used
last time), write the file, say what was written. The cards come from `guide.core.study.export`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QVBoxLayout,
    QWidget,
)

from guide.core.context import AppContext
from guide.core.study.export import collect_cards, csv_path_for, write_anki
from guide.ui.widgets.safe_text import plain_label

FILE_NAME = "rednote-guide-flashcards.txt"


class ExportChoiceDialog(QDialog):
    """What goes into the file: favourite phrases, UI labels met, or both."""

    def __init__(self, favourites: int, labels: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ankiExportDialog")
        self.setWindowTitle("Export for Anki")
        layout = QVBoxLayout(self)
        intro = plain_label(f"The flashcards can hold your {favourites} favourite phrase{'s' if favourites != 1 else ''} "
                            f"and the {labels} UI label{'s' if labels != 1 else ''} you met in the walkthroughs you "
                            "finished. Choose what to export:")
        intro.setWordWrap(True)
        intro.setMinimumWidth(420)
        layout.addWidget(intro)
        self.favourites = QCheckBox(f"Favourite phrases ({favourites})")
        self.favourites.setObjectName("exportFavourites")
        self.favourites.setChecked(favourites > 0)
        self.favourites.setEnabled(favourites > 0)
        layout.addWidget(self.favourites)
        self.labels = QCheckBox(f"UI labels from finished walkthroughs ({labels})")
        self.labels.setObjectName("exportLabels")
        self.labels.setChecked(labels > 0)
        self.labels.setEnabled(labels > 0)
        layout.addWidget(self.labels)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose file…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for box in (self.favourites, self.labels):
            box.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.favourites.isChecked() or self.labels.isChecked())


def ask_what_to_export(parent: QWidget, favourites: int, labels: int) -> tuple[bool, bool] | None:
    """(favourites, labels) to include, or None when cancelled."""
    dialog = ExportChoiceDialog(favourites, labels, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.favourites.isChecked(), dialog.labels.isChecked()


def ask_where(parent: QWidget, folder: str) -> Path | None:
    """The save dialog, opening in `folder` (the last one used) when it still exists."""
    start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    chosen, _ = QFileDialog.getSaveFileName(parent, "Export for Anki", str(start / FILE_NAME),
                                            "Anki text file (*.txt);;Tab-separated (*.tsv);;All files (*)")
    return Path(chosen) if chosen else None


def export_flashcards(parent: QWidget, context: AppContext, show_status: Callable[[str], None],
                      notice: Callable[[str], None], path: Path | None = None,
                      include: tuple[bool, bool] | None = None) -> Path | None:
    """Write the Anki file (asking what and where when `path` is None); returns the path written.
    `include` is (favourite phrases, labels met); None means both, or the user's choice."""
    favourites = context.userdata.favourites()
    completed = context.userdata.completed()
    phrase_cards = collect_cards(context.pack, favourites, ())
    every_card = collect_cards(context.pack, favourites, completed)
    labels = len(every_card) - len(phrase_cards)
    if path is None:
        if include is None and labels:
            include = ask_what_to_export(parent, len(phrase_cards), labels)
            if include is None:
                return None
        path = ask_where(parent, context.settings.last_export_folder)
        if path is None:
            return None
    with_phrases, with_labels = include or (True, True)
    cards = collect_cards(context.pack, favourites if with_phrases else (), completed if with_labels else ())
    try:
        write_anki(cards, path)
    except OSError as exc:
        message = f"Could not export to {path}: {exc.strerror or exc}. Choose another folder."
        show_status(message)
        notice(message)
        return None
    context.settings.last_export_folder = str(path.parent)
    context.save_settings()
    if cards:
        from_favourites = len(phrase_cards) if with_phrases else 0
        show_status(f"Exported {len(cards)} cards ({from_favourites} favourites, {len(cards) - from_favourites} "
                    f"UI labels met) to {path} "
                    f"(and a CSV copy, {csv_path_for(path).name}). In Anki: File › Import.")
    else:
        show_status(f"Wrote {path}, but it has no cards yet: star phrases or finish a walkthrough first.")
    return path
