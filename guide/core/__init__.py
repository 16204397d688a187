"""Pure-Python core: content, search, translation and storage. Never imports Qt."""
