"""The UI labels page."""
