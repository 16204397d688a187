"""The window around the pages: start-up, main window, sidebar, notices, theme, keys, dialogs."""
