"""The content pack: its model, the safe YAML reader, the loader, the validator and the
helpers that turn step text into what the player shows. Reads files; never writes."""
