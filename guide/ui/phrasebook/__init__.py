"""The Phrase book page: phrase list, practice, Anki export."""
