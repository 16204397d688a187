"""Export for Anki from the Phrase book: ask where, write the file, say what was written.
The cards themselves come from `guide.core.study.export`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from guide.core.context import AppContext
from guide.core.study.export import collect_cards, csv_path_for, write_anki


def export_flashcards(parent: QWidget, context: AppContext, show_status: Callable[[str], None],
                      notice: Callable[[str], None], path: Path | None = None) -> Path | None:
    """Write the Anki file (asking where when `path` is None); returns the path written."""
    if path is None:
        suggested = str(Path.home() / "rednote-guide-flashcards.txt")
        chosen, _ = QFileDialog.getSaveFileName(parent, "Export for Anki", suggested,
                                                "Anki text file (*.txt);;Tab-separated (*.tsv);;All files (*)")
        if not chosen:
            return None
        path = Path(chosen)
    cards = collect_cards(context.pack, context.userdata.favourites(), context.userdata.completed())
    try:
        write_anki(cards, path)
    except OSError as exc:
        message = f"Could not export to {path}: {exc.strerror or exc}. Choose another folder."
        show_status(message)
        notice(message)
        return None
    if cards:
        show_status(f"Exported {len(cards)} cards to {path} (and a CSV copy, {csv_path_for(path).name}). "
                            "In Anki: File › Import.")
    else:
        show_status(f"Wrote {path}, but it has no cards yet: star phrases or finish a walkthrough first.")
    return path
