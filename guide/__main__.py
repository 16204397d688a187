"""`python -m guide` behaves exactly like the `rednote-guide` command."""

import sys

from guide.cli import main

sys.exit(main())
