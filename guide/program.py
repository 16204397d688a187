"""The `rednote-guide` program (and `python -m guide`): the command line in guide/cli.py,
started with Python's cycle collector paused.

Start-up creates in ~50 batches objects that all live as long as the program (Qt's bindings,
the modules, the content), and checking each batch for reference cycles cost ~8 ms on the way
to the first screen. The window turns the collector back on once its content has painted
(`guide.ui.shell.app.collect_from_now_on`); a sub-command turns it on before it starts.
"""

from __future__ import annotations

import gc


def run() -> int:
    gc.disable()
    try:
        from guide.cli import main

        return main()
    finally:
        gc.enable()
