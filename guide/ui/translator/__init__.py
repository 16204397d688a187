"""The Translator page: input, answer, word cards, settings, its worker."""
