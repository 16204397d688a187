"""`python -m guide` behaves exactly like the `rednote-guide` command."""

import sys

from guide.program import run

sys.exit(run())
