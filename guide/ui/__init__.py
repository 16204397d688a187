"""Qt widgets. They hold no business logic: they call guide.core through services."""
