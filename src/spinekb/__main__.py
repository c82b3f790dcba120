"""``python -m spinekb``: the same as the ``spinekb`` command."""

import sys

from spinekb.cli import main

sys.exit(main())
