"""RedNote Guide: a desktop companion for English speakers new to 小红书 (RedNote)."""

__version__ = "0.1.0"
APP_NAME = "RedNote Guide"
