"""Tools for learning what the pack teaches: search across everything (pinyin with or
without tones), flashcard export and the practice round."""
