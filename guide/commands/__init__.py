"""Handlers for the command-line sub-commands (kept out of cli.py so start-up stays light)."""
