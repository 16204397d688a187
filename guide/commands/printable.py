"""Text made safe to print to a terminal.

File names, pack text, OCR text and server answers reach the commands' output: an escape code
in any of them could retitle the terminal, write to its clipboard or hide what was printed.
`printable_output()` (around every command, in guide/cli.py) writes each character a terminal
would act on as a visible `\\uXXXX`, which also keeps JSON output valid and its data whole."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

# Terminal control: C0/C1 controls (ESC starts colour, title and clipboard sequences, CR
# overwrites a line) and bidirectional overrides that reorder what is shown.
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROL = dict.fromkeys(_CONTROLS, " ")
_ESCAPED = {code: f"\\u{code:04x}" for code in _CONTROLS if chr(code) not in "\n\t"}


def printable(text: str) -> str:
    """`text` on one line, without anything a terminal would act on (each such character,
    line breaks too, becomes a space)."""
    return text.translate(_CONTROL)


class PrintableStream:
    """Writes to `stream` with every terminal control but line breaks and tabs escaped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_ESCAPED))

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> object:  # flush, encoding, isatty, fileno …
        return getattr(self._stream, name)


@contextmanager
def printable_output() -> Iterator[None]:
    """Everything printed to stdout and stderr meanwhile (also warnings logged) is printable."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(out), PrintableStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
