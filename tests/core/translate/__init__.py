"""Translator tests. A package so that its conftest does not shadow tests/conftest.py
(other test modules import helpers with `from helpers.packs import ...`)."""
