"""Translation pipeline: phrase book, cache, online engines, offline gloss."""
