"""Export for Anki from the Phrase book: say what goes in (favourites, the cards kept to learn,
and the UI labels met in finished walkthroughs) and let the user choose, ask where (starting in the folder used
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
from guide.core.study.deck import Deck
from guide.core.study.export import NOTHING_YET, NothingToExport, collect_cards, csv_path_for, write_anki
from guide.ui.widgets.safe_text import plain_label

FILE_NAME = "rednote-guide-flashcards.txt"


class ExportChoiceDialog(QDialog):
    """What goes into the file: favourite phrases, kept cards, UI labels met, in any mix."""

    def __init__(self, favourites: int, labels: int, parent: QWidget | None = None, kept: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("ankiExportDialog")
        self.setWindowTitle("Export for Anki")
        layout = QVBoxLayout(self)
        intro = plain_label(f"The flashcards can hold your {favourites} favourite phrase{'s' if favourites != 1 else ''}, "
                            f"the {kept} card{'s' if kept != 1 else ''} you keep to learn (with where you met them) "
                            f"and the {labels} UI label{'s' if labels != 1 else ''} you met in the walkthroughs you "
                            "finished. Choose what to export:")
        intro.setWordWrap(True)
        intro.setMinimumWidth(420)
        layout.addWidget(intro)
        self.favourites = self._choice("exportFavourites", f"Favourite phrases ({favourites})", favourites)
        self.kept = self._choice("exportKept", f"Cards you keep to learn ({kept})", kept)
        self.labels = self._choice("exportLabels", f"UI labels from finished walkthroughs ({labels})", labels)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose file…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _choice(self, name: str, text: str, count: int) -> QCheckBox:
        box = QCheckBox(text)
        box.setObjectName(name)
        box.setChecked(count > 0)
        box.setEnabled(count > 0)
        box.toggled.connect(self._update)
        self.layout().addWidget(box)
        return box

    def choice(self) -> tuple[bool, bool, bool]:
        return self.favourites.isChecked(), self.labels.isChecked(), self.kept.isChecked()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(any(self.choice()))


def ask_what_to_export(parent: QWidget, favourites: int, labels: int, kept: int = 0) -> tuple[bool, bool, bool] | None:
    """(favourites, labels, kept cards) to include, or None when cancelled."""
    dialog = ExportChoiceDialog(favourites, labels, parent, kept)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


def ask_where(parent: QWidget, folder: str) -> Path | None:
    """The save dialog, opening in `folder` (the last one used) when it still exists."""
    start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    chosen, _ = QFileDialog.getSaveFileName(parent, "Export for Anki", str(start / FILE_NAME),
                                            "Anki text file (*.txt);;Tab-separated (*.tsv);;All files (*)")
    return Path(chosen) if chosen else None


def export_flashcards(parent: QWidget, context: AppContext, show_status: Callable[[str], None],
                      notice: Callable[[str], None], path: Path | None = None,
                      include: tuple[bool, ...] | None = None) -> Path | None:
    """Write the Anki file (asking what and where when `path` is None); returns the path written.
    `include` is (favourite phrases, labels met, kept cards; a part left out means yes); None
    means all of them, or the user's choice."""
    favourites = context.userdata.favourites()
    completed = context.userdata.completed()
    kept = Deck(context.userdata).cards()
    phrase_cards = collect_cards(context.pack, favourites, ())
    kept_cards = collect_cards(context.pack, favourites, (), kept)
    every_card = collect_cards(context.pack, favourites, completed, kept)
    labels = len(every_card) - len(kept_cards)
    if not every_card:  # asked for no file: an empty one looked like an export that lost the cards
        show_status(f"{NOTHING_YET[0].upper()}{NOTHING_YET[1:]}.")
        return None
    if path is None:
        if include is None and (labels or len(kept_cards) > len(phrase_cards)):
            include = ask_what_to_export(parent, len(phrase_cards), labels, len(kept_cards) - len(phrase_cards))
            if include is None:
                return None
        path = ask_where(parent, context.settings.last_export_folder)
        if path is None:
            return None
    with_phrases, with_labels, with_kept = (*(include or ()), True, True, True)[:3]
    cards = collect_cards(context.pack, favourites if with_phrases else (), completed if with_labels else (),
                          kept if with_kept else ())
    try:
        write_anki(cards, path)
    except NothingToExport:
        show_status(f"{NOTHING_YET[0].upper()}{NOTHING_YET[1:]}.")
        return None
    except OSError as exc:
        message = f"Could not export to {path}: {exc.strerror or exc}. Choose another folder."
        show_status(message)
        notice(message)
        return None
    context.settings.last_export_folder = str(path.parent)
    context.save_settings()
    count = {source: sum(1 for c in cards if c.source == source) for source in ("phrase", "kept", "label")}
    show_status(f"Exported {len(cards)} cards ({count['phrase']} favourites, {count['kept']} kept cards, "
                f"{count['label']} UI labels met) to {path} "
                f"(and a CSV copy, {csv_path_for(path).name}). In Anki: File › Import.")
    return path
