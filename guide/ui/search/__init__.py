"""The Ctrl+K search palette."""
