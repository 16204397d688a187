"""Exit codes of every command (a stable contract: DESIGN.md, "Command line").

Here rather than in cli.py so that commands never import the entry point that imports them."""

EXIT_OK = 0
EXIT_PROBLEMS = 1  # validate found errors
EXIT_USAGE = 2  # bad arguments, or (read) a bad image
EXIT_GLOSS_ONLY = 3  # translate: only the offline word gloss was possible
EXIT_NO_OCR = 4  # read: the [ocr] extra is not installed
